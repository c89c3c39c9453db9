/**
 * Stored optimisations (grid/random searches and walk-forward analyses) in Deno KV, per owner,
 * and their execution: inline by the API within a time budget, or in full by the KV queue job
 * (workers/optimize_job.ts).
 * - `["optimizations", owner, id]`: the record (request, status, summary), small;
 * - `["optimization_progress", owner, id]`: progress 0..1 while running;
 * - `["optimization_results", owner, id, i]`: the result JSON in 60,000-character chunks.
 * @module
 */
import * as z from "zod";
import { getSeries } from "../data/market.ts";
import { type Timeframe, TIMEFRAMES } from "../data/time.ts";
import { sliceSeries } from "../domain/bar.ts";
import { Symbol } from "../domain/symbol.ts";
import { alignSymbols } from "../backtest/align.ts";
import { TimeInput } from "../backtest/request.ts";
import type { SymbolBars } from "../backtest/types.ts";
import { toSafeJson } from "../http/json.ts";
import { getTextChunks, putTextChunks } from "../storage/chunked_json.ts";
import {
  deleteJobRecord,
  getJobRecord,
  type JobKeys,
  listJobRecords,
  updateJobRecord,
} from "../storage/job_records.ts";
import { optimizeAsync, SearchSpec } from "./search.ts";
import { searchToJson, walkForwardToJson } from "./serialize.ts";
import { walkForwardAsync, WalkForwardSpec, walkForwardWindows } from "./walkforward.ts";
import { gridSize } from "./space.ts";

const DataSelection = {
  /** A label for the list (default: strategy and symbols). */
  name: z.string().trim().min(1).max(100).optional(),
  symbols: z.array(Symbol).min(1).max(20),
  timeframe: z.enum(TIMEFRAMES as [Timeframe, ...Timeframe[]]).optional(),
  from: TimeInput.optional(),
  to: TimeInput.optional(),
};

/** `POST /api/v1/optimizations` body: a search spec plus the data. */
export const OptimizationRequest = SearchSpec.extend(DataSelection);
export type OptimizationRequest = z.output<typeof OptimizationRequest>;

/** `POST /api/v1/walkforward` body: a walk-forward spec plus the data. */
export const WalkForwardRequest = WalkForwardSpec.extend(DataSelection);
export type WalkForwardRequest = z.output<typeof WalkForwardRequest>;

/** Largest number of backtests one stored optimisation may run. */
export const MAX_TRIALS = 200_000;

/** The stored record. */
export const OptimizationRecord = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["search", "walkforward"]),
  status: z.enum(["queued", "running", "done", "failed"]),
  /** The validated request (OptimizationRequest or WalkForwardRequest output); optional so a record without one still reads. */
  request: z.record(z.string(), z.unknown()).optional(),
  strategy: z.string(),
  symbols: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
  error: z.string().optional(),
  /** Headline figures once done (best parameters, objective, DSR, PBO or WFE). */
  summary: z.record(z.string(), z.unknown()).optional(),
  resultChunks: z.int().min(0).optional(),
});
export type OptimizationRecord = z.infer<typeof OptimizationRecord>;

/** Key builders. */
export const keys = {
  record: (owner: string, id: string) => ["optimizations", owner, id] as const,
  all: (owner: string) => ["optimizations", owner] as const,
  progress: (owner: string, id: string) => ["optimization_progress", owner, id] as const,
  /** Prefix of the result chunks `[..., i]` (lib/storage/chunked_json.ts, text). */
  result: (owner: string, id: string) => ["optimization_results", owner, id] as const,
};

function jobKeys(owner: string, id: string): JobKeys {
  return {
    record: keys.record(owner, id),
    progress: keys.progress(owner, id),
    result: keys.result(owner, id),
  };
}

/** An expected failure: unknown symbol, unusable window or too large a search. */
export class OptimizationError extends Error {
  constructor(readonly code: "not_found" | "invalid_request", message: string) {
    super(message);
    this.name = "OptimizationError";
  }
}

