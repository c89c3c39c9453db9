import assert from "node:assert/strict";
import { parseCsv } from "../csv.ts";
import { matchLegs } from "../reconstruct/match.ts";
import { AuditInputError } from "../types.ts";
import { importTastytrade } from "./tastytrade.ts";

const HEAD =
  "Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Currency";
const ctx = { file: "t", asOfMs: 0 };

Deno.test("tastytrade - unsigned quantity, side from Action, Value as cash, |fees|", () => {
  const text = [
    HEAD,
    "2024-01-02T10:00:00-0500,Trade,Sell to Open,SELL_TO_OPEN,SPY   240119P00460000,Equity Option,x,200.00,1,200,-1.00,-0.14,100,SPY,SPY,1/19/24,460,PUT,1,USD",
    "2024-01-19T16:00:00-0500,Receive Deliver,Expiration,,SPY   240119P00460000,Equity Option,x,0.00,1,0,0,0,100,SPY,SPY,1/19/24,460,PUT,,USD",
    "2024-01-20T09:00:00-0500,Money Movement,Dividend,,SPY,Equity,x,1.50,0,,0,0,,,,,,,,USD",
    "2024-01-21T09:00:00-0500,Receive Deliver,Forward Split,,SPY,Equity,x,0,100,,0,0,1,,SPY,,,,,USD",
  ].join("\n");
  const { legs, skipped, notes } = importTastytrade(parseCsv(text), ctx);
  assert.equal(skipped, 2);
  assert.match(notes[0], /line 5: skipped Receive Deliver "Forward Split"/);
  assert.equal(legs[0].qty, -1);
  assert.equal(legs[0].proceeds, 200);
  assert.ok(Math.abs(legs[0].fees - 1.14) < 1e-12);
  assert.equal(legs[0].intent, "open");
  assert.equal(legs[0].orderId, "1");
  assert.equal(new Date(legs[0].tsMs).toISOString(), "2024-01-02T10:00:00.000Z"); // offset dropped
  // an expiration without Action closes whatever is open
  assert.equal(legs[1].signFromPosition, true);
  const { lots } = matchLegs(legs, "2024-01-05");
  assert.equal(lots.length, 1);
  assert.equal(lots[0].closeEvent, "expiration");
});

Deno.test("tastytrade - a trade without a side or with a bad strike names the cell", () => {
  const noSide =
    `${HEAD}\n2024-01-02T10:00:00-0500,Trade,Sell to Open,,SPY   240119P00460000,Equity Option,x,200.00,1,200,-1.00,-0.14,100,SPY,SPY,1/19/24,460,PUT,1,USD\n`;
  assert.throws(
    () => importTastytrade(parseCsv(noSide), ctx),
    (e: unknown) => e instanceof AuditInputError && e.line === 2 && e.column === "Action",
  );
  const badStrike =
    `${HEAD}\n2024-01-02T10:00:00-0500,Trade,Sell to Open,SELL_TO_OPEN,SPY,Equity Option,x,200.00,1,200,-1.00,-0.14,100,SPY,SPY,1/19/24,four,PUT,1,USD\n`;
  assert.throws(
    () => importTastytrade(parseCsv(badStrike), ctx),
    (e: unknown) => e instanceof AuditInputError && e.column === "Strike Price",
  );
  assert.throws(
    () => importTastytrade(parseCsv("Date,Type\n"), ctx),
    (e: unknown) => e instanceof AuditInputError && e.line === 1 && e.column === "Sub Type",
  );
});
