/**
 * `/api/v1/optimizations` and `/api/v1/walkforward`: grid/random parameter searches and
 * walk-forward analyses over stored bars, answered inline when they finish within `wait`
 * milliseconds, else run by the KV queue with progress (poll `GET /optimizations/{id}`).
 * Stored per owner (lib/optimize/jobs.ts).
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../../lib/http/env.ts";
import { ApiError } from "../../lib/http/errors.ts";
import { jsonResponse, toSafeJson } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, requireOwner, validate } from "../../lib/http/validate.ts";
import {
  deleteOptimization,
  executeOptimization,
  getOptimization,
  getOptimizationResult,
  listOptimizations,
  loadOptimizationBars,
  OptimizationError,
  type OptimizationRecord,
  OptimizationRequest,
  putOptimization,
  WalkForwardRequest,
} from "../../lib/optimize/jobs.ts";
import { findStrategy, STRATEGIES } from "../../lib/strategies/mod.ts";
import type { OptimizationRequested } from "../../workers/optimize_job.ts";
import type { Context } from "hono";

const IdParam = z.object({ optimizationId: z.string().min(1).max(100) });
const WaitQuery = z.object({
  wait: z.coerce.number().int().min(0).max(5000).default(1000).describe(
    "Milliseconds to run inline before handing the work to the queue (0: always queue)",
  ),
});

async function jsonBodyOf(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new ApiError(400, "invalid_request", "Body is not valid JSON");
  }
}

function head(rec: OptimizationRecord & { progress?: number }) {
  return {
    id: rec.id,
    name: rec.name,
    kind: rec.kind,
    status: rec.status,
    progress: rec.progress ?? (rec.status === "done" ? 1 : 0),
    strategy: rec.strategy,
    symbols: rec.symbols,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    ...(rec.error !== undefined && { error: rec.error }),
    ...(rec.summary !== undefined && { summary: rec.summary }),
    // the request as validated (defaults filled in, from/to as epoch ms); absent on old records
    ...(rec.request !== undefined && { request: rec.request }),
  };
}

/** `{ ...head, result }` with the stored result JSON spliced in without re-parsing. */
async function full(kv: Deno.Kv, owner: string, rec: OptimizationRecord & { progress: number }) {
  const h = head(rec);
  if (rec.status !== "done" || rec.resultChunks === undefined) return jsonResponse(h);
  const body = await getOptimizationResult(kv, owner, rec.id, rec.resultChunks);
  if (body === null) return jsonResponse(h);
  return new Response(toSafeJson(h).slice(0, -1) + `,"result":` + body + "}", {
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

async function submit(c: Context<AppEnv>, kind: "search" | "walkforward", wait: number) {
  const owner = requireOwner(c);
  const deps = c.var.deps;
  const raw = await jsonBodyOf(c.req.raw);
  const req = kind === "search"
    ? parseOr400(OptimizationRequest, raw)
    : parseOr400(WalkForwardRequest, raw);
  if (!findStrategy(req.strategy)) {
    throw new ApiError(
      400,
      "invalid_request",
      `strategy: unknown "${req.strategy}", expected one of ${Object.keys(STRATEGIES).join(", ")}`,
    );
  }
  try {
    await loadOptimizationBars(deps.kv, owner, req, kind);
  } catch (err) {
    if (err instanceof OptimizationError) {
      throw new ApiError(err.code === "not_found" ? 404 : 400, err.code, err.message);
    }
    throw err;
  }
  const now = deps.clock.now();
  const id = deps.newId();
  await putOptimization(deps.kv, owner, {
    id,
    name: req.name ??
      `${kind === "search" ? "optimise" : "walk-forward"} ${req.strategy} ${req.symbols.join(",")}`,
    kind,
    status: "queued",
    request: JSON.parse(toSafeJson(req)),
    strategy: req.strategy,
    symbols: req.symbols,
    createdAt: now,
    updatedAt: now,
  });
  if (wait > 0) {
    const outcome = await executeOptimization(deps.kv, owner, id, {
      now: () => deps.clock.now(),
      budgetMs: wait,
    });
    const stored = (await getOptimization(deps.kv, owner, id))!;
    if (outcome === "failed") {
      throw new ApiError(400, "invalid_request", stored.error ?? "optimisation failed");
    }
    if (outcome === "done") return await full(deps.kv, owner, stored);
  }
  const msg: OptimizationRequested = { type: "OptimizationRequested", id, owner };
  await deps.kv.enqueue(msg);
  const queued = (await getOptimization(deps.kv, owner, id))!;
  return jsonResponse(head(queued), 202);
}

/** The optimisation router, mounted under `/api/v1`. */
export const optimizeApi = new Hono<AppEnv>()
  .post("/optimizations", validate("query", WaitQuery), (c) => {
    return submit(c, "search", c.req.valid("query").wait);
  })
  .post("/walkforward", validate("query", WaitQuery), (c) => {
    return submit(c, "walkforward", c.req.valid("query").wait);
  })
  .get("/optimizations", async (c) => {
    const owner = requireOwner(c);
    const list = await listOptimizations(c.var.deps.kv, owner);
    return jsonResponse({ optimizations: list.map((r) => head(r)) });
  })
  .get("/optimizations/:optimizationId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const { optimizationId: id } = c.req.valid("param");
    const rec = await getOptimization(c.var.deps.kv, owner, id);
    if (!rec) throw new ApiError(404, "not_found", `No optimization ${id}`);
    return await full(c.var.deps.kv, owner, rec);
  })
  .delete("/optimizations/:optimizationId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const { optimizationId: id } = c.req.valid("param");
    if (!(await deleteOptimization(c.var.deps.kv, owner, id))) {
      throw new ApiError(404, "not_found", `No optimization ${id}`);
    }
    return jsonResponse({ id, deleted: true });
  });

const Head = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["search", "walkforward"]),
  status: z.enum(["queued", "running", "done", "failed"]),
  progress: z.number(),
  strategy: z.string(),
  symbols: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
  error: z.string().optional(),
  summary: z.record(z.string(), z.unknown()).optional(),
  request: z.record(z.string(), z.unknown()).optional().describe(
    "The request as submitted and validated (defaults filled in, from/to as epoch ms), to re-run or edit it; absent on records stored before it was kept",
  ),
});
const WithResult = Head.extend({ result: z.record(z.string(), z.unknown()).optional() });

