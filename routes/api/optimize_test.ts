import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { importCsv } from "../../lib/data/market.ts";
import { LOCAL_OWNER } from "../../lib/http/env.ts";
import { readFixture } from "../../lib/backtest/testing.ts";
import { optimize, SearchSpec } from "../../lib/optimize/search.ts";
import { handleQueueMessage } from "../../workers/queue.ts";

const GOOG = Deno.readTextFileSync(new URL("../../tests/fixtures/GOOG.csv", import.meta.url));

async function seeded() {
  const t = await testApp();
  assert.ok((await importCsv(t.kv, LOCAL_OWNER, "GOOG", GOOG)).ok);
  return t;
}

const search = {
  symbols: ["GOOG"],
  strategy: "sma_cross",
  space: { fast: { min: 5, max: 20, step: 5 }, slow: { values: [30, 60] } },
  objective: "sharpe",
  constraints: [{ metric: "trades", op: ">=", value: 10 }],
  options: { commissionPct: 0.1 },
};

Deno.test("POST /api/v1/optimizations - a small search answers 200 with the same ranking as the library", async () => {
  using t = await seeded();
  const res = await t.app.request("/api/v1/optimizations", jsonBody(search));
  assert.equal(res.status, 200);
  const j = await res.json();
  assert.equal(j.status, "done");
  assert.equal(j.kind, "search");
  const lib = optimize(
    { symbols: [{ symbol: "GOOG", bars: readFixture("GOOG.csv") }] },
    SearchSpec.parse(search),
  );
  assert.deepEqual(j.result.best.point, lib.best!.point);
  assert.equal(j.result.best.objective, lib.best!.objective);
  assert.equal(j.result.trialsRun, 8);
  assert.equal(j.result.dsr.dsr, lib.dsr!.dsr);
  assert.equal(j.result.pbo.pbo, lib.pbo.pbo);
  assert.equal(j.summary.pbo, lib.pbo.pbo);
  const list = await (await t.app.request("/api/v1/optimizations")).json();
  assert.equal(list.optimizations.length, 1);
  const one = await (await t.app.request(`/api/v1/optimizations/${j.id}`)).json();
  assert.deepEqual(one.result.top, j.result.top);
});

Deno.test("POST /api/v1/optimizations - wait=0 queues; the queue job finishes it with progress 1", async () => {
  using t = await seeded();
  const res = await t.app.request(
    "/api/v1/optimizations?wait=0",
    jsonBody({ ...search, name: "later" }),
  );
  assert.equal(res.status, 202);
  const q = await res.json();
  assert.equal(q.status, "queued");
  assert.equal(q.progress, 0);
  const msg = { type: "OptimizationRequested", id: q.id, owner: LOCAL_OWNER };
  assert.equal(await handleQueueMessage(t.deps, msg), "done");
  assert.equal(await handleQueueMessage(t.deps, msg), "duplicate");
  const done = await (await t.app.request(`/api/v1/optimizations/${q.id}`)).json();
  assert.equal(done.status, "done");
  assert.equal(done.progress, 1);
  assert.equal(done.name, "later");
  assert.equal(done.result.trials.objective.length, 8);
});

Deno.test("POST /api/v1/walkforward - windows, stitched equity and efficiency", async () => {
  using t = await seeded();
  const res = await t.app.request(
    "/api/v1/walkforward",
    jsonBody({ ...search, inSampleBars: 500, outOfSampleBars: 250, mode: "rolling" }),
  );
  assert.equal(res.status, 200);
  const j = await res.json();
  assert.equal(j.kind, "walkforward");
  assert.equal(j.result.windows.length, 7);
  assert.equal(j.result.equity.time.length, j.result.equity.equity.length);
  assert.ok("efficiency" in j.result);
  assert.equal(j.summary.windows, 7);
});

