import assert from "node:assert/strict";
import { bbands } from "./bbands.ts";
import { sma } from "./moving_average.ts";
import { closeTo, mulberry32 } from "./testing.ts";

Deno.test("bbands - hand-computed: mean 5, population σ 2", () => {
  const { upper, middle, lower } = bbands(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9), 8, 2);
  closeTo([upper[7], middle[7], lower[7]], [9, 5, 1]);
  assert.ok(Number.isNaN(upper[6]) && Number.isNaN(middle[6]) && Number.isNaN(lower[6]));
  const b = bbands(Float64Array.of(1, 3, 5), 2, 1.5);
  closeTo(b.upper, [NaN, 3.5, 5.5]);
  closeTo(b.lower, [NaN, 0.5, 2.5]);
});

Deno.test("bbands - middle is exactly the SMA and the bands are symmetric", () => {
  const rand = mulberry32(4);
  const close = Float64Array.from({ length: 500 }, () => 100 + 10 * rand());
  const b = bbands(close);
  assert.deepEqual(b.middle, sma(close, 20));
  for (let i = 19; i < close.length; i++) {
    assert.ok(Math.abs(b.upper[i] - b.middle[i] - (b.middle[i] - b.lower[i])) < 1e-9);
  }
  assert.throws(() => bbands(close, 20, NaN), /bbands: k/);
});
