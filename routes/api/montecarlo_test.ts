import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { simulate } from "../../lib/montecarlo/simulate.ts";
import { histogram } from "../../lib/montecarlo/histogram.ts";

Deno.test("POST /api/v1/montecarlo - same numbers as the reference simulation", async () => {
  using t = await testApp();
  const trades = [2, -1, 3.5, -2.5, 1, 0.5, -0.7];
  const res = await t.app.request(
    "/api/v1/montecarlo",
    jsonBody({
      source: { kind: "trades", trades, mode: "block", blockLength: 3 },
      paths: 2000,
      seed: 12,
      ruinThresholdPct: -10,
      ruinMode: "drawdown",
      samplePaths: 2,
    }),
  );
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.backend, "wasm");
  const ref = simulate({
    source: { kind: "trades", trades: Float64Array.from(trades), mode: "block", blockLength: 3 },
    paths: 2000,
    seed: 12,
    ruinThresholdPct: -10,
    ruinMode: "drawdown",
    samplePaths: 2,
  });
  assert.deepEqual(body.bands.p95, Array.from(ref.bands.p95));
  assert.deepEqual(body.ruin, ref.ruin);
  assert.deepEqual(body.samples[1], Array.from(ref.samples[1]));
  assert.equal(body.recovery.censored, ref.recovery.censored);
});

Deno.test("POST /api/v1/montecarlo - invalid requests are 400 naming the field", async () => {
  using t = await testApp();
  const bad = await t.app.request(
    "/api/v1/montecarlo",
    jsonBody({ source: { kind: "trades", trades: [1, 2], mode: "skip", skipPct: 50 } }),
  );
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error.message, /skipPct in \[1, 10\], was 50/);
  const schema = await t.app.request(
    "/api/v1/montecarlo",
    jsonBody({ source: { kind: "lottery" } }),
  );
  assert.equal(schema.status, 400);
  assert.equal((await schema.json()).error.code, "invalid_request");
  const big = await t.app.request(
    "/api/v1/montecarlo",
    jsonBody({ source: { kind: "gbm", mu: 0, sigma: 0.2, steps: 5000 }, paths: 100_000 }),
  );
  assert.equal(big.status, 400);
});

Deno.test("POST /api/v1/montecarlo - histogramBins adds drawdown and CAGR histograms", async () => {
  using t = await testApp();
  const request = {
    source: { kind: "parametric", winRate: 0.45, avgWin: 2, avgLoss: 1, tradesPerPath: 100 },
    paths: 1500,
    seed: 4,
    ruinThresholdPct: -15,
    ruinMode: "drawdown",
  } as const;
  const res = await t.app.request(
    "/api/v1/montecarlo",
    jsonBody({ ...request, histogramBins: 20 }),
  );
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.perPath, undefined, "per-path arrays stay on the server");
  const ref = simulate({ ...request, source: { ...request.source }, perPath: true });
  const dd = histogram(Array.from(ref.perPath!.maxDrawdown, (x) => x * 100), { bins: 20 });
  assert.deepEqual(body.histograms.maxDrawdownPct.edges, Array.from(dd.edges));
  assert.deepEqual(body.histograms.maxDrawdownPct.counts, Array.from(dd.counts));
  const { histograms } = body;
  assert.equal(histograms.cagrPct.counts.length, 20);
  assert.equal(histograms.cagrPct.counted, 1500);
  assert.equal(histograms.cagrPct.edges[0], ref.cagrPct.min);
  assert.equal(histograms.cagrPct.edges[20], ref.cagrPct.max);
  // the paths at or past the ruin threshold are the ruined ones (drawdown mode)
  const ruined = ref.perPath!.maxDrawdown.filter((x) => x >= 0.15).length;
  assert.equal(body.ruin.paths, ruined);
  // without the option the response is as before
  const plain = await (await t.app.request("/api/v1/montecarlo", jsonBody(request))).json();
  assert.equal(plain.histograms, undefined);
  assert.deepEqual({ ...body, histograms: undefined }, { ...plain, histograms: undefined });
  const bad = await t.app.request("/api/v1/montecarlo", jsonBody({ ...request, histogramBins: 0 }));
  assert.equal(bad.status, 400);
});
