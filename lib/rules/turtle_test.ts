// System 1's skip-after-a-winning-breakout filter, on hand-built bars whose true range is known:
// a bar closing up by d (0 ≤ d ≤ 4) closes at its high with low = close − 4, a bar closing down
// by d (−4 ≤ d < 0) closes at its low with high = close + 4, the open is the previous close.
// Then TR = max(4, |high − prev close|, |low − prev close|) = 4 and N = 4 exactly.
import assert from "node:assert/strict";
import fc from "fast-check";
import { turtleRule } from "./turtle.ts";
import { barsOf } from "../backtest/testing.ts";

function mk(closes: number[]) {
  return barsOf(closes.map((c, i) => {
    const p = i === 0 ? c : closes[i - 1];
    return c >= p ? [p, c, c - 4, c] as const : [p, c + 4, c, c] as const;
  }));
}

const on = (a: ArrayLike<number>) => Array.from(a).flatMap((x, i) => (x ? [i] : []));
const SMALL = { entryPeriod: 3, exitPeriod: 2, atrPeriod: 3, skipAfterWin: true };

// bars 0-3 flat at 10 (highs 10); bar 4 closes 12 > 10: long breakout, N = 4, stop 12 − 8 = 4;
// bars 5-6 new highs (continuations); bar 8 closes 13 < min(low 6, low 7) = min(14, 16): the
// 10-day (here 2-bar) exit at 13 > 12, a win. Bars 9-11 flat at 13 (highs 17, 13, 13 roll out of
// the 3-bar window), bar 12 closes 15 > 13: a new long breakout, skipped.
const WIN_THEN_SKIP = [10, 10, 10, 10, 12, 15, 18, 16, 13, 13, 13, 13, 15];

Deno.test("turtleRule skipAfterWin - a winning hypothetical breakout skips the next one", () => {
  const bars = mk(WIN_THEN_SKIP);
  const plain = turtleRule(bars, { ...SMALL, skipAfterWin: false });
  assert.deepEqual(on(plain.longEntry), [4, 5, 6, 12]);
  assert.equal(plain.filter, undefined);
  const t = turtleRule(bars, { ...SMALL, failsafePeriod: 50 });
  const f = t.filter!;
  assert.equal(t.n[4], 4);
  assert.deepEqual(on(f.rawLongEntry), [4, 5, 6, 12]);
  assert.deepEqual(f.trades[0], {
    side: 1,
    entryBar: 4,
    entryPrice: 12,
    stop: 4,
    exitBar: 8,
    exitPrice: 13,
    exitReason: "exit",
    won: true,
    skipped: false,
  });
  assert.equal(f.trades.length, 2);
  assert.equal(f.trades[1].skipped, true);
  assert.equal(f.trades[1].stop, 15 - 8);
  assert.deepEqual(on(t.longEntry), [4]); // continuations 5, 6 and the skipped 12 enter nothing
  assert.deepEqual(Array.from(f.skipped), [...Array(12).fill(0), 1]);
  assert.equal(f.basis[12], 0);
  assert.equal(f.open[12], 1);
  assert.deepEqual(on(f.failsafe), []); // a 50-bar channel is never defined here
  assert.deepEqual(on(t.shortEntry), []);
  // exits are not filtered
  assert.deepEqual(Array.from(t.longExit), Array.from(plain.longExit));
});

Deno.test("turtleRule skipAfterWin - a losing breakout (stopped at 2N) lets the next one enter", () => {
  // bar 4: long at 12, N 4, stop 4. Bar 5 falls to 3 (low 3 ≤ 4, open 12 above the stop): stopped
  // at 4, a loss. The same close 3 < min(low[2..4]) = 6 is a short breakout: taken (the last lost,
  // whatever its side). TR[5] = max(4, |7 − 12|, |3 − 12|) = 9, so N[5] = (2·4 + 9)/3 = 17/3.
  const t = turtleRule(mk([10, 10, 10, 10, 12, 3]), SMALL);
  const f = t.filter!;
  assert.equal(f.trades[0].exitReason, "stop");
  assert.equal(f.trades[0].exitPrice, 4);
  assert.equal(f.trades[0].won, false);
  assert.equal(f.trades[1].side, -1);
  assert.equal(f.trades[1].skipped, false);
  assert.ok(Math.abs(t.n[5] - 17 / 3) < 1e-12);
  assert.ok(Math.abs(f.trades[1].stop - (3 + 34 / 3)) < 1e-12);
  assert.deepEqual(on(t.longEntry), [4]);
  assert.deepEqual(on(t.shortEntry), [5]);
  assert.deepEqual(on(f.skipped), []);
  assert.equal(f.basis[5], 0);
});

Deno.test("turtleRule skipAfterWin - a stop the open gaps through is filled at the open", () => {
  // long at 12 (stop 4); bar 5 opens at 2, below the stop: the hypothetical exit is 2
  const bars = mk([10, 10, 10, 10, 12, 3]);
  bars.open[5] = 2;
  bars.low[5] = 2;
  const f = turtleRule(bars, SMALL).filter!;
  assert.equal(f.trades[0].exitPrice, 2);
});

