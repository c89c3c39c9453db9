import assert from "node:assert/strict";
import { rsi } from "./rsi.ts";
import { closeTo, mulberry32 } from "./testing.ts";

// Wilder's worked example as reproduced in StockCharts' RSI article (14 periods).
const WILDER = Float64Array.of(
  44.34,
  44.09,
  44.15,
  43.61,
  44.33,
  44.83,
  45.10,
  45.42,
  45.84,
  46.08,
  45.89,
  46.03,
  45.61,
  46.28,
  46.28,
  46.00,
  46.03,
  46.41,
  46.22,
  45.64,
  46.21,
  46.25,
  45.71,
  46.45,
  45.78,
  45.35,
  44.03,
  44.18,
  44.22,
  44.57,
  43.42,
  42.66,
  43.13,
);
// The published table, which rounds the intermediate averages to two decimals.
const PUBLISHED = [
  70.53,
  66.32,
  66.55,
  69.41,
  66.36,
  57.97,
  62.93,
  63.26,
  56.06,
  62.38,
  54.71,
  50.42,
  39.99,
  41.46,
  41.87,
  45.46,
  37.30,
  33.09,
  37.79,
];

Deno.test("rsi - hand-computed: period 2", () => {
  // changes +1, +1, -1: seed gains (1+1)/2 = 1, losses 0 → 100; then gain (1·1+0)/2, loss (0+1)/2 → 50
  closeTo(rsi(Float64Array.of(1, 2, 3, 2), 2), [NaN, NaN, 100, 50]);
  // changes -2, +1: seed gain 0.5, loss 1 → 100·0.5/1.5
  closeTo(rsi(Float64Array.of(5, 3, 4), 2), [NaN, NaN, 100 / 3]);
});

Deno.test("rsi - Wilder's example: first value from the raw changes, 3.34 gains vs 1.40 losses", () => {
  const out = rsi(WILDER, 14);
  for (let i = 0; i < 14; i++) assert.ok(Number.isNaN(out[i]));
  // gains over the first 14 changes sum to 3.34 and losses to 1.40 (checked by hand)
  assert.ok(Math.abs(out[14] - (100 * 3.34) / (3.34 + 1.40)) < 1e-9, `${out[14]}`);
  // every later value stays within 0.1 of the rounded published table
  PUBLISHED.forEach((p, j) => {
    assert.ok(Math.abs(out[14 + j] - p) < 0.1, `index ${14 + j}: ${out[14 + j]} vs ${p}`);
  });
});

Deno.test("rsi - flat is 50, only gains is 100, only losses is 0", () => {
  closeTo(rsi(Float64Array.of(5, 5, 5, 5), 2), [NaN, NaN, 50, 50]);
  closeTo(rsi(Float64Array.of(1, 2, 3, 4), 2), [NaN, NaN, 100, 100]);
  closeTo(rsi(Float64Array.of(4, 3, 2, 1), 2), [NaN, NaN, 0, 0]);
});

Deno.test("rsi - rounding never leaves [0, 100] (fast-check counterexample)", () => {
  // (100·loss)/loss rounds to 100.00000000000001 for this loss; 100·(loss/total) does not
  closeTo(rsi(Float64Array.of(1.3249687782572876, 0.01), 1), [NaN, 0], 0);
});

Deno.test("rsi - matches the 100 - 100/(1+RS) textbook recursion on random data", () => {
  const rand = mulberry32(17);
  const close = Float64Array.from({ length: 500 }, () => 50 + 10 * rand());
  const n = 14;
  const naive: number[] = [NaN];
  let g = 0, l = 0;
  for (let i = 1; i < close.length; i++) {
    const d = close[i] - close[i - 1];
    if (i <= n) {
      g += Math.max(d, 0) / n;
      l += Math.max(-d, 0) / n;
    } else {
      g = (g * 13 + Math.max(d, 0)) / 14;
      l = (l * 13 + Math.max(-d, 0)) / 14;
    }
    naive.push(i < n ? NaN : 100 - 100 / (1 + g / l));
  }
  closeTo(rsi(close, n), naive, 1e-9);
});

Deno.test("rsi - a NaN close poisons every later value; bad period throws", () => {
  const out = rsi(Float64Array.of(1, 2, 3, NaN, 5, 6), 2);
  assert.ok([3, 4, 5].every((i) => Number.isNaN(out[i])));
  assert.throws(() => rsi(new Float64Array(3), 0), /rsi: period/);
});
