/**
 * Scan results in Deno KV, per owner, with their time. A scan's rows can run to megabytes, so
 * the summary is one entry and the rows (with sparklines) are JSON bytes split into chunks below
 * the 64 KiB value limit.
 *
 * Keys:
 * - `["scans", owner, id]` → {@link ScanSummary}
 * - `["scan_chunks", owner, id, i]` → `Uint8Array` (part i of the UTF-8 JSON of `{ rows, sparks, skipped, symbols }`)
 * - `["scans_by_time", owner, createdTs, id]` → id (newest-first listing)
 * @module
 */
import type { ScanResult } from "../screeners/scan.ts";
import { toSafeJson } from "../http/json.ts";
import { deleteChunks, getByteChunks, putByteChunks } from "./chunked_json.ts";

/** Scans kept per owner; saving one more deletes the oldest. */
export const MAX_SCANS = 100;

/** Everything about a scan except its rows. */
export type ScanSummary = Omit<ScanResult, "rows" | "sparks" | "skipped" | "symbols"> & {
  owner: string;
  chunks: number;
  skippedCount: number;
};

/** Key builders. */
export const keys = {
  summary: (owner: string, id: string) => ["scans", owner, id] as const,
  /** Prefix of the row chunks `[..., i]` (lib/storage/chunked_json.ts, bytes). */
  chunks: (owner: string, id: string) => ["scan_chunks", owner, id] as const,
  byTime: (owner: string, ts: number, id: string) => ["scans_by_time", owner, ts, id] as const,
  byTimeAll: (owner: string) => ["scans_by_time", owner] as const,
};

/**
 * Stores a finished scan (chunks first, then the summary and index in one commit), then deletes
 * the owner's oldest scans beyond `keep` (default {@link MAX_SCANS}).
 */
export async function saveScan(
  kv: Deno.Kv,
  owner: string,
  scan: ScanResult,
  options: { keep?: number } = {},
): Promise<ScanSummary> {
  const bytes = new TextEncoder().encode(
    toSafeJson({
      rows: scan.rows,
      sparks: scan.sparks,
      skipped: scan.skipped,
      symbols: scan.symbols,
    }),
  );
  const chunks = await putByteChunks(kv, keys.chunks(owner, scan.id), bytes);
  const { rows: _r, sparks: _s, skipped, symbols: _y, ...rest } = scan;
  const summary: ScanSummary = JSON.parse(
    toSafeJson({ ...rest, owner, chunks, skippedCount: skipped.length }),
  );
  const res = await kv.atomic()
    .set(keys.summary(owner, scan.id), summary)
    .set(keys.byTime(owner, scan.createdTs, scan.id), scan.id)
    .commit();
  if (!res.ok) throw new Error(`saveScan: writing the summary of ${scan.id} failed`);
  const keep = options.keep ?? MAX_SCANS;
  let seen = 0;
  for await (const e of kv.list<string>({ prefix: keys.byTimeAll(owner) }, { reverse: true })) {
    if (++seen > keep) await deleteScan(kv, owner, e.value);
  }
  return summary;
}

/** A scan's summary, or null. */
export async function getScanSummary(
  kv: Deno.Kv,
  owner: string,
  id: string,
): Promise<ScanSummary | null> {
  return (await kv.get<ScanSummary>(keys.summary(owner, id))).value;
}

/** A whole scan (summary and rows), or null when `owner` has no scan `id`. */
export async function getScan(
  kv: Deno.Kv,
  owner: string,
  id: string,
): Promise<(ScanSummary & Pick<ScanResult, "rows" | "sparks" | "skipped" | "symbols">) | null> {
  const summary = await getScanSummary(kv, owner, id);
  if (!summary) return null;
  const bytes = await getByteChunks(kv, keys.chunks(owner, id), summary.chunks);
  if (!bytes) throw new Error(`getScan: ${id} is missing some of its ${summary.chunks} chunks`);
  return { ...summary, ...JSON.parse(new TextDecoder().decode(bytes)) };
}

/** The owner's scans, newest first (summaries only). */
export async function listScans(
  kv: Deno.Kv,
  owner: string,
  options: { limit?: number } = {},
): Promise<ScanSummary[]> {
  const out: ScanSummary[] = [];
  for await (
    const e of kv.list<string>({ prefix: keys.byTimeAll(owner) }, {
      reverse: true,
      limit: options.limit ?? 50,
    })
  ) {
    const s = await getScanSummary(kv, owner, e.value);
    if (s) out.push(s);
  }
  return out;
}

/** Deletes a scan; false when there was none. */
export async function deleteScan(kv: Deno.Kv, owner: string, id: string): Promise<boolean> {
  const entry = await kv.get<ScanSummary>(keys.summary(owner, id));
  if (!entry.value) return false;
  const res = await kv.atomic().check(entry).delete(entry.key)
    .delete(keys.byTime(owner, entry.value.createdTs, id)).commit();
  if (!res.ok) return false;
  await deleteChunks(kv, keys.chunks(owner, id));
  return true;
}
