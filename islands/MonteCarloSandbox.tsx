/**
 * The Monte Carlo sandbox: resample the trades of a saved backtest or an uploaded trade list, or
 * simulate parametric trades, and see the fan chart of equity percentiles, equal-width histograms
 * of every path's maximum drawdown (with the ruin threshold marked) and CAGR, the risk of ruin
 * and the time to recover. Everything runs in the
 * browser on core.wasm (lib/montecarlo's kernel), loaded once when the island hydrates, so the
 * page keeps recomputing as knobs move even when the server is gone: nothing is fetched after
 * load.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import type uPlot from "uplot";
import type { Kernels } from "../core-wasm/mod.ts";
import type {
  Distribution,
  MonteCarloConfig,
  MonteCarloResult,
  ResampleMode,
  RuinMode,
} from "../lib/montecarlo/simulate.ts";
import { parseTradesCsv } from "../lib/montecarlo/trades_csv.ts";
import { type Histogram, monteCarloHistograms } from "../lib/montecarlo/histogram.ts";
import {
  axes,
  barsPath,
  fmtNumber,
  pct,
  type PlotOptions,
  themeColors,
  usePlot,
  withAlpha,
} from "./BacktestCharts.ts";

/** Bins of the drawdown and CAGR histograms. */
export const HISTOGRAM_BINS = 30;

/**
 * A saved trade list: a backtest's trade returns (percent, compounding) or an audit's net PnL
 * per closed strategy (currency, additive from the account size).
 */
export interface TradeListSource {
  id: string;
  name: string;
  returns: number[];
  kind?: "backtest" | "audit";
  /** false: the values are PnL in currency, added to the equity (default true). */
  compounding?: boolean;
  /** Starting equity for additive PnL (default 10,000). */
  initialEquity?: number;
}

export interface MonteCarloSandboxProps {
  sources: TradeListSource[];
  /** Id of the saved source to start with (e.g. `audit-<id>`, from `/montecarlo?source=`). */
  initialSource?: string;
}

/** The knobs. */
export interface SandboxInputs {
  /** "parametric", "upload" or a saved backtest id prefixed with "bt:". */
  source: string;
  winRatePct: number;
  payoff: number;
  riskPct: number;
  tradesPerYear: number;
  years: number;
  mode: ResampleMode;
  skipPct: number;
  slippagePct: number;
  winRateJitterPct: number;
  paths: number;
  seed: number;
  ruinThresholdPct: number;
  ruinMode: RuinMode;
}

export const DEFAULT_INPUTS: SandboxInputs = {
  source: "parametric",
  winRatePct: 45,
  payoff: 2,
  riskPct: 1,
  tradesPerYear: 100,
  years: 3,
  mode: "bootstrap",
  skipPct: 5,
  slippagePct: 0,
  winRateJitterPct: 0,
  paths: 2000,
  seed: 1,
  ruinThresholdPct: -30,
  ruinMode: "drawdown",
};

/**
 * Builds the kernel config from the knobs. Parametric: a win gains `payoff × risk` %, a loss
 * costs `risk` %, `tradesPerYear × years` trades per path. Trade lists: each trade's return
 * minus the extra slippage, resampled with `mode`; CAGR counts `tradesPerYear` trades a year.
 */
export function configOf(
  inp: SandboxInputs,
  trades: number[] | null,
  compounding = true,
  initialEquity = 10_000,
): MonteCarloConfig | { error: string } {
  const common = {
    paths: inp.paths,
    seed: inp.seed,
    initialEquity: inp.source === "parametric" ? 10_000 : initialEquity,
    compounding: inp.source === "parametric" ? true : compounding,
    ruinThresholdPct: inp.ruinThresholdPct,
    ruinMode: inp.ruinMode,
    periodsPerYear: inp.tradesPerYear,
    samplePaths: 0,
    perPath: true, // for the histograms
  };
  if (inp.source === "parametric") {
    return {
      ...common,
      source: {
        kind: "parametric",
        winRate: inp.winRatePct / 100,
        avgWin: inp.payoff * inp.riskPct,
        avgLoss: inp.riskPct,
        tradesPerPath: Math.max(1, Math.round(inp.tradesPerYear * inp.years)),
        winRateJitter: inp.winRateJitterPct / 100,
        slippage: inp.slippagePct,
      },
    };
  }
  if (!trades || trades.length === 0) {
    return { error: "Choose a trade list with at least one trade" };
  }
  const adjusted = Float64Array.from(trades, (r) => r - inp.slippagePct);
  const fixed = inp.mode === "reshuffle" || inp.mode === "skip";
  return {
    ...common,
    source: {
      kind: "trades",
      trades: adjusted,
      mode: inp.mode,
      tradesPerPath: fixed
        ? adjusted.length
        : Math.min(10_000, Math.max(1, Math.round(inp.tradesPerYear * inp.years))),
      skipPct: inp.skipPct,
    },
  };
}

