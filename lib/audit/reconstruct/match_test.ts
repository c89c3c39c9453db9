import assert from "node:assert/strict";
import { importManualRows, type ManualRow } from "../importers/manual.ts";
import fc from "fast-check";
import { matchLegs } from "./match.ts";

const opt = (date: string, action: string, qty: number, price: number, fees = 0): ManualRow => ({
  date,
  symbol: "SPY",
  action,
  qty,
  price,
  fees,
  expiry: "2024-03-15",
  strike: 450,
  right: "put",
});
const legsOf = (rows: ManualRow[]) => importManualRows(rows, "t").legs;

Deno.test("matchLegs - FIFO partial closes split cash and fees by quantity", () => {
  const legs = legsOf([
    opt("2024-01-02 10:00", "STO", 2, 3, 2),
    opt("2024-01-03 10:00", "STO", 1, 4, 1),
    opt("2024-01-04 10:00", "BTC", 3, 1, 3),
  ]);
  const { lots } = matchLegs(legs, "2024-01-05");
  assert.equal(lots.length, 2);
  // first lot: +600 − 2/3 × 300, fees 2 + 2
  assert.equal(lots[0].closes[0].qty, 2);
  assert.equal(lots[0].closes[0].cash, -200);
  assert.equal(lots[0].closes[0].fees, 2);
  assert.equal(lots[1].closes[0].cash, -100);
  assert.ok(lots.every((l) => l.remaining === 0 && l.closeTs !== null));
});

Deno.test("matchLegs - an over-close flips the position", () => {
  const legs = legsOf([
    opt("2024-01-02 10:00", "BTO", 1, 3),
    opt("2024-01-03 10:00", "SELL", 3, 4),
  ]);
  const { lots } = matchLegs(legs, "2024-01-05");
  assert.equal(lots.length, 2);
  assert.equal(lots[0].closes[0].cash, 400); // 1 of 3 contracts of the 1200 credit
  assert.equal(lots[1].qty, -2);
  assert.equal(lots[1].openCash, 800);
  assert.equal(lots[1].remaining, -2);
});

Deno.test("matchLegs - a close with nothing open is an orphan, not a new position", () => {
  const legs = legsOf([opt("2024-01-02 10:00", "BTC", 1, 3)]);
  const { lots, orphans } = matchLegs(legs, "2024-01-05");
  assert.equal(lots.length, 0);
  assert.deepEqual(orphans, [{ legIndex: 0, qty: 1 }]);
});

Deno.test("matchLegs - expiration without side closes the open side; past expiries close at zero", () => {
  const legs = legsOf([
    opt("2024-01-02 10:00", "BTO", 2, 3),
    opt("2024-03-15 16:00", "Expired", 2, 0),
    { ...opt("2024-01-02 11:00", "STO", 1, 2), strike: 440 },
  ]);
  const { lots, inferredExpirations } = matchLegs(legs, "2024-04-01");
  assert.equal(lots[0].closes[0].qty, -2);
  assert.equal(lots[0].closeEvent, "expiration");
  // the 440 put had no closing row: inferred expiration at 16:00 on the expiry date
  assert.equal(inferredExpirations, 1);
  assert.equal(new Date(lots[1].closeTs!).toISOString(), "2024-03-15T16:00:00.000Z");
  assert.equal(lots[1].closes[0].cash, 0);
});

Deno.test("matchLegs - not yet expired on the as-of date stays open", () => {
  const { lots } = matchLegs(legsOf([opt("2024-01-02 10:00", "STO", 1, 2)]), "2024-03-15");
  assert.equal(lots[0].remaining, -1);
  assert.equal(lots[0].closeTs, null);
});

Deno.test("matchLegs - separate accounts do not net", () => {
  const legs = legsOf([
    { ...opt("2024-01-02 10:00", "STO", 1, 2), account: "A" },
    { ...opt("2024-01-03 10:00", "BTO", 1, 1), account: "B" },
  ]);
  const { lots } = matchLegs(legs, "2024-01-05");
  assert.equal(lots.length, 2);
  assert.deepEqual(lots.map((l) => l.remaining), [-1, 1]);
});

Deno.test("matchLegs - property: cash, fees and quantity are conserved; no lot is over-closed", () => {
  const leg = fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    strike: fc.constantFrom(440, 450),
    buy: fc.boolean(),
    qty: fc.integer({ min: 1, max: 5 }),
    price: fc.integer({ min: 1, max: 900 }).map((x) => x / 100),
    fees: fc.integer({ min: 0, max: 300 }).map((x) => x / 100),
  });
  fc.assert(
    fc.property(fc.array(leg, { minLength: 1, maxLength: 40 }), (xs) => {
      const legs = legsOf(xs.map((x) => ({
        ...opt(
          `2024-02-${String(x.day).padStart(2, "0")} 10:00`,
          x.buy ? "BUY" : "SELL",
          x.qty,
          x.price,
          x.fees,
        ),
        strike: x.strike,
      })));
      const { lots, orphans } = matchLegs(legs, "2024-01-01");
      assert.equal(orphans.length, 0);
      const sum = (f: (n: number) => number) => legs.reduce((a, _, i) => a + f(i), 0);
      let cash = 0;
      let fees = 0;
      const open = new Map<string, number>();
      for (const l of lots) {
        cash += l.openCash + l.closes.reduce((a, c) => a + c.cash, 0);
        fees += l.openFees + l.closes.reduce((a, c) => a + c.fees, 0);
        const closed = l.closes.reduce((a, c) => a + c.qty, 0);
        assert.ok(Math.abs(closed) <= Math.abs(l.qty) + 1e-9);
        assert.ok(Math.abs(l.qty + closed - l.remaining) < 1e-9);
        open.set(l.contractId, (open.get(l.contractId) ?? 0) + l.remaining);
      }
      assert.ok(Math.abs(cash - sum((i) => legs[i].proceeds)) < 1e-6);
      assert.ok(Math.abs(fees - sum((i) => legs[i].fees)) < 1e-6);
      for (const [id, q] of open) {
        const net = legs.filter((l) => l.contractId === id).reduce((a, l) => a + l.qty, 0);
        assert.ok(Math.abs(q - net) < 1e-9, `${id}: ${q} vs ${net}`);
      }
    }),
  );
});
