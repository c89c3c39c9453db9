/**
 * Optimiser benchmark: the target is 10,000 SMA-crossover pairs (fast and slow each in
 * 2..101) on 10 years of daily bars in under 2 s in one browser tab. The browser runs the same
 * code on the same engine (V8) in a web worker.
 * @module
 */
import { type BenchTable, timeMedian } from "../bench/harness.ts";
import { businessDays, marketPath, stockBars } from "../data/synthetic.ts";
import { optimize, SearchSpec } from "./search.ts";
import { launchBrowser, startServer, waitForIslands } from "../../tests/e2e/helpers.ts";

/** The same grid in Chromium, in the optimiser's web worker, on 10 years of the sample QQQ. */
async function inBrowser(): Promise<BenchTable> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.goto(server.url + "/backtest");
    await waitForIslands(page);
    const out = await page.evaluate(async () => {
      const b = await fetch("/api/v1/bars/QQQ?from=2015-01-01&to=2024-12-31").then((r) => r.json());
      const symbols = [{
        symbol: "QQQ",
        ts: b.ts,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        volume: b.volume,
      }];
      const spec = {
        strategy: "sma_cross",
        space: { fast: { min: 2, max: 101 }, slow: { min: 2, max: 101 } },
        constraints: [{ metric: "trades", op: ">=", value: 30 }],
      };
      const w = new Worker("/static/build/optimize_worker.js", { type: "module" });
      const times: number[] = [];
      let trials = 0;
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        const r = await new Promise<{ type: string; result?: { trialsRun: number } }>((res) => {
          w.onmessage = (e) => {
            if (e.data.type === "result" || e.data.type === "error") res(e.data);
          };
          w.postMessage({ type: "search", id: k, symbols, spec });
        });
        times.push(performance.now() - t0);
        trials = r.result?.trialsRun ?? 0;
      }
      w.terminate();
      // the panel's parallel path: one shard per core, combined (DSR, PBO) in the first worker
      const n = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
      const pool = Array.from(
        { length: n },
        () => new Worker("/static/build/optimize_worker.js", { type: "module" }),
      );
      const parallel: number[] = [];
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        const parts = await Promise.all(
          pool.map((pw, i) =>
            new Promise<{ blocks: Float64Array }>((res) => {
              pw.onmessage = (e) => {
                if (e.data.type === "part" || e.data.type === "error") res(e.data.part);
              };
              pw.postMessage({
                type: "search",
                id: 100 + k,
                symbols,
                spec,
                shard: { index: i, count: n },
              });
            })
          ),
        );
        await new Promise((res) => {
          pool[0].onmessage = (e) => {
            if (e.data.type === "result" || e.data.type === "error") res(e.data);
          };
          pool[0].postMessage(
            { type: "combine", id: 100 + k, spec, parts },
            parts.map((p) => p.blocks.buffer),
          );
        });
        parallel.push(performance.now() - t0);
      }
      for (const pw of pool) pw.terminate();
      return { bars: b.ts.length as number, times, trials, parallel, n };
    });
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return {
      title:
        `In Chromium (web worker, postMessage to result): QQQ 2015-2024, ${out.bars} daily bars`,
      rows: [{
        name: "10,000-point grid + DSR + PBO",
        ms: med(out.times),
        note: `${out.trials} backtests; runs ${out.times.map((t) => t.toFixed(0)).join(", ")} ms`,
      }, {
        name: `same, ${out.n} workers (shards)`,
        ms: med(out.parallel),
        note: `runs ${out.parallel.map((t) => t.toFixed(0)).join(", ")} ms`,
      }],
      notes: ["target: under 2,000 ms in one browser tab"],
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export default async function (): Promise<BenchTable[]> {
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
  return [{
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
      {
        name: "DSR + PBO (16 blocks, difference)",
        ms: full - searchOnly,
        note: `${last.pbo.splits} splits${last.pbo.exact ? "" : " (sampled)"}`,
      },
      {
        name: "10,000 backtests (extrapolated)",
        ms: perRun * 10_000,
        note: "per-backtest time × 10,000",
      },
    ],
    notes: ["target: the 10,000-point grid under 2,000 ms"],
  }, await inBrowser()];
}
