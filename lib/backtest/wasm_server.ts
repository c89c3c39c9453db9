/**
 * Server-side loading of the backtest kernel from static/build/core.wasm (`npm run build:wasm`).
 * Missing or stale builds give null, and runs use the TypeScript engine.
 * @module
 */
import { type BacktestKernel, loadBacktestKernel } from "./wasm_engine.ts";

/** The release build of core.wasm, relative to this file. */
export const CORE_WASM_URL = new URL("../../static/build/core.wasm", import.meta.url);

let shared: Promise<BacktestKernel | null> | undefined;

/** One process-wide kernel (null when core.wasm is missing or has no backtest exports). */
export function serverBacktestKernel(): Promise<BacktestKernel | null> {
  shared ??= (async () => {
    try {
      return await loadBacktestKernel(await Deno.readFile(CORE_WASM_URL));
    } catch {
      return null;
    }
  })();
  return shared;
}
