import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { importCsv } from "../../lib/data/market.ts";
import { toOhlcvCsv } from "../../lib/data/csv.ts";
import { LOCAL_OWNER } from "../../lib/http/env.ts";
import { barsFromCloses, repeat } from "../../lib/screeners/test_bars.ts";
import type { BarsManifest } from "../../lib/storage/bars_repo.ts";
import { DEFAULT_SCREENERS, describeData } from "./screener.tsx";

Deno.test("GET /screener - nothing stored: the empty grid asks for a scan", async () => {
  using t = await testApp();
  const html = await (await t.app.request("/screener")).text();
  assert.match(html, /data-island="ScreenerGrid"/);
  assert.match(html, /No scan yet/);
  assert.doesNotMatch(html, /data-testid="default-note"/);
});

Deno.test("GET /screener - first visit: a default scan's rows are server-rendered, labelled and not stored", async () => {
  using t = await testApp();
  await importCsv(
    t.kv,
    LOCAL_OWNER,
    "AAA",
    toOhlcvCsv(barsFromCloses([...repeat(100, 30), 105], { volume: 2e6 })),
  );
  const html = await (await t.app.request("/screener")).text();
  assert.doesNotMatch(html, /No scan yet/);
  // One row per default screener on AAA, the Turtle breakout among them, without JS.
  const rows = html.match(/<tr data-symbol="AAA"/g) ?? [];
  assert.equal(rows.length, DEFAULT_SCREENERS.length);
  assert.match(html, /BREAKOUT \(BUY\)/);
  const note =
    /data-testid="default-note"><strong>Default scan, not saved:<\/strong> <span>([^<]*)<\/span>/
      .exec(html);
  assert.ok(note, "the default scan is labelled");
  assert.match(note[1], /^ISA trend follower, Turtle breakout, /);
  assert.match(note[1], /over 1 stored symbol, daily bars\. Data/);
  assert.match(note[1], /Data: 1 symbol you imported\./);
  assert.match(html, /<option selected value="default">Default scan \(not saved\)/);
  // Results exist, so the settings start folded.
  assert.match(html, /<details class="settings" data-testid="scan-settings">/);
  const stored = await (await t.app.request("/api/v1/scans")).json();
  assert.deepEqual(stored.scans, []);
});

Deno.test("GET /screener - renders the grid island with the latest stored scan inlined", async () => {
  using t = await testApp();
  await importCsv(
    t.kv,
    LOCAL_OWNER,
    "AAA",
    toOhlcvCsv(barsFromCloses([...repeat(100, 30), 105], { volume: 2e6 })),
  );
  await t.app.request(
    "/api/v1/scans",
    jsonBody({ screeners: [{ name: "turtle" }], universe: { kind: "stored" } }),
  );
  const html = await (await t.app.request("/screener")).text();
  assert.match(html, /data-symbol="AAA"/); // first rows are server-rendered
  assert.match(html, /BREAKOUT \(BUY\)/);
  assert.equal(html.match(/<tr data-symbol="AAA"/g)?.length, 1); // the stored scan, not the default
  assert.doesNotMatch(html, /data-testid="default-note"/);
  assert.match(html, /href="\/screener"/); // in the navigation
});

Deno.test("describeData - counts real sample, synthetic and imported symbols of the scan", () => {
  const m = (symbol: string, source: BarsManifest["source"]) =>
    ({ symbol, source }) as unknown as BarsManifest;
  const manifests = [
    m("GOOG", "sample"),
    m("SPY", "synthetic"),
    m("ACME", "synthetic"),
    m("MINE", "upload"),
    m("IDLE", "sample"),
  ];
  assert.equal(
    describeData(["GOOG", "SPY", "ACME", "MINE"], manifests),
    "Data: the bundled sample data (1 real price history, 2 synthetic series) and 1 symbol you imported.",
  );
  assert.equal(
    describeData(["GOOG", "ACME"], manifests),
    "Data: the bundled sample data (1 real price history, 1 synthetic series).",
  );
  assert.equal(describeData([], manifests), "");
});