/**
 * uPlot data for a histogram drawn as bars: x = bin centres, y = share of the counted values in
 * each bin, in %.
 */
export function histogramBars(h: Histogram): [Float64Array, Float64Array] {
  const n = h.counts.length;
  const total = Math.max(1, h.counted);
  const x = Float64Array.from({ length: n }, (_, i) => (h.edges[i] + h.edges[i + 1]) / 2);
  const y = Float64Array.from(h.counts, (c) => (c / total) * 100);
  return [x, y];
}

/** Formats an axis value without floating-point noise (0.30000000000000004 -> 0.3). */
function tick(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** Props of a numeric knob (NumberInput, Slider): `onInput` gets the new value. */
interface KnobProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onInput: (v: number) => void;
  disabled?: boolean;
}

/** A headline figure: `label` above `children` in `#id` (the tests read the value by id). */
function Metric({ label, id, children }: { label: string; id: string; children: string }) {
  return (
    <div class="metric">
      <span class="label">{label}</span>
      <span class="value" id={id}>{children}</span>
    </div>
  );
}

function NumberInput({ id, label, value, min, max, step, onInput, disabled }: KnobProps) {
  return (
    <label>
      {label}
      <input
        id={id}
        type="number"
        value={value}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        onInput={(e) => {
          const v = Number(e.currentTarget.value);
          if (e.currentTarget.value !== "" && Number.isFinite(v)) onInput(v);
        }}
      />
    </label>
  );
}

function Slider(
  { id, label, value, min, max, step, unit, onInput, disabled }: KnobProps & { unit: string },
) {
  return (
    <label>
      <span class="label-line">
        {label} <output for={id}>{value}{unit}</output>
      </span>
      <input
        id={id}
        type="range"
        value={value}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        onInput={(e) => onInput(Number(e.currentTarget.value))}
      />
    </label>
  );
}

