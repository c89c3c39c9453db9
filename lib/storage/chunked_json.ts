/**
 * Large JSON values in Deno KV, split into numbered chunks `[...prefix, i]` (i = 0, 1, …) below
 * the 64 KiB value limit. The caller keeps the chunk count in its own record and passes it back
 * when reading. Two encodings, because stored data already uses both:
 * - text: strings of at most {@link CHUNK_CHARS} characters, one `set` each (backtest and
 *   optimisation results);
 * - bytes: UTF-8 `Uint8Array`s of at most {@link CHUNK_BYTES} bytes, {@link CHUNKS_PER_COMMIT}
 *   per atomic commit (audit reports, scans).
 * @module
 */

/** Characters per text chunk (a Latin-1 string serialises to one byte per character). */
export const CHUNK_CHARS = 60_000;
/** Bytes per byte chunk. */
export const CHUNK_BYTES = 60_000;
/** Byte chunks written per atomic commit, and keys read per `getMany`. */
export const CHUNKS_PER_COMMIT = 10;

/**
 * Writes `text` as string chunks of at most {@link CHUNK_CHARS} characters (half that for a chunk
 * with characters above U+00FF) under `prefix`, then deletes any
 * chunk numbered at or beyond that count (left by an earlier, longer value). Returns the count.
 * @example
 * ```ts
 * const n = await putTextChunks(kv, ["backtest_results", owner, id], json); // 0 for ""
 * ```
 */
export async function putTextChunks(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  text: string,
): Promise<number> {
  let count = 0;
  for (let at = 0; at < text.length; count++) {
    const end = textChunkEnd(text, at);
    await kv.set([...prefix, count], text.slice(at, end));
    at = end;
  }
  for await (const e of kv.list({ prefix, start: [...prefix, count] })) await kv.delete(e.key);
  return count;
}

/**
 * Where the text chunk starting at `at` ends. KV stores a Latin-1 string at one byte per
 * character but any other string as UTF-16, two bytes per character, so a chunk holding a
 * character above U+00FF is cut to half the length; a surrogate pair is never split.
 */
function isLatin1(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

function textChunkEnd(text: string, at: number): number {
  let end = Math.min(text.length, at + CHUNK_CHARS);
  if (!isLatin1(text, at, end)) {
    end = Math.min(text.length, at + CHUNK_CHARS / 2);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
  }
  return end;
}

/**
 * The text stored by {@link putTextChunks}, or null when the entries under `prefix` are not
 * exactly `count` strings (absent, incomplete or extra).
 */
export async function getTextChunks(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  count: number,
): Promise<string | null> {
  const parts: string[] = [];
  for await (const e of kv.list<string>({ prefix })) {
    if (typeof e.value !== "string") return null;
    parts.push(e.value);
  }
  return parts.length === count ? parts.join("") : null;
}

/**
 * Writes `bytes` as `max(1, ceil(length / CHUNK_BYTES))` chunks under `prefix` (an empty value
 * still takes one chunk), {@link CHUNKS_PER_COMMIT} per atomic commit. Returns the count.
 */
export async function putByteChunks(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  bytes: Uint8Array,
): Promise<number> {
  const count = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
  for (let i = 0; i < count; i += CHUNKS_PER_COMMIT) {
    const op = kv.atomic();
    for (let k = i; k < Math.min(count, i + CHUNKS_PER_COMMIT); k++) {
      op.set([...prefix, k], bytes.subarray(k * CHUNK_BYTES, (k + 1) * CHUNK_BYTES));
    }
    const res = await op.commit();
    if (!res.ok) throw new Error(`putByteChunks: writing chunks under ${prefix.join("/")} failed`);
  }
  return count;
}

/**
 * Chunks `0 … count-1` under `prefix` joined into one array, or null when one is missing.
 * Chunks beyond `count` are ignored.
 */
export async function getByteChunks(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  count: number,
): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  const all = Array.from({ length: count }, (_, i) => [...prefix, i]);
  for (let i = 0; i < all.length; i += CHUNKS_PER_COMMIT) {
    for (const e of await kv.getMany<Uint8Array[]>(all.slice(i, i + CHUNKS_PER_COMMIT))) {
      if (!(e.value instanceof Uint8Array)) return null;
      parts.push(e.value);
    }
  }
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Deletes every chunk under `prefix` (either encoding), one `delete` each. */
export async function deleteChunks(kv: Deno.Kv, prefix: Deno.KvKey): Promise<void> {
  for await (const e of kv.list({ prefix })) await kv.delete(e.key);
}
