/**
 * The backtester: choose symbols, window, strategy, parameters, sizing and costs; run through
 * `POST /api/v1/backtests` with a progress bar (large runs go to the KV queue and are polled);
 * see the report (BacktestView); keep, rename, reload, delete, compare and share runs.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import type uPlot from "uplot";
import { axes, PALETTE, usePlot } from "./BacktestCharts.ts";
import { formatStat, runTitle, type RunView, STAT_KEYS, statsDiff } from "./BacktestReport.ts";
import BacktestView, { type BarsView, STAT_LABELS } from "./BacktestView.tsx";
import { CostFields, MarketFields } from "./research/form_fields.tsx";
import {
  barsOf,
  type Direction,
  firstStrategy,
  formStart,
  paramStrings,
  type StrategyInfo,
  strategyLabel,
  strategyOf,
  symbolsOf,
  typedLike,
  windowOf,
} from "./research/requests.ts";

export type { StrategyInfo };

/** A stored run as listed by `GET /api/v1/backtests`. */
export interface RunSummary {
  id: string;
  name: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  strategy: string;
  symbols: string[];
  createdAt: number;
  error?: string;
  stats?: Record<string, number | null>;
}

export interface BacktestLabProps {
  symbols: string[];
  strategies: StrategyInfo[];
  runs: RunSummary[];
  /** Share tokens by run id. */
  shares: Record<string, string>;
  csrf: string;
}

/** The form. */
export interface LabForm {
  name: string;
  symbols: string;
  from: string;
  to: string;
  strategy: string;
  params: Record<string, string>;
  sizing: "all_in" | "fraction" | "units" | "risk";
  sizingValue: number;
  commissionPct: number;
  slippageBps: number;
  direction: Direction;
  cash: number;
}

/** Turns the form into a `POST /api/v1/backtests` body (parameters typed like their defaults). */
export function requestOf(form: LabForm, strategies: StrategyInfo[]) {
  const defaults = strategyOf(strategies, form.strategy)?.defaults ?? {};
  const params: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(defaults)) {
    const raw = form.params[k];
    if (raw === undefined || raw === "") continue;
    params[k] = typedLike(raw, d);
  }
  const sizing = form.sizing === "all_in"
    ? { kind: "all_in" }
    : form.sizing === "fraction"
    ? { kind: "fraction", fraction: form.sizingValue }
    : form.sizing === "units"
    ? { kind: "units", units: Math.max(1, Math.round(form.sizingValue)) }
    : { kind: "risk", riskPct: form.sizingValue };
  return {
    ...(form.name.trim() && { name: form.name.trim() }),
    symbols: symbolsOf(form.symbols),
    strategy: form.strategy,
    params,
    options: {
      cash: form.cash,
      direction: form.direction,
      sizing,
      commissionPct: form.commissionPct,
      slippageBps: form.slippageBps,
    },
    ...windowOf(form.from, form.to),
  };
}

