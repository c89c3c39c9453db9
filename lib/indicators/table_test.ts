import assert from "node:assert/strict";
import { indicatorTable } from "./table.ts";
import { parseIndicatorSpecs } from "./spec.ts";
import { sma } from "./moving_average.ts";
import { closeTo, randomBars } from "./testing.ts";

function specs(...raws: string[]) {
  const r = parseIndicatorSpecs(raws);
  if (!r.ok) throw new Error(r.issues[0].message);
  return r.specs;
}

Deno.test("indicatorTable - time first, then the output keys", () => {
  const b = randomBars(50, 2);
  const t = indicatorTable(b, specs("sma:5", "bbands"));
  assert.deepEqual(Object.keys(t), [
    "time",
    "sma:5",
    "bbands.upper",
    "bbands.middle",
    "bbands.lower",
  ]);
  assert.deepEqual(t.time, b.ts);
  assert.deepEqual(t["sma:5"], sma(b.close, 5));
});

Deno.test("indicatorTable - from/to cut rows but bars before from still warm the indicators up", () => {
  const b = randomBars(50, 3);
  const full = sma(b.close, 10);
  const t = indicatorTable(b, specs("sma:10"), { from: b.ts[12], to: b.ts[30] });
  assert.deepEqual(t.time, b.ts.slice(12, 31));
  closeTo(t["sma:10"], full.slice(12, 31), 0);
  const empty = indicatorTable(b, specs("sma:10"), { from: b.ts[49] + 1 });
  assert.equal(empty.time.length, 0);
  assert.equal(empty["sma:10"].length, 0);
});
