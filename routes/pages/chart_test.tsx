import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { listManifests, saveBars } from "../../lib/storage/bars_repo.ts";
import { GLOBAL_OWNER } from "../../lib/storage/kv.ts";
import { emptySeries } from "../../lib/domain/bar.ts";
import { chartProps, INLINE_BARS } from "./chart.tsx";

const DAY = 86_400_000;

async function seed(kv: Deno.Kv, symbol: string, n: number) {
  const s = emptySeries(n);
  for (let i = 0; i < n; i++) {
    s.ts[i] = Date.UTC(2000, 0, 3) + i * DAY;
    s.open[i] =
      s.high[i] =
      s.low[i] =
      s.close[i] =
        100 + (i % 10);
    s.high[i] += 1;
    s.volume[i] = 1000;
  }
  await saveBars(kv, GLOBAL_OWNER, symbol, s, { description: `${symbol} test`, source: "sample" });
}

function islandProps(html: string) {
  const m = /data-island="Chart" data-props="([^"]*)"/.exec(html);
  assert.ok(m, "Chart island rendered");
  return JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&#39;/g, "'"));
}

Deno.test("GET /chart - redirects to SPY when present, else the first symbol", async () => {
  using t = await testApp();
  await seed(t.kv, "AAA", 5);
  const first = await t.app.request("/chart");
  assert.equal(first.status, 302);
  assert.equal(first.headers.get("location"), "/chart/AAA");
  await seed(t.kv, "SPY", 5);
  assert.equal((await t.app.request("/chart")).headers.get("location"), "/chart/SPY");
});

Deno.test("GET /chart/{symbol} - inlines at most the last 2,000 bars, the layout and drawings", async () => {
  using t = await testApp();
  await seed(t.kv, "SPY", 2_500);
  await t.app.request(
    "/api/v1/chart/layout",
    jsonBody({ overlays: ["sma:50"], panes: ["rsi"] }, "PUT"),
  );
  await t.app.request(
    "/api/v1/drawings/SPY?timeframe=1d",
    jsonBody({ drawings: [{ id: "h", kind: "hline", price: 105 }] }, "PUT"),
  );
  const res = await t.app.request("/chart/spy");
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /\/static\/chart\.css/);
  assert.match(html, /<h1 class="sr-only">SPY chart<\/h1>/);
  // visible until the island's script replaces it with the chart
  assert.match(html, /id="tf-chart"[^>]*><p class="tf-loading">Loading chart…<\/p><\/div>/);
  const props = islandProps(html);
  assert.equal(props.symbol, "SPY");
  assert.equal(props.total, 2_500);
  assert.equal(props.bars.ts.length, INLINE_BARS);
  assert.equal(props.bars.ts.at(-1), Date.UTC(2000, 0, 3) + 2_499 * DAY);
  assert.deepEqual(props.layout.overlays, ["sma:50"]);
  assert.deepEqual(props.layout.panes, ["rsi:14"]);
  assert.deepEqual(props.drawings, [{ id: "h", kind: "hline", price: 105 }]);
  assert.deepEqual(props.timeframes, ["1d", "1w", "1mo"]);
});

Deno.test("GET /chart/{symbol}?tf=1w - inlines resampled bars; finer than stored falls back", async () => {
  using t = await testApp();
  await seed(t.kv, "SPY", 30);
  const props = islandProps(await (await t.app.request("/chart/SPY?tf=1w")).text());
  assert.equal(props.timeframe, "1w");
  // 30 consecutive days from Monday 2000-01-03 span 5 ISO weeks (4 full + 2 days)
  assert.equal(props.total, 5);
  assert.equal(props.bars.ts[1] - props.bars.ts[0], 7 * DAY);
  // an intraday request on daily data falls back to the stored timeframe
  assert.equal(islandProps(await (await t.app.request("/chart/SPY?tf=5m")).text()).timeframe, "1d");
});

Deno.test("GET /chart/{symbol} - unknown or invalid symbols answer 404 with a picker", async () => {
  using t = await testApp();
  await seed(t.kv, "SPY", 5);
  const res = await t.app.request("/chart/NOPE");
  assert.equal(res.status, 404);
  const html = await res.text();
  assert.match(html, /href="\/chart\/SPY"/);
  // the symbol picker's columns come from chart.css
  assert.match(html, /\/static\/chart\.css/);
  assert.equal((await t.app.request("/chart/%3Cscript%3E")).status, 404);
});

Deno.test("chartProps - passes trade markers through for pages that embed the chart", async () => {
  using t = await testApp();
  await seed(t.kv, "SPY", 10);
  const [manifest] = await listManifests(t.kv, "local");
  const markers = [{ ts: Date.UTC(2000, 0, 4), price: 101, side: "buy" as const }];
  const props = await chartProps(t.kv, "local", manifest, ["SPY"], { markers, timeframe: "1w" });
  assert.ok(props);
  assert.deepEqual(props.markers, markers);
  assert.equal(props.timeframe, "1w");
  assert.equal(props.bars.ts.length, props.total);
});
