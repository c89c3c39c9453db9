import assert from "node:assert/strict";
import type { ManualRow } from "../importers/manual.ts";
import { runAudit } from "../run.ts";

const put = (
  date: string,
  action: string,
  price: number,
  strike = 450,
  expiry = "2024-03-15",
): ManualRow => ({
  date,
  symbol: "SPY",
  action,
  qty: 1,
  price,
  expiry,
  strike,
  right: "put",
});
const audit = (rows: ManualRow[]) => runAudit([], { asOf: "2024-06-01" }, { manualRows: rows });

Deno.test("campaigns - a new open 10 minutes after a winning close is a roll", () => {
  const r = audit([
    put("2024-01-02 10:00", "STO", 2),
    put("2024-01-10 10:00", "BTC", 1),
    put("2024-01-10 10:10", "STO", 3, 445, "2024-04-19"),
    put("2024-02-01 10:00", "BTC", 1, 445, "2024-04-19"),
  ]);
  assert.equal(r.strategies.length, 1);
  assert.equal(r.strategies[0].name, "Rolled Short Put");
  assert.equal(r.strategies[0].grossPnl, 300); // 200 − 100 + 300 − 100
  assert.deepEqual(r.strategies[0].segments.map((g) => g.grossPnl), [100, 200]);
});

Deno.test("campaigns - the open may come up to 2 minutes before the close", () => {
  const r = audit([
    put("2024-01-02 10:00", "STO", 2),
    put("2024-01-10 09:58:30", "STO", 3, 445, "2024-04-19"),
    put("2024-01-10 10:00", "BTC", 1),
  ]);
  assert.equal(r.strategies.length, 1);
  assert.equal(r.strategies[0].name, "Rolled Short Put");
});

Deno.test("campaigns - after a losing close only 1 minute counts; later is a new strategy", () => {
  const r = audit([
    put("2024-01-02 10:00", "STO", 2),
    put("2024-01-10 10:00", "BTC", 5), // −300 loss
    put("2024-01-10 10:05", "STO", 3, 445, "2024-04-19"),
  ]);
  assert.equal(r.strategies.length, 2);
  assert.equal(r.strategies[1].flags.revenge, true);
  const r2 = audit([
    put("2024-01-02 10:00", "STO", 2),
    put("2024-01-10 10:00", "BTC", 5),
    put("2024-01-10 10:00:50", "STO", 3, 445, "2024-04-19"),
  ]);
  assert.equal(r2.strategies.length, 1);
});

Deno.test("campaigns - a re-entry after 15 minutes is a new strategy", () => {
  const r = audit([
    put("2024-01-02 10:00", "STO", 2),
    put("2024-01-10 10:00", "BTC", 1),
    put("2024-01-10 10:16", "STO", 3, 445, "2024-04-19"),
  ]);
  assert.equal(r.strategies.length, 2);
  assert.equal(r.strategies[0].name, "Short Put");
});

Deno.test("campaigns - legs opened 90 s apart form one strategy, 3 minutes apart do not", () => {
  const call = (date: string, action: string, strike: number): ManualRow => ({
    date,
    symbol: "QQQ",
    action,
    qty: 1,
    price: 1,
    expiry: "2024-03-15",
    strike,
    right: "call",
  });
  const r = audit([
    call("2024-01-02 10:00:00", "BTO", 400),
    call("2024-01-02 10:01:30", "STO", 410),
  ]);
  assert.equal(r.strategies.length, 1);
  assert.equal(r.strategies[0].name, "Bull Call Spread");
  const r2 = audit([
    call("2024-01-02 10:00:00", "BTO", 400),
    call("2024-01-02 10:03:00", "STO", 410),
  ]);
  assert.equal(r2.strategies.length, 2);
});

Deno.test("campaigns - covered calls written later join the stock", () => {
  const r = audit([
    { date: "2024-01-02 10:00", symbol: "KO", action: "BTO", qty: 200, price: 60, right: "stock" },
    {
      date: "2024-01-05 10:00",
      symbol: "KO",
      action: "STO",
      qty: 2,
      price: 0.5,
      expiry: "2024-01-19",
      strike: 62,
      right: "call",
    },
    {
      date: "2024-01-22 10:00",
      symbol: "KO",
      action: "STO",
      qty: 2,
      price: 0.6,
      expiry: "2024-02-16",
      strike: 62,
      right: "call",
    },
    { date: "2024-02-20 10:00", symbol: "KO", action: "STC", qty: 200, price: 61, right: "stock" },
  ]);
  assert.equal(r.strategies.length, 1);
  const s = r.strategies[0];
  assert.equal(s.name, "Covered Call");
  assert.equal(s.segments.length, 3);
  assert.equal(s.grossPnl, 200 + 100 + 120); // stock +1 × 200, calls expired worthless
});

Deno.test("campaigns - a re-entry 30 s after a flat close is a new segment (a roll), not the same legs", () => {
  const call = (date: string, action: string, strike: number, price: number): ManualRow => ({
    date,
    symbol: "NVDA",
    action,
    qty: 1,
    price,
    expiry: "2024-03-15",
    strike,
    right: "call",
  });
  const r = audit([
    call("2024-01-02 10:00:00", "BTO", 500, 5),
    call("2024-01-02 10:00:30", "STC", 500, 6),
    call("2024-01-02 10:01:00", "BTO", 510, 3),
    call("2024-01-03 10:00:00", "STC", 510, 4),
  ]);
  assert.equal(r.strategies.length, 1);
  assert.equal(r.strategies[0].name, "Rolled Long Call");
  assert.deepEqual(r.strategies[0].segments.map((g) => [g.name, g.grossPnl]), [["Long Call", 100], [
    "Long Call",
    100,
  ]]);
});
