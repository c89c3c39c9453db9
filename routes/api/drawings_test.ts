import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { saveDrawings } from "../../lib/storage/drawings_repo.ts";

const trend = {
  id: "t1",
  kind: "trend",
  a: { ts: Date.UTC(2024, 0, 2), price: 100 },
  b: { ts: Date.UTC(2024, 2, 1), price: 120.5 },
};
const note = {
  id: "n1",
  kind: "text",
  a: { ts: Date.UTC(2024, 1, 1), price: 90 },
  text: "earnings",
};

Deno.test("PUT /api/v1/drawings/{symbol} - saves per timeframe and GET restores in order", async () => {
  using t = await testApp();
  const put = await t.app.request(
    "/api/v1/drawings/spy?timeframe=1d",
    jsonBody({ drawings: [note, trend] }, "PUT"),
  );
  assert.equal(put.status, 200);
  const got = await (await t.app.request("/api/v1/drawings/SPY?timeframe=1d")).json();
  assert.deepEqual(got, { symbol: "SPY", timeframe: "1d", drawings: [note, trend] });
  // another timeframe is a separate set
  const weekly = await (await t.app.request("/api/v1/drawings/SPY?timeframe=1w")).json();
  assert.deepEqual(weekly.drawings, []);
  // replacing drops drawings no longer present
  await t.app.request("/api/v1/drawings/SPY", jsonBody({ drawings: [trend] }, "PUT"));
  const after = await (await t.app.request("/api/v1/drawings/SPY")).json();
  assert.deepEqual(after.drawings, [trend]);
});

Deno.test("PUT /api/v1/drawings/{symbol} - invalid drawings answer 400 naming the field", async () => {
  using t = await testApp();
  const res = await t.app.request(
    "/api/v1/drawings/SPY",
    jsonBody({ drawings: [{ ...trend, b: { ts: 1, price: "high" } }] }, "PUT"),
  );
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.error.code, "invalid_request");
  assert.equal(body.error.issues[0].path, "drawings.0.b.price");
  const badTf = await t.app.request("/api/v1/drawings/SPY?timeframe=2d");
  assert.equal(badTf.status, 400);
});

Deno.test("DELETE /api/v1/drawings/{symbol} - removes the set; owners never see each other's", async () => {
  using t = await testApp();
  await saveDrawings(t.kv, "someone-else", "SPY", "1d", [trend as never]);
  await t.app.request("/api/v1/drawings/SPY", jsonBody({ drawings: [note] }, "PUT"));
  const mine = await (await t.app.request("/api/v1/drawings/SPY")).json();
  assert.deepEqual(mine.drawings, [note]);
  const del = await (await t.app.request("/api/v1/drawings/SPY", { method: "DELETE" })).json();
  assert.equal(del.deleted, 1);
  assert.deepEqual((await (await t.app.request("/api/v1/drawings/SPY")).json()).drawings, []);
  const theirs = await t.kv.get(["drawings", "someone-else", "SPY", "1d", "t1"]);
  assert.ok(theirs.value, "other owner's drawing kept");
});

Deno.test("PUT /api/v1/chart/layout - normalises specs, remembers them, rejects bad ones", async () => {
  using t = await testApp();
  const initial = await (await t.app.request("/api/v1/chart/layout")).json();
  assert.deepEqual(initial, { overlays: [], panes: [], scale: "linear", volume: true });
  const res = await t.app.request(
    "/api/v1/chart/layout",
    jsonBody({ overlays: ["BBANDS:20"], panes: ["rsi", "volume"], scale: "log" }, "PUT"),
  );
  assert.equal(res.status, 200);
  const saved = await (await t.app.request("/api/v1/chart/layout")).json();
  assert.deepEqual(saved, {
    overlays: ["bbands:20:2"],
    panes: ["rsi:14", "volume"],
    scale: "log",
    volume: true,
  });
  const bad = await t.app.request("/api/v1/chart/layout", jsonBody({ panes: ["sma:20"] }, "PUT"));
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.issues[0].path, "panes.0");
});

Deno.test("drawings routes - documented in the OpenAPI document", async () => {
  using t = await testApp();
  const doc = await (await t.app.request("/api/v1/openapi.json")).json();
  const paths = doc.paths["/api/v1/drawings/{symbol}"];
  assert.ok(paths.get && paths.put && paths.delete);
  assert.ok(doc.paths["/api/v1/chart/layout"].put);
});
