import assert from "node:assert/strict";
import { ema, sma, wma } from "./moving_average.ts";
import { closeTo, mulberry32 } from "./testing.ts";

function naiveWindow(values: Float64Array, n: number, f: (w: number[]) => number): number[] {
  return Array.from(
    values,
    (_, i) => i < n - 1 ? NaN : f(Array.from(values.slice(i - n + 1, i + 1))),
  );
}

Deno.test("sma - hand-computed values and warm-up", () => {
  closeTo(sma(Float64Array.of(1, 2, 3, 4), 2), [NaN, 1.5, 2.5, 3.5]);
  closeTo(sma(Float64Array.of(2, 4, 6, 8, 10), 3), [NaN, NaN, 4, 6, 8]);
  closeTo(sma(Float64Array.of(5, 7), 1), [5, 7]);
  closeTo(sma(Float64Array.of(1, 2), 3), [NaN, NaN]);
});

Deno.test("sma - a NaN input only poisons the windows that contain it", () => {
  closeTo(sma(Float64Array.of(1, NaN, 3, 4, 5), 2), [NaN, NaN, NaN, 3.5, 4.5]);
});

Deno.test("sma - rejects a non-positive or fractional period", () => {
  assert.throws(() => sma(new Float64Array(3), 0), /sma: period must be a positive integer, was 0/);
  assert.throws(() => sma(new Float64Array(3), 2.5), RangeError);
});

Deno.test("sma - matches the naive definition on 3000 random values (past the resync point)", () => {
  const rand = mulberry32(42);
  const values = Float64Array.from({ length: 3000 }, () => 1000 + rand());
  for (const n of [1, 2, 7, 50, 1500]) {
    closeTo(sma(values, n), naiveWindow(values, n, (w) => w.reduce((a, b) => a + b) / n), 1e-12);
  }
});

Deno.test("wma - hand-computed values", () => {
  // weights 1,2,3: (1·1 + 2·2 + 3·3)/6 = 14/6, (2 + 6 + 12)/6 = 20/6
  closeTo(wma(Float64Array.of(1, 2, 3, 4), 3), [NaN, NaN, 14 / 6, 20 / 6]);
  closeTo(wma(Float64Array.of(10, 20), 2), [NaN, (10 + 40) / 3]);
});

Deno.test("wma - matches the naive definition and isolates NaNs", () => {
  const rand = mulberry32(7);
  const values = Float64Array.from({ length: 2500 }, () => 50 + 10 * rand());
  values[300] = NaN;
  for (const n of [1, 3, 20, 1100]) {
    const naive = naiveWindow(
      values,
      n,
      (w) => w.reduce((a, x, j) => a + (j + 1) * x, 0) / (n * (n + 1) / 2),
    );
    closeTo(wma(values, n), naive, 1e-12);
  }
});

Deno.test("ema - seeded with the SMA of the first n values, then α = 2/(n+1)", () => {
  // seed (1+2+3)/3 = 2 at index 2; α = 0.5: 2 + 0.5·(4-2) = 3, 3 + 0.5·(10-3) = 6.5
  closeTo(ema(Float64Array.of(1, 2, 3, 4, 10), 3), [NaN, NaN, 2, 3, 6.5]);
  closeTo(ema(Float64Array.of(4, 8), 1), [4, 8]);
});

Deno.test("ema - skips leading NaNs before seeding, propagates later ones", () => {
  closeTo(ema(Float64Array.of(NaN, NaN, 1, 2, 3, 4), 3), [NaN, NaN, NaN, NaN, 2, 3]);
  closeTo(ema(Float64Array.of(1, 2, 3, NaN, 5), 2), [NaN, 1.5, 2.5, NaN, NaN]);
});

Deno.test("ema - matches the textbook recursion on random data", () => {
  const rand = mulberry32(3);
  const values = Float64Array.from({ length: 400 }, () => 100 + rand());
  for (const n of [2, 12, 26]) {
    const a = 2 / (n + 1);
    const naive: number[] = [];
    let prev = NaN;
    for (let i = 0; i < values.length; i++) {
      if (i < n - 1) naive.push(NaN);
      else if (i === n - 1) naive.push(prev = values.slice(0, n).reduce((s, x) => s + x) / n);
      else naive.push(prev = a * values[i] + (1 - a) * prev);
    }
    closeTo(ema(values, n), naive, 1e-12);
  }
});
