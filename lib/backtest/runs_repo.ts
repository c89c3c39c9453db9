/**
 * Stored backtest runs in Deno KV, per owner:
 * - `["backtests", owner, id]`: the run record (request, status, name, stats), small;
 * - `["backtest_progress", owner, id]`: progress 0..1 while running (written apart so progress
 *   writes never race with status changes);
 * - `["backtest_results", owner, id, i]`: the result JSON (trades and equity) in 60,000-character
 *   chunks, since a KV value is limited to 64 KiB.
 * Reads are parsed with zod, so a malformed stored value is treated as missing.
 * @module
 */
import * as z from "zod";
import { getTextChunks, putTextChunks } from "../storage/chunked_json.ts";
import {
  deleteJobRecord,
  getJobRecord,
  type JobKeys,
  listJobRecords,
  updateJobRecord,
} from "../storage/job_records.ts";
import type { Stats } from "./stats.ts";

/** Where a run is. */
export const RunStatus = z.enum(["queued", "running", "done", "failed"]);
/** Where a run is. */
export type RunStatus = z.infer<typeof RunStatus>;

/** The stored run record. */
export const RunRecord = z.object({
  id: z.string(),
  name: z.string(),
  status: RunStatus,
  /** The validated request, re-parseable with `BacktestRequest`. */
  request: z.record(z.string(), z.unknown()),
  strategy: z.string(),
  symbols: z.array(z.string()),
  /** Unix ms. */
  createdAt: z.number(),
  updatedAt: z.number(),
  error: z.string().optional(),
  /** Summary statistics once done (NaN stored as null). */
  stats: z.record(z.string(), z.number().nullable()).optional(),
  resultChunks: z.number().int().min(0).optional(),
});
/** The stored run record. */
export type RunRecord = z.infer<typeof RunRecord>;

/** Key builders. */
export const keys = {
  run: (owner: string, id: string) => ["backtests", owner, id] as const,
  runs: (owner: string) => ["backtests", owner] as const,
  progress: (owner: string, id: string) => ["backtest_progress", owner, id] as const,
  /** Prefix of the result chunks `[..., i]` (lib/storage/chunked_json.ts, text). */
  result: (owner: string, id: string) => ["backtest_results", owner, id] as const,
};

function jobKeys(owner: string, id: string): JobKeys {
  return {
    record: keys.run(owner, id),
    progress: keys.progress(owner, id),
    result: keys.result(owner, id),
  };
}

/** Stats with NaN/Infinity as null, ready for KV and JSON. */
export function statsForStorage(stats: Stats): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(stats)) out[k] = Number.isFinite(v) ? v : null;
  return out;
}

/** Writes a run record. */
export async function putRun(kv: Deno.Kv, owner: string, run: RunRecord): Promise<void> {
  await kv.set(keys.run(owner, run.id), run);
}

/** The run `id` of `owner` with its progress (1 when done), or null. */
export function getRun(
  kv: Deno.Kv,
  owner: string,
  id: string,
): Promise<(RunRecord & { progress: number }) | null> {
  return getJobRecord(kv, RunRecord, jobKeys(owner, id));
}

/** Every run of `owner`, newest first. */
export function listRuns(kv: Deno.Kv, owner: string): Promise<RunRecord[]> {
  return listJobRecords(kv, RunRecord, keys.runs(owner));
}

/** Applies `patch` to a stored run; returns the new record or null when missing. */
export function updateRun(
  kv: Deno.Kv,
  owner: string,
  id: string,
  patch: Partial<Omit<RunRecord, "id">>,
): Promise<RunRecord | null> {
  return updateJobRecord(kv, RunRecord, keys.run(owner, id), patch, `updateRun: ${id}`);
}

/** Records progress (0..1) of a running backtest. */
export async function setProgress(
  kv: Deno.Kv,
  owner: string,
  id: string,
  fraction: number,
): Promise<void> {
  await kv.set(keys.progress(owner, id), fraction);
}

/** Stores the result JSON text in chunks; returns the chunk count. */
export function putResult(kv: Deno.Kv, owner: string, id: string, json: string): Promise<number> {
  return putTextChunks(kv, keys.result(owner, id), json);
}

/** The stored result JSON text, or null when absent or incomplete. */
export function getResult(
  kv: Deno.Kv,
  owner: string,
  id: string,
  chunks: number,
): Promise<string | null> {
  return getTextChunks(kv, keys.result(owner, id), chunks);
}

/** Deletes a run, its progress and its result; false when there was no such run. */
export function deleteRun(kv: Deno.Kv, owner: string, id: string): Promise<boolean> {
  return deleteJobRecord(kv, jobKeys(owner, id));
}