Deno.test("turtleRule skipAfterWin - failsafe: a skipped breakout enters at the failsafe channel", () => {
  // as the first test, then bar 13 closes 18 (continuation of the skipped long, highs of bars 7-12
  // max 20: no failsafe), bar 14 closes 21 > max(high[8..13]) = 18: the 6-bar failsafe enters;
  // bar 15 (24) is beyond it again but the failsafe enters once per skipped breakout.
  const t = turtleRule(mk([...WIN_THEN_SKIP, 18, 21, 24]), { ...SMALL, failsafePeriod: 6 });
  const f = t.filter!;
  assert.equal(f.failsafeUpper[13], 18);
  assert.deepEqual(on(f.failsafe), [14]);
  assert.deepEqual(on(f.skipped), [12]);
  assert.deepEqual(on(t.longEntry), [4, 14]);
  assert.equal(f.trades.length, 2); // 13-15 continue the skipped trade (stop 7, no exit yet)
  assert.equal(f.trades[1].exitBar, -1);
});

Deno.test("turtleRule skipAfterWin - N is Wilder's ATR20 and the hypothetical stop is 2N", () => {
  // 22 bars at 100 (TR 4 from bar 1), bar 22 closes 110 at its high, low 106: TR = 10.
  // N[20] = mean(TR[1..20]) = 4, N[21] = (19·4 + 4)/20 = 4, N[22] = (19·4 + 10)/20 = 4.3.
  // Bar 22 breaks the 20-bar high 100: stop 110 − 2·4.3 = 101.4.
  const bars = mk([...Array(22).fill(100), 110]);
  const t = turtleRule(bars, { skipAfterWin: true });
  assert.ok(Number.isNaN(t.n[19]));
  assert.equal(t.n[20], 4);
  assert.equal(t.n[21], 4);
  assert.ok(Math.abs(t.n[22] - 4.3) < 1e-12);
  const f = t.filter!;
  assert.equal(f.trades.length, 1);
  assert.equal(f.trades[0].entryBar, 22);
  assert.ok(Math.abs(f.trades[0].stop - 101.4) < 1e-12);
  assert.deepEqual(on(t.longEntry), [22]);
});

Deno.test("turtleRule skipAfterWin - rejects a bad failsafe period", () => {
  assert.throws(
    () => turtleRule(mk([1, 2, 3]), { skipAfterWin: true, failsafePeriod: 0 }),
    RangeError,
  );
});

function head(b: ReturnType<typeof mk>, k: number) {
  return {
    length: k,
    ts: b.ts.slice(0, k),
    open: b.open.slice(0, k),
    high: b.high.slice(0, k),
    low: b.low.slice(0, k),
    close: b.close.slice(0, k),
    volume: b.volume.slice(0, k),
  };
}

Deno.test("turtleRule skipAfterWin - random walks: no look-ahead, trades chain, skips follow wins", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -12, max: 12 }), { minLength: 20, maxLength: 150 }),
      fc.integer({ min: 5, max: 149 }),
      (steps, cut) => {
        const closes = steps.reduce<number[]>((a, d) => [...a, a[a.length - 1] + d], [100]);
        const bars = mk(closes);
        for (let i = 0; i < bars.length; i++) { // steps beyond 4 gap: keep the open in the range
          bars.low[i] = Math.min(bars.low[i], bars.open[i]);
          bars.high[i] = Math.max(bars.high[i], bars.open[i]);
        }
        const opts = { ...SMALL, failsafePeriod: 8 };
        const full = turtleRule(bars, opts);
        const f = full.filter!;
        const k = Math.min(cut, bars.length);
        const part = turtleRule(head(bars, k), opts);
        assert.deepEqual(Array.from(part.longEntry), Array.from(full.longEntry.slice(0, k)));
        assert.deepEqual(Array.from(part.shortEntry), Array.from(full.shortEntry.slice(0, k)));
        assert.deepEqual(Array.from(part.filter!.skipped), Array.from(f.skipped.slice(0, k)));
        assert.deepEqual(Array.from(part.filter!.failsafe), Array.from(f.failsafe.slice(0, k)));
        for (const [j, t] of f.trades.entries()) {
          const before = f.trades[j - 1];
          if (before) {
            assert.ok(before.exitBar >= 0 && before.exitBar <= t.entryBar, "trades never overlap");
          }
          assert.equal(t.skipped, before?.won ?? false);
          if (t.exitBar >= 0) {
            assert.equal(t.won, t.side * (t.exitPrice - t.entryPrice) > 0);
            if (t.exitReason === "stop") assert.equal(t.won, false);
          }
          // entered exactly when not skipped (or by the failsafe)
          const entry = t.side === 1 ? full.longEntry : full.shortEntry;
          if (!t.skipped) assert.equal(entry[t.entryBar], 1);
          else assert.equal(entry[t.entryBar], f.failsafe[t.entryBar] === t.side ? 1 : 0);
        }
      },
    ),
    { numRuns: 200 },
  );
  // walks of this kind do reach both the 2N stop and the exit channel
  const reasons = new Set<string>();
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -12, max: 12 }), { minLength: 150, maxLength: 150 }),
      (s) => {
        const closes = s.reduce<number[]>((a, d) => [...a, a[a.length - 1] + d], [100]);
        for (const t of turtleRule(mk(closes), SMALL).filter!.trades) reasons.add(t.exitReason);
      },
    ),
    { numRuns: 20, seed: 1 },
  );
  assert.ok(reasons.has("stop") && reasons.has("exit"), [...reasons].join());
});
