import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { importCsv } from "../../lib/data/market.ts";
import { LOCAL_OWNER } from "../../lib/http/env.ts";
import { accountsApp, Client } from "../../lib/auth/testing.ts";

const GOOG = Deno.readTextFileSync(new URL("../../tests/fixtures/GOOG.csv", import.meta.url));

Deno.test("share links - create, open read-only, idempotent, revoke; unknown tokens are 404", async () => {
  using t = await testApp();
  assert.ok((await importCsv(t.kv, LOCAL_OWNER, "GOOG", GOOG)).ok);
  const run = await (await t.app.request(
    "/api/v1/backtests",
    jsonBody({ symbols: ["GOOG"], strategy: "sma_cross", name: "shared one" }),
  )).json();
  const made = await t.app.request(`/backtest/${run.id}/share`, { method: "POST" });
  assert.equal(made.status, 200);
  const { token, url } = await made.json();
  assert.match(token, /^[A-Za-z0-9_-]{24}$/);
  assert.equal(url, `/share/${token}`);
  const again = await (await t.app.request(`/backtest/${run.id}/share`, { method: "POST" })).json();
  assert.equal(again.token, token);
  const page = await t.app.request(url);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /shared one/);
  assert.match(html, /data-island="BacktestView"/);
  assert.match(html, /Read-only shared backtest/);
  // the page lists the owner's share on /backtest
  assert.match(await (await t.app.request("/backtest")).text(), new RegExp(token));
  const off = await t.app.request(`/backtest/${run.id}/unshare`, { method: "POST" });
  assert.deepEqual(await off.json(), { id: run.id, revoked: true });
  assert.equal((await t.app.request(url)).status, 404);
  const gone = await t.app.request("/share/nope");
  assert.equal(gone.status, 404);
  // a way onward from a dead link
  assert.match(await gone.text(), /<a class="button" href="\/">Go to the home page<\/a>/);
  assert.equal((await t.app.request(`/backtest/missing/share`, { method: "POST" })).status, 404);
});

Deno.test("pages - /backtest and /montecarlo render their islands", async () => {
  using t = await testApp();
  const bt = await (await t.app.request("/backtest")).text();
  assert.match(bt, /data-island="BacktestLab"/);
  assert.match(bt, /sma_cross/);
  const mc = await (await t.app.request("/montecarlo")).text();
  assert.match(mc, /data-island="MonteCarloSandbox"/);
});

Deno.test("share links - an unnamed run is titled by its strategy's human name and parameters", async () => {
  using t = await testApp();
  assert.ok((await importCsv(t.kv, LOCAL_OWNER, "GOOG", GOOG)).ok);
  const run = await (await t.app.request(
    "/api/v1/backtests",
    jsonBody({ symbols: ["GOOG"], strategy: "sma_cross", params: { fast: 5, slow: 20 } }),
  )).json();
  const { url } = await (await t.app.request(`/backtest/${run.id}/share`, { method: "POST" }))
    .json();
  const html = await (await t.app.request(url)).text();
  assert.match(html, /<h1>SMA crossover on GOOG<\/h1>/);
  assert.match(html, /<title>Shared backtest: SMA crossover on GOOG · ThetaForge<\/title>/);
  assert.match(html, /SMA crossover \(fast 5, slow 20\) on GOOG/);
  assert.doesNotMatch(html, /<h1>sma_cross/);
});

Deno.test("error pages - 404 pages carry the header's sign-in link like other pages", async () => {
  using t = await testApp();
  const res = await t.app.request("/no/such/page");
  assert.equal(res.status, 404);
  const html = await res.text();
  assert.match(html, /Page not found/);
  // the layout shows "Sign in" (or the user's name) only when it is given the user
  assert.match(html, /<a href="\/login">Sign in<\/a>/);
  const home = await (await t.app.request("/montecarlo")).text();
  assert.match(home, /<a href="\/login">Sign in<\/a>/);
});

Deno.test("error pages - a signed-in user's 404 page shows their name, as other pages do", async () => {
  using t = await accountsApp();
  const ann = new Client(t.app);
  await ann.signUp("ann");
  const res = await ann.request("/no/such/page");
  assert.equal(res.status, 404);
  const html = await res.text();
  assert.match(html, /<a href="\/account" class="user">ann<\/a>/);
  assert.doesNotMatch(html, />Sign in</);
});
