import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { bsm } from "../../lib/options/bsm.ts";

const HULL = { spot: 42, strike: 40, rate: 0.1, vol: 0.2, time: 0.5 };

Deno.test("POST /api/v1/options/greeks - Hull's example through the WASM kernel", async () => {
  using t = await testApp();
  const res = await t.app.request(
    "/api/v1/options/greeks",
    jsonBody({ contracts: [{ type: "call", ...HULL }, { type: "put", ...HULL, dividend: 0.02 }] }),
  );
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.backend, "wasm");
  assert.equal(body.count, 2);
  assert.equal(body.results[0].price.toFixed(2), "4.76");
  const ref = bsm({ type: "put", ...HULL, dividend: 0.02 });
  for (const [k, v] of Object.entries(ref)) {
    assert.ok(Math.abs(body.results[1][k] - v) <= 1e-10 * Math.max(1, Math.abs(v)), k);
  }
});

Deno.test("POST /api/v1/options/greeks - 100,000 contracts as columns; american style", async () => {
  using t = await testApp();
  const contracts = Array.from({ length: 100_000 }, (_, i) => ({
    type: i % 2 ? "call" : "put",
    spot: 100,
    strike: 50 + (i % 100),
    rate: 0.03,
    vol: 0.25,
    time: 0.5,
  }));
  const res = await t.app.request(
    "/api/v1/options/greeks",
    jsonBody({ contracts, format: "columns" }),
  );
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.results.price.length, 100_000);
  assert.equal(body.results.vegaPerPct[7], body.results.vega[7] / 100);
  const am = await t.app.request(
    "/api/v1/options/greeks",
    jsonBody({
      contracts: [{ type: "put", spot: 50, strike: 50, rate: 0.1, vol: 0.4, time: 5 / 12 }],
      style: "american",
    }),
  );
  assert.equal((await am.json()).results[0].price.toFixed(2), "4.29");
});

Deno.test("POST /api/v1/options/greeks - invalid contracts are 400 invalid_request", async () => {
  using t = await testApp();
  const res = await t.app.request(
    "/api/v1/options/greeks",
    jsonBody({ contracts: [{ type: "call", ...HULL, spot: -1 }] }),
  );
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.error.code, "invalid_request");
  assert.ok(body.error.issues.some((i: { path: string }) => i.path.includes("spot")));
  const tooMany = await t.app.request(
    "/api/v1/options/greeks",
    jsonBody({ contracts: Array(2001).fill({ type: "put", ...HULL }), style: "american" }),
  );
  assert.equal(tooMany.status, 400);
});

Deno.test("POST /api/v1/options/iv - round trip and a reason for an impossible price", async () => {
  using t = await testApp();
  const { vol: _vol, ...c } = HULL;
  const price = bsm({ type: "call", ...HULL }).price;
  const res = await t.app.request(
    "/api/v1/options/iv",
    jsonBody({ contracts: [{ type: "call", price, ...c }, { type: "call", price: 0.5, ...c }] }),
  );
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.ok(Math.abs(body.results[0].iv - 0.2) < 1e-12);
  assert.equal(body.results[1].iv, null);
  assert.match(body.results[1].reason, /lower bound/);
});
