// The single core.wasm module: re-exports one file per concept. Add a concept by
// writing assembly/<concept>.ts and listing it here; reuse memory.ts for the arena.
export * from "./memory";
export * from "./normal";
export * from "./options";
export * from "./iv";
export * from "./american";
export * from "./prng";
export * from "./montecarlo";
export * from "./backtest";
