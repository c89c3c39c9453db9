/**
 * Walk-forward analysis: optimise on an in-sample (IS) window, trade the chosen parameters on the
 * following out-of-sample (OOS) segment, move on, and stitch the OOS segments into one curve.
 *
 * Rules:
 * - Windows are counted in bars. Rolling: IS `[k·oos, k·oos + is)`; anchored: IS
 *   `[0, is + k·oos)`; OOS is the `oos` bars after the IS window (the last one may be shorter,
 *   at least 2 bars).
 * - Each OOS run starts `warmupBars` bars early (default: the IS length) so indicators are warm,
 *   but the strategy is first evaluated at the close of the last IS bar, so the first possible
 *   fill is the first OOS bar's open; the segment starts flat and closes what is open at its last
 *   bar's open (`finalizeTrades`).
 * - The OOS equity curve compounds each segment's bar returns, starting from the initial cash.
 * - Walk-forward efficiency (WFE) = annualised OOS return of the stitched curve / mean annualised
 *   IS return of the chosen parameters; per window, OOS / IS annualised return of that window.
 * @module
 */
import { z } from "zod";
import type { BarSeries } from "../domain/bar.ts";
import { runBacktest } from "../backtest/run.ts";
import { computeStats, type Stats } from "../backtest/stats.ts";
import type { SymbolBars, Trade } from "../backtest/types.ts";
import { getStrategy } from "../strategies/mod.ts";
import type { StrategyDefinition } from "../strategies/types.ts";
import type { DeflatedSharpe } from "./dsr.ts";
import { periodGrid, trialMetrics } from "./metrics.ts";
import { Search, SearchSpec } from "./search.ts";
import type { ParamValue } from "./space.ts";

/** A walk-forward request: a search spec plus the window layout. */
export const WalkForwardSpec = SearchSpec.extend({
  mode: z.enum(["rolling", "anchored"]).default("rolling"),
  inSampleBars: z.int().min(20),
  outOfSampleBars: z.int().min(2),
  /** Bars before each OOS segment used to warm indicators up (default: inSampleBars). */
  warmupBars: z.int().min(2).optional(),
});
export type WalkForwardSpec = z.infer<typeof WalkForwardSpec>;
export type WalkForwardSpecInput = z.input<typeof WalkForwardSpec>;

/** Bar ranges of one window (`[start, end)` indices). */
export interface WindowBounds {
  isStart: number;
  isEnd: number;
  oosStart: number;
  oosEnd: number;
}

/** One window's outcome. */
export interface WalkForwardWindow extends WindowBounds {
  index: number;
  /** Times of the first IS bar and the first/last OOS bar, unix ms. */
  isFrom: number;
  oosFrom: number;
  oosTo: number;
  /** Chosen parameters (null: no feasible trial in-sample; the segment stays flat). */
  best: Record<string, ParamValue> | null;
  isObjective: number;
  isReturnAnnPct: number;
  oosReturnPct: number;
  oosReturnAnnPct: number;
  /** OOS / IS annualised return of this window (NaN when IS ≤ 0). */
  efficiency: number;
  oosTrades: number;
  trialsRun: number;
  dsr: DeflatedSharpe | null;
  pbo: number;
}

/** Per-parameter summary of the chosen values across windows. */
export interface ParamStability {
  param: string;
  values: (ParamValue | null)[];
  /** Numeric parameters only (NaN otherwise). */
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Coefficient of variation std / |mean|. */
  cv: number;
  distinct: number;
  /** Most frequent value and the share of windows that chose it. */
  mode: ParamValue | null;
  modeShare: number;
}

/** The outcome of a walk-forward analysis. */
export interface WalkForwardResult {
  strategy: string;
  mode: "rolling" | "anchored";
  windows: WalkForwardWindow[];
  /** Stitched OOS equity, from the bar before the first OOS bar (= initial cash). */
  equity: { ts: Float64Array; equity: Float64Array };
  stats: Stats;
  /** OOS trades with bar indices into the full series. */
  trades: Trade[];
  /** Stitched annualised OOS return / mean annualised IS return. */
  efficiency: number;
  stability: ParamStability[];
  durationMs: number;
}

