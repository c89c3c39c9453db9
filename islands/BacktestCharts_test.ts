import assert from "node:assert/strict";
import { fmtNumber, tickDecimals, tickLabels, withAlpha } from "./BacktestCharts.ts";

Deno.test("tickDecimals - enough decimals for the tick step, none for whole steps", () => {
  assert.equal(tickDecimals(200), 0);
  assert.equal(tickDecimals(1), 0);
  assert.equal(tickDecimals(0.5), 1);
  assert.equal(tickDecimals(0.25), 2);
  assert.equal(tickDecimals(0.1), 1);
  assert.equal(tickDecimals(0.30000000000000004), 1);
  assert.equal(tickDecimals(0.002), 3);
  assert.equal(tickDecimals(0), 0);
});

Deno.test("tickLabels - one decimal count for every tick, separators, no -0", () => {
  // the candle chart once showed "0.000", "200.0", "800.0"
  assert.deepEqual(tickLabels([0, 200, 400, 600, 800], 200), ["0", "200", "400", "600", "800"]);
  assert.deepEqual(tickLabels([0.5, 0.75, 1], 0.25), ["0.50", "0.75", "1.00"]);
  assert.deepEqual(tickLabels([-0.1 + 0.1 - 1e-17, 10000], 5000, "%"), ["0%", "10,000%"]);
});

Deno.test("withAlpha - theme hex and rgb colours with an opacity", () => {
  assert.equal(withAlpha("#c81e1e", 0.5), "rgba(200,30,30,0.5)");
  assert.equal(withAlpha(" #fff ", 0.1), "rgba(255,255,255,0.1)");
  assert.equal(withAlpha("rgb(46, 167, 111)", 0.8), "rgba(46,167,111,0.8)");
  assert.equal(withAlpha("hsl(0 50% 50%)", 0.8), "hsl(0 50% 50%)");
});

Deno.test("fmtNumber - thousands separators and fixed decimals; en dash for missing", () => {
  assert.equal(fmtNumber(27595.4, 0), "27,595");
  assert.equal(fmtNumber(17634.25, 1), "17,634.3");
  assert.equal(fmtNumber(-0.0001, 2), "0.00");
  assert.equal(fmtNumber(null), "–");
});
