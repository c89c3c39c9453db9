import assert from "node:assert/strict";
import type { ManualRow } from "../importers/manual.ts";
import { runAudit } from "../run.ts";

/** A one-contract long call on `symbol` opened and closed at the given times for a result of 100 × (exit − 1). */
const trade = (symbol: string, open: string, close: string, exit: number, qty = 1): ManualRow[] => [
  {
    date: open,
    symbol,
    action: "BTO",
    qty,
    price: 1,
    expiry: "2024-12-20",
    strike: 100,
    right: "call",
  },
  {
    date: close,
    symbol,
    action: "STC",
    qty,
    price: exit,
    expiry: "2024-12-20",
    strike: 100,
    right: "call",
  },
];
const audit = (rows: ManualRow[]) => runAudit([], { asOf: "2024-06-01" }, { manualRows: rows });

Deno.test("behaviour - tilt: a fourth loss within 24 h is an event; trades after the third loss are flagged", () => {
  const r = audit([
    ...trade("A", "2024-03-04 09:30", "2024-03-04 10:00", 0.5),
    ...trade("B", "2024-03-04 10:30", "2024-03-04 11:00", 0.5),
    ...trade("C", "2024-03-04 11:30", "2024-03-04 12:00", 0.5), // third loss at 12:00
    ...trade("D", "2024-03-04 13:00", "2024-03-04 14:00", 0.5), // fourth loss: event, tilt trade
    ...trade("E", "2024-03-05 10:00", "2024-03-05 11:00", 2), // inside 24 h of 14:00: tilt trade
    ...trade("F", "2024-03-07 10:00", "2024-03-07 11:00", 2),
  ]);
  assert.equal(r.behaviour.tilt.events, 1);
  assert.deepEqual(r.strategies.filter((s) => s.flags.tilt).map((s) => s.symbol), ["D", "E"]);
  assert.equal(r.behaviour.tilt.netPnl, -50 + 100);
  // equity without D and E: −50 × 3 + 100
  assert.equal(r.behaviour.tilt.equityWithout.at(-1), -50);
  assert.ok(
    r.behaviour.disciplineBreakdown.some((l) => l.label.startsWith("Tilt") && l.points === -5),
  );
});

Deno.test("behaviour - revenge needs the same symbol within 30 minutes of a losing exit", () => {
  const r = audit([
    ...trade("A", "2024-03-04 09:30", "2024-03-04 10:00", 0.5),
    ...trade("A", "2024-03-04 10:29", "2024-03-04 11:00", 2), // 29 min: revenge
    ...trade("B", "2024-03-05 09:30", "2024-03-05 10:00", 0.5),
    ...trade("B", "2024-03-05 10:31", "2024-03-05 11:00", 2), // 31 min: not
    ...trade("C", "2024-03-05 10:05", "2024-03-05 12:00", 2), // other symbol: not
  ]);
  assert.deepEqual(r.strategies.filter((s) => s.flags.revenge).map((s) => s.entryAt), [
    "2024-03-04T10:29:00",
  ]);
  assert.equal(r.behaviour.revenge.netPnl, 100);
});

Deno.test("behaviour - size tilt: 1.5× the size right after a loss", () => {
  const r = audit([
    ...trade("A", "2024-03-04 09:30", "2024-03-04 10:00", 0.5, 2),
    ...trade("B", "2024-03-04 12:00", "2024-03-04 13:00", 2, 3), // 3 ≥ 1.5 × 2
    ...trade("C", "2024-03-06 09:30", "2024-03-06 10:00", 0.5, 2),
    ...trade("D", "2024-03-06 12:00", "2024-03-06 13:00", 2, 2),
  ]);
  assert.deepEqual(r.strategies.filter((s) => s.flags.sizeTilt).map((s) => s.symbol), ["B"]);
});

Deno.test("behaviour - overtrading: a day with 4× the 30-day average entries per active day", () => {
  const rows: ManualRow[] = [];
  for (let d = 1; d <= 5; d++) {
    rows.push(...trade(`S${d}`, `2024-03-0${d} 10:00`, `2024-03-0${d} 15:00`, 1.1));
  }
  for (let k = 0; k < 4; k++) {
    rows.push(...trade(`T${k}`, `2024-03-08 1${k}:00`, `2024-03-08 1${k}:30`, 0.9));
  }
  const r = audit(rows);
  assert.deepEqual(r.behaviour.overtrading.days, ["2024-03-08"]);
  assert.equal(r.behaviour.overtrading.count, 4);
  assert.equal(r.behaviour.overtrading.netPnl, -40);
  // 3 entries would be below 4 × 1
  const r2 = audit(rows.slice(0, rows.length - 2));
  assert.deepEqual(r2.behaviour.overtrading.days, []);
});

Deno.test("behaviour - discipline score is clamped to 0..100 and lists its parts", () => {
  const rows: ManualRow[] = [];
  for (let k = 0; k < 12; k++) {
    // every 30 minutes, 20 minutes after the previous losing exit: revenge and tilt
    const t = (m: number) => {
      const min = 9 * 60 + 30 * k + m;
      return `2024-03-04 ${String(Math.floor(min / 60)).padStart(2, "0")}:${
        String(min % 60).padStart(2, "0")
      }`;
    };
    rows.push(...trade("A", t(0), t(10), 0.5));
  }
  const r = audit(rows);
  assert.equal(r.behaviour.revenge.count, 11);
  assert.equal(r.behaviour.disciplineScore, 0);
  const sum = 100 + r.behaviour.disciplineBreakdown.reduce((a, l) => a + l.points, 0);
  assert.ok(sum < 0);
});
