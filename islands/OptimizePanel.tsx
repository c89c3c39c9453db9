/**
 * Parameter optimisation and walk-forward analysis. Small jobs run in the browser in a web
 * worker (static/build/optimize_worker.js, the same lib/optimize code the server runs); large
 * ones go to the server (`POST /api/v1/optimizations` or `/walkforward`, run by the KV queue)
 * and are polled for progress. Every result shows the deflated Sharpe ratio and the
 * probability of backtest overfitting beside it. Server runs are stored per owner and listed
 * under "Saved optimisations" (reopen, delete); a browser run can be saved, which runs the same
 * spec on the server's queue and stores it there.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { SearchJson, WalkForwardJson } from "../lib/optimize/serialize.ts";
import type { SearchPart } from "../lib/optimize/search.ts";
import type { WorkerReply } from "../workers/optimize_worker.ts";
import OptimizeResult, { type SavedOptimization, savedSummary } from "./OptimizeResult.tsx";
import { CostFields, MarketFields } from "./research/form_fields.tsx";
import {
  barsOf,
  type Direction,
  firstStrategy,
  formStart,
  okJson,
  type StrategyInfo,
  strategyLabel,
  strategyOf,
  symbolsOf,
  typedLike,
  windowOf,
} from "./research/requests.ts";
import WalkForwardResult from "./WalkForwardResult.tsx";

export interface OptimizePanelProps {
  symbols: string[];
  strategies: StrategyInfo[];
  csrf: string;
  /** Jobs with at most this many backtests run in the browser when `where` is auto. */
  browserLimit: number;
  /** The owner's stored optimisations, newest first (GET /api/v1/optimizations). */
  saved?: SavedOptimization[];
}

/** One parameter row of the form. */
export interface AxisForm {
  search: boolean;
  min: number;
  max: number;
  step: number;
  /** Fixed value when not searched. */
  value: string;
}

/** The optimiser form. */
export interface OptimizeForm {
  kind: "search" | "walkforward";
  symbols: string;
  from: string;
  to: string;
  strategy: string;
  axes: Record<string, AxisForm>;
  method: "grid" | "random";
  samples: number;
  objective: "sharpe" | "return" | "sqn" | "calmar" | "sortino" | "cagr";
  /** Constraint: max drawdown better than this (percent, negative; empty for none). */
  maxDrawdownPct: string;
  /** Constraint: at least this many trades (empty for none). */
  minTrades: string;
  commissionPct: number;
  slippageBps: number;
  direction: Direction;
  where: "auto" | "browser" | "server";
  inSampleBars: number;
  outOfSampleBars: number;
  wfMode: "rolling" | "anchored";
}

function axesFor(defaults: Record<string, unknown>): Record<string, AxisForm> {
  const out: Record<string, AxisForm> = {};
  const entries = Object.entries(defaults);
  entries.forEach(([k, v], i) => {
    const n = typeof v === "number" ? v : NaN;
    const isInt = Number.isInteger(n);
    out[k] = {
      search: Number.isFinite(n) && i < 2,
      min: Number.isFinite(n) ? (isInt ? Math.max(1, Math.round(n / 2)) : n / 2) : 0,
      max: Number.isFinite(n) ? (isInt ? Math.round(n * 2) : n * 2) : 0,
      step: Number.isFinite(n) ? (isInt ? Math.max(1, Math.round(n / 4)) : n / 4) : 1,
      value: String(v),
    };
  });
  return out;
}

