/**
 * Grid and random search over a strategy's parameters, with overfitting diagnostics (deflated
 * Sharpe ratio and PBO by CSCV) computed over every trial. The search is incremental
 * ({@link Search.step}) so a web worker or a queue job can report progress and yield between
 * chunks; {@link optimize} runs it to the end.
 * @module
 */
import { z } from "zod";
import { type DeflatedSharpe, deflatedSharpe, finiteVariance } from "./dsr.ts";
import { type PeriodGrid, periodGrid, type TrialMetrics, trialMetrics } from "./metrics.ts";
import { Constraint, meetsConstraints, Objective, objectiveValue } from "./objective.ts";
import { type BlockStats, DEFAULT_BLOCKS, newBlockStats, pboCscv, type PboResult } from "./pbo.ts";
import { type PreparedRunner, prepareRunner, type SweepInput } from "./runner.ts";
import { axisValues, gridPoint, ParamSpace, type ParamValue, searchIndices } from "./space.ts";

/** Engine options a search may set (JSON-safe subset of `BacktestOptions`). */
export const SearchBacktestOptions = z.object({
  cash: z.number().positive().optional(),
  direction: z.enum(["long_short", "long_only", "short_only"]).optional(),
  sizing: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("all_in") }),
    z.object({ kind: z.literal("units"), units: z.number().min(1) }),
    z.object({ kind: z.literal("fraction"), fraction: z.number().positive() }),
    z.object({
      kind: z.literal("risk"),
      riskPct: z.number().positive().max(100),
      atrMult: z.number().positive().optional(),
    }),
  ]).optional(),
  commissionPct: z.number().min(0).max(100).optional(),
  commissionPerShare: z.number().min(0).optional(),
  commissionPerOrder: z.number().min(0).optional(),
  slippageBps: z.number().min(0).max(10_000).optional(),
  spreadBps: z.number().min(0).max(10_000).optional(),
  stopLossPct: z.number().positive().max(99.99).optional(),
  takeProfitPct: z.number().positive().optional(),
  trailingStopPct: z.number().positive().max(99.99).optional(),
  riskFreeRatePct: z.number().min(-100).max(100).optional(),
}).strict();
export type SearchBacktestOptions = z.infer<typeof SearchBacktestOptions>;

/** What to search. */
export const SearchSpec = z.object({
  strategy: z.string().min(1),
  space: ParamSpace.refine((s) => Object.keys(s).length > 0, "give at least one parameter"),
  /** Parameters held fixed (not searched). */
  fixed: z.record(z.string(), z.unknown()).default({}),
  method: z.enum(["grid", "random"]).default("grid"),
  /** Points drawn by random search. */
  samples: z.int().min(1).max(200_000).default(200),
  seed: z.int().min(0).default(1),
  objective: Objective.default("sharpe"),
  constraints: z.array(Constraint).max(20).default([]),
  options: SearchBacktestOptions.default({}),
  /** CSCV blocks for PBO. */
  blocks: z.int().min(2).max(24).refine((b) => b % 2 === 0, "blocks must be even").default(
    DEFAULT_BLOCKS,
  ),
  /** Size of the top-results table. */
  top: z.int().min(1).max(500).default(20),
});
export type SearchSpec = z.infer<typeof SearchSpec>;
export type SearchSpecInput = z.input<typeof SearchSpec>;

/** One evaluated parameter set. */
export interface Trial {
  /** Index in the search order. */
  index: number;
  /** The searched parameters' values. */
  point: Record<string, ParamValue>;
  metrics: TrialMetrics;
  objective: number;
  feasible: boolean;
}

/** The outcome of a search. */
export interface SearchResult {
  strategy: string;
  objective: Objective;
  method: "grid" | "random";
  /** Names of the searched parameters. */
  params: string[];
  /** Grid points visited, trials run (valid parameters), and points the schema rejected. */
  points: number;
  trialsRun: number;
  invalid: number;
  /** First rejection message (e.g. "sma_cross: fast: fast must be below slow"). */
  invalidExample: string | null;
  feasible: number;
  /** Every trial (in search order). */
  trials: Trial[];
  /** Best feasible trials by objective, best first. */
  top: Trial[];
  best: Trial | null;
  /** DSR of the best trial over all trials run (null without a defined Sharpe). */
  dsr: DeflatedSharpe | null;
  pbo: PboResult;
  durationMs: number;
}

/**
 * The trials of one shard of a search (or of all of it), before ranking: what a web worker sends
 * back so several workers can share one search ({@link combineSearch}).
 */
