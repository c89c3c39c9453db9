import assert from "node:assert/strict";
import { testApp } from "../../tests/helpers.ts";
import { bsm } from "../../lib/options/bsm.ts";

Deno.test("GET /options - renders the calculator with server-computed numbers", async () => {
  using t = await testApp();
  const res = await t.app.request("/options");
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /data-island="OptionsCalculator"/);
  const price = bsm({ type: "call", spot: 42, strike: 40, rate: 0.1, vol: 0.2, time: 0.5 }).price;
  assert.match(html, new RegExp(`data-testid="oc-price"[^>]*>${price.toFixed(4)}<`));
  assert.match(html, /Implied vol 20\.00/);
});
