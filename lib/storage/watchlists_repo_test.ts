import assert from "node:assert/strict";
import {
  addItems,
  createWatchlist,
  deleteWatchlist,
  getWatchlist,
  listWatchlists,
  removeItem,
  updateItem,
  updateWatchlist,
} from "./watchlists_repo.ts";

Deno.test("watchlists - create, rename, add, pin, tag, note, remove, delete; per owner", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const made = await createWatchlist(kv, "alice", {
      name: "Tech",
      symbols: ["aapl", "MSFT", "AAPL"],
    }, { id: "w1", now: 1 });
    assert.ok(made.ok);
    if (!made.ok) return;
    assert.deepEqual(made.watchlist.items.map((i) => i.symbol), ["AAPL", "MSFT"]);
    assert.ok(
      (await updateWatchlist(kv, "alice", "w1", {
        name: "Big tech",
        tagColors: { core: "#ff0000" },
      }, 2)).ok,
    );
    assert.ok((await addItems(kv, "alice", "w1", ["NVDA", "MSFT"], 3)).ok);
    const pin = await updateItem(kv, "alice", "w1", "NVDA", {
      pinned: true,
      tags: ["core"],
      note: "AI",
    });
    assert.ok(pin.ok);
    const got = (await getWatchlist(kv, "alice", "w1"))!;
    assert.equal(got.name, "Big tech");
    assert.deepEqual(got.items.map((i) => i.symbol), ["NVDA", "AAPL", "MSFT"]); // pinned first
    assert.deepEqual(got.items[0].tags, ["core"]);
    assert.equal(got.items[0].note, "AI");
    assert.equal(got.tagColors.core, "#ff0000");
    assert.equal(await removeItem(kv, "alice", "w1", "AAPL"), true);
    assert.equal(await removeItem(kv, "alice", "w1", "AAPL"), false);
    assert.deepEqual((await listWatchlists(kv, "alice")).map((w) => [w.name, w.count]), [[
      "Big tech",
      2,
    ]]);
    assert.deepEqual(await listWatchlists(kv, "bob"), []);
    assert.equal(await getWatchlist(kv, "bob", "w1"), null);
    assert.equal(await deleteWatchlist(kv, "alice", "w1"), true);
    assert.equal(await getWatchlist(kv, "alice", "w1"), null);
    const left = [];
    for await (const e of kv.list({ prefix: ["watchlist_items", "alice", "w1"] })) left.push(e);
    assert.equal(left.length, 0);
  } finally {
    kv.close();
  }
});

Deno.test("watchlists - bad input is rejected by the schemas", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    await assert.rejects(() => createWatchlist(kv, "a", { name: "  " }, { id: "x", now: 1 }));
    await createWatchlist(kv, "a", { name: "ok" }, { id: "x", now: 1 });
    await assert.rejects(() => updateWatchlist(kv, "a", "x", { tagColors: { t: "red" } }, 2));
    const missing = await updateItem(kv, "a", "x", "NOPE", { pinned: true });
    assert.deepEqual(missing, { ok: false, reason: "not_found" });
    assert.deepEqual(await addItems(kv, "a", "nope", ["AAPL"], 1), {
      ok: false,
      reason: "not_found",
    });
  } finally {
    kv.close();
  }
});
