import assert from "node:assert/strict";
import { stoch } from "./stoch.ts";
import { closeTo, mulberry32, randomBars } from "./testing.ts";

Deno.test("stoch - hand-computed slow %K and %D", () => {
  const high = Float64Array.of(10, 12, 11, 13, 12);
  const low = Float64Array.of(8, 9, 9, 10, 10);
  const close = Float64Array.of(9, 11, 10, 12, 11);
  // fast %K with k=2: bar1 HH 12 LL 8 → 75; bar2 HH 12 LL 9 → 33.33; bar3 HH 13 LL 9 → 75;
  // bar4 HH 13 LL 10 → 33.33. slow %K (2): [-, -, 54.17, 54.17, 54.17]; %D (2): from index 3
  const r = stoch(high, low, close, { k: 2, kSmooth: 2, d: 2 });
  const f = [75, 100 / 3, 75, 100 / 3];
  closeTo(r.k, [NaN, NaN, (f[0] + f[1]) / 2, (f[1] + f[2]) / 2, (f[2] + f[3]) / 2]);
  closeTo(r.d, [NaN, NaN, NaN, (f[0] + 2 * f[1] + f[2]) / 4, (f[1] + 2 * f[2] + f[3]) / 4]);
});

Deno.test("stoch - a zero range gives fast %K 0; warm-up 15 and 17 for 14/3/3", () => {
  const flat = new Float64Array(20).fill(3);
  const r = stoch(flat, flat, flat);
  assert.ok(Number.isNaN(r.k[14]) && r.k[15] === 0);
  assert.ok(Number.isNaN(r.d[16]) && r.d[17] === 0);
});

Deno.test("stoch - closing at the highest high gives exactly 100, at the lowest low exactly 0", () => {
  const rand = mulberry32(77);
  let px = 1;
  const high = Float64Array.from({ length: 300 }, () => (px += rand() * 0.37));
  const low = high.map((h) => h - 0.1 - rand());
  const lowest5 = low.map((l, i) => (i >= 4 ? Math.min(...low.slice(i - 4, i + 1)) : l));
  const top = stoch(high, low, high, { k: 5, kSmooth: 1, d: 1 }).k;
  const bottom = stoch(high, low, lowest5, { k: 5, kSmooth: 1, d: 1 }).k;
  for (let i = 4; i < 300; i++) {
    assert.equal(top[i], 100, `bar ${i}`);
    assert.equal(bottom[i], 0, `bar ${i}`);
  }
});

Deno.test("stoch - matches the naive definition on random bars, within [0, 100]", () => {
  const b = randomBars(400, 13);
  const fast = Array.from(b.close, (c, i) => {
    if (i < 13) return NaN;
    const hh = Math.max(...b.high.slice(i - 13, i + 1)),
      ll = Math.min(...b.low.slice(i - 13, i + 1));
    return 100 * (c - ll) / (hh - ll);
  });
  const avg = (xs: number[], i: number, n: number) =>
    i < n - 1 ? NaN : xs.slice(i - n + 1, i + 1).reduce((x, y) => x + y) / n;
  const k = fast.map((_, i) => avg(fast, i, 3));
  const d = k.map((_, i) => avg(k, i, 3));
  const r = stoch(b.high, b.low, b.close);
  closeTo(r.k, k, 1e-9);
  closeTo(r.d, d, 1e-9);
  for (let i = 15; i < b.length; i++) assert.ok(r.k[i] >= 0 && r.k[i] <= 100);
  assert.throws(() => stoch(b.high, b.low, b.close, { d: 0 }), /stoch: d/);
});
