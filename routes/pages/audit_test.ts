import assert from "node:assert/strict";
import { testApp } from "../../tests/helpers.ts";

const FIX = new URL("../../tests/fixtures/audit/", import.meta.url);
const read = (n: string) => Deno.readTextFileSync(new URL(n, FIX));

function upload(files: [string, string][], fields: Record<string, string> = {}): RequestInit {
  const form = new FormData();
  for (const [name, text] of files) {
    form.append("file", new File([text], name, { type: "text/csv" }));
  }
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return { method: "POST", body: form };
}

Deno.test("GET /audit - the upload island and an empty list", async () => {
  using t = await testApp();
  const res = await t.app.request("/audit");
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /data-island="AuditUpload"/);
  assert.match(html, /id="audit-drop"/);
  assert.match(html, /No saved audits yet/);
  assert.match(html, /href="\/audit"[^>]*>Audit</);
});

Deno.test("POST /audit (no JavaScript) - audits, saves and redirects to the report page", async () => {
  using t = await testApp();
  const res = await t.app.request(
    "/audit",
    upload([["tasty.csv", read("tasty_core.csv")]], { asOf: "2024-03-01" }),
  );
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/audit/id-1");
  const page = await t.app.request("/audit/id-1");
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /data-island="AuditReport"/);
  assert.match(html, /id="audit-verdict"[^>]*data-level="insufficient"/);
  assert.match(html, /Rolled Short Put/);
  assert.match(html, /Wheel/);
  assert.match(html, /\$2,228\.94/);
  assert.match(html, /href="\/api\/v1\/audits\/id-1\/export\?format=xlsx"/);
  const list = await (await t.app.request("/audit")).text();
  assert.match(list, /href="\/audit\/id-1"/);
  const del = await t.app.request("/audit/id-1/delete", {
    method: "POST",
    body: new URLSearchParams({}),
  });
  assert.equal(del.status, 303);
  assert.equal((await t.app.request("/audit/id-1")).status, 404);
});

Deno.test("POST /audit (no JavaScript) - a malformed file shows the error and saves nothing", async () => {
  using t = await testApp();
  const res = await t.app.request("/audit", upload([["bad.csv", read("tasty_malformed.csv")]]));
  assert.equal(res.status, 400);
  assert.match(
    await res.text(),
    /bad\.csv line 4, column &quot;Value&quot;|bad\.csv line 4, column "Value"/,
  );
  assert.match(await (await t.app.request("/audit")).text(), /No saved audits yet/);
});

Deno.test("GET /audit/{id} - a large report is not inlined; the island loads it from the API", async () => {
  using t = await testApp();
  const { syntheticTastytrade } = await import("../../lib/audit/synthetic.ts");
  const text = syntheticTastytrade(20_000);
  const res = await t.app.request("/api/v1/audits", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ files: [{ name: "big.csv", text }], options: { asOf: "2026-01-01" } }),
  });
  assert.equal(res.status, 201);
  const { id, bytes } = await res.json();
  assert.ok(bytes > 2_000_000, `report is ${bytes} bytes`);
  const html = await (await t.app.request(`/audit/${id}`)).text();
  assert.match(html, /id="audit-loading"/);
  assert.match(html, /data-props="\{&quot;report&quot;:null,&quot;auditId&quot;:&quot;id-1&quot;/);
  assert.ok(html.length < 100_000);
});
