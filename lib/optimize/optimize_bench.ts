/**
 * Optimiser benchmark: the target is 10,000 SMA-crossover pairs (fast and slow each in
 * 2..101) on 10 years of daily bars in under 2 s in one browser tab. The browser runs the same
 * code on the same engine (V8) in a web worker.
 * @module
 */
import { type BenchTable, timeMedian } from "../bench/harness.ts";
import { businessDays, marketPath, stockBars } from "../data/synthetic.ts";
import { blockStatsOf, pboCscv } from "./pbo.ts";
import { optimize, SearchSpec } from "./search.ts";

export default function (): Promise<BenchTable[]> {
  const ts = businessDays("2015-01-01", "2024-12-31");
  const bars = stockBars(marketPath(ts, 7), {
    start: 100,
    beta: 1,
    alpha: 0.02,
    idioVol: 0.2,
    volume: 1e6,
    seed: 8,
  });
  const symbols = [{ symbol: "SYN", bars }];
  const grid = SearchSpec.parse({
    strategy: "sma_cross",
    space: { fast: { min: 2, max: 101 }, slow: { min: 2, max: 101 } },
    constraints: [{ metric: "trades", op: ">=", value: 30 }],
  });
  let last = optimize({ symbols }, grid);
  const full = timeMedian(() => (last = optimize({ symbols }, grid)), { runs: 3, warmup: 1 });
  const perRun = full / last.trialsRun;
  const noDiag = SearchSpec.parse({ ...grid, blocks: 2 });
  const searchOnly = timeMedian(() => optimize({ symbols }, noDiag), { runs: 3, warmup: 1 });
  const rets = last.trials.length;
  const stats = blockStatsOf(
    Array.from(
      { length: rets },
      (_, k) => Float64Array.from({ length: 2500 }, (_, i) => Math.sin(i * (k + 1))),
    ),
  );
  const pbo = timeMedian(() => pboCscv(stats), { runs: 3, warmup: 1 });
  return Promise.resolve([{
    title: `SMA crossover grid, fast × slow in 2..101 (10,000 points), ${bars.length} daily bars`,
    rows: [
      {
        name: "whole search + DSR + PBO",
        ms: full,
        note: `${last.trialsRun} backtests (fast < slow), ${last.invalid} rejected by the schema`,
      },
      {
        name: "search only (2-block PBO)",
        ms: searchOnly,
        note: `${(perRun * 1000).toFixed(0)} µs per backtest`,
      },
      { name: "PBO, 16 blocks", ms: pbo, note: `${rets} trials, ${last.pbo.splits} splits` },
      {
        name: "10,000 backtests (extrapolated)",
        ms: perRun * 10_000,
        note: "per-backtest time × 10,000",
      },
    ],
    notes: ["target: the 10,000-point grid under 2,000 ms"],
  }]);
}
