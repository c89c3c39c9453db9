import assert from "node:assert/strict";
import {
  barsOf,
  firstStrategy,
  formStart,
  okJson,
  paramStrings,
  type StrategyInfo,
  strategyLabel,
  strategyOf,
  symbolsOf,
  typedLike,
  windowOf,
} from "./requests.ts";

const S: StrategyInfo[] = [
  { name: "rsi_dip", summary: "", defaults: { period: 14 } },
  { name: "sma_cross", title: "SMA crossover", summary: "", defaults: { fast: 10, slow: 50 } },
];

Deno.test("firstStrategy - sma_cross when listed, else the first, else undefined", () => {
  assert.equal(firstStrategy(S)?.name, "sma_cross");
  assert.equal(firstStrategy([S[0]])?.name, "rsi_dip");
  assert.equal(firstStrategy([]), undefined);
});

Deno.test("strategyOf / strategyLabel - listed title, else a title made from the id", () => {
  assert.equal(strategyOf(S, "rsi_dip"), S[0]);
  assert.equal(strategyOf(S, "nope"), undefined);
  assert.equal(strategyLabel(S, "sma_cross"), "SMA crossover");
  assert.equal(strategyLabel(S, "my_custom_rule"), "My custom rule");
});

Deno.test("symbolsOf - splits on commas and white space, upper-cases, drops empties", () => {
  assert.deepEqual(symbolsOf(" spy, qqq\tiwm,,  btc-usd "), ["SPY", "QQQ", "IWM", "BTC-USD"]);
  assert.deepEqual(symbolsOf(""), []);
  assert.deepEqual(symbolsOf(" , "), []);
});

Deno.test("paramStrings - every default as its String()", () => {
  assert.deepEqual(paramStrings({ fast: 10, on: true, mode: "x", r: 0.5 }), {
    fast: "10",
    on: "true",
    mode: "x",
    r: "0.5",
  });
  assert.deepEqual(paramStrings({}), {});
});

Deno.test("typedLike - number, boolean or string after the default's type", () => {
  assert.equal(typedLike("12.5", 10), 12.5);
  assert.equal(typedLike("true", false), true);
  assert.equal(typedLike("yes", false), false);
  assert.equal(typedLike("ema", "sma"), "ema");
  assert.equal(typedLike("7", undefined), "7");
});

Deno.test("formStart - first symbol, open window, the strategy, no costs, long and short", () => {
  assert.deepEqual(formStart(["SPY", "QQQ"], S[1]), {
    symbols: "SPY",
    from: "",
    to: "",
    strategy: "sma_cross",
    commissionPct: 0,
    slippageBps: 0,
    direction: "long_short",
  });
  const empty = formStart([], undefined);
  assert.equal(empty.symbols, "");
  assert.equal(empty.strategy, "");
});

Deno.test("barsOf - keeps the six columns, drops anything else, names the symbol", () => {
  const body = {
    ts: [1, 2],
    open: [10, 11],
    high: [12, 13],
    low: [9, 10],
    close: [11, 12],
    volume: [100, 200],
    extra: "x",
  };
  assert.deepEqual(barsOf("SPY", body), {
    symbol: "SPY",
    ts: [1, 2],
    open: [10, 11],
    high: [12, 13],
    low: [9, 10],
    close: [11, 12],
    volume: [100, 200],
  });
  const noVolume = barsOf("X", { ts: [], open: [], high: [], low: [], close: [] });
  assert.ok("volume" in noVolume);
  assert.equal(noVolume.volume, undefined);
});

Deno.test("okJson - the body when 2xx; the API's message, else the status, otherwise", async () => {
  const json = (body: unknown, status: number) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  assert.deepEqual(await okJson(json({ id: "a" }, 202)), { id: "a" });
  await assert.rejects(
    okJson(json({ error: { code: "invalid_request", message: "bad symbol" } }, 400)),
    { message: "bad symbol" },
  );
  await assert.rejects(okJson(json({}, 500)), { message: "HTTP 500" });
  await assert.rejects(okJson(new Response("<html>", { status: 502 })), SyntaxError);
});

Deno.test("windowOf - only non-empty ends, in from/to order", () => {
  assert.deepEqual(windowOf("", ""), {});
  assert.deepEqual(windowOf("2020-01-01", ""), { from: "2020-01-01" });
  assert.deepEqual(windowOf("", "2021-01-01"), { to: "2021-01-01" });
  assert.deepEqual(Object.keys(windowOf("a", "b")), ["from", "to"]);
});
