/**
 * `/screener`: the screener grid. The server inlines the screener catalogue, the owner's scans
 * (the latest in full), and watchlists, so the grid paints without a request.
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { htmlPage } from "../../lib/ui/page.tsx";
import { Island } from "../../lib/ui/island.tsx";
import { screenerCatalogue } from "../api/screeners.ts";
import { getScan, listScans } from "../../lib/storage/scans_repo.ts";
import { listWatchlists } from "../../lib/storage/watchlists_repo.ts";
import ScreenerGrid, {
  type ScanPayload,
  type ScreenerGridProps,
} from "../../islands/ScreenerGrid.tsx";

/** Scans with more rows than this are loaded by the island after the page paints. */
export const INLINE_ROWS = 3000;

export const screenerPage = new Hono<AppEnv>().get("/screener", async (c) => {
  const owner = c.var.owner;
  const kv = c.var.deps.kv;
  const cat = screenerCatalogue();
  const scans = owner ? await listScans(kv, owner) : [];
  const asked = c.req.query("scan");
  const first = asked ?? scans[0]?.id;
  const initial = owner && first ? await getScan(kv, owner, first) : null;
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