/** The search spec (lib/optimize SearchSpec input) the form describes. */
export function specOf(f: OptimizeForm, strategies: StrategyInfo[]) {
  const defaults = strategyOf(strategies, f.strategy)?.defaults ?? {};
  const space: Record<string, { min: number; max: number; step: number }> = {};
  const fixed: Record<string, unknown> = {};
  for (const [k, a] of Object.entries(f.axes)) {
    if (a.search) space[k] = { min: a.min, max: a.max, step: a.step };
    else if (a.value !== "" && a.value !== String(defaults[k])) {
      fixed[k] = typedLike(a.value, defaults[k]);
    }
  }
  const constraints = [];
  if (f.maxDrawdownPct.trim() !== "") {
    constraints.push({ metric: "maxDrawdownPct", op: ">=", value: Number(f.maxDrawdownPct) });
  }
  if (f.minTrades.trim() !== "") {
    constraints.push({ metric: "trades", op: ">=", value: Number(f.minTrades) });
  }
  const base = {
    strategy: f.strategy,
    space,
    fixed,
    method: f.method,
    samples: f.samples,
    objective: f.objective,
    constraints,
    options: {
      commissionPct: f.commissionPct,
      slippageBps: f.slippageBps,
      direction: f.direction,
    },
  };
  return f.kind === "search" ? base : {
    ...base,
    mode: f.wfMode,
    inSampleBars: f.inSampleBars,
    outOfSampleBars: f.outOfSampleBars,
  };
}

