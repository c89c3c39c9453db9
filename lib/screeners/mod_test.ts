import assert from "node:assert/strict";
import {
  describeScreeners,
  getScreener,
  parseScreenerParams,
  runScreener,
  screenerNames,
  SCREENERS,
} from "./mod.ts";
import { barsFromCloses, linspace, randomWalk, repeat } from "./test_bars.ts";
import type { BarSeries } from "../domain/bar.ts";

const SIGNALS = new Set(["buy", "sell", "watch", "hold", "exit", "wait", "not_evaluated"]);

function fullInput(bars: BarSeries) {
  return { bars, benchmark: bars, vix: barsFromCloses(repeat(18, bars.length)) };
}

Deno.test("registry - names are unique lower snake case and every default parse succeeds", () => {
  const names = screenerNames();
  assert.equal(new Set(names).size, names.length);
  for (const s of SCREENERS) {
    assert.match(s.name, /^[a-z][a-z0-9_]*$/);
    assert.equal(getScreener(s.name), s);
    assert.ok(parseScreenerParams(s, {}).ok, s.name);
  }
});

Deno.test("registry - describeScreeners gives JSON schemas with defaults", () => {
  const d = describeScreeners();
  const turtle = d.find((x) => x.name === "turtle")!;
  assert.equal(turtle.defaults.entryPeriod, 20);
  const schema = turtle.params as { properties: Record<string, { default?: unknown }> };
  assert.equal(schema.properties.entryPeriod.default, 20);
  JSON.stringify(d); // serialisable
});

Deno.test("registry - invalid parameters are reported with their path", () => {
  const r = parseScreenerParams(getScreener("turtle")!, { entryPeriod: 0 });
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.issues[0].path, "entryPeriod");
  assert.throws(
    () => runScreener(getScreener("turtle")!, { bars: barsFromCloses([1]) }, { entryPeriod: -1 }),
    RangeError,
  );
});

Deno.test("registry - every screener returns a well-formed row on random, short, flat and gappy data", () => {
  const cases: [string, BarSeries][] = [
    ["random 600", barsFromCloses(randomWalk(600, 7))],
    ["empty", barsFromCloses([])],
    ["one bar", barsFromCloses([10])],
    ["short", barsFromCloses(linspace(10, 12, 12))],
    ["flat", barsFromCloses(repeat(42, 300))],
  ];
  // A gap: a NaN close in the middle poisons the recursive indicators.
  const gappy = barsFromCloses(randomWalk(300, 9));
  gappy.close[150] = NaN;
  cases.push(["NaN gap", gappy]);
  for (const [what, bars] of cases) {
    for (const s of SCREENERS) {
      const row = runScreener(s, fullInput(bars));
      assert.ok(SIGNALS.has(row.signal), `${s.name} on ${what}: ${row.signal}`);
      assert.equal(row.screener, s.name);
      assert.ok(row.reason.length > 0, `${s.name} on ${what} has no reason`);
      for (const [k, v] of Object.entries(row.values)) {
        assert.ok(typeof v !== "number" || Number.isFinite(v), `${s.name} ${what} ${k}=${v}`);
      }
      if (bars.length < 2 && s.name !== "alpha101") {
        assert.equal(row.signal, "not_evaluated", `${s.name} on ${what}`);
      }
    }
  }
});

Deno.test("registry - a missing required input is not evaluated, never a pass", () => {
  const bars = barsFromCloses(randomWalk(300, 3));
  for (const s of SCREENERS.filter((x) => x.needs.length > 0)) {
    const row = runScreener(s, { bars });
    assert.equal(row.signal, "not_evaluated", s.name);
    assert.match(row.reason, /^no /);
  }
});
