import assert from "node:assert/strict";
import { parseCsv } from "../csv.ts";
import { wallMs } from "../parse.ts";
import { runAudit } from "../run.ts";
import { AuditInputError } from "../types.ts";
import { importTastytradeFills, parseLegLine, tradeTime } from "./tastytrade_fills.ts";

const FIX = new URL("../../../tests/fixtures/audit/", import.meta.url);
const text = Deno.readTextFileSync(new URL("tasty_fills.csv", FIX));
const asOfMs = wallMs(2024, 1, 10, 23, 59, 59);

Deno.test("tastytrade fills - years from the DTE token and the as-of date", () => {
  const { legs, skipped } = importTastytradeFills(parseCsv(text), { file: "f", asOfMs });
  assert.equal(skipped, 1); // the cancelled order
  const open = legs.find((l) => l.symbol === "SPY" && l.qty === -1)!;
  assert.equal(new Date(open.tsMs).toISOString(), "2023-12-27T10:00:00.000Z");
  assert.equal(open.expiry, "2024-01-09"); // 12/27 + 13 days crosses the year
  assert.equal(open.proceeds, 125);
  assert.ok(Math.abs(open.fees - 1.14) < 1e-12);
  const close = legs.find((l) => l.symbol === "SPY" && l.qty === 1)!;
  assert.equal(new Date(close.tsMs).toISOString(), "2024-01-05T14:15:00.000Z");
  assert.equal(close.proceeds, -25);
  // no token: smallest year with expiry on or after the trade
  assert.ok(legs.filter((l) => l.symbol === "MSFT").every((l) => l.expiry === "2024-03-15"));
  // Exp token: expires on the trade date
  assert.equal(legs.find((l) => l.symbol === "SPX")!.expiry, "2024-01-10");
});

Deno.test("tastytrade fills - order money = price × 100 × gcd, split by quantity", () => {
  const { legs } = importTastytradeFills(parseCsv(text), { file: "f", asOfMs });
  const ic = legs.filter((l) => l.symbol === "QQQ");
  assert.equal(ic.length, 4);
  // 2.10 cr × 100 × gcd(2,2,2,2) = 420, a quarter per leg; fees 4.56 / 4
  assert.deepEqual(ic.map((l) => l.proceeds), [105, 105, 105, 105]);
  assert.ok(ic.every((l) => Math.abs(l.fees - 1.14) < 1e-12));
  const fly = legs.filter((l) => l.symbol === "MSFT");
  // 1.20 db × 100 × gcd(1,2,1) = 120 debit split 1:2:1
  assert.deepEqual(fly.map((l) => l.proceeds), [-30, -60, -30]);
  assert.deepEqual(fly.map((l) => l.qty), [1, -2, 1]);
  const stock = legs.find((l) => l.symbol === "AAPL")!;
  assert.equal(stock.assetType, "stock");
  assert.equal(stock.proceeds, -18550); // 185.50 × 100 shares
});

Deno.test("tastytrade fills - audited: short put closed, the rest open", () => {
  const r = runAudit([{ name: "fills.csv", text }], { asOf: "2024-01-10" });
  assert.equal(r.imports.files[0].broker, "tastytrade-fills");
  const closed = r.strategies.filter((s) => s.status === "closed");
  assert.equal(closed.length, 1);
  assert.equal(closed[0].netPnl, 98.72); // 125 − 25 − 1.28
  const names = r.strategies.filter((s) => s.status === "open").map((s) => `${s.symbol} ${s.name}`);
  assert.deepEqual(names.sort(), [
    "AAPL Long Stock",
    "MSFT Long Butterfly Spread",
    "QQQ Iron Condor",
    "SPX Short Put",
  ]);
  const spx = r.openPositions.find((p) => p.symbol === "SPX")!;
  assert.equal(spx.dte, 0);
  assert.ok(spx.alerts.includes("Expiring today"));
});

Deno.test("tastytrade fills - leg lines and times", () => {
  assert.deepEqual(parseLegLine("-1 NOV 18 100.0 PUT SELL")?.qty, -1);
  assert.equal(parseLegLine("1 Nov 13 Exp 6815 Put BTO")?.dte, 0);
  assert.equal(parseLegLine("1 Dec 26 29d 24 Call BTO")?.strike, 24);
  assert.equal(parseLegLine("hello"), null);
  // 12 a.m. is midnight, 12 p.m. noon; a date after the as-of date goes back a year
  assert.equal(
    new Date(tradeTime("11/26, 12:05a", asOfMs)).toISOString(),
    "2023-11-26T00:05:00.000Z",
  );
  assert.equal(
    new Date(tradeTime("1/10, 12:05p", asOfMs)).toISOString(),
    "2024-01-10T12:05:00.000Z",
  );
});

Deno.test("tastytrade fills - bad price and bad leg name the row and column", () => {
  const bad =
    'Symbol,Status,Price,Time,Description\nSPY,Filled,abc,"1/5, 2:15p",1 Jan 9 4d 450 Put BTC\n';
  assert.throws(
    () => importTastytradeFills(parseCsv(bad), { file: "b", asOfMs }),
    (e: unknown) => e instanceof AuditInputError && e.line === 2 && e.column === "Price",
  );
  const bad2 =
    'Symbol,Status,Price,Time,Description\nSPY,Filled,1.00,"1/5, 2:15p","1 Jan 9 4d 450 Put BTC\nwhat"\n';
  assert.throws(
    () => importTastytradeFills(parseCsv(bad2), { file: "b", asOfMs }),
    (e: unknown) =>
      e instanceof AuditInputError && e.line === 2 && e.column === "Description" &&
      e.message.includes("what"),
  );
});

Deno.test("tastytrade fills - the fill price (MarketOrFill) wins over the order's limit price", () => {
  const csv =
    'Symbol,Status,MarketOrFill,Price,Time,Description\nXLE,Filled,0.79 cr,0.76 cr,"1/5, 2:15p",-1 Jan 19 14d 90 Put STO\n' +
    'XLE,Filled,,0.76 cr,"1/5, 2:16p",-1 Jan 19 14d 91 Put STO\n';
  const { legs } = importTastytradeFills(parseCsv(csv), { file: "f", asOfMs });
  assert.deepEqual(legs.map((l) => l.proceeds), [79, 76]);
});
