import assert from "node:assert/strict";
import { randomWalk } from "../lib/backtest/testing.ts";
import { optimize, SearchSpec } from "../lib/optimize/search.ts";
import { handle, type WorkerReply } from "./optimize_worker.ts";

const bars = randomWalk(500, 5);
const columns = {
  symbol: "X",
  ts: Array.from(bars.ts),
  open: Array.from(bars.open),
  high: Array.from(bars.high),
  low: Array.from(bars.low),
  close: Array.from(bars.close),
  volume: Array.from(bars.volume),
};
const spec = {
  strategy: "sma_cross",
  space: { fast: { min: 2, max: 20, step: 2 }, slow: { min: 10, max: 60, step: 10 } },
  objective: "sqn",
};

Deno.test("optimize worker - search: progress to the end, then the library's result as JSON", () => {
  const out: WorkerReply[] = [];
  handle({ type: "search", id: 7, symbols: [columns], spec }, (r) => out.push(r), 0);
  const progress = out.filter((r) => r.type === "progress");
  assert.ok(progress.length >= 1);
  assert.deepEqual(progress.at(-1), { type: "progress", id: 7, done: 60, total: 60 });
  const last = out.at(-1)!;
  assert.equal(last.type, "result");
  const lib = optimize({ symbols: [{ symbol: "X", bars }] }, SearchSpec.parse(spec));
  if (last.type !== "result" || last.result.kind !== "search") throw new Error("no result");
  assert.deepEqual(last.result.best!.point, lib.best!.point);
  assert.equal(last.result.pbo.pbo, lib.pbo.pbo);
});

Deno.test("optimize worker - walk-forward and bad requests", () => {
  const out: WorkerReply[] = [];
  handle(
    {
      type: "walkforward",
      id: 1,
      symbols: [columns],
      spec: { ...spec, inSampleBars: 200, outOfSampleBars: 100 },
    },
    (r) => out.push(r),
    0,
  );
  const last = out.at(-1)!;
  assert.ok(last.type === "result" && last.result.kind === "walkforward");
  assert.equal(last.result.windows.length, 3);
  const bad: WorkerReply[] = [];
  handle(
    { type: "search", id: 2, symbols: [columns], spec: { strategy: "sma_cross" } },
    (r) => bad.push(r),
  );
  assert.equal(bad[0].type, "error");
  assert.equal(bad[0].id, 2);
  handle({ type: "nope" }, (r) => bad.push(r));
  assert.equal(bad[1].type, "error");
});

Deno.test("optimize worker - shards and combine give the whole search's result", () => {
  const parts = [0, 1].map((index) => {
    const out: WorkerReply[] = [];
    handle(
      { type: "search", id: 3, symbols: [columns], spec, shard: { index, count: 2 } },
      (r) => out.push(r),
    );
    const last = out.at(-1)!;
    if (last.type !== "part") throw new Error(`expected a part, got ${last.type}`);
    return last.part;
  });
  const out: WorkerReply[] = [];
  handle({ type: "combine", id: 4, spec, parts }, (r) => out.push(r));
  const merged = out.at(-1)!;
  const whole: WorkerReply[] = [];
  handle({ type: "search", id: 5, symbols: [columns], spec }, (r) => whole.push(r));
  const w = whole.at(-1)!;
  if (merged.type !== "result" || w.type !== "result") throw new Error("no result");
  const strip = (r: typeof merged.result) => ({ ...r, durationMs: 0 });
  assert.deepEqual(strip(merged.result), strip(w.result));
});
