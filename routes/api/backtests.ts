/**
 * `/api/v1/backtests`: run a backtest (answered inline when it finishes within `wait`
 * milliseconds, else queued), list, read, rename and delete runs; `/api/v1/strategies` lists the
 * built-in strategies. Runs are stored per owner (lib/backtest/runs_repo.ts).
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../../lib/http/env.ts";
import { ApiError } from "../../lib/http/errors.ts";
import { jsonResponse, toSafeJson } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, readJsonBody, requireOwner, validate } from "../../lib/http/validate.ts";
import { BacktestRequest, loadRequestBars, RequestError } from "../../lib/backtest/request.ts";
import { executeRun } from "../../lib/backtest/jobs.ts";
import {
  deleteRun,
  getResult,
  getRun,
  listRuns,
  putRun,
  type RunRecord,
  updateRun,
} from "../../lib/backtest/runs_repo.ts";
import { STRATEGIES } from "../../lib/strategies/mod.ts";
import type { BacktestRequested } from "../../workers/backtest_job.ts";

const IdParam = z.object({ backtestId: z.string().min(1).max(100) });
const WaitQuery = z.object({
  wait: z.coerce.number().int().min(0).max(1000).default(1000).describe(
    "Milliseconds to run inline before handing the run to the queue (0: always queue)",
  ),
});
const Rename = z.object({ name: z.string().trim().min(1).max(100) }).strict();

function summary(run: RunRecord & { progress?: number }) {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    progress: run.progress ?? (run.status === "done" ? 1 : 0),
    strategy: run.strategy,
    symbols: run.symbols,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    ...(run.error !== undefined && { error: run.error }),
    ...(run.stats !== undefined && { stats: run.stats }),
  };
}

/** A done run as `{ ...summary, strategy, params, options, stats, trades, equity }`. */
async function fullRun(kv: Deno.Kv, owner: string, run: RunRecord & { progress: number }) {
  const head = summary(run);
  if (run.status !== "done" || run.resultChunks === undefined) return jsonResponse(head);
  const body = await getResult(kv, owner, run.id, run.resultChunks);
  if (body === null) return jsonResponse(head);
  // splice the stored result JSON into the summary without re-parsing it
  const { stats: _stats, ...rest } = head;
  return new Response(toSafeJson(rest).slice(0, -1) + "," + body.slice(1), {
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

/** The backtests router, mounted under `/api/v1`. */
export const backtestsApi = new Hono<AppEnv>()
  .get("/strategies", () => {
    return jsonResponse({
      strategies: Object.values(STRATEGIES).map((s) => ({
        name: s.name,
        summary: s.summary,
        defaults: s.params.parse({}),
        params: z.toJSONSchema(s.params, { io: "input", unrepresentable: "any" }),
      })),
    }, 200);
  })
  .post("/backtests", validate("query", WaitQuery), async (c) => {
    const owner = requireOwner(c);
    const { wait } = c.req.valid("query");
    const deps = c.var.deps;
    const req = parseOr400(BacktestRequest, await readJsonBody(c.req.raw));
    // fail fast on unknown symbols or unusable windows, before storing anything
    try {
      await loadRequestBars(deps.kv, owner, req);
    } catch (err) {
      if (err instanceof RequestError) {
        throw new ApiError(err.code === "not_found" ? 404 : 400, err.code, err.message);
      }
      throw err;
    }
    const now = deps.clock.now();
    const id = deps.newId();
    const run: RunRecord = {
      id,
      name: req.name ?? `${req.strategy} ${req.symbols.join(",")}`,
      status: "queued",
      request: JSON.parse(toSafeJson(req)),
      strategy: req.strategy,
      symbols: req.symbols,
      createdAt: now,
      updatedAt: now,
    };
    await putRun(deps.kv, owner, run);
    if (wait > 0) {
      const outcome = await executeRun(deps.kv, owner, id, {
        now: () => deps.clock.now(),
        budgetMs: wait,
      });
      if (outcome === "done" || outcome === "failed") {
        const stored = (await getRun(deps.kv, owner, id))!;
        if (outcome === "failed") {
          throw new ApiError(400, "invalid_request", stored.error ?? "backtest failed");
        }
        return await fullRun(deps.kv, owner, stored);
      }
    }
    const msg: BacktestRequested = { type: "BacktestRequested", id, owner };
    await deps.kv.enqueue(msg);
    const queued = (await getRun(deps.kv, owner, id))!;
    return jsonResponse({ id, status: queued.status, progress: queued.progress }, 202);
  })
  .get("/backtests", async (c) => {
    const owner = requireOwner(c);
    const runs = await listRuns(c.var.deps.kv, owner);
    return jsonResponse({ backtests: runs.map((r) => summary(r)) });
  })
  .get("/backtests/:backtestId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const { backtestId: id } = c.req.valid("param");
    const run = await getRun(c.var.deps.kv, owner, id);
    if (!run) throw new ApiError(404, "not_found", `No backtest ${id}`);
    return await fullRun(c.var.deps.kv, owner, run);
  })
  .patch("/backtests/:backtestId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const { backtestId: id } = c.req.valid("param");
    if (!(await getRun(c.var.deps.kv, owner, id))) {
      throw new ApiError(404, "not_found", `No backtest ${id}`);
    }
    const { name } = parseOr400(Rename, await readJsonBody(c.req.raw));
    const run = await updateRun(c.var.deps.kv, owner, id, {
      name,
      updatedAt: c.var.deps.clock.now(),
    });
    if (!run) throw new ApiError(404, "not_found", `No backtest ${id}`);
    return jsonResponse(summary(run));
  })
  .delete("/backtests/:backtestId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const { backtestId: id } = c.req.valid("param");
    if (!(await deleteRun(c.var.deps.kv, owner, id))) {
      throw new ApiError(404, "not_found", `No backtest ${id}`);
    }
    return jsonResponse({ id, deleted: true });
  });