const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * The form that re-creates a stored request (the `request` of `GET /api/v1/optimizations/{id}`:
 * the validated body, `from`/`to` in epoch ms, shown as UTC dates): analysis kind, symbols,
 * window, strategy, searched ranges and fixed values, method and samples, objective, the two
 * constraints the form has (max drawdown, minimum trades), costs and direction, and the
 * walk-forward mode and windows. A `{ values: [...] }` axis of numbers shows as min..max by its
 * smallest gap; any other list as the fixed first value. Whatever the request lacks (and "Run
 * in") keeps `current`'s value.
 */
export function formOfRequest(
  kind: OptimizeForm["kind"],
  req: Record<string, unknown>,
  strategies: StrategyInfo[],
  current: OptimizeForm,
): OptimizeForm {
  const f: OptimizeForm = { ...current, kind };
  if (Array.isArray(req.symbols)) f.symbols = req.symbols.map(String).join(", ");
  const date = (v: unknown) => num(v) ? new Date(v).toISOString().slice(0, 10) : "";
  f.from = date(req.from);
  f.to = date(req.to);
  if (typeof req.strategy === "string") f.strategy = req.strategy;
  const axes = axesFor(strategyOf(strategies, f.strategy)?.defaults ?? {});
  for (const a of Object.values(axes)) a.search = false;
  const space = (req.space ?? {}) as Record<string, Record<string, unknown>>;
  for (const [k, ax] of Object.entries(space)) {
    const a: AxisForm = axes[k] ?? { search: false, min: 0, max: 0, step: 1, value: "" };
    if (num(ax.min) && num(ax.max)) {
      Object.assign(a, {
        search: true,
        min: ax.min,
        max: ax.max,
        step: num(ax.step) ? ax.step : 1,
      });
    } else if (Array.isArray(ax.values)) {
      const vs = ax.values;
      if (vs.every(num)) {
        const sorted = [...vs].sort((x, y) => x - y);
        let gap = Infinity;
        for (let i = 1; i < sorted.length; i++) {
          if (sorted[i] > sorted[i - 1]) gap = Math.min(gap, sorted[i] - sorted[i - 1]);
        }
        Object.assign(a, {
          search: true,
          min: sorted[0],
          max: sorted[sorted.length - 1],
          step: Number.isFinite(gap) ? gap : 1,
        });
      } else a.value = String(vs[0]);
    }
    axes[k] = a;
  }
  for (const [k, v] of Object.entries((req.fixed ?? {}) as Record<string, unknown>)) {
    if (axes[k]) axes[k] = { ...axes[k], search: false, value: String(v) };
  }
  f.axes = axes;
  if (req.method === "grid" || req.method === "random") f.method = req.method;
  if (num(req.samples)) f.samples = req.samples;
  if (typeof req.objective === "string") f.objective = req.objective as OptimizeForm["objective"];
  f.maxDrawdownPct = "";
  f.minTrades = "";
  for (const c of Array.isArray(req.constraints) ? req.constraints : []) {
    if (c?.op !== ">=" || !num(c.value)) continue;
    if (c.metric === "maxDrawdownPct") f.maxDrawdownPct = String(c.value);
    if (c.metric === "trades") f.minTrades = String(c.value);
  }
  const o = (req.options ?? {}) as Record<string, unknown>;
  f.commissionPct = num(o.commissionPct) ? o.commissionPct : 0;
  f.slippageBps = num(o.slippageBps) ? o.slippageBps : 0;
  if (typeof o.direction === "string") f.direction = o.direction as Direction;
  if (req.mode === "rolling" || req.mode === "anchored") f.wfMode = req.mode;
  if (num(req.inSampleBars)) f.inSampleBars = req.inSampleBars;
  if (num(req.outOfSampleBars)) f.outOfSampleBars = req.outOfSampleBars;
  return f;
}

/** Grid points of the searched axes (random search: the samples, at most the grid). */
export function pointsOf(f: OptimizeForm): number {
  let n = 1;
  for (const a of Object.values(f.axes)) {
    if (a.search) n *= Math.max(1, Math.floor((a.max - a.min) / a.step + 1e-9) + 1);
  }
  return f.method === "random" ? Math.min(n, f.samples) : n;
}

async function loadColumns(symbols: string[], from: string, to: string) {
  const out = [];
  for (const sym of symbols) {
    const q = [from && `from=${from}`, to && `to=${to}`].filter(Boolean).join("&");
    const res = await fetch(`/api/v1/bars/${encodeURIComponent(sym)}${q ? "?" + q : ""}`);
    const b = await res.json();
    if (!res.ok) throw new Error(b?.error?.message ?? `bars for ${sym}: HTTP ${res.status}`);
    out.push(barsOf(sym, b));
  }
  return out;
}

export default function OptimizePanel(props: OptimizePanelProps) {
  const { strategies, csrf } = props;
  const first = firstStrategy(strategies);
  const form = useSignal<OptimizeForm>({
    kind: "search",
    ...formStart(props.symbols, first),
    axes: axesFor(first?.defaults ?? {}),
    method: "grid",
    samples: 200,
    objective: "sharpe",
    maxDrawdownPct: "",
    minTrades: "",
    where: "auto",
    inSampleBars: 500,
    outOfSampleBars: 125,
    wfMode: "rolling",
  });
  const progress = useSignal<{ done: number; total: number; where: string } | null>(null);
  const error = useSignal<string | null>(null);
  const result = useSignal<SearchJson | WalkForwardJson | null>(null);
  const ranIn = useSignal<{ where: string; ms: number } | null>(null);
  const hydrated = useSignal(false);
  const saved = useSignal<SavedOptimization[]>(props.saved ?? []);
  /** The saved optimisation on show (null: the latest run of this page). */
  const opened = useSignal<SavedOptimization | null>(null);
  /** What "Save to server" sends for the browser run on show; null when nothing to save. */
  const saveBody = useSignal<{ path: string; body: unknown } | null>(null);
  const saveState = useSignal<"idle" | "saving" | "saved">("idle");
  const worker = useRef<Worker | null>(null);
  const pool = useRef<Worker[]>([]);
  const jobId = useRef(0);

  useEffect(() => {
    hydrated.value = true;
    return () => {
      worker.current?.terminate();
      for (const w of pool.current) w.terminate();
    };
  }, []);

  async function refreshSaved() {
    const res = await fetch("/api/v1/optimizations");
    if (res.ok) saved.value = (await res.json()).optimizations;
  }
  // poll while a stored job is queued or running
  const pending = saved.value.some((s) => s.status === "queued" || s.status === "running");
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => refreshSaved().catch(() => {}), 1000);
    return () => clearTimeout(t);
  }, [saved.value, pending]);

  async function openSaved(s: SavedOptimization) {
    error.value = null;
    try {
      const res = await fetch(`/api/v1/optimizations/${encodeURIComponent(s.id)}`);
      const j = await okJson(res);
      if (!j.result) throw new Error(`"${s.name}" has no result yet (${j.status})`);
      result.value = j.result;
      // put the form back as it was submitted, to tweak and re-run (old records have no request)
      if (j.request) form.value = formOfRequest(s.kind, j.request, strategies, form.value);
      ranIn.value = null;
      saveBody.value = null;
      opened.value = s;
      document.getElementById("opt-result-head")?.scrollIntoView({ block: "start" });
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  async function deleteSaved(s: SavedOptimization) {
    error.value = null;
    const res = await fetch(`/api/v1/optimizations/${encodeURIComponent(s.id)}`, {
      method: "DELETE",
      headers: { "x-csrf-token": csrf },
    });
    if (!res.ok && res.status !== 404) {
      error.value = (await res.json().catch(() => null))?.error?.message ?? `HTTP ${res.status}`;
      return;
    }
    saved.value = saved.value.filter((x) => x.id !== s.id);
    if (opened.value?.id === s.id) {
      opened.value = null;
      result.value = null;
    }
  }

  /** Stores the browser run on show: the server runs the same spec on its queue. */
  async function saveToServer() {
    const job = saveBody.value;
    if (!job) return;
    saveState.value = "saving";
    error.value = null;
    try {
      const res = await fetch(`${job.path}?wait=0`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify(job.body),
      });
      await okJson(res);
      saveState.value = "saved";
      await refreshSaved();
    } catch (err) {
      saveState.value = "idle";
      error.value = (err as Error).message;
    }
  }

  const f = form.value;
  const set = (patch: Partial<OptimizeForm>) => (form.value = { ...form.value, ...patch });
  const setAxis = (k: string, patch: Partial<AxisForm>) =>
    set({ axes: { ...f.axes, [k]: { ...f.axes[k], ...patch } } });
  const strategy = strategyOf(strategies, f.strategy);
  const points = pointsOf(f);

  function inBrowser(symbols: unknown[], spec: unknown): Promise<SearchJson | WalkForwardJson> {
    worker.current ??= new Worker("/static/build/optimize_worker.js", { type: "module" });
    const w = worker.current;
    const id = ++jobId.current;
    return new Promise((resolve, reject) => {
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        const r = e.data;
        if (r.id !== id && r.id !== -1) return;
        if (r.type === "progress") {
          progress.value = { done: r.done, total: r.total, where: "browser" };
        } else if (r.type === "result") resolve(r.result);
        else if (r.type === "error") reject(new Error(r.message));
      };
      w.onerror = (e) => reject(new Error(e.message || "worker failed"));
      w.postMessage({ type: f.kind, id, symbols, spec });
    });
  }

  /** Number of workers a search is split over (one per core, at most 4). */
  const poolSize = () =>
    Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency as number) || 1));

  /** A search split over several workers (shards), then combined in the first one. */
  async function inBrowserParallel(symbols: unknown[], spec: unknown, n: number) {
    while (pool.current.length < n) {
      pool.current.push(new Worker("/static/build/optimize_worker.js", { type: "module" }));
    }
    const workers = pool.current.slice(0, n);
    const id = ++jobId.current;
    const t0 = performance.now();
    const done = new Array(n).fill(0);
    const total = new Array(n).fill(0);
    const parts = await Promise.all(
      workers.map((w, k) =>
        new Promise<SearchPart>((resolve, reject) => {
          w.onmessage = (e: MessageEvent<WorkerReply>) => {
            const r = e.data;
            if (r.id !== id && r.id !== -1) return;
            if (r.type === "progress") {
              done[k] = r.done;
              total[k] = r.total;
              progress.value = {
                done: done.reduce((a, b) => a + b, 0),
                total: Math.max(1, total.reduce((a, b) => a + b, 0)),
                where: `browser (${n} workers)`,
              };
            } else if (r.type === "part") resolve(r.part);
            else if (r.type === "error") reject(new Error(r.message));
          };
          w.onerror = (e) => reject(new Error(e.message || "worker failed"));
          w.postMessage({ type: "search", id, symbols, spec, shard: { index: k, count: n } });
        })
      ),
    );
    return await new Promise<SearchJson | WalkForwardJson>((resolve, reject) => {
      const w = workers[0];
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        const r = e.data;
        if (r.id !== id && r.id !== -1) return;
        if (r.type === "result") resolve(r.result);
        else if (r.type === "error") reject(new Error(r.message));
      };
      w.postMessage(
        { type: "combine", id, spec, parts, durationMs: performance.now() - t0 },
        parts.map((p) => p.blocks.buffer),
      );
    });
  }

  async function onServer(body: unknown): Promise<SearchJson | WalkForwardJson> {
    const path = f.kind === "search" ? "/api/v1/optimizations" : "/api/v1/walkforward";
    const res = await fetch(`${path}?wait=0`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify(body),
    });
    let j = await okJson(res);
    const id = j.id;
    while (j.status !== "done") {
      if (j.status === "failed") throw new Error(j.error ?? "failed");
      progress.value = { done: Math.round(j.progress * 1000), total: 1000, where: "server" };
      await new Promise((r) => setTimeout(r, 300));
      j = await okJson(await fetch(`/api/v1/optimizations/${encodeURIComponent(id)}`));
    }
    return j.result;
  }

  async function run() {
    error.value = null;
    const t0 = performance.now();
    const spec = specOf(f, strategies);
    const symbols = symbolsOf(f.symbols);
    const title = strategyLabel(strategies, f.strategy);
    const serverBody = {
      ...spec,
      symbols,
      ...windowOf(f.from, f.to),
      name: `${f.kind === "search" ? "Optimise" : "Walk forward"} ${title} on ${symbols.join(", ")}`
        .slice(0, 100),
    };
    const path = f.kind === "search" ? "/api/v1/optimizations" : "/api/v1/walkforward";
    const browser = f.where === "browser" ||
      (f.where === "auto" &&
        points * (f.kind === "walkforward" ? 10 : 1) <= props.browserLimit);
    progress.value = { done: 0, total: 1, where: browser ? "browser" : "server" };
    try {
      const n = poolSize();
      const r = browser
        ? (f.kind === "search" && n > 1 && points >= 400
          ? await inBrowserParallel(await loadColumns(symbols, f.from, f.to), spec, n)
          : await inBrowser(await loadColumns(symbols, f.from, f.to), spec))
        : await onServer(serverBody);
      result.value = r;
      opened.value = null;
      saveState.value = "idle";
      saveBody.value = browser ? { path, body: serverBody } : null;
      if (!browser) await refreshSaved();
      ranIn.value = { where: browser ? "browser" : "server", ms: performance.now() - t0 };
    } catch (err) {
      error.value = (err as Error).message;
    } finally {
      progress.value = null;
    }
  }

  const r = result.value;
  return (
    <div class="optimize-panel research" data-hydrated={hydrated.value ? "true" : "false"}>
      <form
        class="panel research-form"
        id="opt-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <div class="form-row">
          <label>
            Analysis
            <select
              id="opt-kind"
              value={f.kind}
              onChange={(e) => set({ kind: e.currentTarget.value as OptimizeForm["kind"] })}
            >
              <option value="search">Optimise (grid / random search)</option>
              <option value="walkforward">Walk-forward analysis</option>
            </select>
          </label>
          <MarketFields
            prefix="opt"
            value={f}
            symbols={props.symbols}
            strategies={strategies}
            set={set}
            onStrategy={(name) =>
              set({ strategy: name, axes: axesFor(strategyOf(strategies, name)?.defaults ?? {}) })}
          />
        </div>
        <div class="table-wrap">
          <table id="opt-axes">
            <thead>
              <tr>
                <th>Parameter</th>
                <th>Search</th>
                <th>Min</th>
                <th>Max</th>
                <th>Step</th>
                <th>Fixed value</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(f.axes).map(([k, a]) => {
                const numeric = typeof strategy?.defaults[k] === "number";
                return (
                  <tr data-param={k}>
                    <td>{k}</td>
                    <td>
                      <input
                        type="checkbox"
                        class="opt-search"
                        aria-label={`Search ${k}`}
                        disabled={!numeric}
                        checked={a.search}
                        onChange={(e) => setAxis(k, { search: e.currentTarget.checked })}
                      />
                    </td>
                    {(["min", "max", "step"] as const).map((field) => (
                      <td>
                        <input
                          class={`opt-${field}`}
                          type="number"
                          step="any"
                          disabled={!a.search}
                          value={a[field]}
                          aria-label={`${k} ${field}`}
                          onInput={(e) => setAxis(k, { [field]: Number(e.currentTarget.value) })}
                        />
                      </td>
                    ))}
                    <td>
                      <input
                        class="opt-value"
                        disabled={a.search}
                        value={a.value}
                        aria-label={`${k} value`}
                        onInput={(e) => setAxis(k, { value: e.currentTarget.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div class="form-row">
          <label>
            Method
            <select
              id="opt-method"
              value={f.method}
              onChange={(e) => set({ method: e.currentTarget.value as OptimizeForm["method"] })}
            >
              <option value="grid">Grid</option>
              <option value="random">Random</option>
            </select>
          </label>
          <label>
            Samples
            <input
              id="opt-samples"
              type="number"
              min={1}
              disabled={f.method !== "random"}
              value={f.samples}
              onInput={(e) => set({ samples: Math.max(1, Number(e.currentTarget.value)) })}
            />
          </label>
          <label>
            Objective
            <select
              id="opt-objective"
              value={f.objective}
              onChange={(e) =>
                set({ objective: e.currentTarget.value as OptimizeForm["objective"] })}
            >
              <option value="sharpe">Sharpe</option>
              <option value="return">Return</option>
              <option value="sqn">SQN</option>
              <option value="calmar">Calmar</option>
              <option value="sortino">Sortino</option>
              <option value="cagr">CAGR</option>
            </select>
          </label>
          <label>
            Max drawdown better than %
            <input
              id="opt-maxdd"
              type="number"
              placeholder="e.g. -25"
              value={f.maxDrawdownPct}
              onInput={(e) => set({ maxDrawdownPct: e.currentTarget.value })}
            />
          </label>
          <label>
            At least trades
            <input
              id="opt-mintrades"
              type="number"
              placeholder="e.g. 30"
              value={f.minTrades}
              onInput={(e) => set({ minTrades: e.currentTarget.value })}
            />
          </label>
        </div>
        <div class="form-row">
          <CostFields prefix="opt" value={f} set={set} />
          <label>
            Run in
            <select
              id="opt-where"
              value={f.where}
              onChange={(e) => set({ where: e.currentTarget.value as OptimizeForm["where"] })}
            >
              <option value="auto">
                Auto (browser up to {props.browserLimit.toLocaleString()})
              </option>
              <option value="browser">This browser (web worker)</option>
              <option value="server">The server (queue)</option>
            </select>
          </label>
        </div>
        {f.kind === "walkforward" && (
          <div class="form-row" id="opt-wf">
            <label>
              In-sample bars
              <input
                id="opt-is"
                type="number"
                min={20}
                value={f.inSampleBars}
                onInput={(e) => set({ inSampleBars: Number(e.currentTarget.value) })}
              />
            </label>
            <label>
              Out-of-sample bars
              <input
                id="opt-oos"
                type="number"
                min={2}
                value={f.outOfSampleBars}
                onInput={(e) => set({ outOfSampleBars: Number(e.currentTarget.value) })}
              />
            </label>
            <label>
              Windows
              <select
                id="opt-wfmode"
                value={f.wfMode}
                onChange={(e) => set({ wfMode: e.currentTarget.value as OptimizeForm["wfMode"] })}
              >
                <option value="rolling">Rolling</option>
                <option value="anchored">Anchored</option>
              </select>
            </label>
          </div>
        )}
        <div class="form-row">
          <button
            type="submit"
            class="button primary"
            id="opt-run"
            disabled={!hydrated.value || progress.value !== null}
          >
            {f.kind === "search" ? "Optimise" : "Walk forward"}
          </button>
          <span class="muted" id="opt-points">
            {points.toLocaleString()} parameter sets{f.kind === "walkforward" ? " per window" : ""}
          </span>
        </div>
        {progress.value && (
          <div class="progress-line">
            <progress
              id="opt-progress"
              max={progress.value.total}
              value={progress.value.done}
            />
            <span>
              {Math.round((100 * progress.value.done) / Math.max(1, progress.value.total))}% in the
              {" "}
              {progress.value.where}
            </span>
          </div>
        )}
        {error.value && <p class="alert error" id="opt-error">{error.value}</p>}
      </form>
      <div class="form-row opt-result-head" id="opt-result-head">
        {r && ranIn.value && (
          <p class="muted small" id="opt-ran" data-where={ranIn.value.where}>
            Ran in the {ranIn.value.where} in {(ranIn.value.ms / 1000).toFixed(2)} s{ranIn.value
                .where === "server"
              ? "; stored under Saved optimisations."
              : "."}
          </p>
        )}
        {r && saveBody.value && (
          <button
            type="button"
            id="opt-save"
            disabled={saveState.value !== "idle"}
            title="Runs the same search on the server's queue and stores it with your optimisations"
            onClick={saveToServer}
          >
            {saveState.value === "saving"
              ? "Saving…"
              : saveState.value === "saved"
              ? "Saved (runs on the server)"
              : "Save to server"}
          </button>
        )}
        {r && opened.value && (
          <p class="muted small" id="opt-opened" data-opt={opened.value.id}>
            Saved optimisation <strong>{opened.value.name}</strong>, run{" "}
            {new Date(opened.value.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC.
          </p>
        )}
      </div>
      {r?.kind === "search" && <OptimizeResult result={r} />}
      {r?.kind === "walkforward" && <WalkForwardResult result={r} />}
      <section class="panel" id="opt-saved">
        <h2>Saved optimisations</h2>
        {saved.value.length === 0
          ? (
            <p class="muted" id="opt-saved-empty">
              None yet: server runs are stored here, and a browser run can be saved with "Save to
              server".
            </p>
          )
          : (
            <div class="table-wrap">
              <table id="opt-saved-table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Kind</th>
                    <th>Strategy</th>
                    <th>Symbols</th>
                    <th>Status</th>
                    <th>Result</th>
                    <th>Created</th>
                    <th>
                      <span class="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {saved.value.map((s) => (
                    <tr
                      data-opt={s.id}
                      data-status={s.status}
                      aria-current={opened.value?.id === s.id ? "true" : undefined}
                    >
                      <td class="opt-name">{s.name}</td>
                      <td>{s.kind === "search" ? "Optimise" : "Walk forward"}</td>
                      <td title={s.strategy}>
                        {strategyLabel(strategies, s.strategy)}
                      </td>
                      <td>{s.symbols.join(", ")}</td>
                      <td>
                        {s.status === "running" || s.status === "queued"
                          ? `${s.status} ${Math.round((s.progress ?? 0) * 100)}%`
                          : s.status === "failed"
                          ? <span class="neg" title={s.error}>failed</span>
                          : "done"}
                      </td>
                      <td class="small opt-summary">{savedSummary(s)}</td>
                      <td>{new Date(s.createdAt).toISOString().slice(0, 10)}</td>
                      <td class="actions">
                        <button
                          type="button"
                          class="opt-open"
                          disabled={s.status !== "done"}
                          aria-label={`Open ${s.name}`}
                          onClick={() => openSaved(s)}
                        >
                          Open
                        </button>
                        <button
                          type="button"
                          class="opt-delete"
                          aria-label={`Delete ${s.name}`}
                          onClick={() => deleteSaved(s)}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>
    </div>
  );
}
