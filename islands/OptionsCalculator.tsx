/**
 * Options calculator island: price, Greeks, implied vol and a payoff chart. After hydration every
 * number is computed in the browser by core.wasm (loaded once from /static/build/core.wasm), so
 * the calculator keeps working when the server goes away; until then (and without JS) it shows
 * the server-rendered numbers. `data-backend` on the root says which engine ran last.
 * Bad input (an empty field, a negative volatility, a market price outside the no-arbitrage
 * bounds) is named next to its field and the numbers are blanked rather than left stale.
 * @module
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

/** The numeric form fields (the market price is optional). */
export type NumberField =
  | "spot"
  | "strike"
  | "volPct"
  | "days"
  | "ratePct"
  | "dividendPct"
  | "marketPrice";

/**
 * What is wrong with each numeric field, in words for the form: empty or non-numeric fields (NaN),
 * spot and strike not above 0, a negative volatility or time, a market price not above 0.
 * An empty object means the kernels accept the contract.
 */
export function fieldErrors(i: CalculatorInputs): Partial<Record<NumberField, string>> {
  const e: Partial<Record<NumberField, string>> = {};
  const need = (k: NumberField, v: number, ok: boolean, msg: string) => {
    if (!Number.isFinite(v)) e[k] = "Enter a number";
    else if (!ok) e[k] = msg;
  };
  need("spot", i.spot, i.spot > 0, "Spot must be above 0");
  need("strike", i.strike, i.strike > 0, "Strike must be above 0");
  need("volPct", i.volPct, i.volPct >= 0, "Volatility can't be negative");
  need("days", i.days, i.days >= 0, "Days to expiry can't be negative");
  need("ratePct", i.ratePct, true, "");
  need("dividendPct", i.dividendPct, true, "");
  if (i.marketPrice !== null) {
    need("marketPrice", i.marketPrice, i.marketPrice > 0, "Price must be above 0");
  }
  return e;
}

/** Whether the inputs describe a contract the kernels accept (the market price aside). */
export function validInputs(i: CalculatorInputs): boolean {
  const { marketPrice: _, ...contract } = fieldErrors(i);
  return Object.keys(contract).length === 0;
}

/**
 * European no-arbitrage bounds of the option price: call max(S e^-qT − K e^-rT, 0) to S e^-qT,
 * put max(K e^-rT − S e^-qT, 0) to K e^-rT (T in years, rates continuous). The IV kernel reports
 * a price outside them as having no implied vol; the form shows the bound it crossed.
 * @example
 * // Hull's call (S 42, K 40, r 10 %, q 0, 182.5 days): { lower: 3.9508…, upper: 42 }
 * ivBounds({ type: "call", style: "european", spot: 42, strike: 40, ratePct: 10, volPct: 20,
 *   dividendPct: 0, days: 182.5, marketPrice: null });
 */
export function ivBounds(i: CalculatorInputs): { lower: number; upper: number } {
  const c = toContract(i);
  const s = c.spot * Math.exp(-c.dividend * c.time);
  const k = c.strike * Math.exp(-c.rate * c.time);
  return c.type === "call"
    ? { lower: Math.max(s - k, 0), upper: s }
    : { lower: Math.max(k - s, 0), upper: k };
}

/** The form's text for each numeric field (what the user typed, so typing is never rewritten). */
export type RawInputs = Record<NumberField, string>;

/** The inputs as form text. */
export function toRaw(i: CalculatorInputs): RawInputs {
  const t = (v: number) => String(v);
  return {
    spot: t(i.spot),
    strike: t(i.strike),
    volPct: t(i.volPct),
    days: t(i.days),
    ratePct: t(i.ratePct),
    dividendPct: t(i.dividendPct),
    marketPrice: i.marketPrice === null ? "" : t(i.marketPrice),
  };
}

/** Form text to inputs: an empty field is NaN (reported), an empty market price is null. */
export function fromRaw(base: CalculatorInputs, raw: RawInputs): CalculatorInputs {
  const n = (v: string) => (v.trim() === "" ? NaN : Number(v));
  return {
    ...base,
    spot: n(raw.spot),
    strike: n(raw.strike),
    volPct: n(raw.volPct),
    days: n(raw.days),
    ratePct: n(raw.ratePct),
    dividendPct: n(raw.dividendPct),
    marketPrice: raw.marketPrice.trim() === "" ? null : n(raw.marketPrice),
  };
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

const CSS = `
.options-calculator .oc-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 10px 12px; align-items: start; }
.options-calculator .oc-form label { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.options-calculator .oc-form :is(input, select) { width: 100%; box-sizing: border-box; }
.options-calculator [aria-invalid=true] { border-color: var(--down); outline-color: var(--down); }
.options-calculator .oc-error { color: var(--down); font-size: 13px; }
.options-calculator .oc-stale .value { opacity: .45; }
.options-calculator .oc-engine { font-size: 12px; }
.options-calculator .oc-iv-row { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: flex-end; }
.options-calculator .oc-iv-row label { display: flex; flex-direction: column; gap: 4px; max-width: 16rem; }
@media (max-width: 420px) {
  .options-calculator .oc-form { grid-template-columns: 1fr 1fr; }
}
`;

const ENGINE_TEXT = {
  server: "computed on the server until WebAssembly loads",
  wasm: "computed in your browser (WebAssembly)",
  ts: "computed in your browser (JavaScript)",
} as const;

function fmt(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits);
}

