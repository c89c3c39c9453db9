import assert from "node:assert/strict";
import { csvBody, testApp } from "../../tests/helpers.ts";
import { adx, macd, rsi, sma } from "../../lib/indicators/mod.ts";
import { readGoog } from "../../lib/indicators/testing.ts";

const GOOG = await Deno.readTextFile(new URL("../../tests/fixtures/GOOG.csv", import.meta.url));
const goog = readGoog();
const asJson = (xs: Float64Array) => Array.from(xs, (x) => (Number.isFinite(x) ? x : null));

async function withGoog() {
  const t = await testApp();
  const res = await t.app.request("/api/v1/bars/GOOG?mode=replace", csvBody(GOOG));
  assert.equal(res.status, 201);
  return t;
}

Deno.test("GET /api/v1/indicators/{symbol} - columns keyed by the specs as written", async () => {
  using t = await withGoog();
  const res = await t.app.request(
    "/api/v1/indicators/goog?ind=sma:20&ind=RSI:14&ind=macd,adx:14",
  );
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(Object.keys(body), [
    "time",
    "sma:20",
    "RSI:14",
    "macd.macd",
    "macd.signal",
    "macd.hist",
    "adx:14.adx",
    "adx:14.plusDi",
    "adx:14.minusDi",
  ]);
  assert.deepEqual(body.time, Array.from(goog.ts));
  assert.deepEqual(body["sma:20"], asJson(sma(goog.close, 20)));
  assert.equal(body["sma:20"][18], null, "warm-up is null");
  assert.deepEqual(body["RSI:14"], asJson(rsi(goog.close, 14)));
  assert.deepEqual(body["macd.hist"], asJson(macd(goog.close).hist));
  assert.deepEqual(body["adx:14.minusDi"], asJson(adx(goog.high, goog.low, goog.close).minusDi));
});

Deno.test("GET /api/v1/indicators/{symbol} - from/to cut rows, values keep their warm-up", async () => {
  using t = await withGoog();
  const res = await t.app.request(
    "/api/v1/indicators/GOOG?ind=sma:20&from=2004-10-01&to=2004-10-05",
  );
  assert.equal(res.status, 200);
  const body = await res.json();
  const i = goog.ts.indexOf(Date.UTC(2004, 9, 1));
  assert.deepEqual(body.time, Array.from(goog.ts.slice(i, i + 3)));
  assert.deepEqual(body["sma:20"], Array.from(sma(goog.close, 20).slice(i, i + 3)));
  const weekly = await (await t.app.request("/api/v1/indicators/GOOG?ind=obv&timeframe=1w")).json();
  assert.ok(weekly.time.length > 400 && weekly.time.length < 460);
});

Deno.test("GET /api/v1/indicators/{symbol} - 400 names unknown indicators and bad params", async () => {
  using t = await withGoog();
  const res = await t.app.request("/api/v1/indicators/GOOG?ind=sma:20&ind=foo:3&ind=rsi:0");
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.error.code, "invalid_request");
  assert.match(body.error.message, /ind: "foo:3": unknown indicator "foo"/);
  assert.deepEqual(body.error.issues.map((i: { path: string }) => i.path), ["ind", "ind"]);
  assert.match(body.error.issues[1].message, /"rsi:0": period must be a whole number/);

  const missing = await t.app.request("/api/v1/indicators/GOOG");
  assert.equal(missing.status, 400);
  assert.match((await missing.json()).error.message, /ind: at least one ind is required/);
  const tooFine = await t.app.request("/api/v1/indicators/GOOG?ind=sma&timeframe=1h");
  assert.equal(tooFine.status, 400);
  const badDate = await t.app.request("/api/v1/indicators/GOOG?ind=sma&from=someday");
  assert.equal(badDate.status, 400);
});

Deno.test("GET /api/v1/indicators/{symbol} - 404 for an unknown symbol", async () => {
  using t = await testApp();
  const res = await t.app.request("/api/v1/indicators/NOPE?ind=sma:20");
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, "not_found");
});

Deno.test("GET /api/v1/indicators/{symbol} - documented in the OpenAPI document", async () => {
  using t = await testApp();
  const doc = await (await t.app.request("/api/v1/openapi.json")).json();
  const op = doc.paths["/api/v1/indicators/{symbol}"].get;
  assert.deepEqual(op.parameters.map((p: { name: string }) => p.name), [
    "symbol",
    "ind",
    "timeframe",
    "from",
    "to",
  ]);
  assert.equal(op.parameters.find((p: { name: string }) => p.name === "ind").required, true);
  assert.match(op.parameters[1].schema.description, /sma:20, ema:20/);
  assert.ok(op.responses["200"].content["application/json"].schema);
});
