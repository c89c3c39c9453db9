/**
 * Options calculator island: price, Greeks, implied vol and a payoff chart. After hydration every
 * number is computed in the browser by core.wasm (loaded once from /static/build/core.wasm), so
 * the calculator keeps working when the server goes away; until then (and without JS) it shows
 * the server-rendered numbers. `data-backend` on the root says which engine ran last.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type uPlot from "uplot";
import type { Kernels } from "../core-wasm/mod.ts";
import { type Greeks, greeksAt, toBatch } from "../lib/options/bsm.ts";
import { type IvResult, ivResultAt, toIvBatch } from "../lib/options/iv.ts";

/** Calculator inputs as the form shows them: percentages and calendar days. */
export interface CalculatorInputs {
  type: "call" | "put";
  style: "european" | "american";
  spot: number;
  strike: number;
  /** Percent per year. */
  ratePct: number;
  /** Percent per year. */
  volPct: number;
  /** Percent per year. */
  dividendPct: number;
  /** Calendar days to expiry (time = days / 365). */
  days: number;
  /** Observed option price for the implied vol (optional). */
  marketPrice: number | null;
}

/** Props: the starting inputs and the server's numbers for them (first paint). */
export interface OptionsCalculatorProps {
  initial: CalculatorInputs;
  result: { greeks: Greeks; iv: IvResult | null };
}

/** The contract the kernels see (decimals and years). */
export function toContract(i: CalculatorInputs) {
  return {
    type: i.type,
    spot: i.spot,
    strike: i.strike,
    rate: i.ratePct / 100,
    vol: i.volPct / 100,
    time: i.days / 365,
    dividend: i.dividendPct / 100,
  };
}

/** Whether the inputs describe a contract the kernels accept. */
export function validInputs(i: CalculatorInputs): boolean {
  return i.spot > 0 && i.strike > 0 && i.volPct >= 0 && i.days >= 0 &&
    [i.ratePct, i.dividendPct, i.spot, i.strike, i.volPct, i.days].every(Number.isFinite);
}

/** Price, Greeks and IV of the inputs with the given kernels (one batch call each). */
export function computeAll(k: Kernels, i: CalculatorInputs): OptionsCalculatorProps["result"] {
  const c = toContract(i);
  const batch = toBatch([c]);
  const out = i.style === "american" ? k.americanBatch(batch) : k.bsmBatch(batch);
  const greeks = greeksAt(out, 0);
  const iv = i.marketPrice === null || !Number.isFinite(i.marketPrice)
    ? null
    : ivResultAt(k.ivBatch(toIvBatch([{ ...c, price: i.marketPrice }])), 0);
  return { greeks, iv };
}

const CURVE_POINTS = 121;

/** P&L of one long contract at expiry and today across spots from 50 % to 150 % of the strike. */
function payoffCurves(k: Kernels, i: CalculatorInputs, premium: number) {
  const c = toContract(i);
  const spots = Array.from(
    { length: CURVE_POINTS },
    (_, j) => c.strike * (0.5 + j / (CURVE_POINTS - 1)),
  );
  const batch = toBatch(spots.map((spot) => ({ ...c, spot })));
  const today = i.style === "american"
    ? k.americanBatch(batch, { steps: 100 }).price
    : k.bsmBatch(batch).price;
  const phi = c.type === "call" ? 1 : -1;
  return {
    spots,
    expiry: spots.map((s) => Math.max(phi * (s - c.strike), 0) - premium),
    today: Array.from(today, (v) => v - premium),
  };
}

const FIELDS: [keyof Greeks, string, number][] = [
  ["price", "Price", 4],
  ["delta", "Delta", 4],
  ["gamma", "Gamma", 5],
  ["theta", "Theta / year", 4],
  ["thetaPerDay", "Theta / day", 5],
  ["vega", "Vega / 1.00 vol", 4],
  ["vegaPerPct", "Vega / vol point", 5],
  ["rho", "Rho / 1.00 rate", 4],
];

function fmt(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits);
}

