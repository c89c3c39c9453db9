import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { importCsv } from "../../lib/data/market.ts";
import { toOhlcvCsv } from "../../lib/data/csv.ts";
import { LOCAL_OWNER } from "../../lib/http/env.ts";
import { barsFromCloses, linspace, repeat } from "../../lib/screeners/test_bars.ts";

async function seeded() {
  const t = await testApp();
  const put = async (symbol: string, closes: number[]) => {
    const r = await importCsv(
      t.kv,
      LOCAL_OWNER,
      symbol,
      toOhlcvCsv(barsFromCloses(closes, { volume: 2e6 })),
    );
    assert.ok(r.ok);
  };
  await put("AAA", [...repeat(100, 30), 105]);
  await put("BBB", repeat(100, 31));
  await put("UPTR", [...linspace(100, 200, 250), 205]);
  await put("SPY", linspace(300, 400, 260));
  await put("^VIX", repeat(15, 260));
  return t;
}

Deno.test("POST /api/v1/scans - runs, stores with its time, and reads back", async () => {
  using t = await seeded();
  const res = await t.app.request(
    "/api/v1/scans",
    jsonBody({
      screeners: [{ name: "turtle" }],
      universe: { kind: "symbols", symbols: ["AAA", "BBB"] },
    }),
  );
  assert.equal(res.status, 201);
  const scan = await res.json();
  assert.equal(scan.rows.length, 2);
  assert.equal(scan.createdTs, Date.UTC(2024, 5, 3, 12));
  assert.equal(scan.regime.light, "green");
  const got = await (await t.app.request(`/api/v1/scans/${scan.id}`)).json();
  assert.equal(got.rows[0].label, "BREAKOUT (BUY)");
  const list = await (await t.app.request("/api/v1/scans")).json();
  assert.deepEqual(list.scans.map((s: { id: string }) => s.id), [scan.id]);
  const del = await t.app.request(`/api/v1/scans/${scan.id}`, { method: "DELETE" });
  assert.equal(del.status, 200);
  assert.equal((await t.app.request(`/api/v1/scans/${scan.id}`)).status, 404);
});

Deno.test("POST /api/v1/scans?stream=1 - NDJSON progress then the scan", async () => {
  using t = await seeded();
  const res = await t.app.request(
    "/api/v1/scans?stream=1",
    jsonBody({
      screeners: [{ name: "turtle" }, { name: "isa_trend", params: { minTurnover: 0 } }],
      universe: { kind: "stored" },
    }),
  );
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /ndjson/);
  const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l));
  const progress = lines.filter((l) => l.type === "progress");
  assert.equal(progress.at(-1).done, progress.at(-1).total);
  const done = lines.at(-1);
  assert.equal(done.type, "done");
  assert.ok(
    done.scan.rows.some((r: { symbol: string; label: string }) =>
      r.symbol === "UPTR" && r.label === "ENTER LONG (50d Breakout)"
    ),
  );
});

Deno.test("POST /api/v1/scans - validation errors are 400 invalid_request with the path", async () => {
  using t = await seeded();
  const bad = await t.app.request(
    "/api/v1/scans",
    jsonBody({ screeners: [{ name: "nope" }], universe: { kind: "stored" } }),
  );
  assert.equal(bad.status, 400);
  const err = await bad.json();
  assert.equal(err.error.code, "invalid_request");
  assert.equal(err.error.issues[0].path, "screeners.0.name");
  const shape = await t.app.request(
    "/api/v1/scans",
    jsonBody({ screeners: [], universe: { kind: "mars" } }),
  );
  assert.equal(shape.status, 400);
});

Deno.test("GET /api/v1/scans/{id}/compare/{other} - new today and dropped today", async () => {
  using t = await seeded();
  const body = { screeners: [{ name: "turtle" }], universe: { kind: "symbols", symbols: ["AAA"] } };
  const a = await (await t.app.request("/api/v1/scans", jsonBody(body))).json();
  // Tomorrow AAA falls back inside its channel: the breakout is dropped.
  await importCsv(
    t.kv,
    LOCAL_OWNER,
    "AAA",
    toOhlcvCsv(barsFromCloses([...repeat(100, 30), 105, 101], { volume: 2e6 })),
    { mode: "replace" },
  );
  const b = await (await t.app.request("/api/v1/scans", jsonBody(body))).json();
  const d = await (await t.app.request(`/api/v1/scans/${b.id}/compare/${a.id}`)).json();
  assert.deepEqual(d.dropped.map((r: { symbol: string }) => r.symbol), ["AAA"]);
  assert.deepEqual(d.added, []);
});

