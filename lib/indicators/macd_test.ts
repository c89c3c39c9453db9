import assert from "node:assert/strict";
import { macd } from "./macd.ts";
import { ema } from "./moving_average.ts";
import { closeTo, mulberry32 } from "./testing.ts";

Deno.test("macd - warm-up: line from index 25, signal and hist from 33 (12/26/9)", () => {
  const rand = mulberry32(1);
  const close = Float64Array.from({ length: 60 }, () => 100 + rand());
  const { macd: line, signal, hist } = macd(close);
  assert.ok(Number.isNaN(line[24]) && !Number.isNaN(line[25]));
  assert.ok(Number.isNaN(signal[32]) && !Number.isNaN(signal[33]));
  assert.ok(Number.isNaN(hist[32]) && !Number.isNaN(hist[33]));
});

Deno.test("macd - composed from the seeded EMAs, signal seeded with the SMA of the line", () => {
  const rand = mulberry32(2);
  const close = Float64Array.from({ length: 300 }, () => 100 + 5 * rand());
  const fast = ema(close, 12), slow = ema(close, 26);
  const line = Array.from(close, (_, i) => fast[i] - slow[i]);
  // signal by hand: SMA of line[25..33] at index 33, then α = 0.2
  const signal: number[] = Array(33).fill(NaN);
  let s = line.slice(25, 34).reduce((a, b) => a + b) / 9;
  signal.push(s);
  for (let i = 34; i < close.length; i++) signal.push(s = s + 0.2 * (line[i] - s));
  const out = macd(close);
  closeTo(out.macd, line, 1e-12);
  closeTo(out.signal, signal, 1e-12);
  closeTo(out.hist, line.map((x, i) => x - signal[i]), 1e-12);
});

Deno.test("macd - a linear trend gives a constant line (n_slow - n_fast)/2 · slope and zero hist", () => {
  const close = Float64Array.from({ length: 80 }, (_, i) => 100 + 2 * i);
  const out = macd(close);
  // the EMA of a line lags by (n-1)/2 bars once seeded with the SMA: gap = 2·(25 - 11)/2 = 14
  for (let i = 25; i < 80; i++) {
    assert.ok(Math.abs(out.macd[i] - 14) < 1e-9, `${i}: ${out.macd[i]}`);
  }
  for (let i = 33; i < 80; i++) assert.ok(Math.abs(out.hist[i]) < 1e-9);
  assert.throws(() => macd(close, { slow: 0 }), /macd: slow/);
});
