import assert from "node:assert/strict";
import { mulberry32, normals } from "../data/synthetic.ts";
import { blockBounds, blockStatsOf, pboCscv } from "./pbo.ts";

function noise(trials: number, t: number, seed: number, drift = (_k: number) => 0): Float64Array[] {
  const z = normals(mulberry32(seed));
  return Array.from(
    { length: trials },
    (_, k) => Float64Array.from({ length: t }, () => 0.01 * z() + drift(k)),
  );
}

Deno.test("blockBounds - contiguous blocks that cover every return", () => {
  assert.deepEqual([...blockBounds(10, 4)], [0, 2, 5, 7, 10]);
  assert.deepEqual([...blockBounds(16, 16)], Array.from({ length: 17 }, (_, i) => i));
});

Deno.test("pboCscv - two blocks, two trials, hand-computed: the in-sample winner always loses", () => {
  // trial A: good in block 0, bad in block 1; trial B the mirror image
  const a = [0.02, 0.01, 0.03, -0.02, -0.01, -0.03];
  const b = [-0.02, -0.01, -0.03, 0.02, 0.01, 0.03];
  const r = pboCscv(blockStatsOf([a, b], 2));
  assert.equal(r.splits, 2);
  assert.equal(r.exact, true);
  // ω = rank 1 of 2 / 3 → λ = ln(0.5) < 0 in both splits
  for (const l of r.logits) assert.ok(Math.abs(l - Math.log(0.5)) < 1e-15);
  assert.equal(r.pbo, 1);
  assert.equal(r.probOosLoss, 1);
  // and when one trial is better in both halves, the winner stays on top: λ = ln 2
  const c = [0.03, 0.02, 0.04, 0.01, 0.02, 0.03];
  const r2 = pboCscv(blockStatsOf([a, c], 2));
  assert.equal(r2.pbo, 0);
});

Deno.test("pboCscv - 16 blocks give C(16, 8) = 12870 splits", () => {
  const r = pboCscv(blockStatsOf(noise(5, 320, 1), 16));
  assert.equal(r.splits, 12870);
  assert.equal(r.exact, true);
  assert.equal(r.logits.length, 12870);
});

Deno.test("pboCscv - trials that are all the same noise process: PBO ≈ 0.5 on average", () => {
  // For one data set the splits share the data, so PBO varies widely between data sets
  // (sd ≈ 0.2); over 60 independent data sets its mean is 0.5 ± 0.03 (one standard error).
  let sum = 0;
  const sets = 60;
  for (let seed = 1; seed <= sets; seed++) {
    sum += pboCscv(blockStatsOf(noise(20, 320, seed), 16)).pbo;
  }
  const mean = sum / sets;
  assert.ok(Math.abs(mean - 0.5) < 0.08, `mean PBO ${mean}`);
});

Deno.test("pboCscv - one truly dominant strategy: PBO ≈ 0", () => {
  // trial 0 earns 0.3 standard deviations a period more than the others
  const r = pboCscv(blockStatsOf(noise(40, 800, 5, (k) => (k === 0 ? 0.003 : 0)), 16));
  assert.ok(r.pbo < 0.01, `PBO ${r.pbo}`);
  assert.ok(r.probOosLoss < 0.01);
});

Deno.test("pboCscv - sampled splits estimate the same probability", () => {
  const stats = blockStatsOf(noise(30, 640, 21), 16);
  const exact = pboCscv(stats);
  const sampled = pboCscv(stats, { maxEvaluations: 30 * 2000 });
  assert.equal(sampled.exact, false);
  assert.equal(sampled.splits, 4000);
  assert.ok(Math.abs(sampled.pbo - exact.pbo) < 0.05, `${sampled.pbo} vs ${exact.pbo}`);
});

Deno.test("pboCscv - fewer than two trials is undefined; odd block counts are rejected", () => {
  assert.ok(Number.isNaN(pboCscv(blockStatsOf(noise(1, 64, 1), 16)).pbo));
  assert.throws(() => pboCscv(blockStatsOf(noise(3, 64, 1), 15)), RangeError);
});
