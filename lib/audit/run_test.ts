import assert from "node:assert/strict";
import { runAudit } from "./run.ts";
import { AuditInputError } from "./types.ts";

const FIX = new URL("../../tests/fixtures/audit/", import.meta.url);
const read = (name: string) => ({ name, text: Deno.readTextFileSync(new URL(name, FIX)) });
const close = (a: number | null, b: number, tol = 1e-6) =>
  assert.ok(a !== null && Math.abs(a - b) <= tol, `expected ${b}, was ${a}`);

// The core scenario (tests/fixtures/audit/*_core.csv), hand-computed:
// SPY short put 200 − 50 = 150, fees 1.14 + 0.14 → net 148.72
// QQQ iron condor credit 150, closed for 40 → 110, fees 4 × 1.14 + 4 × 0.14 = 5.12 → 104.88,
//   max risk 5 × 100 − 150 = 350, R = 0.29966
// IWM short put 100 − 40 rolled into 188P 180 (expired) → 240, fees 2.42 → 237.58
// AAPL 3 long calls −1200, +500, +1200 → 500, fees 3.84 → 496.16, R = 496.16 / 1200
// TSLA wheel: put 300, stock −23 000 + 23 500, calls 250 + 300 → 1350, fees 3.42 → 1346.58
// SPY long call −100 (fees 1.28) → −101.28, re-entered 10 min later with 2 contracts: +100 −2.56
// QQQ long call never closed, expired 2024-02-09 (inferred) → −101.14; SPY 470P still open.
const CORE_NETS: Record<string, number> = {
  "SPY Short Put": 148.72,
  "QQQ Iron Condor": 104.88,
  "IWM Rolled Short Put": 237.58,
  "AAPL Long Call": 496.16,
  "TSLA Wheel": 1346.58,
  "QQQ Long Call": -101.14,
};

for (const file of ["tasty_core.csv", "ibkr_flex_core.csv", "ibkr_statement_core.csv"]) {
  Deno.test(`runAudit - ${file}: strategies, totals and behaviour match the hand computation`, () => {
    const r = runAudit([read(file)], { asOf: "2024-03-01" });
    const closed = r.strategies.filter((s) => s.status === "closed");
    assert.equal(closed.length, 8);
    for (const [key, net] of Object.entries(CORE_NETS)) {
      const s = closed.find((x) => `${x.symbol} ${x.name}` === key);
      assert.ok(s, `missing ${key}`);
      close(s.netPnl, net, 0.005);
    }
    const spyCalls = closed.filter((s) => s.symbol === "SPY" && s.name === "Long Call");
    assert.deepEqual(spyCalls.map((s) => s.netPnl), [-101.28, 97.44]);
    const t = r.totals;
    assert.equal(t.grossPnl, 2250);
    assert.equal(t.fees, 21.06);
    assert.equal(t.netPnl, 2228.94);
    assert.equal(t.winRate, 0.75);
    close(t.profitFactor, 2431.36 / 202.42);
    assert.equal(t.expectancy, 278.62);
    assert.equal(t.maxDrawdown, 104.98); // 749.76 peak → 644.78 after the QQQ call expired
    close(t.kelly, 0.75 - 0.25 / ((2431.36 / 6) / (202.42 / 2)), 1e-4);
    close(t.feeDragPct, (21.06 / 2250) * 100);
    close(t.efficiency, 2228.94 / 21.06);
    close(
      t.expectancyR,
      (104.88 / 350 + 496.16 / 1200 - 101.28 / 200 + 97.44 / 300 - 101.14 / 100) / 5,
    );
    assert.deepEqual(t.monthlyIncome, [
      { month: "2024-01", netPnl: 745.92 },
      { month: "2024-02", netPnl: 1483.02 },
    ]);
    assert.equal(t.equityCurve.at(-1)!.equity, 2228.94);
    const ic = closed.find((s) => s.name === "Iron Condor")!;
    assert.equal(ic.maxRisk, 350);
    assert.equal(ic.holdDays, 17);
    const iwm = closed.find((s) => s.symbol === "IWM")!;
    assert.equal(iwm.segments.length, 2);
    assert.deepEqual(iwm.segments.map((g) => g.netPnl), [58.72, 178.86]);
    // behaviour: the 2-lot SPY call 10 minutes after the loss is revenge and size tilt
    assert.equal(r.behaviour.revenge.count, 1);
    assert.equal(r.behaviour.revenge.netPnl, 97.44);
    assert.equal(r.behaviour.sizeTilt.count, 1);
    assert.equal(r.behaviour.tilt.count, 0);
    assert.equal(r.behaviour.revenge.equityWithout.at(-1), 2131.5);
    // 100 − 10 revenge − 5 size tilt + 2 (1 loss cut early) + 4 (2 patient winners)
    assert.equal(r.behaviour.disciplineScore, 91);
    // open position
    assert.equal(r.openPositions.length, 1);
    const p = r.openPositions[0];
    assert.equal(p.contract, "SPY   240315P00470000");
    assert.equal(p.qty, -1);
    assert.equal(p.avgPrice, 3);
    assert.equal(p.breakeven, 467);
    assert.equal(p.dte, 14);
    assert.deepEqual(p.alerts, ["Not priced"]);
    assert.equal(r.verdict.level, "insufficient");
    assert.equal(r.imports.inferredExpirations, 1);
    assert.deepEqual(r.tradePnls.length, 8);
  });
}

