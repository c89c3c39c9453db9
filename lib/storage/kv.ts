/**
 * Where the KV store lives: `THETAFORGE_KV` is a file path (default `data/thetaforge.kv`),
 * `:memory:`, or a KV Connect URL passed straight to `Deno.openKv`.
 * @module
 */

/** The default KV file, relative to the working directory. */
export const DEFAULT_KV_PATH = "data/thetaforge.kv";

/** Reads `THETAFORGE_KV`, falling back to {@link DEFAULT_KV_PATH}. */
export function kvPathFromEnv(): string {
  return Deno.env.get("THETAFORGE_KV") || DEFAULT_KV_PATH;
}

/** The owner of globally shared data (bundled and provider market data). */
export const GLOBAL_OWNER = "_global";
