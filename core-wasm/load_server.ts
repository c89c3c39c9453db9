/**
 * Server-side loading of core.wasm: reads static/build/core.wasm from disk (run
 * `npm run build:wasm` first). Kept apart from mod.ts so mod.ts stays browser-safe.
 * @module
 */
import { type Kernels, loadKernels, type LoadOptions } from "./mod.ts";

/** Path of the release build, relative to this file. */
export const CORE_WASM_URL = new URL("../static/build/core.wasm", import.meta.url);

/**
 * Loads the kernels from the file on disk, falling back to TypeScript (with a log line) when
 * the file is missing or invalid.
 */
export async function loadServerKernels(options: LoadOptions = {}): Promise<Kernels> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await Deno.readFile(CORE_WASM_URL) as Uint8Array<ArrayBuffer>;
  } catch (err) {
    const reason = `cannot read ${CORE_WASM_URL.pathname}: ${(err as Error).message}`;
    (options.log ?? console.warn)(
      `core-wasm: WASM unavailable (${reason}); using the TypeScript reference kernels`,
    );
    return loadKernels(undefined, { ...options, forceTs: true, log: () => {} }).then((k) => ({
      ...k,
      fallbackReason: reason,
    }));
  }
  return loadKernels(bytes, options);
}

let shared: Promise<Kernels> | undefined;

/** One process-wide instance for the server (API routes, CLI). */
export function serverKernels(): Promise<Kernels> {
  shared ??= loadServerKernels();
  return shared;
}
