/**
 * Options maths (TypeScript references): Black-Scholes-Merton prices and Greeks, implied
 * volatility, American options by CRR tree. The same kernels run in WASM through
 * core-wasm/mod.ts; these modules are the specification they are tested against.
 * @module
 */
export * from "./normal.ts";
export * from "./bsm.ts";
export * from "./iv.ts";
export * from "./american.ts";
