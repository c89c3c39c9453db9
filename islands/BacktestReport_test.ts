import assert from "node:assert/strict";
import {
  buyHoldCurve,
  buyHoldStart,
  equityToCsv,
  formatByUnit,
  formatStat,
  monthlyReturns,
  paramsText,
  runTitle,
  sortTrades,
  statsDiff,
  strategyTitle,
  tradeMarkers,
  type TradeRow,
  tradesToCsv,
} from "./BacktestReport.ts";

Deno.test("monthlyReturns - each month's last equity over the previous month's, compounded per year", () => {
  const t = [
    Date.UTC(2023, 11, 28),
    Date.UTC(2023, 11, 29),
    Date.UTC(2024, 0, 2),
    Date.UTC(2024, 0, 31),
    Date.UTC(2024, 1, 29),
  ];
  const m = monthlyReturns(t, [100, 100, 105, 110, 99]);
  assert.deepEqual(m.years, [2023, 2024]);
  assert.equal(m.cells[0][11], 0);
  assert.ok(Math.abs(m.cells[1][0]! - 10) < 1e-12);
  assert.ok(Math.abs(m.cells[1][1]! + 10) < 1e-12);
  assert.equal(m.cells[1][2], null);
  assert.ok(Math.abs(m.yearTotals[1] - (1.1 * 0.9 - 1) * 100) < 1e-12);
});

Deno.test("buyHoldCurve - cash until the start bar, then proportional to the close", () => {
  assert.deepEqual(buyHoldCurve([10, 20, 40, 30], 1, 1000), [1000, 1000, 2000, 1500]);
});

Deno.test("buyHoldStart - the warm-up bar the stats measured buy and hold from", () => {
  const close = [10, 12, 15, 30];
  assert.equal(buyHoldStart(close, 100), 2); // 15 → 30
  assert.equal(buyHoldStart(close, 150), 1); // 12 → 30
  assert.equal(buyHoldStart(close, 7), 0); // no bar matches
  assert.equal(buyHoldStart(close, null), 0);
});

const trade = (o: Partial<TradeRow>): TradeRow => ({
  symbol: "X",
  side: "long",
  size: 1,
  entryBar: 0,
  exitBar: 1,
  entryTime: Date.UTC(2024, 0, 2),
  exitTime: Date.UTC(2024, 0, 3),
  entryPrice: 10,
  exitPrice: 11,
  pnl: 1,
  returnPct: 10,
  commission: 0,
  durationDays: 1,
  exitReason: "signal",
  mfePct: 12,
  maePct: -1,
  ...o,
});

Deno.test("tradesToCsv and equityToCsv - ISO times, quoted text, empty for null", () => {
  const csv = tradesToCsv([trade({ symbol: "A,B" })]);
  const [head, row] = csv.trim().split("\n");
  assert.match(head, /^symbol,side,size,entryTime,exitTime/);
  assert.match(row, /^"A,B",long,1,2024-01-02T00:00:00.000Z,2024-01-03T00:00:00.000Z,10,11,1,10/);
  assert.equal(
    equityToCsv([{ time: Date.UTC(2024, 0, 2), equity: 100, drawdownPct: null }]),
    "time,equity,drawdownPct\n2024-01-02T00:00:00.000Z,100,\n",
  );
});

Deno.test("statsDiff - values per run and last minus first", () => {
  const d = statsDiff([{ stats: { sharpe: 1, trades: 10 } }, {
    stats: { sharpe: 1.5, trades: null },
  }], [
    "sharpe",
    "trades",
  ]);
  assert.deepEqual(d, [
    { key: "sharpe", values: [1, 1.5], diff: 0.5 },
    { key: "trades", values: [10, null], diff: null },
  ]);
});

