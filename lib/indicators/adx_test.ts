import assert from "node:assert/strict";
import { adx } from "./adx.ts";
import { closeTo, randomBars } from "./testing.ts";

Deno.test("adx - hand-computed with period 2", () => {
  const high = Float64Array.of(10, 11, 10.5, 12);
  const low = Float64Array.of(9, 9.5, 9, 10.5);
  const close = Float64Array.of(9.5, 10.5, 9.5, 11.5);
  // +DM = [-, 1, 0, 1.5], -DM = [-, 0, 0.5, 0], TR = [-, 1.5, 1.5, 2.5]
  // i=2: s(TR) 1.5, s(+DM) 0.5, s(-DM) 0.25 → +DI 100/3, -DI 50/3, DX 100/3
  // i=3: s(TR) 2, s(+DM) 1, s(-DM) 0.125 → +DI 50, -DI 6.25, DX 700/9; ADX = (100/3 + 700/9)/2
  const r = adx(high, low, close, 2);
  closeTo(r.plusDi, [NaN, NaN, 100 / 3, 50]);
  closeTo(r.minusDi, [NaN, NaN, 50 / 3, 6.25]);
  closeTo(r.adx, [NaN, NaN, NaN, 1000 / 18]);
});

Deno.test("adx - equal up and down moves count for neither; a flat market gives 0", () => {
  const r = adx(
    Float64Array.of(10, 11, 11),
    Float64Array.of(9, 8, 8),
    Float64Array.of(9.5, 9.5, 9.5),
    1,
  );
  // bar 1: up 1, down 1 → no DM; bar 2: no move
  closeTo(r.plusDi, [NaN, 0, 0]);
  closeTo(r.adx, [NaN, 0, 0]);
  const flat = new Float64Array(6).fill(5);
  closeTo(adx(flat, flat, flat, 2).adx, [NaN, NaN, NaN, 0, 0, 0]);
});

Deno.test("adx - matches Wilder's running-sum formulation on random bars", () => {
  const b = randomBars(800, 21);
  const n = 14;
  // Wilder's own bookkeeping: TR14 = TR14 - TR14/14 + TR (sums, not averages)
  let tr14 = 0, p14 = 0, m14 = 0, adxv = NaN;
  const dxs: number[] = [];
  const expAdx: number[] = [NaN], expP: number[] = [NaN];
  for (let i = 1; i < b.length; i++) {
    const up = b.high[i] - b.high[i - 1], down = b.low[i - 1] - b.low[i];
    const tr = Math.max(
      b.high[i] - b.low[i],
      Math.abs(b.high[i] - b.close[i - 1]),
      Math.abs(b.low[i] - b.close[i - 1]),
    );
    const pdm = up > down && up > 0 ? up : 0, mdm = down > up && down > 0 ? down : 0;
    if (i <= n) {
      tr14 += tr, p14 += pdm, m14 += mdm;
    } else {
      tr14 = tr14 - tr14 / n + tr, p14 = p14 - p14 / n + pdm, m14 = m14 - m14 / n + mdm;
    }
    if (i < n) {
      expAdx.push(NaN), expP.push(NaN);
      continue;
    }
    const pdi = 100 * p14 / tr14, mdi = 100 * m14 / tr14;
    dxs.push(100 * Math.abs(pdi - mdi) / (pdi + mdi));
    if (dxs.length === n) adxv = dxs.reduce((x, y) => x + y) / n;
    else if (dxs.length > n) adxv = (adxv * (n - 1) + dxs[dxs.length - 1]) / n;
    expAdx.push(adxv), expP.push(pdi);
  }
  const r = adx(b.high, b.low, b.close, n);
  closeTo(r.adx, expAdx, 1e-9);
  closeTo(r.plusDi, expP, 1e-9);
  assert.ok(Number.isNaN(r.adx[26]) && !Number.isNaN(r.adx[27]), "first ADX at 2n - 1 = 27");
});
