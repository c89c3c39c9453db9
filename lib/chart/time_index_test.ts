import assert from "node:assert/strict";
import fc from "fast-check";
import { idxToTs, lowerBound, tsToIdx } from "./time_index.ts";

const DAY = 86_400_000;
// Mon-Fri bars: a weekend gap between index 4 and 5.
const ts = Float64Array.from([0, 1, 2, 3, 4, 7, 8, 9].map((d) => d * DAY));

Deno.test("tsToIdx - exact on bars, interpolated inside gaps, extrapolated at the ends", () => {
  assert.equal(tsToIdx(ts, 3 * DAY), 3);
  assert.equal(tsToIdx(ts, 5.5 * DAY), 4 + 1.5 / 3);
  assert.equal(tsToIdx(ts, 12 * DAY), 10);
  assert.equal(tsToIdx(ts, -2 * DAY), -2);
  assert.ok(Number.isNaN(tsToIdx(new Float64Array(0), 1)));
});

Deno.test("idxToTs - inverts tsToIdx everywhere (property)", () => {
  fc.assert(
    fc.property(fc.double({ min: -50, max: 60, noNaN: true }), (idx) => {
      const back = tsToIdx(ts, idxToTs(ts, idx));
      assert.ok(Math.abs(back - idx) < 1e-9, `${idx} -> ${back}`);
    }),
  );
});

Deno.test("lowerBound - first bar at or after t", () => {
  assert.equal(lowerBound(ts, 5 * DAY), 5);
  assert.equal(lowerBound(ts, 4 * DAY), 4);
  assert.equal(lowerBound(ts, 100 * DAY), 8);
});
