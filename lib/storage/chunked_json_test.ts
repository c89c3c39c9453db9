import assert from "node:assert/strict";
import {
  CHUNK_BYTES,
  CHUNK_CHARS,
  deleteChunks,
  getByteChunks,
  getTextChunks,
  putByteChunks,
  putTextChunks,
} from "./chunked_json.ts";

async function entries(kv: Deno.Kv, prefix: Deno.KvKey): Promise<Deno.KvEntry<unknown>[]> {
  const out = [];
  for await (const e of kv.list({ prefix })) out.push(e);
  return out;
}

Deno.test("chunked_json - text round-trips across chunk edges, one key per 60,000 chars", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const text = "x".repeat(2 * CHUNK_CHARS) + "yz"; // 120,002 chars: 3 chunks, the last of 2
    const n = await putTextChunks(kv, ["res", "alice", "r1"], text);
    assert.equal(n, 3);
    const stored = await entries(kv, ["res", "alice", "r1"]);
    assert.deepEqual(stored.map((e) => e.key), [
      ["res", "alice", "r1", 0],
      ["res", "alice", "r1", 1],
      ["res", "alice", "r1", 2],
    ]);
    assert.deepEqual(stored.map((e) => (e.value as string).length), [60_000, 60_000, 2]);
    assert.equal(await getTextChunks(kv, ["res", "alice", "r1"], 3), text);
    assert.equal(await getTextChunks(kv, ["res", "alice", "r1"], 2), null); // count disagrees
    assert.equal(await getTextChunks(kv, ["res", "bob", "r1"], 3), null); // absent
    assert.equal(await putTextChunks(kv, ["res", "alice", "e"], ""), 0);
    assert.equal(await getTextChunks(kv, ["res", "alice", "e"], 0), "");
  } finally {
    kv.close();
  }
});

Deno.test("chunked_json - a shorter text deletes the chunks the longer one left", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    await putTextChunks(kv, ["res", "a", "r"], "a".repeat(12 * CHUNK_CHARS)); // 0..11 (11 > 2)
    await kv.set(["res", "a", "r2", 0], "sibling");
    assert.equal(await putTextChunks(kv, ["res", "a", "r"], "short"), 1);
    assert.equal((await entries(kv, ["res", "a", "r"])).length, 1);
    assert.equal(await getTextChunks(kv, ["res", "a", "r"], 1), "short");
    assert.equal((await kv.get(["res", "a", "r2", 0])).value, "sibling");
  } finally {
    kv.close();
  }
});

Deno.test("chunked_json - bytes round-trip; a multi-byte character may straddle two chunks", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    // 59,999 ASCII bytes then "€" (3 bytes): the character is split over chunks 0 and 1
    const json = JSON.stringify("a".repeat(59_998) + "€".repeat(30_000));
    const bytes = new TextEncoder().encode(json);
    const n = await putByteChunks(kv, ["c", "alice", "s1"], bytes);
    assert.equal(n, Math.ceil(bytes.length / CHUNK_BYTES));
    assert.equal(n, 3); // 60,000 + 30,000 * 3 = 150,000 bytes
    const stored = await entries(kv, ["c", "alice", "s1"]);
    assert.deepEqual(stored.map((e) => (e.value as Uint8Array).length), [60_000, 60_000, 30_000]);
    const back = await getByteChunks(kv, ["c", "alice", "s1"], n);
    assert.deepEqual(back, bytes);
    assert.equal(JSON.parse(new TextDecoder().decode(back!)), JSON.parse(json));
  } finally {
    kv.close();
  }
});

Deno.test("chunked_json - 25 byte chunks (three commits) read back in order", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const bytes = new Uint8Array(24 * CHUNK_BYTES + 7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 16)) & 255;
    assert.equal(await putByteChunks(kv, ["c", "o", "big"], bytes), 25);
    assert.deepEqual(await getByteChunks(kv, ["c", "o", "big"], 25), bytes);
  } finally {
    kv.close();
  }
});

Deno.test("chunked_json - empty bytes take one chunk; a missing chunk reads as null", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    assert.equal(await putByteChunks(kv, ["c", "o", "empty"], new Uint8Array(0)), 1);
    assert.deepEqual(await getByteChunks(kv, ["c", "o", "empty"], 1), new Uint8Array(0));
    await putByteChunks(kv, ["c", "o", "two"], new Uint8Array(CHUNK_BYTES + 1));
    await kv.delete(["c", "o", "two", 1]);
    assert.equal(await getByteChunks(kv, ["c", "o", "two"], 2), null);
    assert.equal(await getByteChunks(kv, ["c", "o", "none"], 1), null);
  } finally {
    kv.close();
  }
});

Deno.test("chunked_json - deleteChunks removes one prefix and leaves its neighbours", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    await putByteChunks(kv, ["c", "o", "a"], new Uint8Array(2 * CHUNK_BYTES + 1));
    await putTextChunks(kv, ["c", "o", "ab"], "kept");
    await deleteChunks(kv, ["c", "o", "a"]);
    assert.equal((await entries(kv, ["c", "o", "a"])).length, 0);
    assert.equal(await getTextChunks(kv, ["c", "o", "ab"], 1), "kept");
  } finally {
    kv.close();
  }
});

Deno.test("putTextChunks - text beyond Latin-1 (€, emoji) fits KV's 64 KiB values and round-trips", async () => {
  using kv = await Deno.openKv(":memory:");
  // 150,000 characters with a euro sign and astral emoji spread through it: as UTF-16 a
  // 60,000-character chunk would be 120,000 bytes and KV would refuse it.
  const unit = "price €1.5 📈 ";
  const text = unit.repeat(Math.ceil(150_000 / unit.length));
  const count = await putTextChunks(kv, ["t"], text);
  assert.ok(count >= 5, `cut into ${count} chunks`);
  assert.equal(await getTextChunks(kv, ["t"], count), text);
  // Latin-1 text still uses full-size chunks.
  assert.equal(await putTextChunks(kv, ["a"], "é".repeat(120_000)), 2);
});