export interface SearchPart {
  /** Grid points this part visited. */
  points: number;
  /** Trials in search order (`index` is the position in the whole search's order). */
  trials: Trial[];
  /** Block statistics for PBO, trial-major, one row of `blocks × 3` per trial above. */
  blocks: Float64Array;
  invalid: number;
  invalidExample: string | null;
}

/** Which share of the points a {@link Search} visits: positions `i` with `i % count === index`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * An incremental search. `step(k)` evaluates up to k more points; `result()` finishes.
 * With a `shard`, it visits only its share of the points; `part()` hands them to
 * {@link combineSearch}.
 *
 * @example
 * ```ts
 * const s = new Search({ symbols: [{ symbol: "X", bars }], strategy: "sma_cross" },
 *   SearchSpec.parse({ strategy: "sma_cross", space: { fast: { min: 5, max: 20 }, slow: { min: 30, max: 60, step: 10 } } }));
 * while (!s.step(100)) report(s.done / s.total);
 * const r = s.result();
 * ```
 */
export class Search {
  readonly spec: SearchSpec;
  readonly total: number;
  /** Points of the whole search (all shards). */
  readonly points: number;
  done = 0;
  #runner: PreparedRunner;
  #grid: PeriodGrid;
  #names: string[];
  #values: ParamValue[][];
  #order: Int32Array;
  /** Position of each visited point in the whole search's order. */
  #position: Int32Array;
  #blocks: BlockStats;
  #trials: Trial[] = [];
  #invalid = 0;
  #invalidExample: string | null = null;
  #t0 = performance.now();

  constructor(input: Omit<SweepInput, "strategy">, spec: SearchSpec, shard?: Shard) {
    this.spec = spec;
    this.#runner = prepareRunner({ ...input, strategy: spec.strategy }, spec.options);
    this.#grid = periodGrid(this.#runner.ts);
    this.#names = Object.keys(spec.space);
    this.#values = this.#names.map((n) => axisValues(spec.space[n]));
    const size = this.#values.reduce((a, v) => a * v.length, 1);
    const order = searchIndices(size, spec.method, spec.samples, spec.seed);
    this.points = order.length;
    if (shard && !(shard.count >= 1 && shard.index >= 0 && shard.index < shard.count)) {
      throw new RangeError(
        `Search: expected 0 ≤ shard.index < shard.count, was ${JSON.stringify(shard)}`,
      );
    }
    const positions: number[] = [];
    for (let i = 0; i < order.length; i++) {
      if (!shard || i % shard.count === shard.index) positions.push(i);
    }
    this.#position = Int32Array.from(positions);
    this.#order = Int32Array.from(positions, (i) => order[i]);
    this.total = this.#order.length;
    this.#blocks = newBlockStats(this.total, spec.blocks);
  }

  /** Evaluates up to `count` more points; true when the search is complete. */
  step(count: number): boolean {
    const end = Math.min(this.total, this.done + count);
    for (; this.done < end; this.done++) {
      const point = gridPoint(this.#names, this.#values, this.#order[this.done]);
      const attempt = this.#runner.run({ ...this.spec.fixed, ...point });
      if (!attempt.ok) {
        this.#invalid++;
        this.#invalidExample ??= attempt.reason;
        continue;
      }
      const metrics = trialMetrics(this.#grid, attempt.out.equity, attempt.out.trades, {
        riskFreeRatePct: this.#runner.options.riskFreeRatePct,
        blocks: this.#blocks,
        trial: this.#trials.length,
      });
      this.#trials.push({
        index: this.#position[this.done],
        point,
        metrics,
        objective: objectiveValue(this.spec.objective, metrics),
        feasible: meetsConstraints(this.spec.constraints, metrics),
      });
    }
    return this.done >= this.total;
  }

  /** Runs any remaining points and returns them unranked. */
  part(): SearchPart {
    this.step(Infinity);
    return {
      points: this.total,
      trials: this.#trials,
      blocks: this.#blocks.data.slice(0, this.#trials.length * this.#blocks.blocks * 3),
      invalid: this.#invalid,
      invalidExample: this.#invalidExample,
    };
  }

  /** Runs any remaining points and computes the ranking, DSR and PBO. */
  result(): SearchResult {
    const part = this.part();
    return combineSearch(this.spec, [part], {
      strategy: this.#runner.strategy.name,
      durationMs: performance.now() - this.#t0,
    });
  }
}

/**
 * Merges the parts of a search (one per shard, or one for the whole search) and computes the
 * ranking, the deflated Sharpe ratio of the best trial over all N trials and PBO over them.
 * The result does not depend on how the points were split (only which rejection message is
 * quoted as `invalidExample` may differ).
 */