/** The window layout for `n` bars. */
export function walkForwardWindows(
  n: number,
  { mode, inSampleBars: is, outOfSampleBars: oos }: Pick<
    WalkForwardSpec,
    "mode" | "inSampleBars" | "outOfSampleBars"
  >,
): WindowBounds[] {
  const out: WindowBounds[] = [];
  for (let k = 0;; k++) {
    const isStart = mode === "rolling" ? k * oos : 0;
    const isEnd = (mode === "rolling" ? isStart : 0) + is + (mode === "anchored" ? k * oos : 0);
    if (isEnd + 2 > n) break;
    out.push({ isStart, isEnd, oosStart: isEnd, oosEnd: Math.min(n, isEnd + oos) });
  }
  return out;
}

function slice(bars: BarSeries, from: number, to: number): BarSeries {
  return {
    length: to - from,
    ts: bars.ts.subarray(from, to),
    open: bars.open.subarray(from, to),
    high: bars.high.subarray(from, to),
    low: bars.low.subarray(from, to),
    close: bars.close.subarray(from, to),
    volume: bars.volume.subarray(from, to),
  };
}

/** The strategy with evaluation held back until bar `firstDecision` (local index). */
function startingAt(s: StrategyDefinition, firstDecision: number): StrategyDefinition {
  return {
    ...s,
    signals(ctx, params) {
      const sig = s.signals(ctx, params);
      return { ...sig, warmup: Math.max(sig.warmup, firstDecision - 1) };
    },
  };
}

/**
 * Runs the analysis as a generator that yields `[done, total]` trial counts after each chunk,
 * so callers decide how to wait; see {@link walkForward} and {@link walkForwardAsync}.
 */
export function* walkForwardSteps(
  symbols: readonly SymbolBars[],
  spec: WalkForwardSpec,
  chunk = 250,
): Generator<[number, number], WalkForwardResult> {
  const t0 = performance.now();
  const bars0 = symbols[0]?.bars;
  if (!bars0) throw new RangeError("walkForward: expected at least one symbol, was 0");
  const n = bars0.length;
  const layout = walkForwardWindows(n, spec);
  if (layout.length === 0) {
    throw new RangeError(
      `walkForward: ${n} bars are too few for ${spec.inSampleBars} in-sample + 2 out-of-sample bars`,
    );
  }
  const strategy = getStrategy(spec.strategy);
  const warm = spec.warmupBars ?? spec.inSampleBars;
  const searches = layout.map((w) =>
    new Search(
      { symbols: symbols.map((s) => ({ ...s, bars: slice(s.bars, w.isStart, w.isEnd) })) },
      spec,
    )
  );
  const total = searches.reduce((a, s) => a + s.total, 0);
  let done = 0;
  const cash = spec.options.cash ?? 10_000;
  const firstOos = layout[0].oosStart;
  const lastOos = layout[layout.length - 1].oosEnd;
  const eq = new Float64Array(lastOos - firstOos + 1);
  eq[0] = cash;
  let level = cash;
  const trades: Trade[] = [];
  let commissions = 0;
  const windows: WalkForwardWindow[] = [];

  for (let k = 0; k < layout.length; k++) {
    const w = layout[k];
    const search = searches[k];
    while (!search.step(chunk)) yield [done + search.done, total];
    done += search.total;
    yield [done, total];
    const res = search.result();
    const from = Math.max(0, w.oosStart - warm);
    const local = w.oosStart - from;
    let segment: Float64Array;
    let segTrades: Trade[] = [];
    if (res.best && local >= 2) {
      const r = runBacktest({
        symbols: symbols.map((s) => ({ ...s, bars: slice(s.bars, from, w.oosEnd) })),
        strategy: startingAt(strategy, local - 1),
        params: { ...spec.fixed, ...res.best.point },
      }, spec.options);
      segment = r.equity.equity.subarray(local - 1);
      segTrades = r.trades.map((t) => ({
        ...t,
        entryBar: t.entryBar + from,
        exitBar: t.exitBar + from,
      }));
      commissions += r.stats.commissionsPaid;
    } else {
      segment = new Float64Array(w.oosEnd - w.oosStart + 1).fill(cash);
    }
    for (let i = 1; i < segment.length; i++) {
      level *= segment[i] / segment[i - 1];
      eq[w.oosStart - firstOos + i] = level;
    }
    trades.push(...segTrades);
    const oosTs = bars0.ts.subarray(w.oosStart - 1, w.oosEnd);
    const oosM = trialMetrics(periodGrid(oosTs), segment, segTrades);
    const isAnn = res.best?.metrics.returnAnnPct ?? NaN;
    windows.push({
      ...w,
      index: k,
      isFrom: bars0.ts[w.isStart],
      oosFrom: bars0.ts[w.oosStart],
      oosTo: bars0.ts[w.oosEnd - 1],
      best: res.best?.point ?? null,
      isObjective: res.best?.objective ?? NaN,
      isReturnAnnPct: isAnn,
      oosReturnPct: oosM.returnPct,
      oosReturnAnnPct: oosM.returnAnnPct,
      efficiency: isAnn > 0 ? oosM.returnAnnPct / isAnn : NaN,
      oosTrades: segTrades.length,
      trialsRun: res.trialsRun,
      dsr: res.dsr,
      pbo: res.pbo.pbo,
    });
  }
  const ts = bars0.ts.slice(firstOos - 1, lastOos);
  const stats = computeStats({
    ts,
    equity: eq,
    trades,
    closes: symbols.map((s) => s.bars.close.subarray(firstOos - 1, lastOos)),
    warmups: symbols.map(() => 0),
    commissionsPaid: commissions,
    riskFreeRatePct: spec.options.riskFreeRatePct,
  });
  const isAnns = windows.map((w) => w.isReturnAnnPct).filter(Number.isFinite);
  const meanIs = isAnns.reduce((a, b) => a + b, 0) / isAnns.length;
  return {
    strategy: strategy.name,
    mode: spec.mode,
    windows,
    equity: { ts, equity: eq },
    stats,
    trades,
    efficiency: meanIs > 0 ? stats.returnAnnPct / meanIs : NaN,
    stability: paramStability(Object.keys(spec.space), windows),
    durationMs: performance.now() - t0,
  };
}

