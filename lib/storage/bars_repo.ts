/**
 * Bar histories in Deno KV, chunked below the 64 KiB value limit, switched atomically.
 *
 * Layout (keys are tuples, most general first):
 * - `["bars_manifest", owner, symbol]` → {@link BarsManifest}: which chunk set is live.
 * - `["bars_chunk", owner, symbol, setId, i]` → `Uint8Array` of up to {@link CHUNK_BARS} bars,
 *   packed as six Float64 columns (ts, open, high, low, close, volume).
 * - `["bars_staging", setId]` → {@link StagingMarker} while a set is being written.
 *
 * An import writes a new chunk set under a fresh staging id (many commits, each within KV's
 * 1,000-mutation / 800 KiB limits), then one atomic commit checks that the manifest did not change,
 * points it at the new set and removes the staging marker. Readers only follow manifests, so they
 * see the old data or the new, never a mix. Old sets are deleted afterwards; {@link sweepStaleChunks}
 * removes what a crash left behind (run at start).
 *
 * Ownership: bundled and provider data live under {@link GLOBAL_OWNER}; uploads under their owner.
 * A user's own symbol shadows a global one of the same name.
 * @module
 */
import { type BarSeries, emptySeries } from "../domain/bar.ts";
import { detectTimeframe, type Timeframe } from "../data/time.ts";
import { GLOBAL_OWNER } from "./kv.ts";

/** Bars per chunk: 6 columns x 8 bytes x 1,300 = 62,400 bytes, below the 65,536 limit. */
export const CHUNK_BARS = 1300;
const CHUNKS_PER_COMMIT = 10;

/** Where a symbol's data came from. */
export type BarsSource = "upload" | "sample" | "synthetic" | "provider";

/** The live description of a stored symbol. */
export interface BarsManifest {
  symbol: string;
  owner: string;
  setId: string;
  chunks: number;
  count: number;
  /** First and last bar time, unix ms. */
  first: number;
  last: number;
  timeframe: Timeframe;
  source: BarsSource;
  /** Human description, e.g. "Synthetic stand-in for SPY (seeded regime-switching GBM)". */
  description: string;
  updatedAt: number;
}

/** Marks a chunk set that is being written; swept when stale. */
export interface StagingMarker {
  owner: string;
  symbol: string;
  createdAt: number;
}

const keys = {
  manifest: (owner: string, symbol: string) => ["bars_manifest", owner, symbol] as const,
  manifests: (owner: string) => ["bars_manifest", owner] as const,
  chunk: (owner: string, symbol: string, setId: string, i: number) =>
    ["bars_chunk", owner, symbol, setId, i] as const,
  chunkSet: (owner: string, symbol: string, setId: string) =>
    ["bars_chunk", owner, symbol, setId] as const,
  staging: (setId: string) => ["bars_staging", setId] as const,
};

/** Packs bars `[from, to)` into one chunk value. */
export function packChunk(bars: BarSeries, from: number, to: number): Uint8Array {
  const m = to - from;
  const cols = new Float64Array(6 * m);
  cols.set(bars.ts.subarray(from, to), 0);
  cols.set(bars.open.subarray(from, to), m);
  cols.set(bars.high.subarray(from, to), 2 * m);
  cols.set(bars.low.subarray(from, to), 3 * m);
  cols.set(bars.close.subarray(from, to), 4 * m);
  cols.set(bars.volume.subarray(from, to), 5 * m);
  return new Uint8Array(cols.buffer);
}

function unpackInto(bytes: Uint8Array, out: BarSeries, at: number): number {
  const cols = new Float64Array(bytes.slice().buffer);
  const m = cols.length / 6;
  out.ts.set(cols.subarray(0, m), at);
  out.open.set(cols.subarray(m, 2 * m), at);
  out.high.set(cols.subarray(2 * m, 3 * m), at);
  out.low.set(cols.subarray(3 * m, 4 * m), at);
  out.close.set(cols.subarray(4 * m, 5 * m), at);
  out.volume.set(cols.subarray(5 * m, 6 * m), at);
  return m;
}

/** Options for {@link saveBars}. */
export interface SaveOptions {
  source?: BarsSource;
  description?: string;
  now?: number;
  /** Called after each chunk commit with (bars written, total). */
  onProgress?: (done: number, total: number) => void;
  /** Test seam: called after each staging commit; throwing simulates a crash mid-import. */
  afterChunkCommit?: (chunksWritten: number) => void | Promise<void>;
}