/** Number of backtests a request will run (grid points or samples, times windows). */
export function plannedTrials(
  req: OptimizationRequest | WalkForwardRequest,
  bars: number,
  kind: "search" | "walkforward",
): number {
  const size = gridSize(req.space);
  const per = req.method === "random" ? Math.min(size, req.samples) : size;
  if (kind === "search") return per;
  return per * walkForwardWindows(bars, req as WalkForwardRequest).length;
}

/** Loads what `owner` can see of the request's symbols, sliced; checks the size of the work. */
export async function loadOptimizationBars(
  kv: Deno.Kv,
  owner: string | null,
  req: OptimizationRequest | WalkForwardRequest,
  kind: "search" | "walkforward",
): Promise<SymbolBars[]> {
  let out: SymbolBars[] = [];
  for (const symbol of req.symbols) {
    let found;
    try {
      found = await getSeries(kv, owner, symbol, { timeframe: req.timeframe });
    } catch (err) {
      if (err instanceof RangeError) throw new OptimizationError("invalid_request", err.message);
      throw err;
    }
    if (!found) throw new OptimizationError("not_found", `No bars stored for ${symbol}`);
    const bars = sliceSeries(found.bars, req.from, req.to);
    if (bars.length < 2) {
      throw new OptimizationError(
        "invalid_request",
        `${symbol}: ${bars.length} bars in the requested window; need at least 2`,
      );
    }
    out.push({ symbol, bars });
  }
  out = alignedOrError(out);
  let planned: number;
  try {
    planned = plannedTrials(req, out[0].bars.length, kind);
  } catch (err) {
    throw new OptimizationError("invalid_request", (err as Error).message);
  }
  if (planned > MAX_TRIALS) {
    throw new OptimizationError(
      "invalid_request",
      `this would run ${planned} backtests; at most ${MAX_TRIALS} (narrow the ranges or use method "random")`,
    );
  }
  if (kind === "walkforward" && planned === 0) {
    const wf = req as WalkForwardRequest;
    throw new OptimizationError(
      "invalid_request",
      `${
        out[0].bars.length
      } bars are too few for ${wf.inSampleBars} in-sample + 2 out-of-sample bars`,
    );
  }
  return out;
}

/** Stores a new record. */
export async function putOptimization(
  kv: Deno.Kv,
  owner: string,
  rec: OptimizationRecord,
): Promise<void> {
  await kv.set(keys.record(owner, rec.id), rec);
}

/** The record with its progress, or null. */
export function getOptimization(
  kv: Deno.Kv,
  owner: string,
  id: string,
): Promise<(OptimizationRecord & { progress: number }) | null> {
  return getJobRecord(kv, OptimizationRecord, jobKeys(owner, id));
}

/** Every record of `owner`, newest first. */
export function listOptimizations(kv: Deno.Kv, owner: string): Promise<OptimizationRecord[]> {
  return listJobRecords(kv, OptimizationRecord, keys.all(owner));
}

async function patch(
  kv: Deno.Kv,
  owner: string,
  id: string,
  change: Partial<Omit<OptimizationRecord, "id">>,
): Promise<void> {
  await updateJobRecord(
    kv,
    OptimizationRecord,
    keys.record(owner, id),
    change,
    `optimizations: ${id}`,
  );
}

/** The stored result JSON text, or null when absent or incomplete. */
export function getOptimizationResult(
  kv: Deno.Kv,
  owner: string,
  id: string,
  chunks: number,
): Promise<string | null> {
  return getTextChunks(kv, keys.result(owner, id), chunks);
}

/** Deletes a record, its progress and its result; false when there was none. */
export function deleteOptimization(kv: Deno.Kv, owner: string, id: string): Promise<boolean> {
  return deleteJobRecord(kv, jobKeys(owner, id));
}

class OverBudget extends Error {}

/** How {@link executeOptimization} ended. */
export type OptimizationOutcome = "done" | "failed" | "missing" | "over_budget";

