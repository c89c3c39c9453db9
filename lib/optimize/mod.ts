/**
 * Parameter optimisation and its overfitting diagnostics: grid and random search
 * ({@link optimize}), walk-forward analysis ({@link walkForward}), the deflated Sharpe ratio
 * ({@link deflatedSharpe}) and the probability of backtest overfitting by CSCV ({@link pboCscv}).
 * Isomorphic: runs in Deno, in a web worker and in the queue job.
 * @module
 */
export * from "./dsr.ts";
export * from "./pbo.ts";
export * from "./metrics.ts";
export * from "./objective.ts";
export * from "./space.ts";
export * from "./runner.ts";
export * from "./search.ts";
export * from "./walkforward.ts";