/** Outcome of a save. `conflict` means another writer switched the manifest first. */
export type SaveResult = { ok: true; manifest: BarsManifest } | { ok: false; reason: "conflict" };

/**
 * Replaces `owner`'s bars for `symbol` with `bars` (sorted, unique timestamps), atomically.
 * Nothing is visible until the final commit; a crash before it leaves the old data in place.
 */
export async function saveBars(
  kv: Deno.Kv,
  owner: string,
  symbol: string,
  bars: BarSeries,
  options: SaveOptions = {},
): Promise<SaveResult> {
  if (bars.length === 0) throw new RangeError("saveBars: bars must not be empty");
  const now = options.now ?? Date.now();
  const previous = await kv.get<BarsManifest>(keys.manifest(owner, symbol));
  const setId = crypto.randomUUID();
  await kv.set(keys.staging(setId), { owner, symbol, createdAt: now } satisfies StagingMarker);

  const chunks = Math.ceil(bars.length / CHUNK_BARS);
  for (let c = 0; c < chunks; c += CHUNKS_PER_COMMIT) {
    const op = kv.atomic();
    const end = Math.min(chunks, c + CHUNKS_PER_COMMIT);
    for (let i = c; i < end; i++) {
      const from = i * CHUNK_BARS;
      op.set(
        keys.chunk(owner, symbol, setId, i),
        packChunk(bars, from, Math.min(bars.length, from + CHUNK_BARS)),
      );
    }
    const res = await op.commit();
    if (!res.ok) throw new Error(`saveBars: chunk commit failed for ${symbol}`);
    options.onProgress?.(Math.min(bars.length, end * CHUNK_BARS), bars.length);
    await options.afterChunkCommit?.(end);
  }

  const manifest: BarsManifest = {
    symbol,
    owner,
    setId,
    chunks,
    count: bars.length,
    first: bars.ts[0],
    last: bars.ts[bars.length - 1],
    timeframe: detectTimeframe(bars.ts),
    source: options.source ?? "upload",
    description: options.description ?? previous.value?.description ?? "",
    updatedAt: now,
  };
  const switched = await kv.atomic()
    .check(previous)
    .set(keys.manifest(owner, symbol), manifest)
    .delete(keys.staging(setId))
    .commit();
  if (!switched.ok) {
    await deleteChunkSet(kv, owner, symbol, setId);
    await kv.delete(keys.staging(setId));
    return { ok: false, reason: "conflict" };
  }
  if (previous.value) await deleteChunkSet(kv, owner, symbol, previous.value.setId);
  return { ok: true, manifest };
}

async function deleteChunkSet(kv: Deno.Kv, owner: string, symbol: string, setId: string) {
  const batch: Deno.KvKey[] = [];
  for await (const e of kv.list({ prefix: keys.chunkSet(owner, symbol, setId) })) {
    batch.push(e.key);
    if (batch.length === 500) await deleteKeys(kv, batch.splice(0));
  }
  if (batch.length > 0) await deleteKeys(kv, batch);
}

async function deleteKeys(kv: Deno.Kv, list: Deno.KvKey[]) {
  const op = kv.atomic();
  for (const k of list) op.delete(k);
  await op.commit();
}

/** Reads one owner's manifest for a symbol (no fallback to global data). */
export async function getOwnManifest(
  kv: Deno.Kv,
  owner: string,
  symbol: string,
): Promise<BarsManifest | null> {
  return (await kv.get<BarsManifest>(keys.manifest(owner, symbol))).value;
}

/** The manifest `owner` sees for `symbol`: their own upload, else the global one. */
export async function getManifest(
  kv: Deno.Kv,
  owner: string | null,
  symbol: string,
): Promise<BarsManifest | null> {
  if (owner) {
    const own = await getOwnManifest(kv, owner, symbol);
    if (own) return own;
  }
  return await getOwnManifest(kv, GLOBAL_OWNER, symbol);
}

/** Loads the bars a manifest points to. */
export async function loadManifestBars(kv: Deno.Kv, m: BarsManifest): Promise<BarSeries> {
  const out = emptySeries(m.count);
  let at = 0;
  const chunkKeys = Array.from(
    { length: m.chunks },
    (_, i) => keys.chunk(m.owner, m.symbol, m.setId, i),
  );
  for (let i = 0; i < chunkKeys.length; i += 10) {
    const entries = await kv.getMany<Uint8Array[]>(chunkKeys.slice(i, i + 10));
    for (const e of entries) {
      if (!e.value) throw new Error(`loadBars: chunk ${e.key.join("/")} is missing`);
      at += unpackInto(e.value, out, at);
    }
  }
  if (at !== m.count) {
    throw new Error(`loadBars: ${m.symbol} has ${at} bars, manifest says ${m.count}`);
  }
  return out;
}

