import assert from "node:assert/strict";
import { emptySeries } from "../domain/bar.ts";
import {
  CHUNK_BARS,
  deleteBars,
  getManifest,
  listManifests,
  loadBars,
  mergeSeries,
  saveBars,
  sweepStaleChunks,
} from "./bars_repo.ts";
import { GLOBAL_OWNER } from "./kv.ts";

function walk(n: number, start = 100, t0 = Date.UTC(2000, 0, 3)) {
  const s = emptySeries(n);
  let p = start;
  for (let i = 0; i < n; i++) {
    p *= 1 + Math.sin(i * 12.9898) * 0.01;
    s.ts[i] = t0 + i * 86_400_000;
    s.open[i] = p;
    s.high[i] = p * 1.01;
    s.low[i] = p * 0.99;
    s.close[i] = p;
    s.volume[i] = i;
  }
  return s;
}

async function countChunks(kv: Deno.Kv) {
  let n = 0;
  for await (const _ of kv.list({ prefix: ["bars_chunk"] })) n++;
  return n;
}

Deno.test("bars_repo - a long history round-trips through chunks below 64 KiB", async () => {
  using kv = await Deno.openKv(":memory:");
  const bars = walk(CHUNK_BARS * 3 + 17);
  const saved = await saveBars(kv, "alice", "AAA", bars, { now: 1 });
  assert.ok(saved.ok);
  assert.equal(saved.manifest.chunks, 4);
  const got = await loadBars(kv, "alice", "AAA");
  assert.ok(got);
  assert.deepEqual(got.bars.close, bars.close);
  assert.deepEqual(got.bars.ts, bars.ts);
  assert.equal(await countChunks(kv), 4);
});

Deno.test("bars_repo - replacing a history deletes the old chunk set", async () => {
  using kv = await Deno.openKv(":memory:");
  await saveBars(kv, "alice", "AAA", walk(CHUNK_BARS * 2));
  await saveBars(kv, "alice", "AAA", walk(10));
  assert.equal(await countChunks(kv), 1);
  assert.equal((await loadBars(kv, "alice", "AAA"))?.bars.length, 10);
});

Deno.test("bars_repo - owners see global data plus their own, never someone else's", async () => {
  using kv = await Deno.openKv(":memory:");
  await saveBars(kv, GLOBAL_OWNER, "SPY", walk(5), { source: "sample" });
  await saveBars(kv, "alice", "SPY", walk(7, 50), { source: "upload" });
  await saveBars(kv, "alice", "MINE", walk(3));
  assert.equal((await getManifest(kv, "alice", "SPY"))?.count, 7, "own upload shadows global");
  assert.equal((await getManifest(kv, "bob", "SPY"))?.count, 5);
  assert.equal(await getManifest(kv, "bob", "MINE"), null);
  assert.deepEqual((await listManifests(kv, "bob")).map((m) => m.symbol), ["SPY"]);
  assert.deepEqual((await listManifests(kv, "alice")).map((m) => m.symbol), ["MINE", "SPY"]);
  assert.equal(await deleteBars(kv, "bob", "MINE"), false);
  assert.equal(await deleteBars(kv, "alice", "SPY"), true);
  assert.equal((await getManifest(kv, "alice", "SPY"))?.count, 5, "back to the global data");
});

Deno.test("bars_repo - a concurrent writer makes the later switch fail cleanly", async () => {
  using kv = await Deno.openKv(":memory:");
  await saveBars(kv, "alice", "AAA", walk(5));
  let raced = false;
  const res = await saveBars(kv, "alice", "AAA", walk(CHUNK_BARS * 12), {
    afterChunkCommit: async () => {
      if (raced) return;
      raced = true;
      await saveBars(kv, "alice", "AAA", walk(9));
    },
  });
  assert.deepEqual(res, { ok: false, reason: "conflict" });
  assert.equal((await loadBars(kv, "alice", "AAA"))?.bars.length, 9);
  assert.equal(await countChunks(kv), 1, "the loser's chunks are removed");
});

Deno.test("bars_repo - sweep removes unreferenced chunk sets but not fresh staging", async () => {
  using kv = await Deno.openKv(":memory:");
  await saveBars(kv, "alice", "AAA", walk(5), { now: 0 });
  await kv.set(["bars_chunk", "alice", "AAA", "orphan", 0], new Uint8Array(8));
  await kv.set(["bars_staging", "inflight"], { owner: "alice", symbol: "AAA", createdAt: 1000 });
  await kv.set(["bars_chunk", "alice", "AAA", "inflight", 0], new Uint8Array(8));
  assert.equal(await sweepStaleChunks(kv, { now: 2000, staleMs: 60_000 }), 1);
  assert.equal(await countChunks(kv), 2);
  assert.equal(await sweepStaleChunks(kv, { now: 1000 + 60_001, staleMs: 60_000 }), 1);
  assert.equal(await countChunks(kv), 1);
});

Deno.test("bars_repo - a process killed mid-import leaves the old data, and sweep cleans up", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/kill.kv`;
  try {
    {
      using kv = await Deno.openKv(path);
      await saveBars(kv, "alice", "AAA", walk(50));
    }
    // A child process imports a long history and SIGKILLs itself after three chunk commits.
    const script = `
      import { saveBars } from ${JSON.stringify(new URL("./bars_repo.ts", import.meta.url).href)};
      import { emptySeries } from ${
      JSON.stringify(new URL("../domain/bar.ts", import.meta.url).href)
    };
      const kv = await Deno.openKv(${JSON.stringify(path)});
      const n = ${CHUNK_BARS} * 40;
      const s = emptySeries(n);
      for (let i = 0; i < n; i++) {
        s.ts[i] = i * 60000; s.open[i] = s.high[i] = s.low[i] = s.close[i] = 1; s.volume[i] = 0;
      }
      await saveBars(kv, "alice", "AAA", s, {
        afterChunkCommit: (written) => { if (written >= 30) Deno.kill(Deno.pid, "SIGKILL"); },
      });
      console.log("finished");
    `;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--unstable-kv", script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.signal, "SIGKILL", new TextDecoder().decode(out.stderr));
    assert.ok(!new TextDecoder().decode(out.stdout).includes("finished"));

    using kv = await Deno.openKv(path);
    const got = await loadBars(kv, "alice", "AAA");
    assert.equal(got?.bars.length, 50, "the old history is intact");
    assert.ok(await countChunks(kv) > 1, "the dead import left staged chunks");
    await sweepStaleChunks(kv, { now: Date.now() + 2 * 3_600_000 });
    assert.equal(await countChunks(kv), 1, "only the live chunk set is left");
    assert.equal((await loadBars(kv, "alice", "AAA"))?.bars.length, 50);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("mergeSeries - merges by time, incoming bars win on equal timestamps", () => {
  const a = walk(3);
  const b = walk(3, 200, a.ts[2]);
  const m = mergeSeries(a, b);
  assert.equal(m.length, 5);
  assert.equal(m.close[2], b.close[0]);
  assert.deepEqual(Array.from(m.ts), [a.ts[0], a.ts[1], a.ts[2], b.ts[1], b.ts[2]]);
});
