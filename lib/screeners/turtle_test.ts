// The Turtle screener with the System 1 filter (skipAfterWin), on the hand-built bars of
// lib/rules/turtle_test.ts: N = 4 on every bar, 3-bar entry, 2-bar exit, 6-bar failsafe channel.
import assert from "node:assert/strict";
import { turtle, TurtleParams } from "./turtle.ts";
import { barsOf } from "../backtest/testing.ts";

function mk(closes: number[]) {
  return barsOf(closes.map((c, i) => {
    const p = i === 0 ? c : closes[i - 1];
    return c >= p ? [p, c, c - 4, c] as const : [p, c + 4, c, c] as const;
  }));
}

const P = TurtleParams.parse({
  entryPeriod: 3,
  exitPeriod: 2,
  atrPeriod: 3,
  longEntryPeriod: 6,
  skipAfterWin: true,
});
// long breakout on bar 4 (2024-01-05) at 12, exited on bar 8 (2024-01-11) at 13: a win; bar 12
// breaks out again (15 > 13) and is skipped; bar 14 (21 > 18) is the 6-bar failsafe.
const WIN_THEN_SKIP = [10, 10, 10, 10, 12, 15, 18, 16, 13, 13, 13, 13, 15];

Deno.test("turtle skipAfterWin - a breakout after a winning one is a skipped watch saying why", () => {
  const row = turtle.run({ bars: mk(WIN_THEN_SKIP) }, P);
  assert.equal(row.signal, "watch");
  assert.equal(row.label, "BREAKOUT SKIPPED (Last Breakout Won)");
  assert.equal(row.direction, "long");
  assert.equal(row.score, 40);
  assert.equal(row.entry, 20); // max(high[6..11]) = 20: the failsafe level
  assert.equal(row.stop, 20 - 2 * 4);
  assert.equal(row.values.skipped, true);
  assert.equal(row.values.lastBreakoutWon, true);
  assert.equal(row.values.lastBreakoutPnl, 1);
  assert.match(row.reason, /long on 2024-01-05 at 12\.00, exited on 2024-01-11 at 13\.00/);
  assert.match(row.reason, /would have won/);
  // the same bars without the filter: a plain breakout
  const plain = turtle.run({ bars: mk(WIN_THEN_SKIP) }, { ...P, skipAfterWin: false });
  assert.equal(plain.label, "BREAKOUT (BUY)");
  assert.equal(plain.values.skipped, null);
});

Deno.test("turtle skipAfterWin - continuation of a skipped breakout, then the failsafe buys", () => {
  const cont = turtle.run({ bars: mk([...WIN_THEN_SKIP, 18]) }, P);
  assert.equal(cont.label, "BREAKOUT SKIPPED (Last Breakout Won)");
  assert.equal(cont.values.skipped, false);
  assert.match(cont.reason, /continues the breakout of 2024-01-17/);
  const fs = turtle.run({ bars: mk([...WIN_THEN_SKIP, 18, 21]) }, P);
  assert.equal(fs.signal, "buy");
  assert.equal(fs.label, "BREAKOUT (BUY, 55-Day Failsafe)");
  assert.equal(fs.stop, 21 - 8);
  assert.match(fs.reason, /above the 6-day high 18\.00/);
});

Deno.test("turtle skipAfterWin - after a losing breakout the next one is taken; an open one holds", () => {
  const taken = turtle.run({ bars: mk([10, 10, 10, 10, 12, 3]) }, P);
  assert.equal(taken.label, "BREAKDOWN (SELL)");
  assert.equal(taken.values.lastBreakoutWon, false);
  assert.equal(taken.values.lastBreakoutPnl, 4 - 12); // stopped at 12 − 2·4
  const hold = turtle.run({ bars: mk([10, 10, 10, 10, 12, 15]) }, P);
  assert.equal(hold.signal, "hold");
  assert.equal(hold.label, "IN BREAKOUT TRADE");
  assert.equal(hold.stop, 4);
  assert.equal(hold.values.lastBreakoutWon, null);
});