export function combineSearch(
  spec: SearchSpec,
  parts: readonly SearchPart[],
  { strategy = spec.strategy, durationMs = 0 }: { strategy?: string; durationMs?: number } = {},
): SearchResult {
  const width = spec.blocks * 3;
  const rows: { trial: Trial; part: number; row: number }[] = [];
  parts.forEach((p, k) => p.trials.forEach((trial, row) => rows.push({ trial, part: k, row })));
  rows.sort((a, b) => a.trial.index - b.trial.index);
  const trials = rows.map((r) => r.trial);
  const n = trials.length;
  const data = new Float64Array(n * width);
  rows.forEach((r, i) => {
    const src = parts[r.part].blocks;
    if (src.length < (r.row + 1) * width) {
      throw new RangeError(`combineSearch: part ${r.part} has too few block rows`);
    }
    data.set(src.subarray(r.row * width, (r.row + 1) * width), i * width);
  });
  const ranked = trials.filter((t) => t.feasible && !Number.isNaN(t.objective))
    .sort((a, b) => b.objective - a.objective || a.index - b.index);
  const best = ranked[0] ?? null;
  let dsr: DeflatedSharpe | null = null;
  if (best && Number.isFinite(best.metrics.sharpePerPeriod)) {
    const variance = finiteVariance(trials.map((t) => t.metrics.sharpePerPeriod));
    dsr = deflatedSharpe({
      sharpe: best.metrics.sharpePerPeriod,
      trials: n,
      sharpeVariance: Number.isFinite(variance) ? variance : 0,
      count: best.metrics.periodsCount,
      skew: best.metrics.skew,
      kurtosis: best.metrics.kurtosis,
    });
  }
  return {
    strategy,
    objective: spec.objective,
    method: spec.method,
    params: Object.keys(spec.space),
    points: parts.reduce((a, p) => a + p.points, 0),
    trialsRun: n,
    invalid: parts.reduce((a, p) => a + p.invalid, 0),
    invalidExample: parts.find((p) => p.invalidExample !== null)?.invalidExample ?? null,
    feasible: trials.filter((t) => t.feasible).length,
    trials,
    top: ranked.slice(0, spec.top),
    best,
    dsr,
    pbo: pboCscv({ trials: n, blocks: spec.blocks, data }, { seed: spec.seed }),
    durationMs,
  };
}

/** Runs a whole search synchronously, calling `onProgress(done, total)` every `every` points. */
export function optimize(
  input: Omit<SweepInput, "strategy">,
  spec: SearchSpec,
  { onProgress, every = 250 }: {
    onProgress?: (done: number, total: number) => void;
    every?: number;
  } = {},
): SearchResult {
  const s = new Search(input, spec);
  while (!s.step(every)) onProgress?.(s.done, s.total);
  onProgress?.(s.done, s.total);
  return s.result();
}

/**
 * As {@link optimize} but yields to the event loop between chunks (server jobs), and stops with
 * an AbortError when `signal` aborts.
 */
export async function optimizeAsync(
  input: Omit<SweepInput, "strategy">,
  spec: SearchSpec,
  { onProgress, every = 250, signal }: {
    onProgress?: (done: number, total: number) => void | Promise<void>;
    every?: number;
    signal?: AbortSignal;
  } = {},
): Promise<SearchResult> {
  const s = new Search(input, spec);
  while (!s.step(every)) {
    signal?.throwIfAborted();
    await onProgress?.(s.done, s.total);
    await new Promise((r) => setTimeout(r, 0));
  }
  await onProgress?.(s.done, s.total);
  return s.result();
}

/**
 * The objective over two searched parameters for a heatmap: cell `z[j][i]` is the best feasible
 * objective among trials with `x = xs[i]` and `y = ys[j]` (other parameters free), null when none.
 */
export function objectiveHeatmap(
  result: Pick<SearchResult, "trials">,
  x: string,
  y: string,
): { xs: ParamValue[]; ys: ParamValue[]; z: (number | null)[][] } {
  const xs = [...new Set(result.trials.map((t) => t.point[x]))].sort(cmp);
  const ys = [...new Set(result.trials.map((t) => t.point[y]))].sort(cmp);
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));
  const z: (number | null)[][] = ys.map(() => xs.map(() => null));
  for (const t of result.trials) {
    if (!t.feasible || Number.isNaN(t.objective)) continue;
    const i = xi.get(t.point[x]);
    const j = yi.get(t.point[y]);
    if (i === undefined || j === undefined) continue;
    const cur = z[j][i];
    if (cur === null || t.objective > cur) z[j][i] = t.objective;
  }
  return { xs, ys, z };
}

function cmp(a: ParamValue, b: ParamValue): number {
  return typeof a === "number" && typeof b === "number"
    ? a - b
    : String(a).localeCompare(String(b));
}
