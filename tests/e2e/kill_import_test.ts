/**
 * Fault test: the server is SIGKILLed while it writes a large CSV import, then restarted on the
 * same KV file. The symbol must hold the old history or the new one, never a mix, and the sweep
 * must remove the dead import's staged chunks.
 */
import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import { sweepStaleChunks } from "../../lib/storage/bars_repo.ts";

const T0 = Date.UTC(2000, 0, 3);

function csv(rows: number, price: number): string {
  const out = ["ts,open,high,low,close,volume"];
  for (let i = 0; i < rows; i++) {
    out.push(`${T0 + i * 60_000},${price},${price + 1},${price - 1},${price},${i}`);
  }
  return out.join("\n") + "\n";
}

async function count(kv: Deno.Kv, prefix: Deno.KvKey): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix })) n++;
  return n;
}

Deno.test("kill mid-import - after a restart the symbol has the old bars or the new, never a mix", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tf-kill-" });
  const kvPath = `${dir}/kill.kv`;
  const server = await startServer({ kvPath });
  let killedMidImport = false;
  try {
    const old = await fetch(`${server.url}/api/v1/bars/BIG`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv(50, 10),
    });
    assert.equal(old.status, 201, await old.text());

    const rows = 400_000; // ~308 chunks in ~31 commits: far more than one KV commit
    const upload = fetch(`${server.url}/api/v1/bars/BIG?mode=replace`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv(rows, 20),
    }).then((r) => r.status, () => "connection lost");

    // Watch the same KV file and kill the server once the import has staged some chunks.
    const watch = await Deno.openKv(kvPath);
    try {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const staging = await count(watch, ["bars_staging"]);
        const chunks = await count(watch, ["bars_chunk"]);
        if (staging > 0 && chunks > 3) {
          server.child.kill("SIGKILL");
          killedMidImport = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      watch.close();
    }
    assert.ok(killedMidImport, "the import was caught while staging");
    assert.equal(await upload, "connection lost");
    await server.child.status;
  } finally {
    await server.stop();
  }

  const again = await startServer({ kvPath });
  try {
    const res = await fetch(`${again.url}/api/v1/bars/BIG`);
    assert.equal(res.status, 200);
    const bars = await res.json();
    const closes = new Set<number>(bars.close);
    assert.equal(closes.size, 1, "one history, not a mix");
    if (closes.has(10)) assert.equal(bars.count, 50, "the old history, complete");
    else assert.deepEqual([bars.count, [...closes]], [400_000, [20]], "the new one, complete");
  } finally {
    await again.stop();
  }

  const kv = await Deno.openKv(kvPath);
  try {
    let live = 0; // chunks of every manifest, the bundled sample data included
    for await (const e of kv.list<{ chunks: number }>({ prefix: ["bars_manifest"] })) {
      live += e.value.chunks;
    }
    assert.ok(await count(kv, ["bars_chunk"]) > live, "the dead import left staged chunks behind");
    // At start-up the sweep keeps fresh staging (another process could own it); an hour later
    // (the cron's view) it removes them.
    await sweepStaleChunks(kv, { now: Date.now() + 2 * 3_600_000 });
    assert.equal(await count(kv, ["bars_chunk"]), live, "only live chunk sets are left");
    assert.equal(await count(kv, ["bars_staging"]), 0);
  } finally {
    kv.close();
    await Deno.remove(dir, { recursive: true });
  }
});
