import assert from "node:assert/strict";
import { highest, lowest, roc, rollingStd } from "./rolling.ts";
import { closeTo, mulberry32 } from "./testing.ts";

function naive(values: Float64Array, n: number, f: (w: number[]) => number): number[] {
  return Array.from(values, (_, i) => {
    if (i < n - 1) return NaN;
    const w = Array.from(values.slice(i - n + 1, i + 1));
    return w.some(Number.isNaN) ? NaN : f(w);
  });
}
const popStd = (w: number[]) => {
  const m = w.reduce((a, b) => a + b) / w.length;
  return Math.sqrt(w.reduce((a, x) => a + (x - m) ** 2, 0) / w.length);
};

Deno.test("rollingStd - population standard deviation of the textbook example is 2", () => {
  // mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, 32/8 = 4
  const out = rollingStd(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9), 8);
  closeTo(out, [NaN, NaN, NaN, NaN, NaN, NaN, NaN, 2]);
  closeTo(rollingStd(Float64Array.of(1, 3, 5), 2), [NaN, 1, 1]);
});

Deno.test("rollingStd - a constant series has zero deviation", () => {
  const out = rollingStd(new Float64Array(3000).fill(123.456), 20);
  for (let i = 19; i < out.length; i++) assert.ok(out[i] < 1e-10, `index ${i}: ${out[i]}`);
});

Deno.test("rollingStd - stays accurate for prices far from zero with small moves", () => {
  const rand = mulberry32(11);
  const values = Float64Array.from({ length: 5000 }, () => 1e6 + rand() * 0.01);
  values[2000] = NaN;
  closeTo(rollingStd(values, 20), naive(values, 20, popStd), 1e-12); // σ ≈ 0.003: relative error < 1e-9
});

Deno.test("rollingStd - matches the naive definition on random data", () => {
  const rand = mulberry32(5);
  const values = Float64Array.from({ length: 3000 }, () => 100 * rand());
  for (const n of [1, 2, 20, 1200]) closeTo(rollingStd(values, n), naive(values, n, popStd), 1e-9);
});

Deno.test("highest/lowest - hand-computed windows include the current bar", () => {
  closeTo(highest(Float64Array.of(1, 3, 2, 1), 2), [NaN, 3, 3, 2]);
  closeTo(lowest(Float64Array.of(3, 1, 2, 4), 2), [NaN, 1, 1, 2]);
  closeTo(highest(Float64Array.of(5, 4, 3, 2, 1), 3), [NaN, NaN, 5, 4, 3]);
  closeTo(lowest(Float64Array.of(1, 2, 3, 4, 5), 3), [NaN, NaN, 1, 2, 3]);
  closeTo(highest(Float64Array.of(2, 2, 2), 5), [NaN, NaN, NaN]);
});

Deno.test("highest/lowest - match the naive scan with ties and NaNs", () => {
  const rand = mulberry32(9);
  const values = Float64Array.from({ length: 2000 }, () => Math.floor(rand() * 20));
  values[100] = NaN;
  values[101] = NaN;
  for (const n of [1, 2, 5, 14, 300]) {
    closeTo(highest(values, n), naive(values, n, (w) => Math.max(...w)), 0, `max n=${n}`);
    closeTo(lowest(values, n), naive(values, n, (w) => Math.min(...w)), 0, `min n=${n}`);
  }
});

Deno.test("roc - percent change over n bars", () => {
  closeTo(roc(Float64Array.of(100, 105, 110), 1), [NaN, 5, 100 * (110 / 105 - 1)]);
  closeTo(roc(Float64Array.of(50, 60, 75), 2), [NaN, NaN, 50]);
});

Deno.test("rolling - reject bad periods", () => {
  assert.throws(() => rollingStd(new Float64Array(2), 0), /rollingStd: period/);
  assert.throws(() => highest(new Float64Array(2), -1), /highest: period/);
  assert.throws(() => lowest(new Float64Array(2), NaN), /lowest: period/);
  assert.throws(() => roc(new Float64Array(2), 1.5), /roc: period/);
});