Deno.test("runAudit - the same executions from two files are counted once", () => {
  const one = runAudit([read("ibkr_flex_core.csv")], { asOf: "2024-03-01" });
  const two = runAudit([read("ibkr_flex_core.csv"), read("ibkr_flex_core.csv")], {
    asOf: "2024-03-01",
  });
  assert.equal(two.imports.duplicatesDropped, 31);
  assert.equal(two.totals.netPnl, one.totals.netPnl);
  const tasty = runAudit([read("tasty_core.csv"), read("tasty_core.csv")], { asOf: "2024-03-01" });
  assert.equal(tasty.imports.duplicatesDropped, 31);
  assert.equal(tasty.totals.netPnl, 2228.94);
});

Deno.test("runAudit - priced open positions: ITM short put flags exposure and a red verdict", () => {
  const r = runAudit([read("tasty_core.csv")], { asOf: "2024-03-01" }, {
    priceOf: (s) => (s === "SPY" ? 460 : undefined),
  });
  const p = r.openPositions[0];
  close(p.itmPct, ((470 - 460) / 470) * 100);
  assert.ok(p.alerts[0].startsWith("Short option 2.1% in the money"));
  // −1 × 100 × (470 − 460) = −1000 < −500
  assert.deepEqual(r.openRisk.itmExposure, [{ symbol: "SPY", exposure: -1000, flagged: true }]);
  assert.ok(r.verdict.reasons.some((x) => x.includes("SPY open positions")));
});

Deno.test("runAudit - over-leverage from buying power and concentration", () => {
  const r = runAudit([read("tasty_core.csv")], {
    asOf: "2024-03-01",
    netLiq: 100_000,
    buyingPower: 40_000,
  }, { priceOf: () => 480 });
  assert.equal(r.openRisk.buyingPowerUsedPct, 60);
  assert.equal(r.openRisk.overLeveraged, true);
  // short put capital at risk = 470 × 100 = 47 000 = 47 % of net liq > 20 %
  assert.equal(r.openRisk.concentration[0].capitalAtRisk, 47000);
  assert.equal(r.openRisk.concentration[0].flagged, true);
});

Deno.test("runAudit - from/to window and as-of", () => {
  const r = runAudit([read("tasty_core.csv")], { from: "2024-02-01", to: "2024-02-10" });
  // legs after Feb 10 are ignored, as-of = Feb 10: TSLA stock and IWM 188P still open
  assert.equal(r.asOf, "2024-02-10");
  const closed = r.strategies.filter((s) => s.status === "closed");
  assert.deepEqual(closed.map((s) => `${s.symbol} ${s.name}`), ["QQQ Long Call"]);
  assert.ok(r.openPositions.some((p) => p.symbol === "TSLA" && p.assetType === "stock"));
});

Deno.test("runAudit - a bad file is an AuditInputError naming line and column, nothing kept", () => {
  const good = read("tasty_core.csv");
  const bad = read("tasty_malformed.csv");
  assert.throws(
    () => runAudit([good, bad], { asOf: "2024-03-01" }),
    (e: unknown) =>
      e instanceof AuditInputError && e.file === "tasty_malformed.csv" && e.line === 4 &&
      e.column === "Value",
  );
});
