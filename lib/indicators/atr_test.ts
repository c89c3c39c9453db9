import assert from "node:assert/strict";
import { atr, trueRange } from "./atr.ts";
import { closeTo, randomBars } from "./testing.ts";

Deno.test("trueRange - uses the previous close when it widens the range", () => {
  const high = Float64Array.of(10, 12, 13, 12, 9);
  const low = Float64Array.of(9, 11, 11, 10, 8);
  const close = Float64Array.of(9.5, 11.5, 12, 11, 8.5);
  // bar 1 gaps up (12 - 9.5), bar 4 gaps down (11 - 8)
  closeTo(trueRange(high, low, close), [1, 2.5, 2, 2, 3]);
});

Deno.test("atr - hand-computed: seeded with the mean of TR[1..n], first at index n", () => {
  const high = Float64Array.of(10, 12, 13, 12, 9);
  const low = Float64Array.of(9, 11, 11, 10, 8);
  const close = Float64Array.of(9.5, 11.5, 12, 11, 8.5);
  // TR = [1, 2.5, 2, 2, 3]; seed (2.5 + 2)/2 = 2.25; (2.25 + 2)/2 = 2.125; (2.125 + 3)/2 = 2.5625
  closeTo(atr(high, low, close, 2), [NaN, NaN, 2.25, 2.125, 2.5625]);
  // period 3: seed (2.5 + 2 + 2)/3, then (x·2 + 3)/3
  const seed = 6.5 / 3;
  closeTo(atr(high, low, close, 3), [NaN, NaN, NaN, seed, (seed * 2 + 3) / 3]);
});

Deno.test("atr - matches a textbook Wilder recursion on random bars", () => {
  const b = randomBars(600, 8);
  const tr = Array.from(b.close, (_, i) =>
    i === 0 ? b.high[0] - b.low[0] : Math.max(
      b.high[i] - b.low[i],
      Math.abs(b.high[i] - b.close[i - 1]),
      Math.abs(b.low[i] - b.close[i - 1]),
    ));
  const naive: number[] = [];
  let a = NaN;
  for (let i = 0; i < tr.length; i++) {
    if (i === 14) a = tr.slice(1, 15).reduce((x, y) => x + y) / 14;
    else if (i > 14) a = a + (tr[i] - a) / 14;
    naive.push(i < 14 ? NaN : a);
  }
  closeTo(atr(b.high, b.low, b.close), naive, 1e-12);
});

Deno.test("atr - short input, mismatched lengths and bad period", () => {
  closeTo(atr(Float64Array.of(2, 3), Float64Array.of(1, 2), Float64Array.of(1.5, 2.5), 2), [
    NaN,
    NaN,
  ]);
  closeTo(atr(new Float64Array(0), new Float64Array(0), new Float64Array(0)), []);
  assert.throws(
    () => atr(new Float64Array(3), new Float64Array(2), new Float64Array(3)),
    /atr: all columns/,
  );
  assert.throws(
    () => atr(new Float64Array(3), new Float64Array(3), new Float64Array(3), 0),
    /atr: period/,
  );
});
