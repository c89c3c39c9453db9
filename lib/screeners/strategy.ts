/**
 * Screeners as backtest strategies. A screener with entry, exit and stop rules becomes a
 * `StrategyDefinition` whose signal on bar i is the screener's own verdict on the bars up to i:
 * the same code decides in the scan and in the backtest, so a result row can be backtested on
 * its symbol in one click. Turtle and Darvas map to the backtester's `turtle` and
 * `darvas_breakout` strategies, which use the same lib/rules modules as their screeners.
 *
 * Cost: each bar re-runs the screener on a prefix view, so a backtest is O(bars²) indicator work
 * (about 0.1-0.5 s for ten years of daily bars); fine for one symbol, not for a sweep.
 * @module
 */
import type * as z from "zod";
import { ZodObject } from "zod";
import type { BarSeries } from "../domain/bar.ts";
import { ENTER_LONG, ENTER_SHORT, EXIT_LONG, EXIT_SHORT } from "../backtest/types.ts";
import type { StrategyDefinition, StrategySignals } from "../strategies/types.ts";
import { getScreener, SCREENERS } from "./mod.ts";
import type { AnyScreener } from "./types.ts";

/** The prefix bars[0..end) as views sharing the input's memory. */
export function prefix(bars: BarSeries, end: number): BarSeries {
  return {
    length: end,
    ts: bars.ts.subarray(0, end),
    open: bars.open.subarray(0, end),
    high: bars.high.subarray(0, end),
    low: bars.low.subarray(0, end),
    close: bars.close.subarray(0, end),
    volume: bars.volume.subarray(0, end),
  };
}

/** Whether a screener can be backtested: no chain or fundamentals, and not the market light. */
export function isBacktestable(def: AnyScreener): boolean {
  return def.category !== "market" && !def.needs.includes("chain") &&
    !def.needs.includes("fundamentals");
}

/** The backtest strategy name for a screener, or null when it has no trade rules. */
export function backtestStrategyName(screener: string): string | null {
  if (screener === "turtle") return "turtle";
  if (screener === "darvas") return "darvas_breakout";
  const def = getScreener(screener);
  return def && isBacktestable(def) ? `screener_${screener}` : null;
}

/**
 * A strategy that replays `def` bar by bar. Flags: buy (long) → ENTER_LONG and EXIT_SHORT;
 * sell (short) → ENTER_SHORT and EXIT_LONG; exit → EXIT_LONG. The row's stop and target become
 * the entry's stop-loss and take-profit prices. The benchmark is read from `aux[params.benchmark
 * ?? "SPY"]` and the VIX from `aux["^VIX"]`.
 */
export function screenerStrategy(def: AnyScreener): StrategyDefinition {
  // Strict like the other strategies' schemas: an unknown parameter is a mistake worth reporting.
  const schema: z.ZodType = def.params instanceof ZodObject ? def.params.strict() : def.params;
  return {
    name: `screener_${def.name}`,
    summary: `${def.title} (screener rules replayed bar by bar)`,
    params: schema,
    signals({ bars, aux }, params): StrategySignals {
      const n = bars.length;
      const flags = new Uint8Array(n);
      const stopPrice = new Float64Array(n).fill(NaN);
      const takeProfitPrice = new Float64Array(n).fill(NaN);
      const benchName = typeof params.benchmark === "string" ? params.benchmark : "SPY";
      const bench = aux[benchName];
      const vix = aux["^VIX"];
      let warmup = n;
      for (let i = 0; i < n; i++) {
        const input = {
          bars: prefix(bars, i + 1),
          benchmark: bench ? prefix(bench, i + 1) : undefined,
          vix: vix ? prefix(vix, i + 1) : undefined,
        };
        const row = def.run(input, params);
        if (row.signal === "not_evaluated") continue;
        if (warmup === n) warmup = i;
        let f = 0;
        if (row.signal === "buy" && row.direction !== "short") f |= ENTER_LONG | EXIT_SHORT;
        if (row.signal === "sell") f |= EXIT_LONG | (row.direction === "short" ? ENTER_SHORT : 0);
        if (row.signal === "exit") f |= EXIT_LONG;
        flags[i] = f;
        if (f & (ENTER_LONG | ENTER_SHORT)) {
          if (row.stop !== null) stopPrice[i] = row.stop;
          if (row.target !== null) takeProfitPrice[i] = row.target;
        }
      }
      return { flags, warmup: Math.min(warmup, n), stopPrice, takeProfitPrice };
    },
  };
}

/** Strategies for every backtestable screener except Turtle and Darvas (which have their own). */
export function screenerStrategies(): StrategyDefinition[] {
  return SCREENERS.filter((s) => isBacktestable(s) && s.name !== "turtle" && s.name !== "darvas")
    .map(screenerStrategy);
}
