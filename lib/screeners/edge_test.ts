// Edge cases across the screeners: flat prices, price gaps, missing (NaN) data, too little
// history, and calendar gaps in the timestamps.
import assert from "node:assert/strict";
import { getScreener, runScreener, SCREENERS } from "./mod.ts";
import { barsFromCloses, barsFromRows, DAY, linspace, repeat, T0 } from "./test_bars.ts";
import type { BarSeries } from "../domain/bar.ts";

const vix = barsFromCloses(repeat(15, 400));

Deno.test("edge - flat prices never produce a buy or sell", () => {
  const flat = barsFromCloses(repeat(50, 400));
  // Not covered: the market light (a flat benchmark is "not below its SMA": green) and the
  // income screeners (selling puts below a flat, volatile-enough price is their trade).
  for (const s of SCREENERS.filter((x) => x.category !== "market" && x.category !== "options")) {
    const row = runScreener(s, { bars: flat, benchmark: flat, vix });
    assert.ok(
      row.signal !== "buy" && row.signal !== "sell",
      `${s.name}: ${row.signal} ${row.label}`,
    );
  }
});

Deno.test("edge - a gap up counts in Turtle's N (true range spans the gap)", () => {
  // 30 flat bars (TR 2), then a bar gapping from a 100 close to 109-112: its high-low range is 3
  // but the true range reaches back to the previous close: 112 − 100 = 12.
  const rows: [number, number, number, number, number][] = repeat(100, 30).map(
    () => [100, 101, 99, 100, 1e6],
  );
  rows.push([110, 112, 109, 111, 1e6]);
  const row = runScreener(getScreener("turtle")!, { bars: barsFromRows(rows) });
  assert.equal(row.label, "BREAKOUT (BUY)");
  assert.ok(Math.abs((row.values.n as number) - (19 * 2 + 12) / 20) < 1e-12);
});

Deno.test("edge - a missing (NaN) close makes recursive indicators undefined: not evaluated", () => {
  const closes = linspace(100, 200, 260);
  const bars = barsFromCloses(closes);
  bars.close[200] = NaN;
  for (const name of ["market_rsi", "medallion", "ema_5_13_21", "turtle"]) {
    const row = runScreener(getScreener(name)!, { bars }, { minAvgVolume: 0 });
    assert.equal(row.signal, "not_evaluated", `${name}: ${row.label}`);
    assert.match(row.reason, /undefined on the last bar/);
  }
});

Deno.test("edge - one bar short of each screener's history is not evaluated", () => {
  const cases: [string, number][] = [
    ["market_rsi", 50],
    ["isa_trend", 200],
    ["turtle", 21],
    ["darvas", 50],
    ["ema_5_13_21", 22],
    ["medallion", 200],
    ["grandmaster", 200],
    ["quantum", 253],
  ];
  for (const [name, min] of cases) {
    const short = runScreener(getScreener(name)!, {
      bars: barsFromCloses(linspace(10, 20, min - 1)),
    });
    assert.equal(short.signal, "not_evaluated", `${name} with ${min - 1} bars`);
    assert.equal(short.values.barsNeeded, min);
    const enough = runScreener(getScreener(name)!, {
      bars: barsFromCloses(linspace(10, 20, min), { volume: 1e7 }),
    });
    assert.notEqual(
      enough.reason.startsWith("needs at least"),
      true,
      `${name} with ${min} bars: ${enough.reason}`,
    );
  }
});

Deno.test("edge - weekend gaps in the timestamps do not change bar-count rules", () => {
  const closes = [...repeat(100, 30), 105];
  const daily = barsFromCloses(closes);
  // Same bars stamped on weekdays only (Mon-Fri): the verdict is identical.
  const ts = new Float64Array(closes.length);
  let t = Date.UTC(2024, 0, 1);
  for (let i = 0; i < closes.length; i++) {
    ts[i] = t;
    t += DAY;
    if (new Date(t).getUTCDay() === 6) t += 2 * DAY;
  }
  const weekdays: BarSeries = { ...daily, ts };
  const a = runScreener(getScreener("turtle")!, { bars: daily });
  const b = runScreener(getScreener("turtle")!, { bars: weekdays });
  assert.equal(a.label, b.label);
  assert.equal(a.stop, b.stop);
  assert.ok(ts[ts.length - 1] - ts[0] > (closes.length - 1) * DAY);
  assert.ok(daily.ts[0] === T0);
});