const RunSummary = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  progress: z.number(),
  strategy: z.string(),
  symbols: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
  error: z.string().optional(),
  stats: z.record(z.string(), z.number().nullable()).optional(),
});

const RunResult = RunSummary.extend({
  params: z.record(z.string(), z.unknown()).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  trades: z.array(z.record(z.string(), z.unknown())).optional(),
  equity: z.array(
    z.object({
      time: z.number(),
      equity: z.number().nullable(),
      drawdownPct: z.number().nullable(),
    }),
  ).optional(),
});

const STATS_HELP =
  "Stats follow backtesting.py's definitions (profitFactor in currency; units in the names; NaN as null); see lib/backtest/README.md. Fills at the next bar's open, no commission by default, open trades closed at the last bar's open.";

export const backtestsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/strategies",
    summary: "Built-in backtest strategies with their parameter schemas and defaults",
    tags: ["backtests"],
    response: z.object({
      strategies: z.array(z.object({
        name: z.string(),
        summary: z.string(),
        defaults: z.record(z.string(), z.unknown()),
        params: z.record(z.string(), z.unknown()),
      })),
    }),
  },
  {
    method: "post",
    path: "/backtests",
    summary: "Run a backtest: 200 with the result if it finishes within `wait` ms, else 202",
    description:
      `Body: symbols (stored bars; several share one cash balance), strategy, params, options (cash, direction, sizing, commissionPct, commissionPerShare, commissionPerOrder, slippageBps, slippageAtr, spreadBps, leverage, stopLossPct, takeProfitPct, trailingStopPct, trailingStopAtr, atrPeriod, finalizeTrades, riskFreeRatePct, regime), timeframe, from, to, name. A 202 answers { id, status, progress }; poll GET /backtests/{backtestId}. ${STATS_HELP}`,
    tags: ["backtests"],
    query: WaitQuery,
    body: BacktestRequest,
    response: RunResult,
  },
  {
    method: "get",
    path: "/backtests",
    summary: "Your backtest runs, newest first",
    tags: ["backtests"],
    response: z.object({ backtests: z.array(RunSummary) }),
  },
  {
    method: "get",
    path: "/backtests/{backtestId}",
    summary: "One run: status and progress, and stats, trades and equity once done",
    tags: ["backtests"],
    params: IdParam,
    response: RunResult,
  },
  {
    method: "patch",
    path: "/backtests/{backtestId}",
    summary: "Rename a run",
    tags: ["backtests"],
    params: IdParam,
    body: Rename,
    response: RunSummary,
  },
  {
    method: "delete",
    path: "/backtests/{backtestId}",
    summary: "Delete a run and its result",
    tags: ["backtests"],
    params: IdParam,
    response: z.object({ id: z.string(), deleted: z.boolean() }),
  },
];
