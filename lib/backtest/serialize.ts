/**
 * The JSON shape of a backtest result, shared by the CLI (`--json`) and the API: equity as rows,
 * times as unix ms. Serialise with lib/http/json.ts so NaN and Infinity become null.
 * @module
 */
import type { SymbolAlignment } from "./align.ts";
import type { BacktestResult, ResolvedOptions } from "./run.ts";
import type { Stats } from "./stats.ts";
import type { Trade } from "./types.ts";

/** One equity-curve row. */
export interface EquityRow {
  /** Bar time, unix ms. */
  time: number;
  equity: number;
  /** ≤ 0, percent below the running peak. */
  drawdownPct: number;
}

/** A result as plain JSON-ready data. */
export interface BacktestJson {
  strategy: string;
  params: Record<string, unknown>;
  symbols: string[];
  options: ResolvedOptions;
  /** Which event loop ran: the WASM kernel or the TypeScript engine (identical results). */
  engine: "wasm" | "ts";
  stats: Stats;
  trades: Trade[];
  equity: EquityRow[];
  /** Several symbols only: the alignment rule and the bars each symbol lost. */
  alignment?: SymbolAlignment;
}

/** Converts a result to {@link BacktestJson} (the columns become rows). */
export function resultToJson(result: BacktestResult): BacktestJson {
  const { ts, equity, drawdownPct } = result.equity;
  const rows: EquityRow[] = new Array(ts.length);
  for (let i = 0; i < ts.length; i++) {
    rows[i] = { time: ts[i], equity: equity[i], drawdownPct: drawdownPct[i] };
  }
  return {
    strategy: result.strategy,
    params: result.params,
    symbols: result.symbols,
    options: result.options,
    engine: result.engine,
    stats: result.stats,
    trades: result.trades,
    equity: rows,
    ...(result.alignment ? { alignment: result.alignment } : {}),
  };
}
