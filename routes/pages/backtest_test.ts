import assert from "node:assert/strict";
import { strategyTitleOf } from "./backtest.tsx";
import { STRATEGIES } from "../../lib/strategies/mod.ts";

Deno.test("strategyTitleOf - built-ins by name, screener strategies by their screener's title", () => {
  assert.equal(strategyTitleOf("sma_cross"), "SMA crossover");
  assert.equal(strategyTitleOf("turtle"), "Turtle breakout");
  assert.equal(strategyTitleOf("screener_market_rsi"), "Screener: Market RSI dip");
  // every registered strategy gets a title that is not its raw id
  for (const name of Object.keys(STRATEGIES)) {
    const t = strategyTitleOf(name);
    assert.ok(t.length > 0 && t !== name && !t.includes("_"), `${name} -> ${t}`);
  }
});
