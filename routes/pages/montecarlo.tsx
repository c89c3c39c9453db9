/**
 * `/montecarlo`: the Monte Carlo sandbox. The page inlines the trade returns of the owner's
 * finished backtests (the 20 newest), so the island never needs the server again after load.
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { htmlPage } from "../../lib/ui/page.tsx";
import { Island } from "../../lib/ui/island.tsx";
import { getResult, listRuns } from "../../lib/backtest/runs_repo.ts";
import { getAudit, listAudits } from "../../lib/audit/audits_repo.ts";
import MonteCarloSandbox, { type TradeListSource } from "../../islands/MonteCarloSandbox.tsx";

/** Most trades inlined per backtest. */
const MAX_TRADES = 5000;

/** The trade returns (%) of the owner's newest finished backtests. */
export async function backtestTradeLists(
  kv: Deno.Kv,
  owner: string,
  limit = 20,
): Promise<TradeListSource[]> {
  const out: TradeListSource[] = [];
  for (const run of await listRuns(kv, owner)) {
    if (out.length >= limit) break;
    if (run.status !== "done" || run.resultChunks === undefined) continue;
    const body = await getResult(kv, owner, run.id, run.resultChunks);
    if (body === null) continue;
    const trades = (JSON.parse(body).trades ?? []) as { returnPct: number | null }[];
    const returns = trades.map((t) => t.returnPct).filter((x): x is number =>
      typeof x === "number" && Number.isFinite(x) && x > -100
    ).slice(0, MAX_TRADES);
    if (returns.length > 0) out.push({ id: run.id, name: run.name, returns, kind: "backtest" });
  }
  return out;
}

/** The net PnL per closed strategy of the owner's newest saved audits (additive). */
export async function auditTradeLists(
  kv: Deno.Kv,
  owner: string,
  limit = 10,
): Promise<TradeListSource[]> {
  const out: TradeListSource[] = [];
  for (const summary of (await listAudits(kv, owner)).slice(0, limit)) {
    const audit = await getAudit(kv, owner, summary.id).catch(() => null);
    const pnls = (audit?.report.tradePnls ?? []).filter((x) => Number.isFinite(x))
      .slice(0, MAX_TRADES);
    if (pnls.length === 0) continue;
    const size = audit!.report.accountSize;
    out.push({
      id: "audit-" + summary.id,
      name: summary.name,
      returns: pnls,
      kind: "audit",
      compounding: false,
      initialEquity: size && size > 0 ? size : 10_000,
    });
  }
  return out;
}

export const montecarloPage = new Hono<AppEnv>().get("/montecarlo", async (c) => {
  const owner = c.var.owner;
  if (!owner) return c.redirect("/login", 303);
  const sources = [
    ...await backtestTradeLists(c.var.deps.kv, owner),
    ...await auditTradeLists(c.var.deps.kv, owner),
  ];
  return htmlPage(
    c,
    "Monte Carlo sandbox",
    <section>
      <h1>Monte Carlo sandbox</h1>
      <p class="muted">
        Resample a backtest's trades, a saved audit's closed trades, an uploaded trade list (CSV
        with a returnPct or pnl column) or parametric trades, and watch the spread of outcomes move
        with every knob. It all runs in your browser on the WASM core and keeps working offline once
        loaded.
      </p>
      <Island
        name="MonteCarloSandbox"
        component={MonteCarloSandbox}
        props={{ sources, initialSource: c.req.query("source") }}
      />
    </section>,
    { styles: ["/static/research.css"] },
  );
});
