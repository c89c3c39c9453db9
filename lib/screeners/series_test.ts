import assert from "node:assert/strict";
import { bbands, donchian, highest, lowest, sma } from "../indicators/mod.ts";
import {
  bollingerTail,
  closeRangeTail,
  closeSmaTail,
  donchianTail,
  memo,
  volumeSmaTail,
} from "./series.ts";
import { barsFromCloses, randomWalk } from "./test_bars.ts";

/** Equal up to the rounding of running sums (the tail sums fewer terms). */
function near(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `${what}[${i}]: ${a}`);
    else {assert.ok(
        Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)),
        `${what}[${i}]: ${a} vs ${e}`,
      );}
  }
}

Deno.test("series tails - equal the last values of the full library columns", () => {
  for (const n of [5, 30, 300]) {
    const bars = barsFromCloses(randomWalk(n, n), { volume: randomWalk(n, 2 * n, 1e6) });
    for (const period of [3, 20, 200]) {
      const full = sma(bars.close, period);
      const t = closeSmaTail(bars, period, 2);
      near(t, full.subarray(Math.max(0, n - 2)), `sma ${n}/${period}`);
      near(volumeSmaTail(bars, period), sma(bars.volume, period).subarray(n - 1), "volume sma");
      const d = donchian(bars.high, bars.low, period);
      const dt = donchianTail(bars, period);
      assert.deepEqual(Array.from(dt.upper), Array.from(d.upper.subarray(Math.max(0, n - 2))));
      assert.deepEqual(Array.from(dt.lower), Array.from(d.lower.subarray(Math.max(0, n - 2))));
      const b = bbands(bars.close, period, 2);
      const bt = bollingerTail(bars, period, 2);
      // Population std over the same window: equal up to rounding of the running sums.
      for (const k of ["upper", "middle", "lower"] as const) {
        const a = bt[k][bt[k].length - 1];
        const e = b[k][n - 1];
        assert.ok(
          Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= 1e-9 * Math.abs(e),
          `${k} ${a} ${e}`,
        );
      }
      const r = closeRangeTail(bars, period);
      assert.equal(r.max, highest(bars.close, period)[n - 1]);
      assert.equal(r.min, lowest(bars.close, period)[n - 1]);
    }
  }
});

Deno.test("memo - computes once per series object and key", () => {
  const bars = barsFromCloses([1, 2, 3]);
  let calls = 0;
  const f = () => ++calls;
  assert.equal(memo(bars, "k", f), 1);
  assert.equal(memo(bars, "k", f), 1);
  assert.equal(memo({ ...bars }, "k", f), 2);
});
