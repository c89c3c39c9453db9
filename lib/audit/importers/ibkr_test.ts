import assert from "node:assert/strict";
import { parseCsv } from "../csv.ts";
import { AuditInputError } from "../types.ts";
import { importIbkrFlex } from "./ibkr_flex.ts";
import { importIbkrStatement } from "./ibkr_statement.ts";

const ctx = { file: "i", asOfMs: 0 };

Deno.test("ibkr flex - signed quantity, proceeds as given, |commission|, multiplier honoured", () => {
  const text = [
    "ClientAccountID,AssetClass,Symbol,UnderlyingSymbol,Multiplier,Strike,Expiry,Put/Call,DateTime,Quantity,TradePrice,Proceeds,IBCommission,IBExecID,Notes/Codes",
    "U1,FOP,ESH4 C4800,ES,50,4800,20240315,C,20240102;100000,-1,20,1000,-2.5,e1,O",
    "U1,OPT,SPY   240315P00450000,SPY,100,450,2024-03-15,P,2024-01-02;10:00:00,2,3,,-1.3,e2,",
    "U1,STK,AAPL,,1,,,,20240102;100500,100,185,-18500,-1,e3,",
    "U1,CASH,EUR.USD,,1,,,,20240102;100500,1000,1.1,-1100,-2,e4,",
  ].join("\n");
  const { legs, skipped } = importIbkrFlex(parseCsv(text), ctx);
  assert.equal(skipped, 1);
  assert.equal(legs[0].multiplier, 50);
  assert.equal(legs[0].proceeds, 1000);
  assert.equal(legs[0].fees, 2.5);
  assert.equal(legs[0].contractId, "ES    240315C04800000");
  // no Proceeds: −qty × price × multiplier
  assert.equal(legs[1].proceeds, -600);
  assert.equal(legs[1].intent, null);
  assert.equal(legs[2].assetType, "stock");
  assert.equal(legs[2].symbol, "AAPL");
});

Deno.test("ibkr flex - HEADER/DATA prefixes and LevelOfDetail", () => {
  const text = [
    "BOF,U1,Trades,1,20240101,20240301",
    "HEADER,TRNT,ClientAccountID,AssetClass,Symbol,DateTime,Quantity,TradePrice,Proceeds,IBCommission,LevelOfDetail",
    "DATA,TRNT,U1,STK,AAPL,20240102;100000,100,185,-18500,-1,EXECUTION",
    "DATA,TRNT,U1,STK,AAPL,20240102;100000,100,185,-18500,-1,ORDER",
    "EOF,U1",
  ].join("\n");
  const { legs, skipped } = importIbkrFlex(parseCsv(text), ctx);
  assert.equal(legs.length, 1);
  assert.equal(skipped, 1);
});

Deno.test("ibkr flex - a bad quantity names line and column", () => {
  const text =
    "ClientAccountID,Symbol,DateTime,Quantity,Proceeds\nU1,AAPL,20240102;100000,1O0,-5\n";
  assert.throws(
    () => importIbkrFlex(parseCsv(text), ctx),
    (e: unknown) => e instanceof AuditInputError && e.line === 2 && e.column === "Quantity",
  );
  assert.throws(
    () => importIbkrFlex(parseCsv("ClientAccountID,Symbol,Quantity\nU1,A,1\n"), ctx),
    (e: unknown) =>
      e instanceof AuditInputError && e.column === "DateTime" && e.message.includes("missing"),
  );
});

Deno.test("ibkr statement - executions preferred over orders; multiplier from instrument info", () => {
  const text = [
    "Trades,Header,DataDiscriminator,Asset Category,Currency,Account,Symbol,Date/Time,Quantity,T. Price,Proceeds,Comm/Fee,Code",
    'Trades,Data,Order,Equity and Index Options,USD,U1,XSP 15MAR24 480 P,"2024-01-02, 10:00:00",-2,1.5,300,-2,O',
    'Trades,Data,Execution,Equity and Index Options,USD,U1,XSP 15MAR24 480 P,"2024-01-02, 10:00:00",-1,1.5,150,-1,O;P',
    'Trades,Data,Execution,Equity and Index Options,USD,U1,XSP 15MAR24 480 P,"2024-01-02, 10:00:01",-1,1.5,150,-1,O;P',
    "Trades,SubTotal,,Equity and Index Options,USD,U1,,,,,300,-2,",
    "Financial Instrument Information,Header,Asset Category,Symbol,Multiplier",
    "Financial Instrument Information,Data,Equity and Index Options,XSP 15MAR24 480 P,10",
  ].join("\n");
  const { legs, skipped } = importIbkrStatement(parseCsv(text), ctx);
  assert.equal(legs.length, 2);
  assert.equal(skipped, 1);
  assert.equal(legs[0].multiplier, 10);
  assert.equal(legs[0].account, "U1");
  assert.equal(legs[0].expiry, "2024-03-15");
  assert.equal(legs[0].intent, "open");
});

Deno.test("ibkr statement - a bad option symbol names its line", () => {
  const text = [
    "Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price,Proceeds,Comm/Fee,Code",
    'Trades,Data,Order,Equity and Index Options,USD,SPY MARCH 480 P,"2024-01-02, 10:00:00",-2,1.5,300,-2,O',
  ].join("\n");
  assert.throws(
    () => importIbkrStatement(parseCsv(text), ctx),
    (e: unknown) => e instanceof AuditInputError && e.line === 2 && e.column === "Symbol",
  );
});
