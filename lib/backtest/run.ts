/**
 * `runBacktest`: the single entry point the CLI, the API, the optimizer and the backtest page
 * call. It resolves the strategy and options, evaluates the signals, runs the engine and
 * computes the stats.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { atr, sma } from "../indicators/mod.ts";
import { getStrategy, parseStrategyParams } from "../strategies/mod.ts";
import type { StrategyDefinition } from "../strategies/types.ts";
import { alignSymbols, alignTo, sameTimes, type SymbolAlignment } from "./align.ts";
import type { EngineSettings, PreparedSymbol } from "./engine.ts";
import { simulateAuto } from "./wasm_engine.ts";
import { IndicatorCache } from "./indicator_cache.ts";
import { computeStatsAndDrawdown, type Stats } from "./stats.ts";
import type { BacktestOptions, Direction, Sizing, SymbolBars, Trade } from "./types.ts";

/** What to backtest. */
export interface BacktestInput {
  /**
   * One or more symbols; several share one cash balance and are aligned to the intersection of
   * their bar times first (see {@link alignSymbols}).
   */
  symbols: readonly SymbolBars[];
  /** A built-in strategy name or a definition. */
  strategy: string | StrategyDefinition;
  /** Raw strategy parameters (validated by the strategy's schema; defaults filled in). */
  params?: Record<string, unknown>;
  /** Auxiliary series by symbol (e.g. `SPY`, `^VIX`), aligned to the bars without look-ahead. */
  aux?: Readonly<Record<string, BarSeries>>;
}

/** The equity curve: one entry per bar. */
export interface EquityCurve {
  /** Bar times, unix ms. */
  ts: Float64Array;
  /** Equity at each close (the last bar after finalisation). */
  equity: Float64Array;
  /** `(equity / running peak − 1) × 100`, ≤ 0. */
  drawdownPct: Float64Array;
}

/** Everything a run produces. */
export interface BacktestResult {
  strategy: string;
  /** The parameters after validation, defaults included. */
  params: Record<string, unknown>;
  symbols: string[];
  /** Options actually used (defaults filled in, callbacks dropped). */
  options: ResolvedOptions;
  stats: Stats;
  trades: Trade[];
  equity: EquityCurve;
  /** Per symbol: first bar with all indicators defined. */
  warmups: number[];
  /** Which event loop ran: the WASM kernel or the TypeScript engine. */
  engine: "wasm" | "ts";
  /**
   * Several symbols only: the alignment rule (`intersection` of bar times), the bars kept and
   * how many each symbol lost. Absent for single-symbol runs.
   */
  alignment?: SymbolAlignment;
}

/** {@link BacktestOptions} with defaults applied. */
export interface ResolvedOptions {
  cash: number;
  direction: Direction;
  sizing: Sizing;
  commissionPct: number;
  commissionPerShare: number;
  commissionPerOrder: number;
  slippageBps: number;
  slippageAtr: number;
  spreadBps: number;
  leverage: number;
  stopLossPct: number | null;
  takeProfitPct: number | null;
  trailingStopPct: number | null;
  trailingStopAtr: number | null;
  atrPeriod: number;
  finalizeTrades: boolean;
  riskFreeRatePct: number;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0) {
    throw new RangeError(`runBacktest: ${name} must be a finite number ≥ 0, was ${value}`);
  }
  return v;
}

function optionalPositive(name: string, value: number | undefined): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`runBacktest: ${name} must be a finite number > 0, was ${value}`);
  }
  return value;
}

/** Applies defaults and checks ranges; throws RangeError naming the option. */
export function resolveOptions(options: BacktestOptions = {}): ResolvedOptions {
  const cash = options.cash ?? 10_000;
  if (!Number.isFinite(cash) || cash <= 0) {
    throw new RangeError(`runBacktest: cash must be a finite number > 0, was ${options.cash}`);
  }
  const direction = options.direction ?? "long_short";
  if (!["long_short", "long_only", "short_only"].includes(direction)) {
    throw new RangeError(
      `runBacktest: direction must be long_short, long_only or short_only, was ${direction}`,
    );
  }
  const sizing = options.sizing ?? { kind: "all_in" };
  checkSizing(sizing);
  const leverage = options.leverage ?? 1;
  if (!Number.isFinite(leverage) || leverage < 1) {
    throw new RangeError(`runBacktest: leverage must be ≥ 1, was ${options.leverage}`);
  }
  const atrPeriod = options.atrPeriod ?? 14;
  if (!Number.isInteger(atrPeriod) || atrPeriod < 1) {
    throw new RangeError(
      `runBacktest: atrPeriod must be a positive integer, was ${options.atrPeriod}`,
    );
  }
  const stopLossPct = optionalPositive("stopLossPct", options.stopLossPct);
  if (stopLossPct !== null && stopLossPct >= 100) {
    throw new RangeError(`runBacktest: stopLossPct must be below 100, was ${stopLossPct}`);
  }
  const trailingStopPct = optionalPositive("trailingStopPct", options.trailingStopPct);
  if (trailingStopPct !== null && trailingStopPct >= 100) {
    throw new RangeError(`runBacktest: trailingStopPct must be below 100, was ${trailingStopPct}`);
  }
  return {
    cash,
    direction,
    sizing,
    commissionPct: nonNegative("commissionPct", options.commissionPct, 0),
    commissionPerShare: nonNegative("commissionPerShare", options.commissionPerShare, 0),
    commissionPerOrder: nonNegative("commissionPerOrder", options.commissionPerOrder, 0),
    slippageBps: nonNegative("slippageBps", options.slippageBps, 0),
    slippageAtr: nonNegative("slippageAtr", options.slippageAtr, 0),
    spreadBps: nonNegative("spreadBps", options.spreadBps, 0),
    leverage,
    stopLossPct,
    takeProfitPct: optionalPositive("takeProfitPct", options.takeProfitPct),
    trailingStopPct,
    trailingStopAtr: optionalPositive("trailingStopAtr", options.trailingStopAtr),
    atrPeriod,
    finalizeTrades: options.finalizeTrades ?? true,
    riskFreeRatePct: options.riskFreeRatePct ?? 0,
  };
}

