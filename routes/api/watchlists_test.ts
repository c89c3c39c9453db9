import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";

Deno.test("watchlists API - create, rename, add, pin, tag, note, remove, delete", async () => {
  using t = await testApp();
  const made = await t.app.request(
    "/api/v1/watchlists",
    jsonBody({ name: "Tech", symbols: ["aapl", "MSFT"] }),
  );
  assert.equal(made.status, 201);
  const w = await made.json();
  assert.deepEqual(w.items.map((i: { symbol: string }) => i.symbol), ["AAPL", "MSFT"]);
  const renamed = await t.app.request(
    `/api/v1/watchlists/${w.id}`,
    jsonBody({ name: "Big tech", tagColors: { ai: "#00aa00" } }, "PATCH"),
  );
  assert.equal((await renamed.json()).name, "Big tech");
  await t.app.request(`/api/v1/watchlists/${w.id}/items`, jsonBody({ symbols: ["NVDA"] }));
  const pin = await t.app.request(
    `/api/v1/watchlists/${w.id}/items/NVDA`,
    jsonBody({ pinned: true, tags: ["ai"], note: "watch earnings" }, "PATCH"),
  );
  assert.equal(pin.status, 200);
  const got = await (await t.app.request(`/api/v1/watchlists/${w.id}`)).json();
  assert.equal(got.items[0].symbol, "NVDA");
  assert.equal(got.items[0].note, "watch earnings");
  assert.equal(
    (await t.app.request(`/api/v1/watchlists/${w.id}/items/AAPL`, { method: "DELETE" })).status,
    200,
  );
  const list = await (await t.app.request("/api/v1/watchlists")).json();
  assert.deepEqual(list.watchlists.map((x: { name: string; count: number }) => [x.name, x.count]), [
    ["Big tech", 2],
  ]);
  assert.equal(
    (await t.app.request(`/api/v1/watchlists/${w.id}`, { method: "DELETE" })).status,
    200,
  );
  assert.equal((await t.app.request(`/api/v1/watchlists/${w.id}`)).status, 404);
});

Deno.test("watchlists API - validation and not-found errors", async () => {
  using t = await testApp();
  const bad = await t.app.request("/api/v1/watchlists", jsonBody({ name: "" }));
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.code, "invalid_request");
  const badColor = await t.app.request(
    "/api/v1/watchlists",
    jsonBody({ name: "x", tagColors: { a: "red" } }),
  );
  assert.equal(badColor.status, 400);
  assert.equal(
    (await t.app.request("/api/v1/watchlists/nope/items", jsonBody({ symbols: ["A"] }))).status,
    404,
  );
  const w = await (await t.app.request("/api/v1/watchlists", jsonBody({ name: "x" }))).json();
  assert.equal(
    (await t.app.request(
      `/api/v1/watchlists/${w.id}/items/ZZZ`,
      jsonBody({ pinned: true }, "PATCH"),
    )).status,
    404,
  );
  assert.equal(
    (await t.app.request(`/api/v1/watchlists/${w.id}`, jsonBody({ extra: 1 }, "PATCH"))).status,
    400,
  );
});