Deno.test("sortTrades - numeric and text columns, both directions, stable", () => {
  const ts = [
    trade({ pnl: 3, symbol: "b" }),
    trade({ pnl: -1, symbol: "a" }),
    trade({ pnl: 3, symbol: "c" }),
  ];
  assert.deepEqual(sortTrades(ts, "pnl", "asc").map((t) => t.symbol), ["a", "b", "c"]);
  assert.deepEqual(sortTrades(ts, "pnl", "desc").map((t) => t.symbol), ["b", "c", "a"]);
  assert.deepEqual(sortTrades(ts, "symbol", "desc").map((t) => t.symbol), ["c", "b", "a"]);
});

Deno.test("formatByUnit - separators everywhere, whole days and counts, two decimals otherwise", () => {
  assert.equal(formatByUnit(2323, "days"), "2,323");
  assert.equal(formatByUnit(2323.4, "days"), "2,323");
  assert.equal(formatByUnit(160, "count"), "160");
  assert.equal(formatByUnit(12571.574, "currency"), "12,571.57");
  assert.equal(formatByUnit(-1234567.891, "currency"), "-1,234,567.89");
  assert.equal(formatByUnit(25.7249, "percent"), "25.72");
  assert.equal(formatByUnit(0.114, "ratio"), "0.11");
  // no "-0.00" for a tiny negative
  assert.equal(formatByUnit(-0.001, "ratio"), "0.00");
  assert.equal(formatByUnit(null, "ratio"), "–");
  assert.equal(formatByUnit(NaN, "currency"), "–");
  // the text parses back (the browser test sorts by it)
  assert.equal(Number(formatByUnit(-769.44, "currency").replace(/,/g, "")), -769.44);
});

Deno.test("formatStat - each statistic by its unit; unknown keys as ratios", () => {
  assert.equal(formatStat("maxDrawdownDurationDays", 2323), "2,323");
  assert.equal(formatStat("equityFinal", 12571.57), "12,571.57");
  assert.equal(formatStat("trades", 160), "160");
  assert.equal(formatStat("returnPct", 1234.5), "1,234.50");
  assert.equal(formatStat("somethingNew", 1.5), "1.50");
});

Deno.test("strategyTitle and runTitle - human titles instead of ids; user names kept", () => {
  assert.equal(strategyTitle("sma_cross"), "SMA crossover");
  assert.equal(strategyTitle("screener_golden_cross"), "Screener: Golden cross");
  assert.equal(strategyTitle("my_thing"), "My thing");
  // the API's default name is "<strategy> <symbols joined by commas>"
  assert.equal(
    runTitle({ name: "sma_cross QQQ", strategy: "sma_cross", symbols: ["QQQ"] }),
    "SMA crossover on QQQ",
  );
  assert.equal(
    runTitle({ name: "turtle QQQ,SPY", strategy: "turtle", symbols: ["QQQ", "SPY"] }),
    "Turtle breakout on QQQ, SPY",
  );
  assert.equal(
    runTitle({ name: "Turtle 20", strategy: "turtle", symbols: ["QQQ"] }),
    "Turtle 20",
  );
  assert.equal(runTitle({ strategy: "ema_cross", symbols: [] }), "EMA crossover");
  assert.equal(paramsText({ fast: 10, slow: 30 }), "fast 10, slow 30");
  assert.equal(paramsText({}), "");
});

Deno.test("tradeMarkers - entry and exit per trade of the symbol, long entries buy, short entries sell, in time order", () => {
  const t = (symbol: string, side: "long" | "short", e: number, x: number) => ({
    symbol,
    side,
    entryTime: e,
    entryPrice: e * 10,
    exitTime: x,
    exitPrice: x * 10,
  });
  const m = tradeMarkers(
    [t("QQQ", "short", 5, 9), t("SPY", "long", 1, 2), t("QQQ", "long", 1, 4)],
    "QQQ",
  );
  assert.deepEqual(m, [
    { ts: 1, price: 10, side: "buy", kind: "entry" },
    { ts: 4, price: 40, side: "sell", kind: "exit" },
    { ts: 5, price: 50, side: "sell", kind: "entry" },
    { ts: 9, price: 90, side: "buy", kind: "exit" },
  ]);
  assert.deepEqual(tradeMarkers([], "QQQ"), []);
});
