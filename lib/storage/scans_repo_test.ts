import assert from "node:assert/strict";
import type { ScanResult, ScanRow } from "../screeners/scan.ts";
import { deleteScan, getScan, listScans, saveScan } from "./scans_repo.ts";

function fakeScan(id: string, createdTs: number, rows: number): ScanResult {
  const row = (i: number): ScanRow => ({
    symbol: `S${i}`,
    timeframe: "1d",
    screener: "turtle",
    signal: i % 2 ? "buy" : "wait",
    label: "BREAKOUT (BUY) — ünïcode ≥",
    direction: "long",
    score: i,
    price: 100 + i,
    entry: null,
    stop: NaN,
    target: 110,
    ts: createdTs,
    reason: "close above the 20-day high ".repeat(3),
    values: { n: 1.5, flag: true, note: null },
  });
  return {
    id,
    createdTs,
    durationMs: 12,
    request: {
      screeners: [{ name: "turtle", params: {} }],
      universe: { kind: "stored" },
      timeframes: ["1d"],
      liquidity: { minAvgVolume: 0, minTurnover: 0, minPrice: 0, period: 20 },
      vix: "^VIX",
      sparkBars: 60,
    },
    symbols: Array.from({ length: rows }, (_, i) => `S${i}`),
    regime: null,
    rows: Array.from({ length: rows }, (_, i) => row(i)),
    skipped: [{ symbol: "X", reason: "no stored bars" }],
    sparks: { "S0|1d": [1, 2, 3] },
    counts: { symbols: rows, rows, passing: rows >> 1, notEvaluated: 0 },
  };
}

Deno.test("scans_repo - a multi-chunk scan round-trips; NaN becomes null", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const scan = fakeScan("a", 1000, 2000); // ~700 kB of JSON: a dozen chunks
    const summary = await saveScan(kv, "alice", scan);
    assert.ok(summary.chunks > 5);
    const back = (await getScan(kv, "alice", "a"))!;
    assert.equal(back.rows.length, 2000);
    assert.equal(back.rows[1999].label, scan.rows[1999].label);
    assert.equal(back.rows[0].stop, null);
    assert.deepEqual(back.sparks, scan.sparks);
    assert.equal(back.skippedCount, 1);
    assert.equal(await getScan(kv, "bob", "a"), null); // per owner
  } finally {
    kv.close();
  }
});

Deno.test("scans_repo - lists newest first and deletes", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    await saveScan(kv, "alice", fakeScan("old", 1000, 3));
    await saveScan(kv, "alice", fakeScan("new", 2000, 3));
    assert.deepEqual((await listScans(kv, "alice")).map((s) => s.id), ["new", "old"]);
    assert.equal(await deleteScan(kv, "alice", "old"), true);
    assert.equal(await deleteScan(kv, "alice", "old"), false);
    assert.deepEqual((await listScans(kv, "alice")).map((s) => s.id), ["new"]);
    const left = [];
    for await (const e of kv.list({ prefix: ["scan_chunks", "alice", "old"] })) left.push(e);
    assert.equal(left.length, 0);
  } finally {
    kv.close();
  }
});

Deno.test("scans_repo - keeps the newest scans per owner", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    for (let i = 1; i <= 5; i++) {
      await saveScan(kv, "alice", fakeScan(`s${i}`, i * 1000, 2), { keep: 3 });
    }
    await saveScan(kv, "bob", fakeScan("b1", 500, 2), { keep: 3 });
    assert.deepEqual((await listScans(kv, "alice")).map((s) => s.id), ["s5", "s4", "s3"]);
    assert.equal(await getScan(kv, "alice", "s1"), null);
    assert.deepEqual((await listScans(kv, "bob")).map((s) => s.id), ["b1"]);
  } finally {
    kv.close();
  }
});
