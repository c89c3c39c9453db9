/**
 * A {@link BarSource} over the stored bars in Deno KV, as one owner sees them (their uploads
 * shadowing the global data).
 * @module
 */
import { listManifests, loadBars } from "../storage/bars_repo.ts";
import type { BarSource } from "./scan.ts";

/** Stored bars of `owner` (null: global data only). */
export function kvBarSource(kv: Deno.Kv, owner: string | null): BarSource {
  return {
    async load(symbol) {
      const found = await loadBars(kv, owner, symbol);
      return found ? found.bars : null;
    },
    async list() {
      return (await listManifests(kv, owner)).map((m) => m.symbol);
    },
  };
}
