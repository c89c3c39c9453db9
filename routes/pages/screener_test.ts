import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { importCsv } from "../../lib/data/market.ts";
import { toOhlcvCsv } from "../../lib/data/csv.ts";
import { LOCAL_OWNER } from "../../lib/http/env.ts";
import { barsFromCloses, repeat } from "../../lib/screeners/test_bars.ts";

Deno.test("GET /screener - renders the grid island with the latest scan inlined", async () => {
  using t = await testApp();
  await importCsv(
    t.kv,
    LOCAL_OWNER,
    "AAA",
    toOhlcvCsv(barsFromCloses([...repeat(100, 30), 105], { volume: 2e6 })),
  );
  const empty = await t.app.request("/screener");
  assert.equal(empty.status, 200);
  const html0 = await empty.text();
  assert.match(html0, /data-island="ScreenerGrid"/);
  assert.match(html0, /No scan yet/);
  await t.app.request(
    "/api/v1/scans",
    jsonBody({ screeners: [{ name: "turtle" }], universe: { kind: "stored" } }),
  );
  const html = await (await t.app.request("/screener")).text();
  assert.match(html, /data-symbol="AAA"/); // first rows are server-rendered
  assert.match(html, /BREAKOUT \(BUY\)/);
  assert.match(html, /href="\/screener"/); // in the navigation
});
