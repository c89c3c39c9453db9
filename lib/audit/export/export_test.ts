import assert from "node:assert/strict";
import { parseCsv } from "../csv.ts";
import { runAudit } from "../run.ts";
import { reportToCsv, reportToXlsx } from "./report_tables.ts";
import { columnName } from "./xlsx.ts";
import { crc32, readZip, writeZip } from "./zip.ts";

const FIX = new URL("../../../tests/fixtures/audit/", import.meta.url);
const report = runAudit([{
  name: "t.csv",
  text: Deno.readTextFileSync(new URL("tasty_core.csv", FIX)),
}], {
  asOf: "2024-03-01",
});

Deno.test("crc32 - the standard check value", () => {
  assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
});

Deno.test("zip - deflated and stored entries round trip", async () => {
  const data = new TextEncoder().encode("hello ".repeat(1000));
  for (const store of [false, true]) {
    const zip = await writeZip([{ name: "a.txt", data }, {
      name: "dir/b.bin",
      data: new Uint8Array([0, 1, 2]),
    }], {
      store,
    });
    if (!store) assert.ok(zip.length < 500);
    const back = await readZip(zip);
    assert.deepEqual(back.map((e) => e.name), ["a.txt", "dir/b.bin"]);
    assert.deepEqual(back[0].data, data);
  }
});

Deno.test("columnName - spreadsheet letters", () => {
  assert.deepEqual([0, 25, 26, 27, 701, 702].map(columnName), ["A", "Z", "AA", "AB", "ZZ", "AAA"]);
});

Deno.test("reportToXlsx - unzips to a workbook whose sheets hold the strategy rows", async () => {
  const files = await readZip(await reportToXlsx(report));
  const names = files.map((f) => f.name);
  for (
    const n of [
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
    ]
  ) {
    assert.ok(names.includes(n), n);
  }
  const text = (n: string) => new TextDecoder().decode(files.find((f) => f.name === n)!.data);
  assert.match(text("xl/workbook.xml"), /<sheet name="Strategies" sheetId="2" r:id="rId2"\/>/);
  const sheet2 = text("xl/worksheets/sheet2.xml");
  assert.equal((sheet2.match(/<row /g) ?? []).length, report.strategies.length + 1);
  assert.match(sheet2, /<t xml:space="preserve">Rolled Short Put<\/t>/);
  assert.match(sheet2, /<v>1346.58<\/v>/);
  const summary = text("xl/worksheets/sheet1.xml");
  assert.match(summary, /Net PnL<\/t><\/is><\/c><c r="B10"><v>2228.94<\/v>/);
});

Deno.test("reportToCsv - one header and one row per strategy", () => {
  const rows = parseCsv(reportToCsv(report));
  assert.equal(rows.length, report.strategies.length + 1);
  assert.equal(rows[0].cells[3], "Strategy");
  const wheel = rows.find((r) => r.cells[3] === "Wheel")!;
  assert.equal(wheel.cells[10], "1346.58");
});
