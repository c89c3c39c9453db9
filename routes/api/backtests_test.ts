import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { importCsv } from "../../lib/data/market.ts";
import { LOCAL_OWNER } from "../../lib/http/env.ts";
import { runBacktest } from "../../lib/backtest/run.ts";
import { readFixture } from "../../lib/backtest/testing.ts";
import { handleQueueMessage } from "../../workers/queue.ts";

const GOOG = Deno.readTextFileSync(new URL("../../tests/fixtures/GOOG.csv", import.meta.url));
const goog = readFixture("GOOG.csv");

async function seeded() {
  const t = await testApp();
  const r = await importCsv(t.kv, LOCAL_OWNER, "GOOG", GOOG);
  assert.ok(r.ok);
  return t;
}

const body = {
  symbols: ["goog"],
  strategy: "sma_cross",
  params: { fast: 10, slow: 30 },
  options: { cash: 10_000, commissionPct: 0.2 },
};

Deno.test("POST /api/v1/backtests - a quick run answers 200 with stats, trades and equity", async () => {
  using t = await seeded();
  const res = await t.app.request("/api/v1/backtests", jsonBody(body));
  assert.equal(res.status, 200);
  const json = await res.json();
  const lib = runBacktest(
    {
      symbols: [{ symbol: "GOOG", bars: goog }],
      strategy: "sma_cross",
      params: { fast: 10, slow: 30 },
    },
    { cash: 10_000, commissionPct: 0.2 },
  );
  assert.equal(json.status, "done");
  assert.equal(json.progress, 1);
  assert.equal(json.name, "sma_cross GOOG");
  assert.equal(json.stats.equityFinal, lib.stats.equityFinal);
  assert.equal(json.trades.length, lib.trades.length);
  assert.equal(json.equity.length, goog.length);
  assert.deepEqual(json.params, { fast: 10, slow: 30 });
  // stored: the list and GET /{id} show it
  const list = await (await t.app.request("/api/v1/backtests")).json();
  assert.equal(list.backtests.length, 1);
  assert.equal(list.backtests[0].id, json.id);
  assert.equal(list.backtests[0].stats.trades, lib.trades.length);
  const one = await (await t.app.request(`/api/v1/backtests/${json.id}`)).json();
  assert.equal(one.stats.returnPct, lib.stats.returnPct);
  assert.equal(one.trades.length, lib.trades.length);
});

Deno.test("POST /api/v1/backtests - wait=0 queues the run (202); the worker finishes it", async () => {
  using t = await seeded();
  const res = await t.app.request("/api/v1/backtests?wait=0", jsonBody({ ...body, name: "later" }));
  assert.equal(res.status, 202);
  const queued = await res.json();
  assert.deepEqual(queued, { id: queued.id, status: "queued", progress: 0 });
  const before = await (await t.app.request(`/api/v1/backtests/${queued.id}`)).json();
  assert.equal(before.status, "queued");
  assert.equal(before.trades, undefined);
  // what listenQueue would deliver
  const msg = { type: "BacktestRequested", id: queued.id, owner: LOCAL_OWNER };
  assert.equal(await handleQueueMessage(t.deps, msg), "done");
  assert.equal(await handleQueueMessage(t.deps, msg), "duplicate");
  const after = await (await t.app.request(`/api/v1/backtests/${queued.id}`)).json();
  assert.equal(after.status, "done");
  assert.equal(after.progress, 1);
  assert.equal(after.name, "later");
  assert.ok(after.trades.length > 30);
});

Deno.test("PATCH and DELETE /api/v1/backtests/{id} - rename and delete; owners are separate", async () => {
  using t = await seeded();
  const { id } = await (await t.app.request("/api/v1/backtests", jsonBody(body))).json();
  const renamed = await t.app.request(
    `/api/v1/backtests/${id}`,
    jsonBody({ name: "mine" }, "PATCH"),
  );
  assert.equal(renamed.status, 200);
  assert.equal((await renamed.json()).name, "mine");
  // another owner's run under the same id is invisible
  await t.kv.set(["backtests", "someone-else", "x1"], { nope: true });
  assert.equal((await t.app.request("/api/v1/backtests/x1")).status, 404);
  const del = await t.app.request(`/api/v1/backtests/${id}`, { method: "DELETE" });
  assert.deepEqual(await del.json(), { id, deleted: true });
  assert.equal((await t.app.request(`/api/v1/backtests/${id}`)).status, 404);
  assert.equal((await t.app.request(`/api/v1/backtests/${id}`, { method: "DELETE" })).status, 404);
  const left = [];
  for await (const e of t.kv.list({ prefix: ["backtest_results", LOCAL_OWNER, id] })) left.push(e);
  assert.equal(left.length, 0);
});

Deno.test("POST /api/v1/backtests - bad requests answer 400/404 naming the field", async () => {
  using t = await seeded();
  const cases: [unknown, number, RegExp][] = [
    [{ ...body, strategy: "nope" }, 400, /strategy/],
    [{ ...body, params: { fast: 50, slow: 30 } }, 400, /params\.fast/],
    [{ ...body, options: { cash: -1 } }, 400, /options\.cash/],
    [{ ...body, symbols: [] }, 400, /symbols/],
    [{ ...body, symbols: ["NOPE"] }, 404, /NOPE/],
    [{ ...body, from: "2030-01-01" }, 400, /bars in the requested window/],
  ];
  for (const [b, status, re] of cases) {
    const res = await t.app.request("/api/v1/backtests", jsonBody(b));
    assert.equal(res.status, status, JSON.stringify(b));
    const err = await res.json();
    const text = err.error.message + " " +
      err.error.issues.map((i: { path: string }) => i.path).join(" ");
    assert.match(text, re, JSON.stringify(err));
  }
});

Deno.test("GET /api/v1/strategies - lists every built-in with defaults", async () => {
  using t = await testApp();
  const json = await (await t.app.request("/api/v1/strategies")).json();
  const names = json.strategies.map((s: { name: string }) => s.name);
  assert.ok(names.includes("turtle") && names.includes("sma_cross"));
  const sma = json.strategies.find((s: { name: string }) => s.name === "sma_cross");
  assert.deepEqual(sma.defaults, { fast: 10, slow: 20 });
});