export default function OptionsCalculator({ initial, result }: OptionsCalculatorProps) {
  const inputs = useSignal<CalculatorInputs>(initial);
  const raw = useSignal<RawInputs>(toRaw(initial));
  const out = useSignal(result);
  const backend = useSignal<"server" | "wasm" | "ts">("server");
  const computed = useSignal(0);
  const kernels = useRef<Kernels | null>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  function recompute(next: CalculatorInputs) {
    inputs.value = next;
    const k = kernels.current;
    if (!k) return;
    // Invalid input: the cards blank out (see render); count the pass so observers see it.
    if (validInputs(next)) {
      const marketOk = !fieldErrors(next).marketPrice;
      out.value = computeAll(k, marketOk ? next : { ...next, marketPrice: null });
      backend.value = k.backend;
      drawChart(k, next, out.value.greeks.price);
    }
    computed.value++;
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
  const errors = fieldErrors(i);
  const valid = validInputs(i);
  const g = out.value.greeks;
  const set = (patch: Partial<CalculatorInputs>) => recompute({ ...inputs.value, ...patch });
  const iv = out.value.iv;
  const bounds = valid ? ivBounds(i) : null;
  const ivError = !valid || i.marketPrice === null || errors.marketPrice
    ? null
    : iv && iv.iv === null
    ? `No implied vol: ${iv.reason ?? "no volatility reproduces this price"}${
      bounds ? ` (bounds ${bounds.lower.toFixed(4)} to ${bounds.upper.toFixed(4)})` : ""
    }`
    : null;
  const setRaw = (key: NumberField, text: string) => {
    raw.value = { ...raw.value, [key]: text };
    recompute(fromRaw(inputs.value, raw.value));
  };
  const num = (key: NumberField, label: string) => (
    <label>
      {label}
      <input
        type="number"
        name={key}
        step="any"
        value={raw.value[key]}
        aria-invalid={errors[key] ? "true" : undefined}
        aria-describedby={errors[key]
          ? `oc-err-${key}`
          : key === "marketPrice" && ivError
          ? "oc-err-iv"
          : undefined}
        onInput={(e) => setRaw(key, e.currentTarget.value)}
      />
      {errors[key] && <span class="oc-error" id={`oc-err-${key}`}>{errors[key]}</span>}
    </label>
  );

  return (
    <div
      class="options-calculator"
      id="options-calculator"
      data-backend={backend.value}
      data-computed={computed.value}
    >
      <style>{CSS}</style>
      <div class="panel">
        <div class="oc-form">
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
        </p>
        <p class="muted oc-engine" id="oc-backend" title={`engine: ${backend.value}`}>
          {ENGINE_TEXT[backend.value]}
        </p>
      </div>
      {!valid && (
        <p class="oc-error" role="alert" data-testid="oc-invalid">
          Fix the highlighted{" "}
          {Object.keys(errors).filter((k) => k !== "marketPrice").length > 1 ? "fields" : "field"}
          {" "}
          to see the price and Greeks.
        </p>
      )}
      <div class={valid ? "cards" : "cards oc-stale"} id="oc-greeks" aria-live="polite">
        {FIELDS.map(([key, label, digits]) => (
          <div class="metric">
            <div class="label">{label}</div>
            <output class="value" data-testid={`oc-${key}`}>
              {valid ? fmt(g[key], digits) : "–"}
            </output>
          </div>
        ))}
      </div>
      <div class="panel">
        <div class="oc-iv-row">
          {num("marketPrice", "Market price (for implied vol)")}
          <output
            data-testid="oc-iv"
            class={ivError ? "oc-error" : undefined}
            id="oc-err-iv"
            aria-live="polite"
          >
            {!valid || errors.marketPrice
              ? "–"
              : i.marketPrice === null || iv === null
              ? "Enter a price"
              : ivError ?? `Implied vol ${(iv.iv! * 100).toFixed(4)} %`}
          </output>
        </div>
      </div>
      <div class="panel">
        <h2>Payoff of one long contract</h2>
        <div
          ref={chartEl}
          id="oc-chart"
          class="chart"
          style={valid ? undefined : { opacity: 0.35 }}
          aria-hidden={valid ? undefined : "true"}
        >
          <p class="muted">The chart draws in the browser.</p>
        </div>
      </div>
    </div>
  );
}