/** Summarises the chosen values of each parameter across windows. */
export function paramStability(
  names: readonly string[],
  windows: readonly Pick<WalkForwardWindow, "best">[],
): ParamStability[] {
  return names.map((param) => {
    const values = windows.map((w) => w.best?.[param] ?? null);
    const chosen = values.filter((v): v is ParamValue => v !== null);
    const nums = chosen.filter((v): v is number => typeof v === "number");
    const numeric = nums.length === chosen.length && nums.length > 0;
    const mean = numeric ? nums.reduce((a, b) => a + b, 0) / nums.length : NaN;
    const std = numeric && nums.length > 1
      ? Math.sqrt(nums.reduce((a, b) => a + (b - mean) ** 2, 0) / (nums.length - 1))
      : numeric
      ? 0
      : NaN;
    const counts = new Map<ParamValue, number>();
    for (const v of chosen) counts.set(v, (counts.get(v) ?? 0) + 1);
    let mode: ParamValue | null = null, best = 0;
    for (const [v, c] of counts) {
      if (c > best) {
        best = c;
        mode = v;
      }
    }
    return {
      param,
      values,
      mean,
      std,
      min: numeric ? Math.min(...nums) : NaN,
      max: numeric ? Math.max(...nums) : NaN,
      cv: numeric && mean !== 0 ? std / Math.abs(mean) : NaN,
      distinct: counts.size,
      mode,
      modeShare: windows.length ? best / windows.length : NaN,
    };
  });
}

/** Runs a walk-forward analysis synchronously. */
export function walkForward(
  symbols: readonly SymbolBars[],
  spec: WalkForwardSpec,
  onProgress?: (done: number, total: number) => void,
): WalkForwardResult {
  const it = walkForwardSteps(symbols, spec);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    onProgress?.(r.value[0], r.value[1]);
  }
}

/** As {@link walkForward}, yielding to the event loop between chunks. */
export async function walkForwardAsync(
  symbols: readonly SymbolBars[],
  spec: WalkForwardSpec,
  { onProgress, signal }: {
    onProgress?: (done: number, total: number) => void | Promise<void>;
    signal?: AbortSignal;
  } = {},
): Promise<WalkForwardResult> {
  const it = walkForwardSteps(symbols, spec);
  for (;;) {
    signal?.throwIfAborted();
    const r = it.next();
    if (r.done) return r.value;
    await onProgress?.(r.value[0], r.value[1]);
    await new Promise((res) => setTimeout(res, 0));
  }
}
