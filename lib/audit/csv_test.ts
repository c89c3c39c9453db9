import assert from "node:assert/strict";
import { csvCell, parseCsv } from "./csv.ts";
import { isoDateTime, occId, parseDateTime, parseExpiry, parseNumber } from "./parse.ts";
import fc from "fast-check";

Deno.test("parseCsv - quoted cells with commas, quotes and line breaks; physical line numbers", () => {
  const recs = parseCsv('\uFEFFa,b,c\r\n1,"x, ""y""",3\n\n2,"l1\nl2",4\n5,6');
  assert.deepEqual(recs.map((r) => r.line), [1, 2, 4, 6]);
  assert.deepEqual(recs[1].cells, ["1", 'x, "y"', "3"]);
  assert.deepEqual(recs[2].cells, ["2", "l1\nl2", "4"]);
  assert.deepEqual(recs[3].cells, ["5", "6"]);
});

Deno.test("csvCell - round trips through parseCsv", () => {
  const cells = ["plain", 'q"uote', "com,ma", "line\nbreak", ""];
  assert.deepEqual(parseCsv(cells.map(csvCell).join(","))[0].cells, cells);
});

Deno.test("parse helpers - numbers, dates, expiries, OCC ids", () => {
  assert.equal(parseNumber("-1,234.50"), -1234.5);
  assert.equal(parseNumber("(3.10)"), -3.1);
  assert.equal(parseNumber(""), null);
  assert.ok(Number.isNaN(parseNumber("abc")!));
  assert.ok(Number.isNaN(parseNumber("1e903")!), "out of range is not a number");
  assert.ok(Number.isNaN(parseNumber("(1e999)")!));
  const iso = (s: string) => new Date(parseDateTime(s)).toISOString().slice(0, 19);
  assert.equal(iso("2024-01-05T15:30:00-0500"), "2024-01-05T15:30:00");
  assert.equal(iso("20231027;153000"), "2023-10-27T15:30:00");
  assert.equal(iso("2023-10-27;15:30:00"), "2023-10-27T15:30:00");
  assert.equal(iso("2023-11-01, 10:30:00"), "2023-11-01T10:30:00");
  assert.equal(iso("10/27/2023 10:00 PM"), "2023-10-27T22:00:00");
  assert.ok(Number.isNaN(parseDateTime("2023-02-30")));
  assert.equal(parseExpiry("1/19/24"), "2024-01-19");
  assert.equal(parseExpiry("17NOV23"), "2023-11-17");
  assert.equal(occId("SPY", "2023-11-17", "C", 450), "SPY   231117C00450000");
  assert.equal(occId("IWM", "2024-01-15", "P", 190.5), "IWM   240115P00190500");
});

Deno.test("isoDateTime - equals Date#toISOString without the milliseconds", () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }), (ms) => {
      assert.equal(isoDateTime(ms), new Date(ms).toISOString().slice(0, 19));
    }),
  );
  assert.equal(isoDateTime(Date.UTC(2024, 1, 29, 23, 59, 59, 999)), "2024-02-29T23:59:59");
});
