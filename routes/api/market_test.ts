import assert from "node:assert/strict";
import { csvBody, jsonBody, testApp } from "../../tests/helpers.ts";
import { saveBars } from "../../lib/storage/bars_repo.ts";
import { GLOBAL_OWNER } from "../../lib/storage/kv.ts";
import { parseOhlcvCsv } from "../../lib/data/csv.ts";

const GOOG = await Deno.readTextFile(new URL("../../tests/fixtures/GOOG.csv", import.meta.url));
const SMALL =
  "date,open,high,low,close,volume\n2024-01-02,10,12,9,11,100\n2024-01-03,11,13,10,12,200\n" +
  "2024-01-04,12,14,11,13,300\n";

Deno.test("POST /api/v1/bars/{symbol} - CSV import, then list and read back", async () => {
  using t = await testApp();
  const res = await t.app.request("/api/v1/bars/brk-b?mode=replace", csvBody(SMALL));
  assert.equal(res.status, 201);
  const body = await res.json();
  assert.equal(body.symbol, "BRK-B");
  assert.equal(body.count, 3);
  assert.equal(body.mine, true);

  const list = await (await t.app.request("/api/v1/symbols")).json();
  assert.deepEqual(list.symbols.map((s: { symbol: string }) => s.symbol), ["BRK-B"]);

  const bars = await (await t.app.request("/api/v1/bars/BRK-B?from=2024-01-03")).json();
  assert.deepEqual(bars.close, [12, 13]);
  assert.deepEqual(bars.ts, [Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 4)]);
});

Deno.test("POST /api/v1/bars/{symbol} - merge adds and overwrites by timestamp", async () => {
  using t = await testApp();
  await t.app.request("/api/v1/bars/AAA", csvBody(SMALL));
  const more = "date,open,high,low,close\n2024-01-04,12,15,11,14\n2024-01-05,14,16,13,15\n";
  const res = await t.app.request("/api/v1/bars/AAA?mode=merge", csvBody(more));
  assert.equal(res.status, 201);
  const bars = await (await t.app.request("/api/v1/bars/AAA")).json();
  assert.deepEqual(bars.close, [11, 12, 14, 15]);
});

Deno.test("POST /api/v1/bars/{symbol} - a bad row rejects the whole file and saves nothing", async () => {
  using t = await testApp();
  await t.app.request("/api/v1/bars/AAA", csvBody(SMALL));
  const bad = "date,open,high,low,close\n2024-02-01,10,12,9,11\n2024-02-02,10,9,8,11\n";
  const res = await t.app.request("/api/v1/bars/AAA?mode=replace", csvBody(bad));
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.error.code, "invalid_request");
  assert.deepEqual(body.error.issues[0].path, "line 3.high");
  assert.match(body.error.message, /nothing saved/);
  const bars = await (await t.app.request("/api/v1/bars/AAA")).json();
  assert.equal(bars.count, 3, "old data untouched");
});

Deno.test("POST /api/v1/bars/{symbol} - JSON rows, with row numbers in errors", async () => {
  using t = await testApp();
  const ok = await t.app.request(
    "/api/v1/bars/%5EVIX",
    jsonBody({ bars: [{ ts: "2024-01-02", open: 13, high: 14, low: 12, close: 13.5 }] }),
  );
  assert.equal(ok.status, 201);
  assert.equal((await ok.json()).symbol, "^VIX");
  const bad = await t.app.request(
    "/api/v1/bars/VOD.L",
    jsonBody({
      bars: [
        { ts: 1704153600000, open: 1, high: 2, low: 0.5, close: 1.5 },
        { ts: 1704240000000, open: -1, high: 2, low: 0.5, close: 1.5 },
      ],
    }),
  );
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.issues[0].path, "row 2.open");
  const schema = await t.app.request("/api/v1/bars/VOD.L", jsonBody({ bars: [{ ts: 1 }] }));
  assert.equal(schema.status, 400);
  assert.equal((await schema.json()).error.code, "invalid_request");
});

