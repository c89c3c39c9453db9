import assert from "node:assert/strict";
import { AuditInputError } from "../types.ts";
import { importManualRows } from "./manual.ts";

Deno.test("manual - actions sign the quantity; proceeds = −qty × price × multiplier", () => {
  const { legs } = importManualRows([
    {
      date: "2024-01-02",
      symbol: "spy",
      action: "STO",
      qty: 2,
      price: 1.5,
      fees: 1.3,
      expiry: "2024-03-15",
      strike: 450,
      right: "Put",
    },
    {
      date: "2024-01-03",
      symbol: "SPY",
      action: "Buy to Close",
      qty: "2",
      price: "0.5",
      expiry: "3/15/24",
      strike: "450",
      right: "p",
    },
    { date: "2024-01-03", symbol: "KO", action: "BTO", qty: 100, price: 60, right: "stock" },
  ], "m");
  assert.deepEqual(legs.map((l) => [l.qty, l.proceeds]), [[-2, 300], [2, -100], [100, -6000]]);
  assert.equal(legs[0].symbol, "SPY");
  assert.equal(legs[1].intent, "close");
  assert.equal(legs[0].contractId, legs[1].contractId);
});

Deno.test("manual - errors name the row and field", () => {
  assert.throws(
    () => importManualRows([{ date: "x", symbol: "A", action: "BTO", qty: 1 }], "m"),
    (e: unknown) => e instanceof AuditInputError && e.line === 1 && e.column === "date",
  );
  assert.throws(
    () =>
      importManualRows([
        { date: "2024-01-02", symbol: "A", action: "BTO", qty: 1, price: 1, right: "stock" },
        {
          date: "2024-01-02",
          symbol: "A",
          action: "BTO",
          qty: 1,
          price: 1,
          right: "call",
          strike: 5,
        },
      ], "m"),
    (e: unknown) => e instanceof AuditInputError && e.line === 2 && e.column === "expiry",
  );
});
