import assert from "node:assert/strict";
import { checkParams, checkPosition, verdictFor } from "./check.ts";
import { getScreener, SCREENERS } from "./mod.ts";
import { barsFromCloses, DAY, linspace, repeat, T0 } from "./test_bars.ts";

Deno.test("checkPosition - every screener answers, with the entry looked up by date", () => {
  const closes = [...linspace(100, 200, 250), 193];
  const bars = barsFromCloses(closes, { volume: 10 }); // thin: gates must be off in check mode
  const vix = barsFromCloses(repeat(15, closes.length));
  const check = checkPosition({ bars, benchmark: bars, vix }, { entryTs: T0 + 100 * DAY });
  assert.equal(check.verdicts.length, SCREENERS.length);
  assert.equal(check.entryPrice, closes[100]);
  assert.ok(Math.abs(check.pnl! - (193 - closes[100])) < 1e-9);
  const isa = check.verdicts.find((v) => v.screener === "isa_trend")!;
  assert.equal(isa.verdict, "hold");
  assert.equal(isa.label, "HOLD (Trend Valid)");
  const chainless = check.verdicts.find((v) => v.screener === "bull_put")!;
  assert.equal(chainless.verdict, "not_evaluated");
  const total = Object.values(check.summary).reduce((a, b) => a + b);
  assert.equal(total, SCREENERS.length);
});

Deno.test("checkPosition - a break below the 20-day low is an ISA exit; Turtle stop from entry", () => {
  const closes = [...linspace(100, 200, 250), 185];
  const bars = barsFromCloses(closes);
  const check = checkPosition({ bars }, { entryPrice: 199 }, {
    screeners: ["isa_trend", "turtle"],
  });
  assert.equal(check.verdicts.length, 2);
  const isa = check.verdicts.find((v) => v.screener === "isa_trend")!;
  assert.equal(isa.label, "EXIT (Stop Hit - Below 20d Low)");
  const turtle = check.verdicts.find((v) => v.screener === "turtle")!;
  assert.equal(turtle.verdict, "exit");
});

Deno.test("verdictFor - generic mapping of signals to hold, exit and watch", () => {
  const row = getScreener("alpha101")!.run(
    { bars: barsFromCloses(repeat(5, 3)) },
    getScreener("alpha101")!.params.parse({}),
  );
  assert.equal(verdictFor({ ...row, signal: "buy" }, null).verdict, "hold");
  assert.equal(verdictFor({ ...row, signal: "sell" }, null).verdict, "exit");
  assert.equal(verdictFor({ ...row, signal: "wait" }, null).verdict, "watch");
  assert.equal(checkParams(getScreener("market_rsi")!).minAvgVolume, 0);
});
