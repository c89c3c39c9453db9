/**
 * The backtester: {@link runBacktest} plus the engine, stats and option types. Conventions and
 * every statistic's definition are in README.md next to this file.
 * @module
 */
export {
  type BacktestInput,
  type BacktestResult,
  type EquityCurve,
  type ResolvedOptions,
  resolveOptions,
  resolveSettings,
  runBacktest,
} from "./run.ts";
export { type EngineSettings, type PreparedSymbol, simulate, type Simulation } from "./engine.ts";
export { computeStats, drawdownPct, geometricMean, periodsPerYear, type Stats } from "./stats.ts";
export { IndicatorCache } from "./indicator_cache.ts";
export { alignTo } from "./align.ts";
export * from "./types.ts";
export { type BacktestJson, type EquityRow, resultToJson } from "./serialize.ts";
