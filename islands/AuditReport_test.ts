import assert from "node:assert/strict";
import { chartData } from "./AuditReport.tsx";

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
