import assert from "node:assert/strict";
import fc from "fast-check";
import { histogram, monteCarloHistograms } from "./histogram.ts";
import { simulate } from "./simulate.ts";

// The expected values below were worked out by hand; numpy.histogram gives the same ones.

Deno.test("histogram - equal-width bins by hand: half-open, the last bin closed", () => {
  const h = histogram([1, 2, 2, 3, 3, 3, 4, 4, 4, 4], { bins: 3 });
  assert.deepEqual(h.edges, Float64Array.of(1, 2, 3, 4));
  assert.deepEqual(h.counts, Float64Array.of(1, 2, 7)); // 3s and 4s share the closed last bin
  assert.deepEqual([h.counted, h.nan, h.infinite, h.outside], [10, 0, 0, 0]);
  const five = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { bins: 5 });
  assert.deepEqual(five.edges, Float64Array.of(0, 2, 4, 6, 8, 10));
  assert.deepEqual(five.counts, Float64Array.of(2, 2, 2, 2, 3));
});

Deno.test("histogram - NaN and Infinity are ignored and counted", () => {
  const h = histogram([NaN, 0, Infinity, 10, -Infinity, 5, NaN], { bins: 2 });
  assert.deepEqual(h.edges, Float64Array.of(0, 5, 10)); // from the finite values only
  assert.deepEqual(h.counts, Float64Array.of(1, 2));
  assert.deepEqual([h.counted, h.nan, h.infinite, h.outside], [3, 2, 2, 0]);
  const none = histogram([NaN, Infinity], { bins: 4 });
  assert.deepEqual(none.edges, Float64Array.of(0, 0.25, 0.5, 0.75, 1));
  assert.deepEqual(none.counts, new Float64Array(4));
  assert.deepEqual([none.counted, none.nan, none.infinite], [0, 1, 1]);
  assert.deepEqual(histogram([], { bins: 1 }).counts, Float64Array.of(0));
});

Deno.test("histogram - equal values widen to +-0.5; explicit range counts the outside", () => {
  const same = histogram(Float64Array.of(3, 3, 3), { bins: 2 });
  assert.deepEqual(same.edges, Float64Array.of(2.5, 3, 3.5));
  assert.deepEqual(same.counts, Float64Array.of(0, 3));
  const ranged = histogram([-1, 0.5, 2, 0.1, 0.2, 0.7], { bins: 4, range: [0, 1] });
  assert.deepEqual(ranged.edges, Float64Array.of(0, 0.25, 0.5, 0.75, 1));
  assert.deepEqual(ranged.counts, Float64Array.of(2, 0, 2, 0));
  assert.deepEqual([ranged.counted, ranged.outside], [4, 2]);
});

Deno.test("histogram - a value on a rounded edge goes where the edges say", () => {
  // edge 3 of 10 over [0, 1] is 3 x 0.1 = 0.30000000000000004 > 0.3, so 0.3 is in bin 2,
  // although 0.3 / 1 x 10 is exactly 3
  const h = histogram([0.3], { bins: 10, range: [0, 1] });
  assert.equal(h.edges[3], 0.30000000000000004);
  assert.equal(h.counts[2], 1);
  assert.equal(h.counted, 1);
});

Deno.test("histogram - counts equal a brute-force count against the edges", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          // no subnormals: a span of a few 5e-324 cannot hold distinct equal-width edges
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) =>
            x === 0 || Math.abs(x) > 1e-300
          ),
          fc.integer({ min: -40, max: 40 }).map((i) => i / 8), // many ties and exact edges
          fc.constantFrom(NaN, Infinity, -Infinity, 0, -0),
        ),
        { maxLength: 60 },
      ),
      fc.integer({ min: 1, max: 20 }),
      (values, bins) => {
        const h = histogram(values, { bins });
        const finite = values.filter(Number.isFinite);
        assert.equal(h.edges.length, bins + 1);
        for (let i = 1; i <= bins; i++) assert.ok(h.edges[i] > h.edges[i - 1]);
        for (let i = 0; i < bins; i++) {
          const last = i === bins - 1;
          const n = finite.filter((x) =>
            x >= h.edges[i] && (x < h.edges[i + 1] || (last && x === h.edges[i + 1]))
          ).length;
          assert.equal(h.counts[i], n, `bin ${i}`);
        }
        assert.equal(h.counted, finite.length);
        assert.equal(h.nan + h.infinite + h.counted, values.length);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("histogram - bad bins or range are RangeErrors", () => {
  assert.throws(() => histogram([1], { bins: 0 }), /expected bins an integer in \[1, 100000\]/);
  assert.throws(() => histogram([1], { bins: 2.5 }), RangeError);
  assert.throws(() => histogram([1], { bins: 3, range: [1, 0] }), /expected range finite/);
  assert.throws(() => histogram([1], { bins: 3, range: [0, NaN] }), RangeError);
});

Deno.test("monteCarloHistograms - drawdown and CAGR of every path, in %", () => {
  // reshuffle of [+10 %, -10 %]: every path ends at 9,900 with a 10 % drawdown
  const r = simulate({
    source: { kind: "trades", trades: Float64Array.of(10, -10), mode: "reshuffle" },
    paths: 50,
    seed: 1,
    periodsPerYear: 2,
    perPath: true,
  });
  const h = monteCarloHistograms(r, 4);
  assert.equal(h.maxDrawdownPct.counted, 50);
  assert.ok(Math.abs(h.maxDrawdownPct.edges[2] - 10) < 1e-12); // centre of the widened range
  assert.deepEqual(h.maxDrawdownPct.counts, Float64Array.of(0, 0, 50, 0));
  // 2 trades at 2 a year: CAGR = 0.99 - 1 = -1 %
  assert.ok(Math.abs(h.cagrPct.edges[2] - -1) < 1e-12);
  assert.equal(h.cagrPct.counts[2], 50);
  assert.throws(() => monteCarloHistograms({ ...r, perPath: undefined }, 4), TypeError);
  const spread = monteCarloHistograms(
    simulate({
      source: { kind: "parametric", winRate: 0.5, avgWin: 2, avgLoss: 1, tradesPerPath: 40 },
      paths: 400,
      seed: 3,
      perPath: true,
    }),
    25,
  );
  assert.equal(
    spread.cagrPct.edges[0],
    simulate({
      source: { kind: "parametric", winRate: 0.5, avgWin: 2, avgLoss: 1, tradesPerPath: 40 },
      paths: 400,
      seed: 3,
    }).cagrPct.min,
  );
  assert.equal(spread.maxDrawdownPct.counts.reduce((a, b) => a + b), 400);
});
