/**
 * Fetches daily bars from a provider and stores them as global market data (shared by every
 * owner, source "provider"), merged with what is already stored.
 * @module
 */
import type { MarketDataProvider } from "./providers/provider.ts";
import { YahooProvider } from "./providers/yahoo.ts";
import {
  type BarsManifest,
  getOwnManifest,
  loadManifestBars,
  mergeSeries,
  saveBars,
} from "../storage/bars_repo.ts";
import { GLOBAL_OWNER } from "../storage/kv.ts";
import type { Config } from "../http/env.ts";

/** The provider the configuration selects. */
export function providerFor(config: Pick<Config, "yahooBaseUrl">): MarketDataProvider {
  return new YahooProvider({ baseUrl: config.yahooBaseUrl });
}

/** Fetches `symbol` for `[from, to]` and merges it into the global store. */
export async function fetchAndStore(
  kv: Deno.Kv,
  provider: MarketDataProvider,
  symbol: string,
  range: { from: number; to: number },
  now: number,
): Promise<{ manifest: BarsManifest; fetched: number }> {
  const bars = await provider.fetchDaily(symbol, range);
  if (bars.length === 0) {
    throw new RangeError(`${provider.name}: no bars for ${symbol} in the requested range`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await getOwnManifest(kv, GLOBAL_OWNER, symbol);
    const series = existing ? mergeSeries(await loadManifestBars(kv, existing), bars) : bars;
    const saved = await saveBars(kv, GLOBAL_OWNER, symbol, series, {
      source: "provider",
      description: existing?.description || `${symbol}, daily bars from ${provider.name}`,
      now,
    });
    if (saved.ok) return { manifest: saved.manifest, fetched: bars.length };
  }
  throw new Error(`fetch: ${symbol} kept changing while storing; try again`);
}
