import assert from "node:assert/strict";
import { runBacktest } from "../backtest/run.ts";
import { randomWalk } from "../backtest/testing.ts";
import { parseConstraint } from "./objective.ts";
import {
  combineSearch,
  objectiveHeatmap,
  optimize,
  optimizeAsync,
  Search,
  SearchSpec,
} from "./search.ts";
import { axisValues, gridPoint, gridSize, searchIndices } from "./space.ts";

const bars = randomWalk(600, 17);
const symbols = [{ symbol: "X", bars }];

Deno.test("space - ranges, value lists, grid order and seeded random subsets", () => {
  assert.deepEqual(axisValues({ min: 2, max: 10, step: 4 }), [2, 6, 10]);
  assert.deepEqual(axisValues({ min: 0.1, max: 0.5, step: 0.1 }), [0.1, 0.2, 0.3, 0.4, 0.5]);
  assert.deepEqual(axisValues({ values: ["a", "b"] }), ["a", "b"]);
  assert.equal(gridSize({ a: { min: 1, max: 3 }, b: { values: [1, 2] } }), 6);
  assert.deepEqual(gridPoint(["a", "b"], [[1, 2, 3], [10, 20]], 3), { a: 2, b: 20 });
  const r = searchIndices(100, "random", 10, 7);
  assert.equal(new Set(r).size, 10);
  assert.deepEqual(r, searchIndices(100, "random", 10, 7));
  assert.notDeepEqual(r, searchIndices(100, "random", 10, 8));
  assert.equal(searchIndices(5, "random", 10).length, 5);
});

Deno.test("parseConstraint - metric, operator and value, with readable errors", () => {
  assert.deepEqual(parseConstraint("maxDrawdownPct>=-25"), {
    ok: true,
    constraint: { metric: "maxDrawdownPct", op: ">=", value: -25 },
  });
  assert.deepEqual(parseConstraint(" trades >= 30 ").ok, true);
  const bad = parseConstraint("drawdown>=-25");
  assert.equal(bad.ok, false);
  assert.match((bad as { message: string }).message, /unknown metric "drawdown"/);
  assert.equal(parseConstraint("trades=30").ok, false);
});

Deno.test("optimize - grid search ranks exactly as a brute-force loop over runBacktest", () => {
  const spec = SearchSpec.parse({
    strategy: "sma_cross",
    space: { fast: { min: 4, max: 20, step: 4 }, slow: { min: 10, max: 40, step: 10 } },
    objective: "sharpe",
    constraints: [{ metric: "trades", op: ">=", value: 5 }],
    options: { commissionPct: 0.1 },
  });
  const r = optimize({ symbols }, spec);
  assert.equal(r.points, 20);
  // fast < slow rules out (12,10), (16,10), (20,10) and (20,20)
  assert.equal(r.trialsRun + r.invalid, 20);
  assert.equal(r.invalid, 4);
  assert.match(r.invalidExample!, /fast must be below slow/);
  const brute: { fast: number; slow: number; sharpe: number; trades: number }[] = [];
  for (const fast of [4, 8, 12, 16, 20]) {
    for (const slow of [10, 20, 30, 40]) {
      if (fast >= slow) continue;
      const b = runBacktest({ symbols, strategy: "sma_cross", params: { fast, slow } }, {
        commissionPct: 0.1,
      });
      brute.push({ fast, slow, sharpe: b.stats.sharpe, trades: b.stats.trades });
    }
  }
  const ok = brute.filter((b) => b.trades >= 5 && !Number.isNaN(b.sharpe))
    .sort((a, b) => b.sharpe - a.sharpe);
  assert.equal(r.feasible, brute.filter((b) => b.trades >= 5).length);
  assert.deepEqual(r.best!.point, { fast: ok[0].fast, slow: ok[0].slow });
  assert.equal(r.best!.objective, ok[0].sharpe);
  assert.deepEqual(r.top.map((t) => t.objective), ok.map((b) => b.sharpe).slice(0, 20));
  // diagnostics cover every trial
  assert.equal(r.dsr!.trials, r.trialsRun);
  assert.ok(r.dsr!.dsr >= 0 && r.dsr!.dsr <= 1);
  assert.equal(r.pbo.trials, r.trialsRun);
  assert.equal(r.pbo.splits, 12870);
});

Deno.test("optimize - constraints nobody meets leave no best trial", () => {
  const r = optimize(
    { symbols },
    SearchSpec.parse({
      strategy: "sma_cross",
      space: { fast: { values: [5, 10] }, slow: { values: [30] } },
      constraints: [{ metric: "trades", op: ">=", value: 10_000 }],
    }),
  );
  assert.equal(r.feasible, 0);
  assert.equal(r.best, null);
  assert.equal(r.dsr, null);
});

Deno.test("Search - incremental steps, progress and random search reproducibility", async () => {
  const spec = SearchSpec.parse({
    strategy: "sma_cross",
    space: { fast: { min: 2, max: 30 }, slow: { min: 31, max: 60 } },
    method: "random",
    samples: 40,
    seed: 3,
  });
  const s = new Search({ symbols }, spec);
  assert.equal(s.total, 40);
  assert.equal(s.step(15), false);
  assert.equal(s.done, 15);
  const a = s.result();
  const progress: number[] = [];
  const b = await optimizeAsync({ symbols }, spec, {
    every: 10,
    onProgress: (d) => void progress.push(d),
  });
  assert.deepEqual(progress, [10, 20, 30, 40]);
  assert.deepEqual(a.trials.map((t) => t.point), b.trials.map((t) => t.point));
  assert.equal(a.trialsRun, 40);
});

Deno.test("objectiveHeatmap - best feasible objective per cell, null where nothing ran", () => {
  const r = optimize(
    { symbols },
    SearchSpec.parse({
      strategy: "sma_cross",
      space: { fast: { values: [5, 20] }, slow: { values: [10, 30] } },
    }),
  );
  const h = objectiveHeatmap(r, "fast", "slow");
  assert.deepEqual(h.xs, [5, 20]);
  assert.deepEqual(h.ys, [10, 30]);
  assert.equal(h.z[0][1], null); // fast 20, slow 10 is invalid
  const t = r.trials.find((t) => t.point.fast === 5 && t.point.slow === 30)!;
  assert.equal(h.z[1][0], t.objective);
});

Deno.test("combineSearch - shards over several workers give the same result as one search", () => {
  const spec = SearchSpec.parse({
    strategy: "sma_cross",
    space: { fast: { min: 2, max: 30, step: 2 }, slow: { min: 10, max: 60, step: 10 } },
    constraints: [{ metric: "trades", op: ">=", value: 3 }],
  });
  const whole = optimize({ symbols }, spec);
  for (const count of [2, 3]) {
    const parts = Array.from(
      { length: count },
      (_, index) => new Search({ symbols }, spec, { index, count }).part(),
    );
    assert.equal(parts.reduce((a, p) => a + p.points, 0), whole.points);
    const merged = combineSearch(spec, parts);
    assert.deepEqual(merged.trials, whole.trials);
    assert.deepEqual(merged.top, whole.top);
    assert.equal(merged.invalid, whole.invalid);
    assert.deepEqual(merged.dsr, whole.dsr);
    assert.deepEqual(merged.pbo, whole.pbo);
  }
  assert.throws(() => new Search({ symbols }, spec, { index: 2, count: 2 }), RangeError);
});
