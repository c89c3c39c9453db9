import assert from "node:assert/strict";
import { testApp } from "../../tests/helpers.ts";
import { seedSampleData } from "../../lib/data/sample.ts";

Deno.test("GET / - server-rendered with the island marker, theme from the cookie", async () => {
  using t = await testApp();
  await seedSampleData(t.kv, 0);
  const res = await t.app.request("/", { headers: { cookie: "tf_theme=dark" } });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(html.startsWith("<!doctype html>"));
  assert.match(html, /<html lang="en" data-theme="dark">/);
  assert.match(html, /data-island="MarketPulse"/);
  assert.match(html, /<script type="module" src="\/static\/build\/islands.js"><\/script>/);
  assert.doesNotMatch(html, /<script>(?!<\/script>)/, "no inline scripts");
  assert.match(html, /<svg class="spark"/, "readable without JS: a sparkline is rendered");
  assert.match(
    res.headers.get("content-security-policy") ?? "",
    /script-src 'self' 'wasm-unsafe-eval'/,
  );
  assert.match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
});

Deno.test("POST /theme - remembers the theme in a cookie and goes back", async () => {
  using t = await testApp();
  const res = await t.app.request("/theme", {
    method: "POST",
    body: new URLSearchParams({ theme: "light", back: "/data" }),
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/data");
  assert.match(
    res.headers.get("set-cookie") ?? "",
    /tf_theme=light; Path=\/; Max-Age=\d+; SameSite=Lax/,
  );
  const evil = await t.app.request("/theme", {
    method: "POST",
    body: new URLSearchParams({ theme: "dark", back: "//evil.example" }),
  });
  assert.equal(evil.headers.get("location"), "/", "no open redirect");
});

Deno.test("GET /data - lists symbols; the no-JS upload form imports and reports errors", async () => {
  using t = await testApp();
  await seedSampleData(t.kv, 0);
  const page = await (await t.app.request("/data")).text();
  assert.match(page, /data-island="DataManager"/);
  assert.match(page, /GOOG/);
  assert.match(page, /Synthetic stand-in for SPY/);

  const form = new FormData();
  form.set("file", new File(["date,open,high,low,close\n2024-01-02,1,2,0.5,1.5\n"], "abc.csv"));
  const up = await t.app.request("/data/upload", { method: "POST", body: form });
  assert.equal(up.status, 303);
  assert.match(decodeURIComponent(up.headers.get("location") ?? ""), /Imported 1 bars into ABC/);

  const bad = new FormData();
  bad.set("file", new File(["date,open,high,low,close\n2024-01-02,1,0.2,0.5,1.5\n"], "abc.csv"));
  const rej = await t.app.request("/data/upload", { method: "POST", body: bad });
  assert.match(decodeURIComponent(rej.headers.get("location") ?? ""), /line 2, high/);
});

Deno.test("unknown pages get a friendly HTML error page", async () => {
  using t = await testApp();
  const res = await t.app.request("/no/such/page");
  assert.equal(res.status, 404);
  assert.match(res.headers.get("content-type") ?? "", /text\/html/);
  assert.match(await res.text(), /Page not found/);
});

Deno.test("GET /api-docs - lists documented routes", async () => {
  using t = await testApp();
  const html = await (await t.app.request("/api-docs")).text();
  assert.match(html, /\/api\/v1\/bars\/\{symbol\}/);
  assert.match(html, /openapi.json/);
});

Deno.test("GET /static - serves the stylesheet and WASM with the right types", async () => {
  using t = await testApp();
  const css = await t.app.request("/static/app.css");
  assert.equal(css.status, 200);
  assert.match(css.headers.get("content-type") ?? "", /text\/css/);
  await css.body?.cancel();
  assert.equal((await t.app.request("/static/../deno.json")).status, 404);
});