Deno.test("POST /api/v1/optimizations - invalid bodies are 400, unknown symbols 404, huge grids refused", async () => {
  using t = await seeded();
  const bad = await t.app.request(
    "/api/v1/optimizations",
    jsonBody({ ...search, objective: "luck" }),
  );
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.code, "invalid_request");
  const missing = await t.app.request(
    "/api/v1/optimizations",
    jsonBody({ ...search, symbols: ["NOPE"] }),
  );
  assert.equal(missing.status, 404);
  const huge = await t.app.request(
    "/api/v1/optimizations",
    jsonBody({
      ...search,
      space: { fast: { min: 1, max: 1000 }, slow: { min: 1, max: 1000 } },
    }),
  );
  assert.equal(huge.status, 400);
  assert.match((await huge.json()).error.message, /at most/);
  const wf = await t.app.request(
    "/api/v1/walkforward",
    jsonBody({ ...search, inSampleBars: 5000, outOfSampleBars: 10 }),
  );
  assert.equal(wf.status, 400);
  assert.match((await wf.json()).error.message, /too few/);
  assert.equal((await t.app.request("/api/v1/optimizations/nope")).status, 404);
  // nothing was stored by the refused requests
  assert.equal(
    (await (await t.app.request("/api/v1/optimizations")).json()).optimizations.length,
    0,
  );
});

Deno.test("DELETE /api/v1/optimizations/{id} - removes the record and its result", async () => {
  using t = await seeded();
  const { id } = await (await t.app.request("/api/v1/optimizations", jsonBody(search))).json();
  const del = await t.app.request(`/api/v1/optimizations/${id}`, { method: "DELETE" });
  assert.deepEqual(await del.json(), { id, deleted: true });
  assert.equal((await t.app.request(`/api/v1/optimizations/${id}`)).status, 404);
  let left = 0;
  for await (const _ of t.kv.list({ prefix: ["optimization_results", LOCAL_OWNER, id] })) left++;
  assert.equal(left, 0);
});

Deno.test("GET /api/v1/optimizations/{id} - returns the validated request, which re-submits to the same result", async () => {
  using t = await seeded();
  const body = { ...search, from: "2010-01-01", to: "2014-12-31", name: "round trip" };
  const first = await (await t.app.request("/api/v1/optimizations", jsonBody(body))).json();
  const one = await (await t.app.request(`/api/v1/optimizations/${first.id}`)).json();
  const req = one.request;
  assert.deepEqual(req.symbols, ["GOOG"]);
  assert.equal(req.strategy, "sma_cross");
  assert.deepEqual(req.space, search.space);
  assert.equal(req.objective, "sharpe");
  assert.deepEqual(req.constraints, search.constraints);
  assert.equal(req.options.commissionPct, 0.1);
  assert.equal(req.from, Date.UTC(2010, 0, 1));
  assert.equal(req.to, Date.UTC(2014, 11, 31));
  assert.equal(req.name, "round trip");
  // the list carries it too (it is on the record already)
  const list = await (await t.app.request("/api/v1/optimizations")).json();
  assert.deepEqual(list.optimizations[0].request, req);
  // the stored request is a valid body: re-running it gives the same ranking
  const again = await (await t.app.request("/api/v1/optimizations", jsonBody(req))).json();
  assert.deepEqual(again.result.top, first.result.top);
  assert.deepEqual(again.request, req);
});

Deno.test("GET /api/v1/optimizations - a record stored without its request still reads", async () => {
  using t = await seeded();
  const { id } = await (await t.app.request("/api/v1/optimizations", jsonBody(search))).json();
  const key = ["optimizations", LOCAL_OWNER, id];
  const { request: _, ...old } = (await t.kv.get<Record<string, unknown>>(key)).value!;
  await t.kv.set(key, old);
  const one = await t.app.request(`/api/v1/optimizations/${id}`);
  assert.equal(one.status, 200);
  const j = await one.json();
  assert.equal("request" in j, false);
  assert.equal(j.result.trialsRun, 8);
  const list = await (await t.app.request("/api/v1/optimizations")).json();
  assert.equal(list.optimizations.length, 1);
  assert.equal("request" in list.optimizations[0], false);
});
