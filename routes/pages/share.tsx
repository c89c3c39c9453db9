/**
 * Read-only shared backtests: the owner creates an unguessable link (`POST /backtest/{id}/share`,
 * 144 random bits) and may revoke it (`POST /backtest/{id}/unshare`); anyone with the link sees
 * that one run at `/share/{token}` (the only page anonymous visitors may open), nothing else.
 * - `["backtest_shares", token]`: `{ owner, runId, createdAt }`;
 * - `["backtest_shares_by_run", owner, runId]`: the token.
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../../lib/http/env.ts";
import { ApiError } from "../../lib/http/errors.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import { htmlPage } from "../../lib/ui/page.tsx";
import { Island } from "../../lib/ui/island.tsx";
import { getResult, getRun } from "../../lib/backtest/runs_repo.ts";
import { getSeries } from "../../lib/data/market.ts";
import { sliceSeries } from "../../lib/domain/bar.ts";
import BacktestView, { type BarsView } from "../../islands/BacktestView.tsx";
import { paramsText, runTitle, type RunView, strategyTitle } from "../../islands/BacktestReport.ts";

const Share = z.object({ owner: z.string(), runId: z.string(), createdAt: z.number() });

/** Key builders. */
export const shareKeys = {
  token: (token: string) => ["backtest_shares", token] as const,
  byRun: (owner: string, runId: string) => ["backtest_shares_by_run", owner, runId] as const,
  byOwner: (owner: string) => ["backtest_shares_by_run", owner] as const,
};

/** A new share token: 18 random bytes, base64url (24 characters). */
export function newShareToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}

/** The owner's share tokens by run id. */
export async function listShares(kv: Deno.Kv, owner: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of kv.list<string>({ prefix: shareKeys.byOwner(owner) })) {
    if (typeof e.value === "string") out[String(e.key[2])] = e.value;
  }
  return out;
}

/** Loads a run's report data and its first symbol's bars over the run's window. */
export async function loadRunView(
  kv: Deno.Kv,
  owner: string,
  runId: string,
): Promise<{ run: RunView; bars: BarsView | null } | null> {
  const rec = await getRun(kv, owner, runId);
  if (!rec || rec.status !== "done" || rec.resultChunks === undefined) return null;
  const body = await getResult(kv, owner, runId, rec.resultChunks);
  if (body === null) return null;
  const run = { ...JSON.parse(body), id: rec.id, name: rec.name } as RunView;
  let bars: BarsView | null = null;
  const sym = run.symbols[0];
  if (sym && run.equity.length > 0) {
    const tf = (rec.request as { timeframe?: string }).timeframe;
    const found = await getSeries(kv, owner, sym, tf ? { timeframe: tf as never } : {}).catch(
      () => null,
    );
    if (found) {
      const s = sliceSeries(found.bars, run.equity[0].time, run.equity[run.equity.length - 1].time);
      bars = {
        symbol: sym,
        ts: Array.from(s.ts),
        open: Array.from(s.open),
        high: Array.from(s.high),
        low: Array.from(s.low),
        close: Array.from(s.close),
        volume: Array.from(s.volume),
      };
    }
  }
  return { run, bars };
}

const IdParam = z.object({ id: z.string().min(1).max(100) });
const TokenParam = z.object({ token: z.string().min(1).max(100) });

export const sharePages = new Hono<AppEnv>()
  .post("/backtest/:id/share", async (c) => {
    const owner = c.var.owner;
    if (!owner) throw new ApiError(401, "unauthorized", "Sign in to share runs");
    const { id } = IdParam.parse(c.req.param());
    const kv = c.var.deps.kv;
    const rec = await getRun(kv, owner, id);
    if (!rec || rec.status !== "done") {
      throw new ApiError(404, "not_found", `No finished run ${id}`);
    }
    const existing = await kv.get<string>(shareKeys.byRun(owner, id));
    if (typeof existing.value === "string") {
      return jsonResponse({ token: existing.value, url: `/share/${existing.value}` });
    }
    const token = newShareToken();
    const ok = await kv.atomic()
      .check(existing)
      .set(shareKeys.token(token), { owner, runId: id, createdAt: c.var.deps.clock.now() })
      .set(shareKeys.byRun(owner, id), token)
      .commit();
    if (!ok.ok) throw new ApiError(409, "conflict", "The run was shared at the same time; retry");
    return jsonResponse({ token, url: `/share/${token}` });
  })
  .post("/backtest/:id/unshare", async (c) => {
    const owner = c.var.owner;
    if (!owner) throw new ApiError(401, "unauthorized", "Sign in to manage shares");
    const { id } = IdParam.parse(c.req.param());
    const kv = c.var.deps.kv;
    const existing = await kv.get<string>(shareKeys.byRun(owner, id));
    if (typeof existing.value !== "string") throw new ApiError(404, "not_found", "Not shared");
    await kv.atomic().delete(shareKeys.token(existing.value)).delete(shareKeys.byRun(owner, id))
      .commit();
    return jsonResponse({ id, revoked: true });
  })
  .get("/share/:token", async (c) => {
    const { token } = TokenParam.parse(c.req.param());
    const kv = c.var.deps.kv;
    const share = Share.safeParse((await kv.get(shareKeys.token(token))).value);
    const data = share.success ? await loadRunView(kv, share.data.owner, share.data.runId) : null;
    if (!data) {
      return htmlPage(
        c,
        "Link not found",
        <section class="panel">
          <h1>Link not found</h1>
          <p class="muted">This shared backtest does not exist or its owner revoked the link.</p>
          <p>
            <a class="button" href="/">Go to the home page</a>
          </p>
        </section>,
        { status: 404, islands: false },
      );
    }
    c.header("x-robots-tag", "noindex");
    c.header("referrer-policy", "no-referrer");
    const title = runTitle(data.run);
    const params = paramsText(data.run.params);
    return htmlPage(
      c,
      `Shared backtest: ${title}`,
      <section>
        <h1>{title}</h1>
        <p class="muted" id="share-note">
          Read-only shared backtest: {strategyTitle(data.run.strategy)}
          {params ? ` (${params})` : ""} on {data.run.symbols.join(", ")}.
        </p>
        <Island name="BacktestView" component={BacktestView} props={data} />
      </section>,
      { styles: ["/static/chart.css", "/static/research.css"] },
    );
  });
