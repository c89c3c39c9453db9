/**
 * `/backtest`: the backtester (run, report, save, compare, share) and, below it, parameter
 * optimisation and walk-forward analysis. Everything the islands need at first is inlined.
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { htmlPage } from "../../lib/ui/page.tsx";
import { Island } from "../../lib/ui/island.tsx";
import { listRuns } from "../../lib/backtest/runs_repo.ts";
import { listManifests } from "../../lib/storage/bars_repo.ts";
import { STRATEGIES } from "../../lib/strategies/mod.ts";
import BacktestLab, { type RunSummary } from "../../islands/BacktestLab.tsx";
import OptimizePanel from "../../islands/OptimizePanel.tsx";
import type { SavedOptimization } from "../../islands/OptimizeResult.tsx";
import { listOptimizations } from "../../lib/optimize/jobs.ts";
import { listShares } from "./share.tsx";
import { getScreener } from "../../lib/screeners/mod.ts";
import { strategyTitle } from "../../islands/BacktestReport.ts";

/** Jobs with at most this many backtests run in the browser by default. */
export const BROWSER_LIMIT = 20_000;

/**
 * A strategy's human title for menus and tables: a screener strategy (`screener_<name>`) takes
 * its screener's title ("Screener: Minervini trend template"), a built-in one its name from
 * {@link strategyTitle} (`sma_cross` → "SMA crossover").
 */
export function strategyTitleOf(name: string): string {
  const screener = name.startsWith("screener_") ? getScreener(name.slice(9)) : undefined;
  return screener ? `Screener: ${screener.title}` : strategyTitle(name);
}

export const backtestPage = new Hono<AppEnv>().get("/backtest", async (c) => {
  const owner = c.var.owner;
  if (!owner) return c.redirect("/login", 303);
  const kv = c.var.deps.kv;
  const symbols = [...new Set((await listManifests(kv, owner)).map((m) => m.symbol))].sort();
  const strategies = Object.values(STRATEGIES).map((s) => ({
    name: s.name,
    title: strategyTitleOf(s.name),
    summary: s.summary,
    defaults: s.params.parse({}) as Record<string, unknown>,
  }));
  const runs: RunSummary[] = (await listRuns(kv, owner)).map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    progress: r.status === "done" ? 1 : 0,
    strategy: r.strategy,
    symbols: r.symbols,
    createdAt: r.createdAt,
    ...(r.error !== undefined && { error: r.error }),
    ...(r.stats !== undefined && { stats: r.stats }),
  }));
  const saved: SavedOptimization[] = (await listOptimizations(kv, owner)).map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    progress: r.status === "done" ? 1 : 0,
    strategy: r.strategy,
    symbols: r.symbols,
    createdAt: r.createdAt,
    ...(r.error !== undefined && { error: r.error }),
    ...(r.summary !== undefined && { summary: r.summary }),
  }));
  return htmlPage(
    c,
    "Backtester",
    <section>
      <h1>Backtester</h1>
      <Island
        name="BacktestLab"
        component={BacktestLab}
        props={{ symbols, strategies, runs, shares: await listShares(kv, owner), csrf: c.var.csrf }}
      />
      <h1 id="optimise">Optimise and walk forward</h1>
      <p class="muted">
        Search parameter ranges for the best objective under constraints, or walk forward through
        time. Up to {BROWSER_LIMIT.toLocaleString()}{" "}
        backtests run here in your browser (web worker); larger jobs run on the server's queue.
      </p>
      <Island
        name="OptimizePanel"
        component={OptimizePanel}
        props={{ symbols, strategies, csrf: c.var.csrf, browserLimit: BROWSER_LIMIT, saved }}
      />
    </section>,
    { styles: ["/static/chart.css", "/static/research.css"] },
  );
});
