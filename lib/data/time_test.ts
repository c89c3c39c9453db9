import assert from "node:assert/strict";
import { detectTimeframe, formatTimestamp, parseTimestamp } from "./time.ts";

Deno.test("parseTimestamp - ISO dates, date-times, offsets, compact dates, unix s and ms", () => {
  assert.equal(parseTimestamp("2024-02-29"), Date.UTC(2024, 1, 29));
  assert.equal(parseTimestamp("2024-02-29 13:05"), Date.UTC(2024, 1, 29, 13, 5));
  assert.equal(parseTimestamp("2024-02-29T13:05:07.250Z"), Date.UTC(2024, 1, 29, 13, 5, 7, 250));
  assert.equal(parseTimestamp("2024-02-29T13:05:07+01:00"), Date.UTC(2024, 1, 29, 12, 5, 7));
  assert.equal(parseTimestamp("20240229"), Date.UTC(2024, 1, 29));
  assert.equal(parseTimestamp("1709164800"), Date.UTC(2024, 1, 29));
  assert.equal(parseTimestamp("1709164800000"), Date.UTC(2024, 1, 29));
});

Deno.test("parseTimestamp - impossible dates and junk are NaN", () => {
  for (const s of ["2023-02-29", "2024-13-01", "2024-01-01 25:00", "", "soon", "1/2/2024"]) {
    assert.ok(Number.isNaN(parseTimestamp(s)), s);
  }
});

Deno.test("detectTimeframe - daily with weekends, hourly, monthly", () => {
  const days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((d) => d * 86_400_000);
  assert.equal(detectTimeframe(days), "1d");
  assert.equal(detectTimeframe([0, 3_600_000, 7_200_000]), "1h");
  assert.equal(detectTimeframe([0, 31, 59, 90].map((d) => d * 86_400_000)), "1mo");
  assert.equal(formatTimestamp(Date.UTC(2024, 0, 2)), "2024-01-02");
  assert.equal(formatTimestamp(Date.UTC(2024, 0, 2, 9, 30)), "2024-01-02T09:30:00Z");
});