export default function MonteCarloSandbox({ sources, initialSource }: MonteCarloSandboxProps) {
  const start = initialSource && sources.some((x) => x.id === initialSource)
    ? { ...DEFAULT_INPUTS, source: "bt:" + initialSource }
    : DEFAULT_INPUTS;
  const inputs = useSignal<SandboxInputs>(start);
  const uploaded = useSignal<{ name: string; returns: number[]; compounding: boolean } | null>(
    null,
  );
  const uploadError = useSignal<string | null>(null);
  const kernels = useSignal<Kernels | null>(null);
  const result = useSignal<MonteCarloResult | null>(null);
  const error = useSignal<string | null>(null);
  const elapsed = useSignal(0);

  // Load the WASM kernels once, up front: recomputing never touches the network.
  useEffect(() => {
    import("../core-wasm/mod.ts").then(async ({ loadKernels }) => {
      kernels.value = await loadKernels();
    });
  }, []);

  const set = (patch: Partial<SandboxInputs>) => (inputs.value = { ...inputs.value, ...patch });
  const inp = inputs.value;
  const saved = inp.source.startsWith("bt:")
    ? sources.find((s) => "bt:" + s.id === inp.source) ?? null
    : null;
  const trades = inp.source === "upload" ? uploaded.value?.returns ?? null : saved?.returns ?? null;

  // Recompute on every change, at most once per animation frame.
  useEffect(() => {
    const k = kernels.value;
    if (!k) return;
    const frame = requestAnimationFrame(() => {
      const cfg = configOf(
        inp,
        trades,
        inp.source === "upload" ? uploaded.value?.compounding ?? true : saved?.compounding ?? true,
        saved?.initialEquity ?? 10_000,
      );
      if ("error" in cfg) {
        error.value = cfg.error;
        result.value = null;
        return;
      }
      try {
        const t0 = performance.now();
        result.value = k.monteCarlo(cfg);
        elapsed.value = performance.now() - t0;
        error.value = null;
      } catch (err) {
        error.value = (err as Error).message;
        result.value = null;
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [kernels.value, inp, trades]);

  const r = result.value;
  const fan = useMemo<uPlot.AlignedData | null>(() => {
    if (!r) return null;
    const x = Float64Array.from({ length: r.steps + 1 }, (_, i) => i);
    return [x, r.bands.p5, r.bands.p25, r.bands.p50, r.bands.p75, r.bands.p95];
  }, [r]);
  const hists = useMemo(() => (r?.perPath ? monteCarloHistograms(r, HISTOGRAM_BINS) : null), [r]);
  const ddHist = useMemo<uPlot.AlignedData | null>(
    () => (hists ? histogramBars(hists.maxDrawdownPct) : null),
    [hists],
  );
  const cagrHist = useMemo<uPlot.AlignedData | null>(
    () => (hists ? histogramBars(hists.cagrPct) : null),
    [hists],
  );
  // the ruin threshold as a drawdown depth in %, marked on the drawdown histogram
  const ruinDd = r ? -r.ruin.thresholdPct : -inp.ruinThresholdPct;
  const deepPaths = r?.perPath ? r.perPath.maxDrawdown.filter((x) => x >= ruinDd / 100).length : 0;

  const fanRef = usePlot(fan, () => {
    const c = themeColors();
    return {
      height: 280,
      scales: { x: { time: false } },
      series: [
        { label: "Trade" },
        { label: "5%", stroke: c.down, width: 1 },
        { label: "25%", stroke: c.accent, width: 1 },
        { label: "Median", stroke: c.fg, width: 2 },
        { label: "75%", stroke: c.accent, width: 1 },
        { label: "95%", stroke: c.up, width: 1 },
      ],
      bands: [
        { series: [5, 1], fill: withAlpha(c.accent, 0.1) },
        { series: [4, 2], fill: withAlpha(c.accent, 0.18) },
      ],
      axes: axes((v) => v.toLocaleString("en-US", { maximumFractionDigits: 0 }), false),
    };
  });
  const histOptions = (
    label: string,
    tone: "up" | "down",
    h: Histogram | undefined,
    marker?: { at: number; label: string },
  ) =>
  (): PlotOptions => {
    // theme colours are read at draw time; usePlot redraws when the theme changes
    const c = themeColors();
    const color = c[tone];
    const [ax, ay] = axes((v) => tick(v) + "%", false);
    // bars are centred on the bins: show the whole outer bins, and the marker even when no
    // path comes near it
    let lo = h ? h.edges[0] : 0;
    let hi = h ? h.edges[h.edges.length - 1] : 1;
    if (marker) {
      lo = Math.min(lo, marker.at);
      hi = Math.max(hi, marker.at);
    }
    const pad = (hi - lo) * 0.02 || 0.5;
    return {
      height: 200,
      scales: { x: { time: false, range: () => [lo - pad, hi + pad] } },
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label },
        {
          label: "Share of paths",
          stroke: color,
          fill: withAlpha(color, 0.8),
          width: 0,
          paths: barsPath(0.92),
          points: { show: false },
        },
      ],
      axes: [{ ...ax, values: (_u: uPlot, v: number[]) => v.map((x) => tick(x) + "%") }, ay],
      hooks: marker
        ? {
          draw: [(u: uPlot) => {
            const ctx = u.ctx;
            const dpr = devicePixelRatio || 1;
            const x = Math.round(u.valToPos(marker.at, "x", true));
            const { top, height } = u.bbox;
            ctx.save();
            ctx.strokeStyle = c.accent;
            ctx.lineWidth = 2 * dpr;
            ctx.setLineDash([6 * dpr, 4 * dpr]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            ctx.fillStyle = c.accent;
            ctx.font = `${12 * dpr}px sans-serif`;
            const right = x > u.bbox.left + u.bbox.width * 0.7;
            ctx.textAlign = right ? "right" : "left";
            ctx.fillText(marker.label, x + (right ? -6 : 6) * dpr, top + 14 * dpr);
            ctx.restore();
            (u.root.parentElement as HTMLElement).dataset.markerX = String(x);
          }],
        }
        : {},
    };
  };
  const ddRef = usePlot(
    ddHist,
    histOptions("Max drawdown %", "down", hists?.maxDrawdownPct, {
      at: ruinDd,
      label: `ruin ${ruinDd}%`,
    }),
  );
  const cagrRef = usePlot(cagrHist, histOptions("CAGR %", "up", hists?.cagrPct));

  async function onUpload(file: File | undefined) {
    if (!file) return;
    const parsed = parseTradesCsv(await file.text());
    if (!parsed.ok) {
      uploadError.value = parsed.message;
      return;
    }
    const col = parsed.trades;
    uploaded.value = {
      name: file.name,
      returns: Array.from(col.values),
      compounding: col.compounding,
    };
    uploadError.value = col.compounding
      ? null
      : "PnL column: trades add currency to a 10,000 start (slippage is in currency too)";
    set({ source: "upload" });
  }

  const parametric = inp.source === "parametric";
  return (
    <div class="mc-sandbox research" data-ready={kernels.value ? "true" : "false"}>
      <form class="panel research-form" onSubmit={(e) => e.preventDefault()}>
        <div class="form-row">
          <label>
            Trades from
            <select
              id="mc-source"
              value={inp.source}
              onChange={(e) => set({ source: e.currentTarget.value })}
            >
              <option value="parametric">Parametric (win rate, payoff, risk)</option>
              <option value="upload">
                {uploaded.value ? `Uploaded: ${uploaded.value.name}` : "Uploaded trade list"}
              </option>
              {sources.map((s) => (
                <option value={"bt:" + s.id}>
                  {s.kind === "audit" ? "Audit" : "Backtest"}: {s.name} ({s.returns.length}{" "}
                  {s.kind === "audit" ? "closed trades, PnL" : "trades"})
                </option>
              ))}
            </select>
          </label>
          <label>
            Upload trades (CSV)
            <input
              id="mc-upload"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => onUpload(e.currentTarget.files?.[0])}
            />
          </label>
          <label>
            Resampling
            <select
              id="mc-mode"
              value={inp.mode}
              disabled={parametric}
              onChange={(e) => set({ mode: e.currentTarget.value as ResampleMode })}
            >
              <option value="bootstrap">Bootstrap (with replacement)</option>
              <option value="reshuffle">Reshuffle (permutation)</option>
              <option value="block">Block bootstrap</option>
              <option value="skip">Skip trades at random</option>
            </select>
          </label>
        </div>
        <div class="form-row">
          <Slider
            id="mc-winrate"
            label="Win rate"
            unit="%"
            value={inp.winRatePct}
            min={5}
            max={95}
            step={1}
            disabled={!parametric}
            onInput={(v) => set({ winRatePct: v })}
          />
          <NumberInput
            id="mc-payoff"
            label="Payoff ratio"
            value={inp.payoff}
            min={0.1}
            max={20}
            step={0.1}
            disabled={!parametric}
            onInput={(v) => set({ payoff: v })}
          />
          <NumberInput
            id="mc-risk"
            label="Risk per trade %"
            value={inp.riskPct}
            min={0.1}
            max={50}
            step={0.1}
            disabled={!parametric}
            onInput={(v) => set({ riskPct: v })}
          />
          <NumberInput
            id="mc-tpy"
            label="Trades per year"
            value={inp.tradesPerYear}
            min={1}
            max={2000}
            step={1}
            onInput={(v) => set({ tradesPerYear: v })}
          />
          <NumberInput
            id="mc-years"
            label="Years"
            value={inp.years}
            min={0.1}
            max={50}
            step={0.5}
            onInput={(v) => set({ years: v })}
          />
        </div>
        <div class="form-row">
          <Slider
            id="mc-slippage"
            label="Extra slippage per trade"
            unit="%"
            value={inp.slippagePct}
            min={0}
            max={1}
            step={0.01}
            onInput={(v) => set({ slippagePct: v })}
          />
          <Slider
            id="mc-jitter"
            label="Win-rate variation ±"
            unit="%"
            value={inp.winRateJitterPct}
            min={0}
            max={20}
            step={1}
            disabled={!parametric}
            onInput={(v) => set({ winRateJitterPct: v })}
          />
          <Slider
            id="mc-skip"
            label="Skipped trades"
            unit="%"
            value={inp.skipPct}
            min={1}
            max={10}
            step={1}
            disabled={parametric || inp.mode !== "skip"}
            onInput={(v) => set({ skipPct: v })}
          />
        </div>
        <div class="form-row">
          <Slider
            id="mc-ruin"
            label="Ruin threshold"
            unit="%"
            value={inp.ruinThresholdPct}
            min={-90}
            max={-5}
            step={5}
            onInput={(v) => set({ ruinThresholdPct: v })}
          />
          <label>
            Ruin means
            <select
              id="mc-ruin-mode"
              value={inp.ruinMode}
              onChange={(e) => set({ ruinMode: e.currentTarget.value as RuinMode })}
            >
              <option value="drawdown">a drawdown from the peak this deep</option>
              <option value="capital">equity this far below the start</option>
            </select>
          </label>
          <NumberInput
            id="mc-paths"
            label="Paths"
            value={inp.paths}
            min={100}
            max={20000}
            step={100}
            onInput={(v) => set({ paths: Math.round(v) })}
          />
          <NumberInput
            id="mc-seed"
            label="Seed"
            value={inp.seed}
            min={0}
            max={1e9}
            step={1}
            onInput={(v) => set({ seed: Math.round(v) })}
          />
        </div>
        {uploadError.value && <p class="alert warn" id="mc-upload-error">{uploadError.value}</p>}
      </form>

      {error.value && <p class="alert error" id="mc-error">{error.value}</p>}
      <div class="cards" id="mc-stats">
        <Metric label="Risk of ruin" id="mc-ruin-prob">
          {r ? pct(r.ruin.probability * 100, 2) : "…"}
        </Metric>
        <Metric label="Median CAGR" id="mc-cagr">{r ? pct(r.cagrPct.p50) : "…"}</Metric>
        <Metric label="Median max drawdown" id="mc-maxdd">
          {r ? pct(-r.maxDrawdownPct.p50) : "…"}
        </Metric>
        <Metric label="Median final equity" id="mc-final">
          {r ? fmtNumber(r.finalEquity.p50, 0) : "…"}
        </Metric>
      </div>
      <section class="panel">
        <h2>Equity percentiles (5, 25, 50, 75, 95)</h2>
        <div ref={fanRef} id="mc-fan" class="chart" />
        <p class="muted small">
          {r
            ? `${fmtNumber(r.paths, 0)} paths × ${fmtNumber(r.steps, 0)} trades in ${
              elapsed.value.toFixed(0)
            } ms (${kernels.value?.backend ?? ""})`
            : kernels.value
            ? ""
            : "Loading the WASM kernels…"}
        </p>
      </section>
      <div class="grid research-2col">
        <section class="panel">
          <h2>Maximum drawdown</h2>
          <div
            ref={ddRef}
            id="mc-dd-hist"
            class="chart"
            data-counts={hists ? Array.from(hists.maxDrawdownPct.counts).join(",") : undefined}
            data-marker={String(ruinDd)}
          />
          <p class="muted small">
            Share of paths in {HISTOGRAM_BINS}{" "}
            equal-width bins of each path's deepest fall from a running peak (the peak includes the
            start). Dashed line: the ruin threshold; {r
              ? `${fmtNumber(deepPaths, 0)} of ${fmtNumber(r.paths, 0)} paths (${
                pct((deepPaths / r.paths) * 100, 1).replace("+", "")
              }) fell at least ${ruinDd}% below a peak${
                r.ruin.mode === "drawdown"
                  ? ", which is exactly the paths counted as ruined."
                  : "; ruin here counts only those that also fell that far below the start."
              }`
              : ""}
          </p>
        </section>
        <section class="panel">
          <h2>CAGR</h2>
          <div
            ref={cagrRef}
            id="mc-cagr-hist"
            class="chart"
            data-counts={hists ? Array.from(hists.cagrPct.counts).join(",") : undefined}
          />
          <p class="muted small">
            Share of paths in {HISTOGRAM_BINS}{" "}
            equal-width bins of each path's compound annual growth rate.
          </p>
        </section>
      </div>
      {r && (
        <section class="panel">
          <h2>Distributions</h2>
          <div class="table-wrap">
            <table id="mc-table">
              <thead>
                <tr>
                  <th></th>
                  <th class="num">5%</th>
                  <th class="num">25%</th>
                  <th class="num">Median</th>
                  <th class="num">75%</th>
                  <th class="num">95%</th>
                  <th class="num">Mean</th>
                </tr>
              </thead>
              <tbody>
                {([
                  ["Max drawdown %", r.maxDrawdownPct, 1],
                  ["CAGR %", r.cagrPct, 1],
                  ["Final equity", r.finalEquity, 0],
                  ["Trades to recover", r.recovery, 0],
                ] as [string, Distribution, number][]).map(([label, d, digits]) => (
                  <tr>
                    <td>{label}</td>
                    {[d.p5, d.p25, d.p50, d.p75, d.p95, d.mean].map((x) => (
                      <td class="num">{fmtNumber(x, digits)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="muted small">
            Time to recover counts trades from the deepest trough back to the peak before it:{" "}
            {fmtNumber(r.recovery.recovered, 0)} paths recovered,{" "}
            {fmtNumber(r.recovery.censored, 0)} never did, {fmtNumber(r.recovery.noDrawdown, 0)}
            {" "}
            had no drawdown. Ruin: {fmtNumber(r.ruin.paths, 0)} of {fmtNumber(r.paths, 0)} paths
            {" "}
            {r.ruin.mode === "drawdown"
              ? `fell ${-r.ruin.thresholdPct}% below a peak`
              : `ended up ${-r.ruin.thresholdPct}% below the start at some point`}.
          </p>
        </section>
      )}
    </div>
  );
}
