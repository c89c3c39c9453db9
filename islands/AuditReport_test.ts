import assert from "node:assert/strict";
import {
  chartData,
  DATE_INCRS,
  dateTickLabels,
  paddedTimeRange,
  usdCompact,
} from "./AuditReport.tsx";

Deno.test("AuditReport chartData - strategies closed at the same moment share one point", () => {
  const curve = [
    { ms: 1000, date: "", equity: 10 },
    { ms: 2000, date: "", equity: 15 },
    { ms: 2000, date: "", equity: 40 },
    { ms: 3000, date: "", equity: 35 },
  ];
  assert.deepEqual(chartData(curve, [10, 15, 15, 10]), [
    [1 - 86_400, 1, 2, 3],
    [0, 10, 40, 35],
    [0, 10, 15, 10],
  ]);
  assert.deepEqual(chartData([], []), [[], [], []]);
});

Deno.test("AuditReport paddedTimeRange - at least two days either side, else 3% of the span", () => {
  const t0 = Date.UTC(2024, 1, 15, 16) / 1000;
  assert.deepEqual(paddedTimeRange(t0, t0 + 3600), [t0 - 2 * 86_400, t0 + 3600 + 2 * 86_400]);
  const year = 365 * 86_400;
  const [lo, hi] = paddedTimeRange(t0, t0 + year);
  assert.ok(
    Math.abs(t0 - lo - 0.03 * year) < 1e-6 && Math.abs(hi - t0 - year - 0.03 * year) < 1e-6,
  );
});

Deno.test("AuditReport dateTickLabels - dates, never hours; the year on the first tick and at changes", () => {
  const day = (y: number, m: number, d: number) => Date.UTC(y, m, d) / 1000;
  assert.deepEqual(
    dateTickLabels([day(2023, 11, 30), day(2023, 11, 31), day(2024, 0, 1)], 5 * 86_400),
    ["Dec 30, 2023", "Dec 31", "Jan 1, 2024"],
  );
  assert.deepEqual(dateTickLabels([day(2023, 5, 1), day(2024, 0, 1)], 400 * 86_400), [
    "Jun 2023",
    "Jan 2024",
  ]);
  // every tick step is a whole number of days
  assert.ok(DATE_INCRS.every((s) => s % 86_400 === 0));
});

Deno.test("AuditReport usdCompact - short bar labels with a sign", () => {
  assert.equal(usdCompact(3.84), "$4");
  assert.equal(usdCompact(-3.84), "−$4");
  assert.equal(usdCompact(746.2), "$746");
  assert.equal(usdCompact(1520), "$1.5k");
  assert.equal(usdCompact(-12_345), "−$12k");
  assert.equal(usdCompact(2_500_000), "$2.5M");
});
