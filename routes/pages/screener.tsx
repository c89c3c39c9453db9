/**
 * `/screener`: the screener grid. The server inlines the screener catalogue, the owner's scans
 * (the latest in full), and watchlists, so the grid paints without a request. An owner with no
 * stored scan gets a default scan ({@link DEFAULT_SCREENERS} over the stored symbols, daily) run
 * here and rendered at once; it is labelled as such and never stored.
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { htmlPage } from "../../lib/ui/page.tsx";
import { Island } from "../../lib/ui/island.tsx";
import { screenerCatalogue } from "../api/screeners.ts";
import { getScan, listScans } from "../../lib/storage/scans_repo.ts";
import { listWatchlists } from "../../lib/storage/watchlists_repo.ts";
import { type BarsManifest, listManifests } from "../../lib/storage/bars_repo.ts";
import { kvBarSource } from "../../lib/screeners/bar_source.ts";
import { runScan, ScanError, type ScanResult } from "../../lib/screeners/scan.ts";
import ScreenerGrid, {
  type ScanPayload,
  type ScreenerGridProps,
} from "../../islands/ScreenerGrid.tsx";

/** Scans with more rows than this are loaded by the island after the page paints. */
export const INLINE_ROWS = 3000;

/**
 * The first-visit scan: the core trend (ISA trend, Turtle), breakout (Darvas, EMA 5/13/21) and
 * mean-reversion (Bollinger/RSI, RSI dip) screeners. The scan's regime badge (benchmark vs
 * SMA200 and VIX) is the market traffic light, so the per-symbol `regime` screener is left out.
 */
export const DEFAULT_SCREENERS = [
  "isa_trend",
  "turtle",
  "darvas",
  "ema_5_13_21",
  "mean_reversion",
  "market_rsi",
] as const;

/** The id of the unsaved default scan (never a stored scan's id, which are UUIDs). */
export const DEFAULT_SCAN_ID = "default";

/**
 * One sentence naming where a scan's symbols came from: the bundled sample (real histories and
 * synthetic series, by manifest `source`) and the owner's own uploads.
 */
export function describeData(symbols: readonly string[], manifests: readonly BarsManifest[]) {
  const bySymbol = new Map(manifests.map((m) => [m.symbol, m.source]));
  let real = 0, synthetic = 0, own = 0;
  for (const s of symbols) {
    const src = bySymbol.get(s);
    if (src === "sample") real++;
    else if (src === "synthetic") synthetic++;
    else if (src) own++;
  }
  const parts: string[] = [];
  if (real + synthetic > 0) {
    parts.push(
      `the bundled sample data (${real} real price histor${real === 1 ? "y" : "ies"}, ` +
        `${synthetic} synthetic series)`,
    );
  }
  if (own > 0) parts.push(`${own} symbol${own === 1 ? "" : "s"} you imported`);
  return parts.length ? `Data: ${parts.join(" and ")}.` : "";
}

/**
 * Runs the default scan over `owner`'s stored symbols without saving it, with a sentence naming
 * its screeners, symbols, timeframe and data (the page prefixes "Default scan, not saved");
 * null when there is nothing to scan.
 */
export async function runDefaultScan(
  kv: Deno.Kv,
  owner: string | null,
  now: () => number,
): Promise<{ scan: ScanResult; note: string } | null> {
  let scan: ScanResult;
  try {
    scan = await runScan(
      {
        screeners: DEFAULT_SCREENERS.map((name) => ({ name, params: {} })),
        universe: { kind: "stored" },
        timeframes: ["1d"],
      },
      kvBarSource(kv, owner),
      { id: DEFAULT_SCAN_ID, now },
    );
  } catch (err) {
    if (err instanceof ScanError) return null; // no stored symbols
    throw err;
  }
  const titles = new Map(screenerCatalogue().screeners.map((s) => [s.name, s.title]));
  const names = DEFAULT_SCREENERS.map((n) => titles.get(n) ?? n).join(", ");
  const n = scan.counts.symbols;
  const note = `${names} over ${n} stored symbol${n === 1 ? "" : "s"}, ` +
    `daily bars${
      scan.regime ? `, with the market regime light (${scan.regime.benchmark})` : ""
    }. ` +
    describeData(scan.symbols, await listManifests(kv, owner));
  return { scan, note };
}

export const screenerPage = new Hono<AppEnv>().get("/screener", async (c) => {
  const owner = c.var.owner;
  const kv = c.var.deps.kv;
  const cat = screenerCatalogue();
  const scans = owner ? await listScans(kv, owner) : [];
  const asked = c.req.query("scan");
  const first = asked ?? scans[0]?.id;
  const stored = owner && first ? await getScan(kv, owner, first) : null;
  // No stored scan yet: show results at once instead of an empty grid.
  const fallback = !stored && scans.length === 0
    ? await runDefaultScan(kv, owner, () => c.var.deps.clock.now())
    : null;
  const initial = stored ?? fallback?.scan ?? null;
  const props: ScreenerGridProps = {
    csrf: c.var.csrf,
    screeners: cat.screeners.map((s) => ({
      name: s.name,
      title: s.title,
      category: s.category,
      needs: s.needs,
      backtestStrategy: s.backtestStrategy,
    })),
    regions: cat.regions,
    sectors: cat.sectors,
    scans: scans.map((s) => ({
      id: s.id,
      createdTs: s.createdTs,
      counts: s.counts,
      request: s.request,
    })),
    // Big scans are fetched by the island instead of being inlined into the page.
    initialScan: initial && initial.rows.length <= INLINE_ROWS
      ? initial as unknown as ScanPayload
      : null,
    loadScanId: initial && initial.rows.length > INLINE_ROWS ? initial.id : undefined,
    defaultNote: fallback?.note,
    watchlists: owner
      ? (await listWatchlists(kv, owner)).map((w) => ({ id: w.id, name: w.name, count: w.count }))
      : [],
  };
  return htmlPage(
    c,
    "Screener",
    <section>
      <h1>Screener</h1>
      {!owner && <p class="muted">Sign in to run scans and keep watchlists.</p>}
      <Island name="ScreenerGrid" component={ScreenerGrid} props={props} />
    </section>,
  );
});
