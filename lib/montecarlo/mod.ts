/**
 * Monte Carlo (TypeScript references): the seeded PRNG, numpy-linear quantiles by selection and
 * the path simulations with their statistics. core-wasm/mod.ts runs the same kernel in WASM.
 * @module
 */
export * from "./prng.ts";
export * from "./quantile.ts";
export * from "./simulate.ts";
export * from "./histogram.ts";
