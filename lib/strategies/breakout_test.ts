import assert from "node:assert/strict";
import { turtleStrategy } from "./breakout.ts";
import { IndicatorCache } from "../backtest/indicator_cache.ts";
import { readFixture } from "../backtest/testing.ts";
import { turtleRule } from "../rules/turtle.ts";
import { ENTER_LONG, ENTER_SHORT } from "../backtest/types.ts";

const goog = readFixture("GOOG.csv");

function entries(flags: Uint8Array, bit: number): number[] {
  return Array.from(flags).flatMap((f, i) => (f & bit ? [i] : []));
}

Deno.test("turtle strategy - skipAfterWin defaults to false and then leaves the signals unchanged", () => {
  const p = turtleStrategy.params.parse({});
  assert.equal(p.skipAfterWin, false);
  assert.equal(p.failsafe, 55);
  const a = turtleStrategy.signals({ bars: goog, aux: {}, cache: new IndicatorCache() }, p);
  const raw = turtleRule(goog);
  assert.deepEqual(
    entries(a.flags, ENTER_LONG),
    Array.from(raw.longEntry).flatMap((x, i) => (x ? [i] : [])),
  );
});

Deno.test("turtle strategy - skipAfterWin enters exactly the rule's filtered breakouts and failsafes", () => {
  const p = turtleStrategy.params.parse({ skipAfterWin: true });
  const s = turtleStrategy.signals({ bars: goog, aux: {}, cache: new IndicatorCache() }, p);
  const f = turtleRule(goog, { skipAfterWin: true }).filter!;
  const taken = (side: 1 | -1) =>
    [
      ...f.trades.filter((t) => t.side === side && !t.skipped).map((t) => t.entryBar),
      ...Array.from(f.failsafe).flatMap((x, i) => (x === side ? [i] : [])),
    ].sort((x, y) => x - y);
  assert.deepEqual(entries(s.flags, ENTER_LONG), [...new Set(taken(1))]);
  assert.deepEqual(entries(s.flags, ENTER_SHORT), [...new Set(taken(-1))]);
  // every skipped breakout follows a hypothetical winner, every taken one a loser or nothing
  for (const [k, t] of f.trades.entries()) {
    const prev = f.trades.slice(0, k).filter((u) => u.exitBar >= 0 && u.exitBar <= t.entryBar).at(
      -1,
    );
    assert.equal(t.skipped, prev?.won ?? false, `trade ${k} at bar ${t.entryBar}`);
  }
  assert.ok(f.trades.some((t) => t.skipped), "GOOG has skipped breakouts");
});