function checkSizing(s: Sizing): void {
  const bad = (what: string) =>
    new RangeError(`runBacktest: sizing ${what}, was ${JSON.stringify(s)}`);
  switch (s?.kind) {
    case "all_in":
      return;
    case "units":
      if (!(Number.isFinite(s.units) && s.units >= 1)) throw bad("units must be ≥ 1");
      return;
    case "fraction":
      if (!(Number.isFinite(s.fraction) && s.fraction > 0)) throw bad("fraction must be > 0");
      return;
    case "risk":
      if (!(Number.isFinite(s.riskPct) && s.riskPct > 0 && s.riskPct <= 100)) {
        throw bad("riskPct must be in (0, 100]");
      }
      if (s.atrMult !== undefined && !(s.atrMult > 0)) throw bad("atrMult must be > 0");
      return;
    default:
      throw bad("kind must be all_in, units, fraction or risk");
  }
}

/**
 * Runs one backtest.
 *
 * Conventions (backtesting.py's where both have the feature): decisions at a bar's close fill
 * at the next bar's open; the strategy is first evaluated on the bar after its warm-up bar;
 * `finalizeTrades` closes what is still open at the last bar's open; no commission by default.
 * Several symbols are first aligned to the intersection of their bar times (`result.alignment`
 * reports the bars each lost; RangeError naming the symbols and their date ranges when none are
 * common). See lib/backtest/README.md for every rule and statistic.
 *
 * @example
 * ```ts
 * const result = runBacktest(
 *   { symbols: [{ symbol: "GOOG", bars }], strategy: "sma_cross", params: { fast: 10, slow: 20 } },
 *   { cash: 10_000, commissionPct: 0.2 },
 * );
 * result.stats.returnPct;
 * ```
 */
export function runBacktest(input: BacktestInput, options: BacktestOptions = {}): BacktestResult {
  const strategy = typeof input.strategy === "string"
    ? getStrategy(input.strategy)
    : input.strategy;
  const parsed = parseStrategyParams(strategy, input.params ?? {});
  if (!parsed.ok) throw new RangeError(`runBacktest: invalid parameters: ${parsed.message}`);
  const resolved = resolveOptions(options);
  if (!input.symbols || input.symbols.length === 0) {
    throw new RangeError("runBacktest: expected at least one symbol, was 0");
  }
  if (input.symbols[0].bars.length === 0) {
    throw new RangeError(`runBacktest: ${input.symbols[0].symbol} has no bars`);
  }
  // several symbols: keep the bar times all of them have (identical calendars pass unchanged)
  const aligned = input.symbols.length > 1 ? alignSymbols(input.symbols) : null;
  const symbols = aligned ? aligned.symbols : input.symbols;
  const first = symbols[0].bars;
  const cache = options.cache ?? new IndicatorCache();
  const aux: Record<string, BarSeries> = {};
  for (const [name, series] of Object.entries(input.aux ?? {})) {
    aux[name] = sameTimes(first.ts, series.ts) ? series : alignCached(cache, series, first.ts);
  }
  const prepared: PreparedSymbol[] = symbols.map(({ symbol, bars }) => {
    const signals = strategy.signals({ bars, aux, cache }, parsed.params);
    if (signals.flags.length !== bars.length) {
      throw new RangeError(
        `runBacktest: ${strategy.name} returned ${signals.flags.length} flags for ${bars.length} bars`,
      );
    }
    return {
      symbol,
      bars,
      signals,
      atr: atrColumn(bars, signals, resolved, cache),
      entryMask: options.regime ? regimeMask(bars, aux, options.regime, cache) : null,
    };
  });
  const settings = toEngineSettings(resolved, options);
  const sim = simulateAuto(options.kernel, prepared, settings);
  const warmups = prepared.map((p) => Math.min(p.signals.warmup, first.length - 1));
  const drawdown = new Float64Array(first.length);
  const stats = computeStatsAndDrawdown({
    ts: first.ts,
    equity: sim.equity,
    trades: sim.trades,
    closes: prepared.map((p) => p.bars.close),
    warmups,
    commissionsPaid: sim.commissionsPaid,
    riskFreeRatePct: resolved.riskFreeRatePct,
  }, drawdown);
  return {
    strategy: strategy.name,
    params: parsed.params,
    symbols: input.symbols.map((s) => s.symbol),
    options: resolved,
    stats,
    trades: sim.trades,
    equity: { ts: first.ts, equity: sim.equity, drawdownPct: drawdown },
    warmups,
    engine: sim.engine,
    ...(aligned ? { alignment: aligned.alignment } : {}),
  };
}

