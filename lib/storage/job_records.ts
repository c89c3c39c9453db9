/**
 * Records of long-running jobs in Deno KV (backtest runs, optimisations): one zod-checked record
 * per owner and id, a progress fraction kept under its own key (so progress writes never race
 * with status changes), and a result stored with lib/storage/chunked_json.ts. A stored value that
 * fails its schema is treated as missing.
 * @module
 */
import type * as z from "zod";
import { deleteChunks } from "./chunked_json.ts";

/** What every job record has. */
export interface JobRecordBase {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  /** Unix ms. */
  createdAt: number;
}

/** Where one job lives. */
export interface JobKeys {
  record: Deno.KvKey;
  progress: Deno.KvKey;
  /** Prefix of the result chunks. */
  result: Deno.KvKey;
}

/**
 * The record at `keys.record` with its progress: 1 when done, else the stored fraction clamped
 * to [0, 1] (0 when none is stored). Null when the record is absent or fails `schema`.
 */
export async function getJobRecord<T extends JobRecordBase>(
  kv: Deno.Kv,
  schema: z.ZodType<T>,
  keys: Pick<JobKeys, "record" | "progress">,
): Promise<(T & { progress: number }) | null> {
  const [rec, prog] = await kv.getMany([keys.record, keys.progress]);
  const parsed = schema.safeParse(rec.value);
  if (!parsed.success) return null;
  const progress = parsed.data.status === "done"
    ? 1
    : typeof prog.value === "number"
    ? Math.max(0, Math.min(1, prog.value))
    : 0;
  return { ...parsed.data, progress };
}

/** Every record under `prefix` that passes `schema`, newest first (ties: id descending). */
export async function listJobRecords<T extends JobRecordBase>(
  kv: Deno.Kv,
  schema: z.ZodType<T>,
  prefix: Deno.KvKey,
): Promise<T[]> {
  const out: T[] = [];
  for await (const e of kv.list({ prefix })) {
    const parsed = schema.safeParse(e.value);
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}

/**
 * Applies `patch` to the record at `key` in a checked commit, retrying up to 5 times when another
 * writer got there first. Returns the new record, or null when it is absent or fails `schema`.
 * Throws `Error("<what> kept changing; try again")` after 5 lost races.
 */
export async function updateJobRecord<T extends JobRecordBase>(
  kv: Deno.Kv,
  schema: z.ZodType<T>,
  key: Deno.KvKey,
  patch: Partial<Omit<T, "id">>,
  what: string,
): Promise<T | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const cur = await kv.get(key);
    const parsed = schema.safeParse(cur.value);
    if (!parsed.success) return null;
    const next = { ...parsed.data, ...patch };
    const ok = await kv.atomic().check(cur).set(key, next).commit();
    if (ok.ok) return next;
  }
  throw new Error(`${what} kept changing; try again`);
}

/** Deletes a job's result chunks, progress and record; false when there was no record. */
export async function deleteJobRecord(kv: Deno.Kv, keys: JobKeys): Promise<boolean> {
  if ((await kv.get(keys.record)).value === null) return false;
  await deleteChunks(kv, keys.result);
  await kv.delete(keys.progress);
  await kv.delete(keys.record);
  return true;
}
