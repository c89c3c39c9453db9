/**
 * JSON shapes of search and walk-forward results, shared by the CLI (`--json`), the API, the
 * queue job and the browser worker. Trials are stored as columns (one array per parameter and
 * metric) so a 10,000-trial search stays compact. Serialise with lib/http/json.ts so NaN and
 * Infinity become null.
 * @module
 */
import type { Stats } from "../backtest/stats.ts";
import type { Trade } from "../backtest/types.ts";
import type { DeflatedSharpe } from "./dsr.ts";
import { METRIC_NAMES, type MetricName, type TrialMetrics } from "./metrics.ts";
import type { SearchResult, Trial } from "./search.ts";
import type { ParamValue } from "./space.ts";
import type { ParamStability, WalkForwardResult, WalkForwardWindow } from "./walkforward.ts";

/** One trial as a row (top tables). */
export interface TrialJson {
  index: number;
  point: Record<string, ParamValue>;
  objective: number;
  feasible: boolean;
  metrics: TrialMetrics;
}

/** PBO without the per-split logits, plus a 20-bin histogram of them over [-5, 5]. */
export interface PboJson {
  pbo: number;
  splits: number;
  exact: boolean;
  trials: number;
  blocks: number;
  probOosLoss: number;
  logitHistogram: { from: number; to: number; counts: number[] };
}

/** A search result as JSON-ready data. */
export interface SearchJson {
  kind: "search";
  strategy: string;
  objective: string;
  method: "grid" | "random";
  params: string[];
  points: number;
  trialsRun: number;
  invalid: number;
  invalidExample: string | null;
  feasible: number;
  durationMs: number;
  best: TrialJson | null;
  top: TrialJson[];
  dsr: DeflatedSharpe | null;
  pbo: PboJson;
  /** Every trial as columns. */
  trials: {
    point: Record<string, ParamValue[]>;
    objective: number[];
    feasible: boolean[];
    metrics: Record<MetricName, number[]>;
  };
}

function trialJson(t: Trial): TrialJson {
  return {
    index: t.index,
    point: t.point,
    objective: t.objective,
    feasible: t.feasible,
    metrics: t.metrics,
  };
}

/** Converts a {@link SearchResult}. */
export function searchToJson(r: SearchResult): SearchJson {
  const point: Record<string, ParamValue[]> = {};
  for (const p of r.params) point[p] = r.trials.map((t) => t.point[p]);
  const metrics = {} as Record<MetricName, number[]>;
  for (const m of METRIC_NAMES) metrics[m] = r.trials.map((t) => t.metrics[m]);
  const lo = -5, hi = 5, bins = 20;
  const counts = new Array(bins).fill(0);
  for (const l of r.pbo.logits) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((l - lo) / (hi - lo)) * bins)));
    counts[b]++;
  }
  const { logits: _l, ...pbo } = r.pbo;
  return {
    kind: "search",
    strategy: r.strategy,
    objective: r.objective,
    method: r.method,
    params: r.params,
    points: r.points,
    trialsRun: r.trialsRun,
    invalid: r.invalid,
    invalidExample: r.invalidExample,
    feasible: r.feasible,
    durationMs: r.durationMs,
    best: r.best && trialJson(r.best),
    top: r.top.map(trialJson),
    dsr: r.dsr,
    pbo: { ...pbo, logitHistogram: { from: lo, to: hi, counts } },
    trials: {
      point,
      objective: r.trials.map((t) => t.objective),
      feasible: r.trials.map((t) => t.feasible),
      metrics,
    },
  };
}

/** A walk-forward result as JSON-ready data. */
export interface WalkForwardJson {
  kind: "walkforward";
  strategy: string;
  mode: "rolling" | "anchored";
  windows: WalkForwardWindow[];
  equity: { time: number[]; equity: number[] };
  stats: Stats;
  trades: Trade[];
  efficiency: number;
  stability: ParamStability[];
  durationMs: number;
}

/** Converts a {@link WalkForwardResult}. */
export function walkForwardToJson(r: WalkForwardResult): WalkForwardJson {
  return {
    kind: "walkforward",
    strategy: r.strategy,
    mode: r.mode,
    windows: r.windows,
    equity: { time: Array.from(r.equity.ts), equity: Array.from(r.equity.equity) },
    stats: r.stats,
    trades: r.trades,
    efficiency: r.efficiency,
    stability: r.stability,
    durationMs: r.durationMs,
  };
}

/**
 * The objective over two parameters from a {@link SearchJson} (as `objectiveHeatmap` does for
 * a live result): best feasible objective per cell, null where nothing feasible ran.
 */
export function heatmapOfJson(
  r: Pick<SearchJson, "trials">,
  x: string,
  y: string,
): { xs: ParamValue[]; ys: ParamValue[]; z: (number | null)[][] } {
  const px = r.trials.point[x] ?? [];
  const py = r.trials.point[y] ?? [];
  const cmp = (a: ParamValue, b: ParamValue) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
  const xs = [...new Set(px)].sort(cmp);
  const ys = [...new Set(py)].sort(cmp);
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));
  const z: (number | null)[][] = ys.map(() => xs.map(() => null));
  for (let k = 0; k < px.length; k++) {
    const o = r.trials.objective[k];
    if (!r.trials.feasible[k] || o === null || !Number.isFinite(o)) continue;
    const i = xi.get(px[k])!, j = yi.get(py[k])!;
    const cur = z[j][i];
    if (cur === null || o > cur) z[j][i] = o;
  }
  return { xs, ys, z };
}
