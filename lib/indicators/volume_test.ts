import assert from "node:assert/strict";
import { obv, vwap } from "./volume.ts";
import { closeTo, randomBars } from "./testing.ts";

const H = 3_600_000;
const DAY = 86_400_000;

Deno.test("vwap - cumulative within a UTC day, reset at midnight", () => {
  const ts = Float64Array.of(DAY + 9 * H, DAY + 10 * H, DAY + 23 * H, 2 * DAY, 2 * DAY + H);
  const high = Float64Array.of(11, 13, 12, 21, 22);
  const low = Float64Array.of(9, 11, 10, 19, 20);
  const close = Float64Array.of(10, 12, 11, 20, 21); // typical prices 10, 12, 11, 20, 21
  const volume = Float64Array.of(100, 300, 100, 50, 150);
  closeTo(vwap(ts, high, low, close, volume), [
    10,
    (1000 + 3600) / 400,
    (1000 + 3600 + 1100) / 500,
    20,
    (1000 + 3150) / 200,
  ]);
});

Deno.test("vwap - zero volume so far is NaN; daily bars give the typical price", () => {
  const ts = Float64Array.of(0, H);
  const out = vwap(
    ts,
    Float64Array.of(2, 2),
    Float64Array.of(1, 1),
    Float64Array.of(1.5, 1.5),
    Float64Array.of(0, 10),
  );
  assert.ok(Number.isNaN(out[0]));
  closeTo([out[1]], [1.5]);
  const b = randomBars(50, 3, DAY);
  closeTo(
    vwap(b.ts, b.high, b.low, b.close, b.volume),
    Array.from(b.close, (c, i) => (b.high[i] + b.low[i] + c) / 3),
    1e-15,
  );
});

Deno.test("obv - adds volume on up closes, subtracts on down closes", () => {
  closeTo(obv(Float64Array.of(10, 11, 11, 9, 12), Float64Array.of(5, 7, 3, 2, 4)), [0, 7, 7, 5, 9]);
  closeTo(obv(new Float64Array(0), new Float64Array(0)), []);
  assert.throws(() => obv(new Float64Array(2), new Float64Array(1)), /obv: all columns/);
});