export default function OptionsCalculator({ initial, result }: OptionsCalculatorProps) {
  const inputs = useSignal<CalculatorInputs>(initial);
  const out = useSignal(result);
  const backend = useSignal<"server" | "wasm" | "ts">("server");
  const computed = useSignal(0);
  const kernels = useRef<Kernels | null>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  function recompute(next: CalculatorInputs) {
    inputs.value = next;
    const k = kernels.current;
    if (!k || !validInputs(next)) return;
    out.value = computeAll(k, next);
    backend.value = k.backend;
    computed.value++;
    drawChart(k, next, out.value.greeks.price);
  }

  function drawChart(k: Kernels, i: CalculatorInputs, premium: number) {
    const el = chartEl.current;
    if (!el || !Number.isFinite(premium)) return;
    const curves = payoffCurves(k, i, premium);
    const data: uPlot.AlignedData = [curves.spots, curves.expiry, curves.today];
    if (plot.current) {
      plot.current.setData(data);
      return;
    }
    import("uplot").then(({ default: UPlot }) => {
      if (!chartEl.current || plot.current) return;
      const css = getComputedStyle(document.documentElement);
      const text = css.getPropertyValue("--muted").trim() || "#888";
      const grid = css.getPropertyValue("--grid").trim() || "rgba(0,0,0,.1)";
      chartEl.current.textContent = "";
      plot.current = new UPlot(
        {
          width: chartEl.current.clientWidth || 600,
          height: 240,
          scales: { x: { time: false } },
          series: [
            { label: "Spot" },
            { label: "P&L at expiry", stroke: css.getPropertyValue("--accent").trim(), width: 2 },
            { label: "P&L today", stroke: css.getPropertyValue("--muted").trim(), width: 1.5 },
          ],
          axes: [{ stroke: text, grid: { stroke: grid } }, {
            stroke: text,
            grid: { stroke: grid },
            size: 60,
          }],
        },
        data,
        chartEl.current,
      );
    });
  }

  useEffect(() => {
    let live = true;
    import("../core-wasm/mod.ts").then(async ({ loadKernels }) => {
      const k = await loadKernels();
      if (!live) return;
      kernels.current = k;
      recompute(inputs.value);
    });
    return () => {
      live = false;
      plot.current?.destroy();
    };
  }, []);

  const i = inputs.value;
  const g = out.value.greeks;
  const set = (patch: Partial<CalculatorInputs>) => recompute({ ...inputs.value, ...patch });
  const num = (key: keyof CalculatorInputs, label: string, step = "any") => (
    <label>
      {label}
      <input
        type="number"
        name={key}
        step={step}
        value={String(i[key] ?? "")}
        onInput={(e) => set({ [key]: Number(e.currentTarget.value) })}
      />
    </label>
  );

  return (
    <div
      class="options-calculator"
      id="options-calculator"
      data-backend={backend.value}
      data-computed={computed.value}
    >
      <div class="panel">
        <div class="form-row">
          <label>
            Type
            <select
              name="type"
              value={i.type}
              onChange={(e) => set({ type: e.currentTarget.value as "call" | "put" })}
            >
              <option value="call">Call</option>
              <option value="put">Put</option>
            </select>
          </label>
          <label>
            Style
            <select
              name="style"
              value={i.style}
              onChange={(e) => set({ style: e.currentTarget.value as "european" | "american" })}
            >
              <option value="european">European (BSM)</option>
              <option value="american">American (CRR 500)</option>
            </select>
          </label>
          {num("spot", "Spot")}
          {num("strike", "Strike")}
          {num("volPct", "Volatility %")}
          {num("days", "Days to expiry")}
          {num("ratePct", "Rate %")}
          {num("dividendPct", "Dividend yield %")}
        </div>
        <p class="muted">
          Rate, volatility and dividend are continuous annual rates; time is calendar days / 365.
          Engine:{" "}
          <span id="oc-backend">
            {backend.value === "server" ? "server (until WASM loads)" : backend.value}
          </span>
        </p>
      </div>
      <div class="cards" id="oc-greeks">
        {FIELDS.map(([key, label, digits]) => (
          <div class="metric">
            <div class="label">{label}</div>
            <output class="value" data-testid={`oc-${key}`}>{fmt(g[key], digits)}</output>
          </div>
        ))}
      </div>
      <div class="panel">
        <div class="form-row">
          <label>
            Market price (for implied vol)
            <input
              type="number"
              name="marketPrice"
              step="any"
              value={i.marketPrice === null ? "" : String(i.marketPrice)}
              onInput={(e) => {
                const v = e.currentTarget.value;
                set({ marketPrice: v === "" ? null : Number(v) });
              }}
            />
          </label>
          <output data-testid="oc-iv">
            {out.value.iv === null
              ? "Enter a price"
              : out.value.iv.iv === null
              ? `No implied vol: ${out.value.iv.reason}`
              : `Implied vol ${(out.value.iv.iv * 100).toFixed(4)} %`}
          </output>
        </div>
      </div>
      <div class="panel">
        <h2>Payoff of one long contract</h2>
        <div ref={chartEl} id="oc-chart" class="chart">
          <p class="muted">The chart draws in the browser.</p>
        </div>
      </div>
    </div>
  );
}
