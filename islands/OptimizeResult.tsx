/**
 * A search result: the objective heatmap over two chosen parameters, the top results, and the
 * overfitting diagnostics (deflated Sharpe ratio, PBO with its logit histogram).
 */
import { useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import type uPlot from "uplot";
import { heatmapOfJson, type SearchJson } from "../lib/optimize/serialize.ts";
import {
  axes,
  dataSig,
  fmtNumber,
  num,
  paintHeatmap,
  pct,
  steppedPath,
  themeColors,
  usePlot,
} from "./BacktestCharts.ts";

/** Reads a DSR/PBO number as a verdict. */
export function verdict(dsr: number | null | undefined, pbo: number | null | undefined): string {
  const d = dsr ?? NaN, p = pbo ?? NaN;
  if (!Number.isFinite(d) && !Number.isFinite(p)) return "Not enough trials to judge";
  if (d >= 0.95 && p < 0.2) return "The best result is unlikely to be luck alone";
  if (d < 0.5 || p > 0.5) return "The best result is likely an artefact of the search";
  return "Inconclusive: treat the best result with caution";
}

/** A stored optimisation as GET /api/v1/optimizations lists it. */
export interface SavedOptimization {
  id: string;
  name: string;
  kind: "search" | "walkforward";
  status: "queued" | "running" | "done" | "failed";
  /** 0–1. */
  progress: number;
  strategy: string;
  symbols: string[];
  /** Unix ms. */
  createdAt: number;
  error?: string;
  /**
   * Search: `{ best, objective, trialsRun, dsr, pbo }`; walk-forward: `{ windows, efficiency,
   * oosReturnPct }` (lib/optimize/jobs.ts).
   */
  summary?: Record<string, unknown>;
}

const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/**
 * One line for the saved-optimisations table: a search's best parameters, objective, trial
 * count, DSR and PBO ("fast 10, slow 30 · objective 1.234 · 25 trials · DSR 0.91 · PBO 0.12"),
 * a walk-forward's windows, efficiency and out-of-sample return; "" while there is no summary.
 */
export function savedSummary(s: Pick<SavedOptimization, "kind" | "summary">): string {
  const m = s.summary;
  if (!m) return "";
  const parts: string[] = [];
  if (s.kind === "search") {
    const best = m.best && typeof m.best === "object" ? m.best as Record<string, unknown> : null;
    parts.push(
      best
        ? Object.entries(best).map(([k, v]) => `${k} ${paramLabel(v)}`).join(", ")
        : "nothing feasible",
    );
    if (finite(m.objective)) parts.push(`objective ${m.objective.toFixed(3)}`);
    if (finite(m.trialsRun)) parts.push(`${m.trialsRun.toLocaleString("en-US")} trials`);
    if (finite(m.dsr)) parts.push(`DSR ${m.dsr.toFixed(2)}`);
    if (finite(m.pbo)) parts.push(`PBO ${m.pbo.toFixed(2)}`);
  } else {
    if (finite(m.windows)) parts.push(`${m.windows} windows`);
    if (finite(m.efficiency)) parts.push(`efficiency ${m.efficiency.toFixed(2)}`);
    if (finite(m.oosReturnPct)) parts.push(`OOS ${m.oosReturnPct.toFixed(1)}%`);
  }
  return parts.join(" · ");
}

/** Column labels of the objectives, and the metric column each one repeats (if shown). */
export const OBJECTIVE_LABELS: Record<string, { label: string; metric?: string }> = {
  sharpe: { label: "Sharpe", metric: "sharpe" },
  return: { label: "Return %", metric: "returnPct" },
  sqn: { label: "SQN", metric: "sqn" },
  calmar: { label: "Calmar", metric: "calmar" },
  sortino: { label: "Sortino" },
  cagr: { label: "CAGR %" },
};

/** The metric columns of the top-results table: key, label, decimals. */
const TOP_METRICS: [string, string, number][] = [
  ["returnPct", "Return %", 2],
  ["sharpe", "Sharpe", 3],
  ["maxDrawdownPct", "Max DD %", 2],
  ["trades", "Trades", 0],
  ["sqn", "SQN", 2],
  ["calmar", "Calmar", 2],
];

/**
 * Indices of at most `max` evenly spaced ticks over `n` cells, always including the first and
 * the last: `tickIndices(30, 6)` is `[0, 6, 12, 18, 24, 29]`.
 */
export function tickIndices(n: number, max: number): number[] {
  if (n <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil((n - 1) / Math.max(1, max - 1));
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += step) out.push(i);
  if (n - 1 - out[out.length - 1] < step / 2) out.pop();
  out.push(n - 1);
  return out;
}

/** A parameter value as a tick label, without floating-point noise. */
function paramLabel(v: unknown): string {
  return typeof v === "number" ? String(Number(v.toPrecision(6))) : String(v ?? "");
}

export function Diagnostics({ result }: { result: Pick<SearchJson, "dsr" | "pbo" | "trialsRun"> }) {
  const { dsr, pbo } = result;
  const hist = useMemo<uPlot.AlignedData | null>(() => {
    const h = pbo.logitHistogram;
    if (!h || pbo.splits === 0) return null;
    const w = (h.to - h.from) / h.counts.length;
    const xs = h.counts.map((_, i) => h.from + i * w);
    return [[...xs, h.to], [...h.counts.map((c) => c / pbo.splits), 0]];
  }, [result]);
  const ref = usePlot(hist, () => {
    const c = themeColors();
    return {
      height: 140,
      legend: { show: false },
      scales: { x: { time: false } },
      series: [{}, {
        stroke: c.warn,
        fill: c.warn + "44",
        paths: steppedPath(),
        points: { show: false },
      }],
      axes: axes((v) => v.toFixed(2), false),
    };
  });
  return (
    <section class="panel diag" id="opt-diagnostics">
      <h2>Overfitting diagnostics</h2>
      <div class="cards">
        <div class="metric">
          <span class="label">Deflated Sharpe ratio</span>
          <span class="value" id="opt-dsr">{num(dsr?.dsr, 3)}</span>
        </div>
        <div class="metric">
          <span class="label">Prob. of backtest overfitting</span>
          <span class="value" id="opt-pbo">{num(pbo.pbo, 3)}</span>
        </div>
        <div class="metric">
          <span class="label">Trials (N)</span>
          <span class="value">{result.trialsRun}</span>
        </div>
      </div>
      <p id="opt-verdict">
        <strong>{verdict(dsr?.dsr, pbo.pbo)}.</strong>
      </p>
      <p class="muted small">
        DSR (Bailey & López de Prado 2014): the probability that the best trial's true Sharpe is
        above the {num(dsr?.expectedMaxSharpe, 4)} per-period Sharpe that the best of{" "}
        {dsr?.trials ?? result.trialsRun} skill-less trials would show; its own is{" "}
        {num(dsr?.sharpe, 4)} over {dsr?.count ?? "–"} periods (skew {num(dsr?.skew)}, kurtosis{" "}
        {num(dsr?.kurtosis)}); PSR without deflation {num(dsr?.psr, 3)}. PBO (CSCV, {pbo.blocks}
        {" "}
        blocks, {pbo.splits}{" "}
        {pbo.exact ? "" : "sampled "}splits): how often the in-sample winner ranks below the
        out-of-sample median; its out-of-sample Sharpe was negative in {pct(pbo.probOosLoss * 100)}
        {" "}
        of splits. Below: logits λ of the winner's out-of-sample rank (λ &lt; 0 counts toward PBO).
      </p>
      <div ref={ref} id="opt-logits" class="chart" />
    </section>
  );
}

export default function OptimizeResult({ result }: { result: SearchJson }) {
  const params = result.params;
  const x = useSignal(params[0] ?? "");
  const y = useSignal(params[1] ?? params[0] ?? "");
  const canvas = useRef<HTMLCanvasElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const range = useSignal<[number, number] | null>(null);
  const map = useMemo(() => heatmapOfJson(result, x.value, y.value), [result, x.value, y.value]);
  const objective = OBJECTIVE_LABELS[result.objective] ?? { label: result.objective };
  // the objective's own column already shows its metric
  const metrics = TOP_METRICS.filter(([key]) => key !== objective.metric);

  useEffect(() => {
    const c = canvas.current, w = wrap.current;
    if (!c || !w) return;
    const draw = () => {
      const width = Math.max(160, Math.min(w.clientWidth, 720));
      range.value = paintHeatmap(c, map.z, width, Math.round(width * 0.6));
      c.dataset.sig = dataSig(map.z.map((row) => row.map((v) => v ?? NaN)));
    };
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(w);
    return () => ro.disconnect();
  }, [map]);

  const cellAt = (e: MouseEvent) => {
    const c = canvas.current!;
    const rect = c.getBoundingClientRect();
    const i = Math.floor(((e.clientX - rect.left) / rect.width) * map.xs.length);
    const j = map.ys.length - 1 -
      Math.floor(((e.clientY - rect.top) / rect.height) * map.ys.length);
    const v = map.z[j]?.[i];
    c.title = v === undefined
      ? ""
      : `${x.value}=${map.xs[i]}, ${y.value}=${map.ys[j]}: ${num(v, 3)}`;
  };

  return (
    <div class="optimize-result" id="opt-result">
      <section class="panel">
        <h2>{objective.label} over {x.value} × {y.value}</h2>
        <p class="muted small">
          {result.trialsRun.toLocaleString()} backtests ({result.invalid.toLocaleString()}{" "}
          parameter sets rejected by the strategy{result.invalidExample
            ? `: ${result.invalidExample}`
            : ""}), {result.feasible.toLocaleString()} meet the constraints; computed in{" "}
          {(result.durationMs / 1000).toFixed(2)}{" "}
          s. Each cell: the best objective over the other parameters; grey: nothing feasible.
        </p>
        {params.length > 1 && (
          <div class="form-row">
            <label>
              X
              <select
                id="opt-hx"
                value={x.value}
                onChange={(e) => (x.value = e.currentTarget.value)}
              >
                {params.map((p) => <option value={p}>{p}</option>)}
              </select>
            </label>
            <label>
              Y
              <select
                id="opt-hy"
                value={y.value}
                onChange={(e) => (y.value = e.currentTarget.value)}
              >
                {params.map((p) => <option value={p}>{p}</option>)}
              </select>
            </label>
          </div>
        )}
        <div class="heatmap-frame">
          <div class="hm-ytitle">{y.value}</div>
          <div class="hm-yticks" aria-hidden="true">
            {tickIndices(map.ys.length, 8).map((j) => (
              <span style={{ bottom: `${((j + 0.5) / map.ys.length) * 100}%` }}>
                {paramLabel(map.ys[j])}
              </span>
            ))}
          </div>
          <div class="heatmap-wrap" ref={wrap}>
            <canvas id="opt-heatmap" ref={canvas} onMouseMove={cellAt} />
          </div>
          <div class="hm-xticks" aria-hidden="true">
            {tickIndices(map.xs.length, 8).map((i) => (
              <span style={{ left: `${((i + 0.5) / map.xs.length) * 100}%` }}>
                {paramLabel(map.xs[i])}
              </span>
            ))}
          </div>
          <div class="hm-xtitle">{x.value}</div>
        </div>
        <div class="hm-legend" id="opt-legend">
          <span>{objective.label}:</span>
          <span class="num">{num(range.value?.[0], 3)}</span>
          <span class="hm-ramp" aria-hidden="true" />
          <span class="num">{num(range.value?.[1], 3)}</span>
          <span class="hm-none" aria-hidden="true" />
          <span>nothing feasible</span>
        </div>
        <p class="sr-only">
          {x.value} from {paramLabel(map.xs[0])} to {paramLabel(map.xs.at(-1))} (left to right);
          {" "}
          {y.value} from {paramLabel(map.ys[0])} to {paramLabel(map.ys.at(-1))}{" "}
          (bottom to top); colour from {num(range.value?.[0], 3)} (red) to{" "}
          {num(range.value?.[1], 3)} (green).
        </p>
      </section>
      <Diagnostics result={result} />
      <section class="panel">
        <h2>Top results</h2>
        <div class="table-wrap">
          <table id="opt-top">
            <thead>
              <tr>
                <th class="num">#</th>
                {params.map((p) => <th class="num">{p}</th>)}
                <th class="num" title="The objective the search maximised">
                  {objective.label} (objective)
                </th>
                {metrics.map(([, label]) => <th class="num">{label}</th>)}
              </tr>
            </thead>
            <tbody>
              {result.top.map((t, i) => (
                <tr>
                  <td class="num">{i + 1}</td>
                  {params.map((p) => <td class="num">{paramLabel(t.point[p])}</td>)}
                  <td class="num">
                    <strong>{fmtNumber(t.objective, 3)}</strong>
                  </td>
                  {metrics.map(([key, , digits]) => (
                    <td class="num">
                      {fmtNumber((t.metrics as unknown as Record<string, number>)[key], digits)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {result.top.length === 0 && <p class="muted">No parameter set meets the constraints.</p>}
        </div>
      </section>
    </div>
  );
}
