import assert from "node:assert/strict";
import fc from "fast-check";
import { buildRangeIndex, rangeOf } from "./range_index.ts";

Deno.test("rangeOf - equals a brute-force min/max for any window and block size", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 1, maxLength: 300 }),
      fc.integer({ min: 1, max: 40 }),
      fc.nat(),
      fc.nat(),
      (xs, block, p, q) => {
        const low = Float64Array.from(xs);
        const high = Float64Array.from(xs, (x) => x * 1.5);
        const idx = buildRangeIndex(low, high, block);
        const i0 = Math.min(p, q) % xs.length;
        const i1 = Math.max(i0, Math.max(p, q) % xs.length);
        const [lo, hi] = rangeOf(idx, i0, i1);
        assert.equal(lo, Math.min(...xs.slice(i0, i1 + 1)));
        assert.equal(hi, Math.max(...xs.slice(i0, i1 + 1)) * 1.5);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("rangeOf - ignores NaN warm-up values and clamps fractional windows", () => {
  const idx = buildRangeIndex(Float64Array.of(NaN, 2, 1), Float64Array.of(NaN, 5, 4), 2);
  assert.deepEqual(rangeOf(idx, -3.5, 9.2), [1, 5]);
  assert.deepEqual(rangeOf(idx, 0, 0), [Infinity, -Infinity]);
  assert.throws(() => buildRangeIndex(new Float64Array(2), new Float64Array(3)), RangeError);
});
