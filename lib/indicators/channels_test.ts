import assert from "node:assert/strict";
import { atr } from "./atr.ts";
import { donchian, keltner } from "./channels.ts";
import { ema } from "./moving_average.ts";
import { closeTo, randomBars } from "./testing.ts";

Deno.test("donchian - channel over bars i-n+1..i", () => {
  const r = donchian(Float64Array.of(3, 5, 4, 2), Float64Array.of(1, 2, 3, 1), 2);
  closeTo(r.upper, [NaN, 5, 5, 4]);
  closeTo(r.lower, [NaN, 1, 2, 1]);
  closeTo(r.middle, [NaN, 3, 3.5, 2.5]);
});

Deno.test("donchian - close never exceeds its own bar's upper band; breakouts use upper[i-1]", () => {
  const b = randomBars(500, 6);
  const { upper } = donchian(b.high, b.low, 20);
  let breakouts = 0;
  for (let i = 20; i < b.length; i++) {
    assert.ok(b.close[i] <= upper[i]);
    if (b.close[i] > upper[i - 1]) breakouts++;
  }
  assert.ok(breakouts > 0, "a random walk breaks out of the previous channel now and then");
});

Deno.test("keltner - EMA20 ± 2·ATR10 by default, first value at 19", () => {
  const b = randomBars(300, 12);
  const r = keltner(b.high, b.low, b.close);
  const mid = ema(b.close, 20), a = atr(b.high, b.low, b.close, 10);
  closeTo(r.middle, mid);
  closeTo(r.upper, Array.from(mid, (m, i) => m + 2 * a[i]), 1e-12);
  closeTo(r.lower, Array.from(mid, (m, i) => m - 2 * a[i]), 1e-12);
  assert.ok(Number.isNaN(r.upper[18]) && !Number.isNaN(r.upper[19]));
  const wide = keltner(b.high, b.low, b.close, { emaPeriod: 5, atrPeriod: 30, mult: 1 });
  assert.ok(Number.isNaN(wide.upper[29]) && !Number.isNaN(wide.upper[30]));
});