/**
 * Runs the stored optimisation `id` unless it is finished, writing progress every 2 % and the
 * result at the end. With `budgetMs`, a run still going after that long is put back to `queued`
 * (outcome `over_budget`) for the queue job to run in full. Safe to call twice.
 */
export async function executeOptimization(
  kv: Deno.Kv,
  owner: string,
  id: string,
  options: { now: () => number; budgetMs?: number },
): Promise<OptimizationOutcome> {
  const rec = await getOptimization(kv, owner, id);
  if (!rec) return "missing";
  if (rec.status === "done" || rec.status === "failed") return rec.status;
  const fail = async (message: string) => {
    await patch(kv, owner, id, { status: "failed", error: message, updatedAt: options.now() });
    return "failed" as const;
  };
  const schema = rec.kind === "search" ? OptimizationRequest : WalkForwardRequest;
  const req = schema.safeParse(rec.request);
  if (!req.success) return await fail("stored request is no longer valid: " + req.error.message);
  await patch(kv, owner, id, { status: "running", updatedAt: options.now() });
  let symbols;
  try {
    symbols = await loadOptimizationBars(kv, owner, req.data, rec.kind);
  } catch (err) {
    if (err instanceof OptimizationError) return await fail(err.message);
    throw err;
  }
  const started = performance.now();
  let last = 0;
  const onProgress = async (done: number, total: number) => {
    const f = total ? done / total : 1;
    if (options.budgetMs !== undefined && f < 1 && performance.now() - started > options.budgetMs) {
      throw new OverBudget();
    }
    if (f - last >= 0.02 && f < 1) {
      last = f;
      await kv.set(keys.progress(owner, id), f);
    }
  };
  let json: string;
  let summary: Record<string, unknown>;
  try {
    if (rec.kind === "search") {
      const r = await optimizeAsync({ symbols }, req.data as OptimizationRequest, {
        onProgress,
        every: 100,
      });
      json = toSafeJson(searchToJson(r));
      summary = JSON.parse(toSafeJson({
        best: r.best?.point ?? null,
        objective: r.best?.objective ?? null,
        trialsRun: r.trialsRun,
        dsr: r.dsr?.dsr ?? null,
        pbo: r.pbo.pbo,
      }));
    } else {
      const r = await walkForwardAsync(symbols, req.data as WalkForwardRequest, { onProgress });
      json = toSafeJson(walkForwardToJson(r));
      summary = JSON.parse(toSafeJson({
        windows: r.windows.length,
        efficiency: r.efficiency,
        oosReturnPct: r.stats.returnPct,
      }));
    }
  } catch (err) {
    if (err instanceof OverBudget) {
      await patch(kv, owner, id, { status: "queued", updatedAt: options.now() });
      return "over_budget";
    }
    if (err instanceof RangeError) return await fail(err.message);
    throw err;
  }
  const count = await putTextChunks(kv, keys.result(owner, id), json);
  await kv.set(keys.progress(owner, id), 1);
  await patch(kv, owner, id, {
    status: "done",
    summary,
    resultChunks: count,
    updatedAt: options.now(),
  });
  return "done";
}

/**
 * Several symbols run on the bar times they all have (the backtester's rule); no common time, or
 * fewer than 2, is an `invalid_request` naming the symbols and their ranges.
 */
function alignedOrError(symbols: SymbolBars[]): SymbolBars[] {
  let aligned: readonly SymbolBars[];
  try {
    aligned = alignSymbols(symbols).symbols;
  } catch (err) {
    if (err instanceof RangeError) throw new OptimizationError("invalid_request", err.message);
    throw err;
  }
  if (aligned[0].bars.length < 2) {
    throw new OptimizationError(
      "invalid_request",
      `${symbols.map((s) => s.symbol).join(", ")} have ${
        aligned[0].bars.length
      } bar times in common; need at least 2`,
    );
  }
  return [...aligned];
}