/**
 * The ATR column the engine uses for one symbol: the strategy's own (`signals.atr`), else, when
 * ATR slippage, an ATR trailing stop or risk sizing needs one, Wilder's ATR over
 * `resolved.atrPeriod` bars from `cache` (key `atr:<period>`), else null.
 */
export function atrColumn(
  bars: BarSeries,
  signals: { atr?: Float64Array },
  resolved: ResolvedOptions,
  cache: IndicatorCache,
): Float64Array | null {
  if (signals.atr) return signals.atr;
  const needed = resolved.slippageAtr > 0 || resolved.trailingStopAtr !== null ||
    resolved.sizing.kind === "risk";
  if (!needed) return null;
  return cache.get(
    bars,
    `atr:${resolved.atrPeriod}`,
    () => atr(bars.high, bars.low, bars.close, resolved.atrPeriod),
  );
}

/** Engine settings from options (defaults applied, ranges checked). */
export function resolveSettings(options: BacktestOptions = {}): EngineSettings {
  return toEngineSettings(resolveOptions(options), options);
}

/**
 * Engine settings from already resolved options: percentages and basis points become fractions
 * (commissionPct / 100, slippageBps and spreadBps / 10,000; stop, target and trailing-stop
 * percentages / 100, null → NaN = off); `onProgress` and `progressEvery` (default 100,000 bars)
 * come from `options`.
 */
export function toEngineSettings(
  resolved: ResolvedOptions,
  options: Pick<BacktestOptions, "onProgress" | "progressEvery">,
): EngineSettings {
  return {
    cash: resolved.cash,
    direction: resolved.direction,
    sizing: resolved.sizing,
    costs: {
      commissionRate: resolved.commissionPct / 100,
      commissionPerShare: resolved.commissionPerShare,
      commissionPerOrder: resolved.commissionPerOrder,
      slippageRate: resolved.slippageBps / 10_000,
      slippageAtr: resolved.slippageAtr,
      spreadRate: resolved.spreadBps / 10_000,
    },
    leverage: resolved.leverage,
    stopLoss: resolved.stopLossPct === null ? NaN : resolved.stopLossPct / 100,
    takeProfit: resolved.takeProfitPct === null ? NaN : resolved.takeProfitPct / 100,
    trailingStop: resolved.trailingStopPct === null ? NaN : resolved.trailingStopPct / 100,
    trailingStopAtr: resolved.trailingStopAtr ?? NaN,
    finalizeTrades: resolved.finalizeTrades,
    onProgress: options.onProgress,
    progressEvery: options.progressEvery ?? 100_000,
  };
}

function alignCached(cache: IndicatorCache, series: BarSeries, ts: Float64Array): BarSeries {
  const byTs = cache.get(series, `aligned_to`, () => new WeakMap<Float64Array, BarSeries>());
  let out = byTs.get(ts);
  if (!out) {
    out = alignTo(ts, series);
    byTs.set(ts, out);
  }
  return out;
}

/**
 * Entry mask from the regime filter: long/short entries allowed at bar i only when the
 * benchmark closes above its SMA (when set) and the volatility index is at or below its
 * maximum (when set). A missing aux value blocks entries.
 */
function regimeMask(
  bars: BarSeries,
  aux: Record<string, BarSeries>,
  regime: NonNullable<BacktestOptions["regime"]>,
  cache: IndicatorCache,
): Uint8Array {
  const n = bars.length;
  const mask = new Uint8Array(n).fill(1);
  if (regime.benchmark !== undefined) {
    const b = aux[regime.benchmark];
    if (!b) {
      throw new RangeError(`runBacktest: regime benchmark "${regime.benchmark}" is not in aux`);
    }
    const period = regime.benchmarkSma ?? 200;
    const avg = cache.get(b, `sma:${period}`, () => sma(b.close, period));
    for (let i = 0; i < n; i++) if (!(b.close[i] > avg[i])) mask[i] = 0;
  }
  if (regime.volatilityIndex !== undefined) {
    const v = aux[regime.volatilityIndex];
    if (!v) {
      throw new RangeError(
        `runBacktest: regime volatilityIndex "${regime.volatilityIndex}" is not in aux`,
      );
    }
    const max = regime.volatilityMax ?? Infinity;
    for (let i = 0; i < n; i++) if (!(v.close[i] <= max)) mask[i] = 0;
  }
  return mask;
}
