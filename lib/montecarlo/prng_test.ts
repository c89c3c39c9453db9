import assert from "node:assert/strict";
import { seedState, Xoshiro128ss } from "./prng.ts";

Deno.test("seedState - splitmix64 from 0 starts with the reference output 0xe220a8397b1dcdaf", () => {
  const s = seedState(0);
  assert.equal(s[0], 0x7b1dcdaf);
  assert.equal(s[1], 0xe220a839);
  assert.throws(() => seedState(-1), /expected an integer seed/);
  assert.throws(() => seedState(1.5), RangeError);
});

Deno.test("Xoshiro128ss - reference stream from state [1, 2, 3, 4]", () => {
  // first two by hand: rotl(2 * 5, 7) * 9 = 11520; then s1 becomes 0
  const rng = new Xoshiro128ss(Uint32Array.of(1, 2, 3, 4));
  assert.deepEqual([rng.nextU32(), rng.nextU32(), rng.nextU32(), rng.nextU32()], [
    11520,
    0,
    5927040,
    70819200,
  ]);
  assert.throws(() => new Xoshiro128ss(new Uint32Array(4)), RangeError);
});

Deno.test("Xoshiro128ss - same seed, same stream; floats in [0, 1) with mean 1/2", () => {
  const a = new Xoshiro128ss(2024);
  const b = new Xoshiro128ss(2024);
  let sum = 0;
  for (let i = 0; i < 100_000; i++) {
    const x = a.nextFloat();
    assert.equal(x, b.nextFloat());
    assert.ok(x >= 0 && x < 1);
    sum += x;
  }
  assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.005);
});

Deno.test("Xoshiro128ss - nextInt is uniform (chi-square, 10 cells)", () => {
  const rng = new Xoshiro128ss(99);
  const counts = new Array(10).fill(0);
  const n = 100_000;
  for (let i = 0; i < n; i++) counts[rng.nextInt(10)]++;
  const chi2 = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
  assert.ok(chi2 < 27.9, `chi2 ${chi2}`); // 99.9th percentile with 9 degrees of freedom
  assert.equal(rng.nextInt(1), 0);
});

Deno.test("Xoshiro128ss - nextNormal has mean 0 and variance 1", () => {
  const rng = new Xoshiro128ss(5);
  const n = 100_000;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const z = rng.nextNormal();
    s1 += z;
    s2 += z * z;
  }
  assert.ok(Math.abs(s1 / n) < 0.015);
  assert.ok(Math.abs(s2 / n - 1) < 0.02);
});
