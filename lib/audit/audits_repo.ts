/**
 * Saved audits in Deno KV, per owner. A report can run to megabytes, so the summary is one entry
 * and the report is UTF-8 JSON split into chunks below the 64 KiB value limit. Chunks are written
 * first; the summary is then written in one atomic commit that checks the id is new, so a reader
 * never sees a summary whose chunks are missing.
 *
 * Keys:
 * - `["audits", owner, id]` → {@link AuditSummary}
 * - `["audit_chunks", owner, id, i]` → `Uint8Array` (part i of the report JSON)
 * @module
 */
import { toSafeJson } from "../http/json.ts";
import { deleteChunks, getByteChunks, putByteChunks } from "../storage/chunked_json.ts";
import type { AuditReport } from "./report.ts";

/** Largest report stored, bytes of JSON. */
export const MAX_STORED_BYTES = 32 * 1024 * 1024;

/** What lists show about a saved audit. */
export interface AuditSummary {
  id: string;
  owner: string;
  name: string;
  /** Unix ms. */
  createdAt: number;
  files: string[];
  style: "income" | "speculation";
  asOf: string;
  strategies: number;
  netPnl: number;
  winRate: number | null;
  verdict: AuditReport["verdict"]["level"];
  headline: string;
  chunks: number;
  bytes: number;
}

/** Key builders. */
export const keys = {
  summary: (owner: string, id: string) => ["audits", owner, id] as const,
  all: (owner: string) => ["audits", owner] as const,
  /** Prefix of the report chunks `[..., i]` (lib/storage/chunked_json.ts, bytes). */
  chunks: (owner: string, id: string) => ["audit_chunks", owner, id] as const,
};

/** Result of {@link saveAudit}. */
export type SaveAuditResult =
  | { ok: true; summary: AuditSummary }
  | { ok: false; reason: "too_large" | "conflict" };

/** Stores a report under `owner`/`id`. */
export async function saveAudit(
  kv: Deno.Kv,
  owner: string,
  id: string,
  meta: { name: string; createdAt: number; files: string[] },
  report: AuditReport,
): Promise<SaveAuditResult> {
  const bytes = new TextEncoder().encode(toSafeJson(report));
  if (bytes.length > MAX_STORED_BYTES) return { ok: false, reason: "too_large" };
  const chunks = await putByteChunks(kv, keys.chunks(owner, id), bytes);
  const summary: AuditSummary = {
    id,
    owner,
    name: meta.name,
    createdAt: meta.createdAt,
    files: meta.files,
    style: report.style,
    asOf: report.asOf,
    strategies: report.totals.strategies,
    netPnl: report.totals.netPnl,
    winRate: report.totals.winRate,
    verdict: report.verdict.level,
    headline: report.verdict.headline,
    chunks,
    bytes: bytes.length,
  };
  const key = keys.summary(owner, id);
  const res = await kv.atomic().check({ key, versionstamp: null }).set(key, summary).commit();
  if (!res.ok) return { ok: false, reason: "conflict" };
  return { ok: true, summary };
}

/** Every saved audit of `owner`, newest first. */
export async function listAudits(kv: Deno.Kv, owner: string): Promise<AuditSummary[]> {
  const out: AuditSummary[] = [];
  for await (const e of kv.list<AuditSummary>({ prefix: keys.all(owner) })) out.push(e.value);
  return out.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

/** One saved audit with its report, or null. */
export async function getAudit(
  kv: Deno.Kv,
  owner: string,
  id: string,
): Promise<{ summary: AuditSummary; report: AuditReport } | null> {
  const s = (await kv.get<AuditSummary>(keys.summary(owner, id))).value;
  if (!s) return null;
  const all = await getByteChunks(kv, keys.chunks(owner, id), s.chunks);
  if (!all) throw new Error(`getAudit: ${id} is missing some of its ${s.chunks} chunks`);
  return { summary: s, report: JSON.parse(new TextDecoder().decode(all)) };
}

/** Deletes a saved audit; false when there was none. */
export async function deleteAudit(kv: Deno.Kv, owner: string, id: string): Promise<boolean> {
  const cur = await kv.get(keys.summary(owner, id));
  if (!cur.value) return false;
  const res = await kv.atomic().check(cur).delete(keys.summary(owner, id)).commit();
  if (!res.ok) return false;
  await deleteChunks(kv, keys.chunks(owner, id));
  return true;
}
