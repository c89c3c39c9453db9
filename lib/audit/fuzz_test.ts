import assert from "node:assert/strict";
import fc from "fast-check";
import { runAudit } from "./run.ts";
import { AuditInputError } from "./types.ts";

const FIX = new URL("../../tests/fixtures/audit/", import.meta.url);
const FILES = [
  "tasty_core.csv",
  "tasty_legacy.csv",
  "tasty_fills.csv",
  "ibkr_flex_core.csv",
  "ibkr_statement_core.csv",
  "manual_strategies.csv",
];
const TEXTS = FILES.map((f) => Deno.readTextFileSync(new URL(f, FIX)));

/** Either a report or an AuditInputError; anything else is a bug. */
function auditOrInputError(text: string) {
  try {
    const r = runAudit([{ name: "f.csv", text }], { asOf: "2024-03-01" });
    for (const s of r.strategies) assert.ok(Number.isFinite(s.netPnl));
    assert.ok(Number.isFinite(r.totals.netPnl));
  } catch (err) {
    if (!(err instanceof AuditInputError)) throw err;
  }
}

Deno.test("runAudit - mangled fixture files give a report or an AuditInputError, never a crash", () => {
  const mutation = fc.record({
    file: fc.integer({ min: 0, max: TEXTS.length - 1 }),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        cut: fc.integer({ min: 0, max: 12 }),
        insert: fc.constantFrom("", ",", '"', "\n", "-", "0", "x", "1e9", "NaN", ";", "12/31", " "),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });
  fc.assert(
    fc.property(mutation, ({ file, edits }) => {
      let text = TEXTS[file];
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
      }
      auditOrInputError(text);
    }),
    { numRuns: 300 },
  );
});

Deno.test("runAudit - dropped rows (any subset) still audit consistently", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: TEXTS.length - 1 }),
      fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
      (file, keep) => {
        const lines = TEXTS[file].split("\n");
        const text = [lines[0], ...lines.slice(1).filter((_, i) => keep[i % keep.length])].join(
          "\n",
        );
        auditOrInputError(text);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("runAudit - random manual trades: no crash; totals add up over the strategies", () => {
  const row = fc.record({
    day: fc.integer({ min: 1, max: 60 }),
    minute: fc.integer({ min: 0, max: 600 }),
    symbol: fc.constantFrom("AAA", "BBB"),
    action: fc.constantFrom("BTO", "STO", "BTC", "STC", "Expired", "Assigned"),
    qty: fc.integer({ min: 1, max: 4 }),
    price: fc.integer({ min: 0, max: 500 }).map((x) => x / 100),
    fees: fc.integer({ min: 0, max: 200 }).map((x) => x / 100),
    right: fc.constantFrom("call", "put", "stock"),
    strike: fc.constantFrom(90, 100, 110),
    expiry: fc.constantFrom("2024-01-19", "2024-02-16", "2024-03-15"),
  });
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
      const manualRows = rows.map((r) => {
        const ms = Date.UTC(2024, 0, 1) + r.day * 86_400_000 + r.minute * 60_000;
        return {
          date: new Date(ms).toISOString().slice(0, 16).replace("T", " "),
          symbol: r.symbol,
          action: r.action,
          qty: r.qty,
          price: r.price,
          fees: r.fees,
          right: r.right,
          strike: r.strike,
          expiry: r.expiry,
        };
      });
      let report;
      try {
        report = runAudit([], { asOf: "2024-04-01" }, { manualRows });
      } catch (err) {
        if (err instanceof AuditInputError) return;
        throw err;
      }
      const closed = report.strategies.filter((s) => s.status === "closed");
      const t = report.totals;
      assert.equal(t.strategies, closed.length);
      const sum = closed.reduce((a, s) => a + s.netPnl, 0);
      assert.ok(Math.abs(t.netPnl - sum) < 0.01 * (closed.length + 1), `${t.netPnl} vs ${sum}`);
      assert.ok(Math.abs(t.grossPnl - t.fees - t.netPnl) < 0.011);
      assert.equal(t.equityCurve.length, closed.length);
      if (closed.length) {
        assert.ok(Math.abs(t.equityCurve.at(-1)!.equity - sum) < 0.01 * (closed.length + 1));
      }
      assert.ok(report.behaviour.disciplineScore >= 0 && report.behaviour.disciplineScore <= 100);
      for (const f of [report.behaviour.revenge, report.behaviour.tilt, report.behaviour.anyFlag]) {
        assert.equal(f.equityWithout.length, closed.length);
      }
    }),
    { numRuns: 300 },
  );
});

Deno.test("runAudit - an out-of-range number (fees 1e903) is an input error naming the cell", () => {
  const text = TEXTS[2].replace(/Fill,5005,100 BTO,0\.00,0\.03/, "Fill,5005,100 BTO,0.00,1e903");
  assert.notEqual(text, TEXTS[2], "the fixture row to mangle exists");
  assert.throws(
    () => runAudit([{ name: "f.csv", text }], { asOf: "2024-03-01" }),
    (err) => err instanceof AuditInputError && /expected a number/.test(err.message),
  );
});
