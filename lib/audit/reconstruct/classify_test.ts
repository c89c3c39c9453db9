import assert from "node:assert/strict";
import { runAudit } from "../run.ts";

const FIX = new URL("../../../tests/fixtures/audit/", import.meta.url);
const text = Deno.readTextFileSync(new URL("manual_strategies.csv", FIX));
const report = runAudit([{ name: "manual_strategies.csv", text }], { asOf: "2024-03-01" });
const bySymbol = new Map(report.strategies.map((s) => [s.symbol, s]));

// symbol → expected name, and max risk at entry ($, null = not defined risk) from the payoff
// at expiry: e.g. bull call 100/105 for a 2.00 debit risks 200; iron condor 90/95/105/110 for a
// 1.00 credit risks 5 × 100 − 100 = 400.
const EXPECTED: [string, string, number | null][] = [
  ["LC", "Long Call", 200],
  ["LP", "Long Put", 200],
  ["SC", "Short Call", null],
  ["SP", "Short Put", null],
  ["BCS", "Bull Call Spread", 200],
  ["BRC", "Bear Call Spread", 300],
  ["BPS", "Bull Put Spread", 300],
  ["BRP", "Bear Put Spread", 200],
  ["LSTD", "Long Straddle", 600],
  ["SSTD", "Short Straddle", null],
  ["LSTG", "Long Strangle", 200],
  ["SSTG", "Short Strangle", null],
  ["IC", "Iron Condor", 400],
  ["IB", "Iron Butterfly", 100],
  ["LBF", "Long Butterfly Spread", 100],
  ["SBF", "Short Butterfly Spread", 400],
  ["CAL", "Calendar Spread", 100],
  ["DIAG", "Diagonal Spread", 300],
  ["RAT", "Ratio Spread", null],
  ["BOX", "Box Spread", 0],
  ["SYNL", "Synthetic Long", null],
  ["SYNS", "Synthetic Short", null],
  ["RR", "Risk Reversal", null],
  ["RIC", "Reverse Iron Condor", 100],
  ["CC", "Covered Call", null],
  ["PP", "Protective Put", 600],
  ["COL", "Collar", 500],
  ["STK", "Long Stock", null],
  ["SHS", "Short Stock", null],
  ["MLT", "Multi-leg", 500],
  ["WHL", "Wheel", null],
];

for (const [symbol, name, risk] of EXPECTED) {
  Deno.test(`classify - ${name} (${symbol}) and its max risk`, () => {
    const s = bySymbol.get(symbol);
    assert.ok(s, `no strategy for ${symbol}`);
    assert.equal(s.name, name);
    assert.equal(s.maxRisk, risk);
    assert.equal(s.definedRisk, risk !== null);
  });
}

Deno.test("classify - wheel: put assigned into stock then a covered call, one campaign", () => {
  const w = bySymbol.get("WHL")!;
  assert.equal(w.status, "closed");
  // put 200 + stock (−10 000 + 10 500) + call 150 = 850; fees 0.65 × 2
  assert.equal(w.grossPnl, 850);
  assert.equal(w.netPnl, 848.7);
  assert.deepEqual(w.segments.map((g) => g.name), ["Short Put", "Long Stock", "Short Call"]);
  assert.equal(w.legsDesc, "100P/105C/Stock");
});

Deno.test("classify - legs description sorts unique strikes", () => {
  assert.equal(bySymbol.get("IC")!.legsDesc, "105C/110C/90P/95P");
  assert.equal(bySymbol.get("CC")!.legsDesc, "105C/Stock");
});

for (const file of ["tasty_strategies.csv", "ibkr_flex_strategies.csv"]) {
  Deno.test(`classify - ${file} (same trades, broker layout) gives the same strategies`, () => {
    const other = runAudit([{ name: file, text: Deno.readTextFileSync(new URL(file, FIX)) }], {
      asOf: "2024-03-01",
    });
    assert.equal(other.strategies.length, report.strategies.length);
    for (const s of other.strategies) {
      const m = bySymbol.get(s.symbol)!;
      assert.deepEqual(
        [s.name, s.maxRisk, s.grossPnl, s.fees, s.netPnl, s.legsDesc, s.status],
        [m.name, m.maxRisk, m.grossPnl, m.fees, m.netPnl, m.legsDesc, m.status],
        s.symbol,
      );
    }
  });
}