/** Loads the bars `owner` sees for `symbol`, or null when there are none. */
export async function loadBars(
  kv: Deno.Kv,
  owner: string | null,
  symbol: string,
): Promise<{ manifest: BarsManifest; bars: BarSeries } | null> {
  const manifest = await getManifest(kv, owner, symbol);
  if (!manifest) return null;
  return { manifest, bars: await loadManifestBars(kv, manifest) };
}

/** Every symbol `owner` can see: global ones plus their own, own shadowing global. */
export async function listManifests(kv: Deno.Kv, owner: string | null): Promise<BarsManifest[]> {
  const bySymbol = new Map<string, BarsManifest>();
  for await (const e of kv.list<BarsManifest>({ prefix: keys.manifests(GLOBAL_OWNER) })) {
    bySymbol.set(e.value.symbol, e.value);
  }
  if (owner && owner !== GLOBAL_OWNER) {
    for await (const e of kv.list<BarsManifest>({ prefix: keys.manifests(owner) })) {
      bySymbol.set(e.value.symbol, e.value);
    }
  }
  return [...bySymbol.values()].sort((a, b) => a.symbol.localeCompare(b.symbol));
}

/** Deletes `owner`'s own bars for `symbol`. Returns false when there were none. */
export async function deleteBars(kv: Deno.Kv, owner: string, symbol: string): Promise<boolean> {
  const entry = await kv.get<BarsManifest>(keys.manifest(owner, symbol));
  if (!entry.value) return false;
  const res = await kv.atomic().check(entry).delete(entry.key).commit();
  if (!res.ok) return false;
  await deleteChunkSet(kv, owner, symbol, entry.value.setId);
  return true;
}

/**
 * Deletes chunk sets no manifest points to and whose staging marker is missing or older than
 * `staleMs` (default 1 hour): the leftovers of crashed or superseded imports. Returns how many
 * chunk keys were removed.
 */
export async function sweepStaleChunks(
  kv: Deno.Kv,
  options: { now?: number; staleMs?: number } = {},
): Promise<number> {
  const now = options.now ?? Date.now();
  const staleMs = options.staleMs ?? 3_600_000;
  const live = new Set<string>();
  for await (const e of kv.list<BarsManifest>({ prefix: ["bars_manifest"] })) {
    live.add(e.value.setId);
  }
  const fresh = new Set<string>();
  for await (const e of kv.list<StagingMarker>({ prefix: ["bars_staging"] })) {
    if (now - e.value.createdAt < staleMs) fresh.add(e.key[1] as string);
    else await kv.delete(e.key);
  }
  let removed = 0;
  const doomed: Deno.KvKey[] = [];
  for await (const e of kv.list({ prefix: ["bars_chunk"] })) {
    const setId = e.key[3] as string;
    if (live.has(setId) || fresh.has(setId)) continue;
    doomed.push(e.key);
    removed++;
    if (doomed.length === 500) await deleteKeys(kv, doomed.splice(0));
  }
  if (doomed.length > 0) await deleteKeys(kv, doomed);
  return removed;
}

/** Merges `incoming` into `existing` by timestamp; on equal timestamps the incoming bar wins. */
export function mergeSeries(existing: BarSeries, incoming: BarSeries): BarSeries {
  const out = emptySeries(existing.length + incoming.length);
  let i = 0, j = 0, k = 0;
  const take = (s: BarSeries, x: number) => {
    out.ts[k] = s.ts[x];
    out.open[k] = s.open[x];
    out.high[k] = s.high[x];
    out.low[k] = s.low[x];
    out.close[k] = s.close[x];
    out.volume[k] = s.volume[x];
    k++;
  };
  while (i < existing.length || j < incoming.length) {
    if (j >= incoming.length) take(existing, i++);
    else if (i >= existing.length) take(incoming, j++);
    else if (existing.ts[i] < incoming.ts[j]) take(existing, i++);
    else if (existing.ts[i] > incoming.ts[j]) take(incoming, j++);
    else {
      take(incoming, j++);
      i++;
    }
  }
  return {
    length: k,
    ts: out.ts.slice(0, k),
    open: out.open.slice(0, k),
    high: out.high.slice(0, k),
    low: out.low.slice(0, k),
    close: out.close.slice(0, k),
    volume: out.volume.slice(0, k),
  };
}