const DIAG =
  "Every result carries the deflated Sharpe ratio of the best trial (Bailey & López de Prado 2014; N = trials run, per-period Sharpe, skew and kurtosis of its returns) and the probability of backtest overfitting by CSCV (16 blocks).";

export const optimizeDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/optimizations",
    summary: "Grid or random parameter search: 200 with the result within `wait` ms, else 202",
    description:
      `Body: symbols, strategy, space ({ name: { min, max, step } | { values: [...] } }), fixed, method (grid|random), samples, seed, objective (sharpe|return|sqn|calmar|sortino|cagr), constraints ([{ metric, op: ">="|"<=", value }]), options (cash, direction, sizing, commissionPct, slippageBps, spreadBps, stops), timeframe, from, to, name. Trials are returned as columns. ${DIAG}`,
    tags: ["optimizations"],
    query: WaitQuery,
    body: OptimizationRequest,
    response: WithResult,
  },
  {
    method: "post",
    path: "/walkforward",
    summary: "Walk-forward analysis: 200 with the result within `wait` ms, else 202",
    description:
      `Body: as POST /optimizations plus mode (rolling|anchored), inSampleBars, outOfSampleBars, warmupBars. Out-of-sample segments warm indicators up on earlier bars, start flat, close their trades at the segment end and are stitched by compounding; efficiency = annualised OOS return / mean annualised IS return. ${DIAG}`,
    tags: ["optimizations"],
    query: WaitQuery,
    body: WalkForwardRequest,
    response: WithResult,
  },
  {
    method: "get",
    path: "/optimizations",
    summary: "Your optimisations and walk-forward analyses, newest first",
    tags: ["optimizations"],
    response: z.object({ optimizations: z.array(Head) }),
  },
  {
    method: "get",
    path: "/optimizations/{optimizationId}",
    summary: "One optimisation: status and progress, and the result once done",
    tags: ["optimizations"],
    params: IdParam,
    response: WithResult,
  },
  {
    method: "delete",
    path: "/optimizations/{optimizationId}",
    summary: "Delete an optimisation and its result",
    tags: ["optimizations"],
    params: IdParam,
    response: z.object({ id: z.string(), deleted: z.boolean() }),
  },
];