Deno.test("GET /api/v1/screeners - every definition with a parameter schema", async () => {
  using t = await seeded();
  const res = await t.app.request("/api/v1/screeners");
  assert.equal(res.status, 200);
  const json = await res.json();
  assert.ok(json.screeners.length >= 23);
  const isa = json.screeners.find((s: { name: string }) => s.name === "isa_trend");
  assert.equal(isa.defaults.accountSize, 76_000);
  assert.equal(isa.params.properties.riskPct.default, 0.01);
  assert.equal(isa.backtestStrategy, "screener_isa_trend");
  assert.ok(
    json.regions.some((r: { name: string; benchmark: string }) =>
      r.name === "india" && r.benchmark === "^NSEI"
    ),
  );
});

Deno.test("GET /api/v1/check/{symbol} - verdicts with P&L; 404 for an unknown symbol", async () => {
  using t = await seeded();
  const res = await t.app.request("/api/v1/check/uptr?entryPrice=150&screeners=isa_trend,turtle");
  assert.equal(res.status, 200);
  const json = await res.json();
  assert.equal(json.pnl, 55);
  assert.equal(json.verdicts.length, 2);
  assert.equal(json.verdicts[0].verdict, "hold");
  assert.equal((await t.app.request("/api/v1/check/NOPE")).status, 404);
  assert.equal((await t.app.request("/api/v1/check/UPTR?screeners=bogus")).status, 400);
});

Deno.test("POST /api/v1/screeners/{name}/backtest - one click from a row to a backtest", async () => {
  using t = await seeded();
  const isa = await t.app.request(
    "/api/v1/screeners/isa_trend/backtest",
    jsonBody({ symbol: "uptr", params: { minTurnover: 0 } }),
  );
  assert.equal(isa.status, 200);
  const json = await isa.json();
  assert.equal(json.strategy, "screener_isa_trend");
  assert.equal(typeof json.stats.returnPct, "number");
  const turtle =
    await (await t.app.request("/api/v1/screeners/turtle/backtest", jsonBody({ symbol: "AAA" })))
      .json();
  assert.equal(turtle.strategy, "turtle");
  assert.deepEqual(turtle.params.entry, 20);
  assert.equal(
    (await t.app.request("/api/v1/screeners/bull_put/backtest", jsonBody({ symbol: "AAA" })))
      .status,
    400,
  );
  assert.equal(
    (await t.app.request("/api/v1/screeners/nope/backtest", jsonBody({ symbol: "AAA" }))).status,
    404,
  );
  assert.equal(
    (await t.app.request("/api/v1/screeners/turtle/backtest", jsonBody({ symbol: "ZZZ" }))).status,
    404,
  );
});

Deno.test("POST /api/v1/scans - synthetic chains are labelled; supplied fundamentals clear earnings", async () => {
  using t = await seeded();
  const body = {
    screeners: [{ name: "options_only", params: { minTurnover5d: 0, minRocPct: 0, minCredit: 0 } }],
    universe: { kind: "symbols", symbols: ["UPTR"] },
    chains: "synthetic",
  };
  const unknown = await (await t.app.request("/api/v1/scans", jsonBody(body))).json();
  assert.equal(unknown.rows[0].signal, "watch");
  assert.match(unknown.rows[0].label, /\(synthetic chain\)$/);
  assert.equal(unknown.rows[0].values.synthetic, true);
  const clear = await (await t.app.request(
    "/api/v1/scans",
    jsonBody({ ...body, fundamentals: { uptr: { nextEarnings: null } } }),
  )).json();
  assert.equal(clear.rows[0].signal, "buy");
  const none = await (await t.app.request("/api/v1/scans", jsonBody({ ...body, chains: "none" })))
    .json();
  assert.equal(none.rows[0].signal, "not_evaluated");
  const bad = await t.app.request(
    "/api/v1/scans",
    jsonBody({ ...body, fundamentals: { UPTR: { nextEarnings: "soon" } } }),
  );
  assert.equal(bad.status, 400);
});

Deno.test("POST /api/v1/scans - liquidity.topByVolume cuts the universe (ties by symbol) and is validated", async () => {
  using t = await seeded();
  const res = await t.app.request(
    "/api/v1/scans",
    jsonBody({
      screeners: [{ name: "turtle" }],
      universe: { kind: "symbols", symbols: ["UPTR", "BBB", "AAA"] },
      liquidity: { topByVolume: 2 },
    }),
  );
  assert.equal(res.status, 201);
  const scan = await res.json();
  // All three trade 2e6 a day: the tie keeps AAA and BBB (symbol order) and cuts UPTR.
  assert.deepEqual(scan.volumeCut, { count: 2, period: 20, source: "request", cut: 1 });
  assert.deepEqual(scan.rows.map((r: { symbol: string }) => r.symbol).sort(), ["AAA", "BBB"]);
  assert.equal(
    scan.skipped[0].reason,
    "not in the top 2 by 20-bar average volume (rank 3 of 3, 2.00M)",
  );
  const bad = await t.app.request(
    "/api/v1/scans",
    jsonBody({
      screeners: [{ name: "turtle" }],
      universe: { kind: "stored" },
      liquidity: { topByVolume: -1 },
    }),
  );
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(await bad.json()), /topByVolume/);
});