async function api(csrf: string, path: string, init: RequestInit = {}) {
  const res = await fetch(path, {
    ...init,
    headers: {
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...(init.method && init.method !== "GET" ? { "x-csrf-token": csrf } : {}),
    },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return { status: res.status, body };
}

async function barsFor(run: RunView): Promise<BarsView | null> {
  const sym = run.symbols[0];
  if (!sym || run.equity.length === 0) return null;
  const from = run.equity[0].time, to = run.equity[run.equity.length - 1].time;
  const res = await fetch(`/api/v1/bars/${encodeURIComponent(sym)}?from=${from}&to=${to}`);
  if (!res.ok) return null;
  return barsOf(sym, await res.json());
}

function Compare({ runs }: { runs: RunView[] }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const times = [...new Set(runs.flatMap((r) => r.equity.map((e) => e.time)))].sort((a, b) =>
      a - b
    );
    const index = new Map(times.map((t, i) => [t, i]));
    const cols = runs.map((r) => {
      const col: (number | null)[] = times.map(() => null);
      const e0 = r.equity[0]?.equity ?? 1;
      for (const e of r.equity) {
        col[index.get(e.time)!] = e.equity === null ? null : (100 * e.equity) / e0!;
      }
      return col;
    });
    return [times.map((t) => t / 1000), ...cols] as uPlot.AlignedData;
  }, [runs]);
  const ref = usePlot(data, () => ({
    height: 260,
    series: [
      {},
      ...runs.map((r, i) => ({
        label: r.name ?? r.strategy,
        stroke: PALETTE[i % PALETTE.length],
        width: 1.5,
        spanGaps: true,
      })),
    ],
    axes: axes((v) => v.toFixed(0)),
  }));
  const diff = statsDiff(runs, STAT_KEYS);
  return (
    <section class="panel" id="bt-compare">
      <h2>Comparison (equity, start = 100)</h2>
      <div ref={ref} id="bt-compare-chart" class="chart" />
      <div class="table-wrap">
        <table id="bt-compare-table">
          <thead>
            <tr>
              <th>Statistic</th>
              {runs.map((r) => <th class="num">{r.name ?? r.strategy}</th>)}
              <th class="num">Last − first</th>
            </tr>
          </thead>
          <tbody>
            {diff.map((d) => (
              <tr>
                <td>{STAT_LABELS[d.key] ?? d.key}</td>
                {d.values.map((v) => <td class="num">{formatStat(d.key, v)}</td>)}
                <td class={"num " + (d.diff === null ? "" : d.diff >= 0 ? "pos" : "neg")}>
                  {formatStat(d.key, d.diff)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function BacktestLab(props: BacktestLabProps) {
  const { strategies, csrf } = props;
  const first = firstStrategy(strategies);
  const form = useSignal<LabForm>({
    name: "",
    ...formStart(props.symbols, first),
    params: paramStrings(first?.defaults ?? {}),
    sizing: "all_in",
    sizingValue: 1,
    cash: 10_000,
  });
  const runs = useSignal<RunSummary[]>(props.runs);
  const shares = useSignal<Record<string, string>>(props.shares);
  const progress = useSignal<number | null>(null);
  const error = useSignal<string | null>(null);
  const current = useSignal<{ run: RunView; bars: BarsView | null } | null>(null);
  const selected = useSignal<string[]>([]);
  const compared = useSignal<RunView[] | null>(null);
  const hydrated = useSignal(false);
  useEffect(() => {
    hydrated.value = true;
  }, []);

  const f = form.value;
  const set = (patch: Partial<LabForm>) => (form.value = { ...form.value, ...patch });
  const strategy = strategyOf(strategies, f.strategy);

  async function refresh() {
    runs.value = (await api(csrf, "/api/v1/backtests")).body.backtests;
  }

  async function show(id: string) {
    const { body } = await api(csrf, `/api/v1/backtests/${encodeURIComponent(id)}`);
    const run = body as RunView;
    current.value = { run, bars: await barsFor(run).catch(() => null) };
  }

  async function run() {
    error.value = null;
    progress.value = 0;
    try {
      const { status, body } = await api(csrf, "/api/v1/backtests?wait=300", {
        method: "POST",
        body: JSON.stringify(requestOf(f, strategies)),
      });
      let id = body.id as string;
      if (status === 202) {
        for (;;) {
          await new Promise((r) => setTimeout(r, 250));
          const { body: b } = await api(csrf, `/api/v1/backtests/${encodeURIComponent(id)}`);
          progress.value = b.progress ?? 0;
          if (b.status === "failed") throw new Error(b.error ?? "backtest failed");
          if (b.status === "done") {
            id = b.id;
            break;
          }
        }
      }
      progress.value = 1;
      await show(id);
      await refresh();
    } catch (err) {
      error.value = (err as Error).message;
    } finally {
      progress.value = null;
    }
  }

  async function act(fn: () => Promise<unknown>) {
    error.value = null;
    try {
      await fn();
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  const rename = (id: string, name: string) =>
    act(async () => {
      await api(csrf, `/api/v1/backtests/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: JSON.stringify({ name }),
      });
      await refresh();
    });
  const remove = (id: string) =>
    act(async () => {
      await api(csrf, `/api/v1/backtests/${encodeURIComponent(id)}`, { method: "DELETE" });
      if (current.value?.run.id === id) current.value = null;
      selected.value = selected.value.filter((x) => x !== id);
      await refresh();
    });
  const share = (id: string, on: boolean) =>
    act(async () => {
      const { body } = await api(
        csrf,
        `/backtest/${encodeURIComponent(id)}/${on ? "share" : "unshare"}`,
        {
          method: "POST",
        },
      );
      const next = { ...shares.value };
      if (on) next[id] = body.token;
      else delete next[id];
      shares.value = next;
    });
  const compare = () =>
    act(async () => {
      const list: RunView[] = [];
      for (const id of selected.value) {
        list.push((await api(csrf, `/api/v1/backtests/${encodeURIComponent(id)}`)).body);
      }
      compared.value = list;
    });

  return (
    <div class="backtest-lab research" data-hydrated={hydrated.value ? "true" : "false"}>
      <form
        class="panel research-form"
        id="bt-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <div class="form-row">
          <MarketFields
            prefix="bt"
            value={f}
            symbols={props.symbols}
            strategies={strategies}
            set={set}
            onStrategy={(name) =>
              set({
                strategy: name,
                params: paramStrings(strategyOf(strategies, name)?.defaults ?? {}),
              })}
          />
          <label>
            Name
            <input
              id="bt-name"
              value={f.name}
              placeholder="(strategy and symbols)"
              onInput={(e) => set({ name: e.currentTarget.value })}
            />
          </label>
        </div>
        {strategy && <p class="muted small">{strategy.summary}</p>}
        <div class="form-row" id="bt-params">
          {Object.entries(strategy?.defaults ?? {}).map(([k, d]) => (
            <label>
              {k}
              <input
                name={k}
                data-param={k}
                {...(typeof d === "number" ? { type: "number", step: "any" } : { type: "text" })}
                value={f.params[k] ?? ""}
                onInput={(e) => set({ params: { ...f.params, [k]: e.currentTarget.value } })}
              />
            </label>
          ))}
        </div>
        <div class="form-row">
          <label>
            Sizing
            <select
              id="bt-sizing"
              value={f.sizing}
              onChange={(e) => set({ sizing: e.currentTarget.value as LabForm["sizing"] })}
            >
              <option value="all_in">All in</option>
              <option value="fraction">Fraction of equity</option>
              <option value="units">Fixed units</option>
              <option value="risk">Risk % (ATR)</option>
            </select>
          </label>
          <label>
            {f.sizing === "fraction"
              ? "Fraction"
              : f.sizing === "units"
              ? "Units"
              : f.sizing === "risk"
              ? "Risk %"
              : "Size"}
            <input
              id="bt-sizing-value"
              type="number"
              step="any"
              disabled={f.sizing === "all_in"}
              value={f.sizingValue}
              onInput={(e) => set({ sizingValue: Number(e.currentTarget.value) })}
            />
          </label>
          <CostFields prefix="bt" value={f} set={set} />
          <label>
            Cash
            <input
              id="bt-cash"
              type="number"
              min={1}
              value={f.cash}
              onInput={(e) => set({ cash: Number(e.currentTarget.value) })}
            />
          </label>
          <button
            type="submit"
            class="button primary"
            id="bt-run"
            disabled={!hydrated.value || progress.value !== null}
          >
            Run backtest
          </button>
        </div>
        {progress.value !== null && (
          <div class="progress-line">
            <progress id="bt-progress" max={1} value={progress.value} />
            <span>{Math.round(progress.value * 100)}%</span>
          </div>
        )}
        {error.value && <p class="alert error" id="bt-error">{error.value}</p>}
      </form>

      <section class="panel">
        <div class="form-row">
          <h2 style={{ marginRight: "auto" }}>Saved runs</h2>
          <button
            type="button"
            id="bt-compare-button"
            disabled={selected.value.length < 2}
            onClick={compare}
          >
            Compare selected ({selected.value.length})
          </button>
        </div>
        <div class="table-wrap">
          <table id="bt-runs">
            <thead>
              <tr>
                <th></th>
                <th>Name</th>
                <th>Strategy</th>
                <th>Symbols</th>
                <th class="num">Return %</th>
                <th class="num">Sharpe</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {runs.value.map((r) => (
                <tr data-run={r.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Compare ${r.name}`}
                      class="bt-select"
                      checked={selected.value.includes(r.id)}
                      disabled={r.status !== "done"}
                      onChange={(e) =>
                        selected.value = e.currentTarget.checked
                          ? [...selected.value, r.id]
                          : selected.value.filter((x) => x !== r.id)}
                    />
                  </td>
                  <td>
                    <input
                      class="bt-run-name"
                      value={r.name}
                      aria-label="Run name"
                      onChange={(e) => rename(r.id, e.currentTarget.value)}
                    />
                  </td>
                  <td title={r.strategy}>
                    {strategyLabel(strategies, r.strategy)}
                  </td>
                  <td>{r.symbols.join(", ")}</td>
                  <td class="num">
                    {r.status === "done" ? formatStat("returnPct", r.stats?.returnPct) : r.status}
                  </td>
                  <td class="num">{formatStat("sharpe", r.stats?.sharpe)}</td>
                  <td>
                    <button type="button" class="bt-load" onClick={() => act(() => show(r.id))}>
                      Open
                    </button>{" "}
                    {shares.value[r.id]
                      ? (
                        <>
                          <a class="bt-share-link" href={`/share/${shares.value[r.id]}`}>link</a>
                          {" "}
                          <button
                            type="button"
                            class="bt-unshare"
                            onClick={() => share(r.id, false)}
                          >
                            Revoke
                          </button>
                        </>
                      )
                      : (
                        <button
                          type="button"
                          class="bt-share"
                          disabled={r.status !== "done"}
                          onClick={() => share(r.id, true)}
                        >
                          Share
                        </button>
                      )}{" "}
                    <button type="button" class="danger bt-delete" onClick={() => remove(r.id)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs.value.length === 0 && <p class="muted">No runs yet.</p>}
        </div>
      </section>

      {compared.value && <Compare runs={compared.value} />}
      {current.value && (
        <div id="bt-result">
          <h2>{runTitle(current.value.run)}</h2>
          <BacktestView run={current.value.run} bars={current.value.bars} />
        </div>
      )}
    </div>
  );
}