Deno.test("GET /api/v1/bars/{symbol} - resampling, f64 packing and errors", async () => {
  using t = await testApp();
  const parsed = parseOhlcvCsv(GOOG);
  assert.ok(parsed.ok);
  await saveBars(t.kv, GLOBAL_OWNER, "GOOG", parsed.bars, { source: "sample" });
  const weekly = await (await t.app.request("/api/v1/bars/GOOG?timeframe=1w&to=2004-08-31")).json();
  // 2004-08-19 (Thu) .. 2004-08-31 (Tue): weeks of Aug 16, 23, 30
  assert.equal(weekly.count, 3);
  assert.equal(weekly.open[0], 100);
  assert.equal(weekly.timeframe, "1w");

  const bin = await t.app.request("/api/v1/bars/GOOG?format=f64&last=10");
  assert.equal(bin.headers.get("content-type"), "application/octet-stream");
  const f = new Float64Array(await bin.arrayBuffer());
  assert.equal(f[0], 10);
  assert.equal(f.length, 61);
  assert.equal(f[1 + 4 * 10 + 9], parsed.bars.close[parsed.bars.length - 1], "last close");

  assert.equal((await t.app.request("/api/v1/bars/NOPE")).status, 404);
  const bad = await t.app.request("/api/v1/bars/GOOG?timeframe=1m");
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error.message, /stored as 1d/);
  const badSym = await t.app.request("/api/v1/bars/%20%24%24");
  assert.equal(badSym.status, 400);
  const badDate = await (await t.app.request("/api/v1/bars/GOOG?from=someday")).json();
  assert.equal(badDate.error.issues[0].path, "from");
});

Deno.test("DELETE /api/v1/bars/{symbol} - only your own uploads", async () => {
  using t = await testApp();
  const parsed = parseOhlcvCsv(SMALL);
  assert.ok(parsed.ok);
  await saveBars(t.kv, GLOBAL_OWNER, "SPY", parsed.bars, { source: "synthetic" });
  assert.equal((await t.app.request("/api/v1/bars/SPY", { method: "DELETE" })).status, 404);
  await t.app.request("/api/v1/bars/SPY", csvBody(SMALL));
  assert.equal((await t.app.request("/api/v1/bars/SPY", { method: "DELETE" })).status, 200);
  assert.equal((await t.app.request("/api/v1/bars/SPY")).status, 200, "global data remains");
});

Deno.test("GET /api/v1/health and /api/v1/openapi.json", async () => {
  using t = await testApp();
  const health = await (await t.app.request("/api/v1/health")).json();
  assert.equal(health.status, "ok");
  const doc = await (await t.app.request("/api/v1/openapi.json")).json();
  assert.equal(doc.openapi, "3.1.0");
  const post = doc.paths["/api/v1/bars/{symbol}"].post;
  assert.ok(post.requestBody.content["text/csv"]);
  assert.deepEqual(
    post.parameters.map((p: { name: string }) => p.name),
    ["symbol", "mode", "sort", "dedupe", "adjust"],
  );
  const unknown = await t.app.request("/api/v1/nothing-here");
  assert.equal(unknown.status, 404);
  assert.equal((await unknown.json()).error.code, "not_found");
});

Deno.test("POST /api/v1/bars/{symbol}/fetch - stores provider bars globally; errors map to 404/502", async () => {
  const chart = (ts: number[], closes: number[]) => ({
    chart: {
      result: [{
        meta: { gmtoffset: 0 },
        timestamp: ts,
        indicators: {
          quote: [{
            open: closes,
            high: closes.map((c) => c + 1),
            low: closes.map((c) => c - 1),
            close: closes,
            volume: closes.map(() => 10),
          }],
        },
      }],
      error: null,
    },
  });
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const sym = new URL(req.url).pathname.split("/").pop();
    if (sym === "AAPL") return Response.json(chart([1704153600, 1704240000], [185, 184]));
    if (sym === "DOWN") return new Response("", { status: 503 });
    return new Response("", { status: 404 });
  });
  try {
    using t = await testApp();
    t.deps.config.yahooBaseUrl = `http://127.0.0.1:${server.addr.port}`;
    const res = await t.app.request("/api/v1/bars/AAPL/fetch?from=2024-01-01&to=2024-01-31", {
      method: "POST",
    });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.equal(body.fetched, 2);
    assert.equal(body.source, "provider");
    assert.equal(body.mine, false, "provider data is global");
    const bars = await (await t.app.request("/api/v1/bars/AAPL")).json();
    assert.deepEqual(bars.close, [185, 184]);
    assert.equal(
      (await t.app.request("/api/v1/bars/ZZZZ/fetch?from=2024-01-01", { method: "POST" })).status,
      404,
    );
    const down = await t.app.request("/api/v1/bars/DOWN/fetch?from=2024-01-01", { method: "POST" });
    assert.equal(down.status, 502);
    assert.equal((await down.json()).error.code, "provider_error");
  } finally {
    await server.shutdown();
  }
});
