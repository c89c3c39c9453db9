import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { importCsv } from "../../lib/data/market.ts";
import { readZip } from "../../lib/audit/export/zip.ts";

const FIX = new URL("../../tests/fixtures/audit/", import.meta.url);
const read = (n: string) => Deno.readTextFileSync(new URL(n, FIX));

function multipart(files: [string, string][], fields: Record<string, string> = {}): RequestInit {
  const form = new FormData();
  for (const [name, text] of files) {
    form.append("file", new File([text], name, { type: "text/csv" }));
  }
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return { method: "POST", body: form };
}

Deno.test("POST /api/v1/audits - multipart upload of two files: audited, saved, listed, reopened, deleted", async () => {
  using t = await testApp();
  const res = await t.app.request(
    "/api/v1/audits",
    multipart([["tasty.csv", read("tasty_core.csv")], ["again.csv", read("tasty_core.csv")]], {
      asOf: "2024-03-01",
      style: "income",
      accountSize: "25000",
    }),
  );
  assert.equal(res.status, 201, await res.clone().text());
  const body = await res.json();
  assert.equal(body.id, "id-1");
  assert.equal(body.report.totals.netPnl, 2228.94);
  assert.equal(body.report.imports.duplicatesDropped, 31);
  assert.equal(body.report.accountSize, 25000);
  assert.deepEqual(body.files, ["tasty.csv", "again.csv"]);
  const list = await (await t.app.request("/api/v1/audits")).json();
  assert.deepEqual(list.audits.map((a: { id: string }) => a.id), ["id-1"]);
  assert.equal(list.audits[0].netPnl, 2228.94);
  const one = await (await t.app.request("/api/v1/audits/id-1")).json();
  assert.deepEqual(one.report, body.report);
  const csv = await t.app.request("/api/v1/audits/id-1/export?format=csv");
  assert.match(await csv.text(), /Rolled Short Put/);
  const xlsx = await t.app.request("/api/v1/audits/id-1/export?format=xlsx");
  const entries = await readZip(new Uint8Array(await xlsx.arrayBuffer()));
  assert.ok(entries.some((e) => e.name === "xl/workbook.xml"));
  assert.equal((await t.app.request("/api/v1/audits/id-1", { method: "DELETE" })).status, 200);
  assert.equal((await t.app.request("/api/v1/audits/id-1")).status, 404);
  assert.equal((await t.app.request("/api/v1/audits/id-1", { method: "DELETE" })).status, 404);
});

Deno.test("POST /api/v1/audits - JSON manual rows; open positions priced from stored bars", async () => {
  using t = await testApp();
  await importCsv(
    t.kv,
    "local",
    "SPY",
    "ts,open,high,low,close,volume\n2024-02-28,460,461,459,460,1\n2024-03-01,455,456,454,455,1\n2024-03-04,1,1,1,1,1\n",
  );
  const res = await t.app.request(
    "/api/v1/audits",
    jsonBody({
      rows: [{
        date: "2024-02-20 10:00",
        symbol: "SPY",
        action: "STO",
        qty: 1,
        price: 3,
        fees: 1,
        expiry: "2024-03-15",
        strike: 470,
        right: "put",
      }],
      options: { asOf: "2024-03-01" },
      save: false,
    }),
  );
  assert.equal(res.status, 200, await res.clone().text());
  const { id, report } = await res.json();
  assert.equal(id, null);
  // last close on or before the as-of date: 455 → (470 − 455) / 470 in the money
  assert.equal(report.openPositions[0].underlyingPrice, 455);
  assert.deepEqual(report.openRisk.itmExposure, [{
    symbol: "SPY",
    exposure: -1500,
    flagged: true,
  }]);
  assert.deepEqual((await (await t.app.request("/api/v1/audits")).json()).audits, []);
});

Deno.test("POST /api/v1/audits - a malformed file is a 400 naming file, line and column; nothing saved", async () => {
  using t = await testApp();
  const res = await t.app.request(
    "/api/v1/audits",
    multipart([["good.csv", read("tasty_core.csv")], ["bad.csv", read("tasty_malformed.csv")]]),
  );
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.error.code, "invalid_request");
  assert.deepEqual(body.error.issues, [{
    path: "bad.csv:4:Value",
    message: 'expected a number, was "3OO.OO"',
  }]);
  assert.deepEqual((await (await t.app.request("/api/v1/audits")).json()).audits, []);
  const empty = await t.app.request("/api/v1/audits", jsonBody({ options: { style: "yolo" } }));
  assert.equal(empty.status, 400);
  assert.match((await empty.json()).error.message, /options\.style/);
});
