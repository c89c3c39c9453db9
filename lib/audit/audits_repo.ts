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
import type { AuditReport } from "./report.ts";

const CHUNK_BYTES = 60_000;
const CHUNKS_PER_COMMIT = 10;

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
  chunk: (owner: string, id: string, i: number) => ["audit_chunks", owner, id, i] as const,
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
  const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
  for (let i = 0; i < chunks; i += CHUNKS_PER_COMMIT) {
    const op = kv.atomic();
    for (let k = i; k < Math.min(chunks, i + CHUNKS_PER_COMMIT); k++) {
      op.set(keys.chunk(owner, id, k), bytes.slice(k * CHUNK_BYTES, (k + 1) * CHUNK_BYTES));
    }
    const res = await op.commit();
    if (!res.ok) throw new Error(`saveAudit: writing chunks of ${id} failed`);
  }
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
  const parts: Uint8Array[] = [];
  for await (const e of kv.list<Uint8Array>({ prefix: keys.chunks(owner, id) })) {
    parts.push(e.value);
  }
  if (parts.length !== s.chunks) {
    throw new Error(`getAudit: ${id} has ${parts.length} of ${s.chunks} chunks`);
  }
  const all = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return { summary: s, report: JSON.parse(new TextDecoder().decode(all)) };
}

/** Deletes a saved audit; false when there was none. */
export async function deleteAudit(kv: Deno.Kv, owner: string, id: string): Promise<boolean> {
  const cur = await kv.get(keys.summary(owner, id));
  if (!cur.value) return false;
  const res = await kv.atomic().check(cur).delete(keys.summary(owner, id)).commit();
  if (!res.ok) return false;
  for await (const e of kv.list({ prefix: keys.chunks(owner, id) })) await kv.delete(e.key);
  return true;
}
