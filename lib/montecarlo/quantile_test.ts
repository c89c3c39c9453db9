import assert from "node:assert/strict";
import fc from "fast-check";
import { BAND_QUANTILES, lerp, quantiles } from "./quantile.ts";

Deno.test("quantiles - match numpy.percentile (linear) bit for bit", () => {
  // np.percentile(x, [5, 25, 50, 75, 95]) with numpy 2.4
  assert.deepEqual(quantiles([3, 1, 2], BAND_QUANTILES), [1.1, 1.5, 2, 2.5, 2.9]);
  assert.deepEqual(quantiles([1, 1, 1, 2, 2, 3, 3, 3, 3, 10], BAND_QUANTILES), [
    1,
    1.25,
    2.5,
    3,
    6.8499999999999925,
  ]);
  assert.deepEqual(quantiles([7.5], BAND_QUANTILES), [7.5, 7.5, 7.5, 7.5, 7.5]);
  assert.ok(quantiles([], [0.5]).every(Number.isNaN));
});

/** numpy's formula applied to a fully sorted copy: the reference for the selection. */
function sortedQuantile(values: number[], q: number): number {
  const x = Float64Array.from(values).sort();
  const h = (x.length - 1) * q;
  const lo = Math.floor(h);
  return lerp(x[lo], x[Math.min(lo + 1, x.length - 1)], h - lo);
}

Deno.test("quantiles - selection gives the same bits as sorting", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer({ min: -3, max: 3 }),
        ),
        {
          minLength: 1,
          maxLength: 300,
        },
      ),
      (values) => {
        const got = quantiles(values, BAND_QUANTILES);
        BAND_QUANTILES.forEach((q, i) =>
          assert.ok(
            Object.is(got[i], sortedQuantile(values, q)) || got[i] === sortedQuantile(values, q),
          )
        );
      },
    ),
    { numRuns: 500 },
  );
});
