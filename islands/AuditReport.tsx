/**
 * Audit report island: verdict banner, metric cards, equity curve with and without the flagged
 * trades (uPlot), monthly income bars, the strategy table with expandable legs and roll segments,
 * symbol and strategy-type tables, open positions with alerts, behaviour flags, exports, and
 * "Simulate", which hands the audit's trade results to the Monte Carlo kernel
 * (POST /api/v1/montecarlo, bootstrap of net PnL per strategy, no compounding).
 */
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type uPlot from "uplot";
import type { AuditReport as Report, GroupRow, StrategyRow } from "../lib/audit/report.ts";

/**
 * Props: the report (null for a large one, which the island then loads from the API), its saved
 * id (null when not saved) and the CSRF token.
 */
export interface AuditReportProps {
  report: Report | null;
  auditId: string | null;
  csrf?: string;
}

const PAGE = 100;

const usd = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x)
    ? "–"
    : `${x < 0 ? "−" : ""}$${
      Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    }`;
const pct = (x: number | null | undefined, scale = 100) =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : `${(x * scale).toFixed(1)}%`;
const num = (x: number | null | undefined, d = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(d);
const cls = (x: number) => (x > 0 ? "pos" : x < 0 ? "neg" : "");

const BANNER: Record<Report["verdict"]["level"], string> = {
  green: "ok",
  amber: "warn",
  red: "error",
  insufficient: "",
};

function Metric(
  { label, value, title, tone }: { label: string; value: string; title?: string; tone?: string },
) {
  return (
    <div class="metric card" title={title}>
      <div class="label">{label}</div>
      <div class={`value ${tone ?? ""}`}>{value}</div>
    </div>
  );
}

/**
 * uPlot columns: x in seconds, strictly increasing, from 0 a day before the first exit. Strategies
 * closed at the same moment share one point holding the equity after all of them (uPlot's scales
 * misbehave on repeated x values).
 */
export function chartData(
  curve: Report["totals"]["equityCurve"],
  without: readonly number[],
): [number[], number[], number[]] {
  // start from zero a day before the first exit, like the original's portfolio curve
  const xs: number[] = curve.length ? [curve[0].ms / 1000 - 86_400] : [];
  const ys: number[] = curve.length ? [0] : [];
  const ws: number[] = curve.length ? [0] : [];
  curve.forEach((p, i) => {
    const x = p.ms / 1000;
    if (xs.length && xs[xs.length - 1] === x) {
      ys[ys.length - 1] = p.equity;
      ws[ws.length - 1] = without[i];
    } else {
      xs.push(x);
      ys.push(p.equity);
      ws.push(without[i]);
    }
  });
  return [xs, ys, ws];
}

const DAY_S = 86_400;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The x range (seconds) the equity chart shows for data from `min` to `max`: padded on both sides
 * by 3% of the span, and by at least two days, so a curve spanning hours still reads as dates.
 */
export function paddedTimeRange(min: number, max: number): [number, number] {
  const pad = Math.max((max - min) * 0.03, 2 * DAY_S);
  return [min - pad, max + pad];
}

/** Tick steps of the equity chart's date axis (seconds): whole days, months and years only. */
export const DATE_INCRS = [1, 2, 3, 7, 14, 30, 61, 91, 182, 365, 730, 1826, 3652].map((d) =>
  d * DAY_S
);

/**
 * Date tick labels (UTC) for ticks `splits` (seconds) over a visible span of `spanS` seconds:
 * `Feb 15` up to about ten months, `Feb 2024` beyond; the first tick and every change of year
 * carry the year on short spans (`Feb 15, 2024`).
 */
export function dateTickLabels(splits: readonly number[], spanS: number): string[] {
  const long = spanS > 300 * DAY_S;
  let lastYear = NaN;
  return splits.map((t) => {
    if (t === null || !Number.isFinite(t)) return "";
    const d = new Date(t * 1000);
    const y = d.getUTCFullYear(), mon = MONTHS[d.getUTCMonth()];
    if (long) return `${mon} ${y}`;
    const label = y !== lastYear ? `${mon} ${d.getUTCDate()}, ${y}` : `${mon} ${d.getUTCDate()}`;
    lastYear = y;
    return label;
  });
}

/**
 * A compact money label for a bar: `$840`, `−$1.2k`, `$15k` (whole dollars below $1,000, one
 * decimal of thousands below $10,000).
 */
export function usdCompact(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const a = Math.abs(x), sign = x < 0 ? "−" : "";
  if (a < 999.5) return `${sign}$${Math.round(a)}`;
  if (a < 9_950) return `${sign}$${(a / 1000).toFixed(1)}k`;
  if (a < 999_500) return `${sign}$${Math.round(a / 1000)}k`;
  return `${sign}$${(a / 1e6).toFixed(1)}M`;
}

function EquityChart({ report }: { report: Report }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const curve = report.totals.equityCurve;
    if (!el.current || curve.length === 0) return;
    let plot: uPlot | null = null;
    let destroyed = false;
    import("uplot").then(({ default: UPlot }) => {
      if (destroyed || !el.current) return;
      const css = getComputedStyle(document.documentElement);
      const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
      const text = v("--muted", "#888");
      const grid = v("--grid", "rgba(0,0,0,.1)");
      const data = chartData(curve, report.behaviour.anyFlag.equityWithout);
      const xs = data[0];
      el.current.textContent = "";
      plot = new UPlot(
        {
          width: el.current.clientWidth || 700,
          height: 260,
          // dates in UTC, like the tables; whole-day ticks even when the trades span hours
          tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
          scales: {
            x: { time: true, range: () => paddedTimeRange(xs[0], xs[xs.length - 1]) },
          },
          series: [
            {},
            { label: "Net equity", stroke: v("--accent", "#2563eb"), width: 2 },
            {
              label: "Without flagged trades",
              stroke: v("--warn", "#a84d08"),
              width: 1.5,
              dash: [6, 4],
            },
          ],
          axes: [
            {
              stroke: text,
              grid: { stroke: grid },
              space: 70,
              incrs: DATE_INCRS,
              values: (u, splits) =>
                dateTickLabels(splits, (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0)),
            },
            {
              stroke: text,
              grid: { stroke: grid },
              size: 70,
              values: (_u, splits) => splits.map((x) => usdCompact(x)),
            },
          ],
        },
        data,
        el.current,
      );
    });
    return () => {
      destroyed = true;
      plot?.destroy();
    };
  }, [report]);
  return (
    <div ref={el} class="chart" id="audit-equity" role="img" aria-label="Equity curve">
      {report.totals.equityCurve.length === 0
        ? <p class="muted">No closed strategies yet.</p>
        : null}
    </div>
  );
}

/** Net income per month: bars up (gains) and down (losses) from a zero line, amounts on them. */
function MonthlyBars({ months }: { months: Report["totals"]["monthlyIncome"] }) {
  if (months.length === 0) return <p class="muted">No closed strategies.</p>;
  const max = Math.max(...months.map((m) => Math.abs(m.netPnl)), 1);
  const BAR = 56; // px of the largest bar
  const amount = { fontSize: "0.7rem", lineHeight: "14px", whiteSpace: "nowrap" };
  // only the halves some month uses: all gains need no room below the zero line
  const gains = months.some((m) => m.netPnl >= 0), losses = months.some((m) => m.netPnl < 0);
  return (
    <div
      id="audit-monthly"
      role="img"
      aria-label={`Net income by month: ${
        months.map((m) => `${m.month} ${usd(m.netPnl)}`).join(", ")
      }`}
      style={{ display: "flex", alignItems: "flex-start", gap: "6px", overflowX: "auto" }}
    >
      {months.map((m) => (
        <div
          key={m.month}
          title={`${m.month}: ${usd(m.netPnl)}`}
          style={{ flex: "0 0 52px", textAlign: "center", fontSize: "0.7rem" }}
        >
          <div
            style={{
              height: gains ? `${BAR + 14}px` : "0",
              display: "flex",
              flexDirection: "column",
              justifyContent: "flex-end",
              alignItems: "center",
              borderBottom: "1px solid var(--border)",
            }}
          >
            {m.netPnl >= 0 && <span class="pos" style={amount}>{usdCompact(m.netPnl)}</span>}
            {m.netPnl > 0 && (
              <div
                style={{
                  width: "32px",
                  height: `${Math.max(1, (m.netPnl / max) * BAR)}px`,
                  background: "var(--up)",
                  borderRadius: "2px 2px 0 0",
                }}
              />
            )}
          </div>
          <div
            style={{
              height: losses ? `${BAR + 14}px` : "4px",
              display: "flex",
              flexDirection: "column",
              alignItems: "center",
            }}
          >
            {m.netPnl < 0 && (
              <div
                style={{
                  width: "32px",
                  height: `${Math.max(1, (-m.netPnl / max) * BAR)}px`,
                  background: "var(--down)",
                  borderRadius: "0 0 2px 2px",
                }}
              />
            )}
            {m.netPnl < 0 && <span class="neg" style={amount}>{usdCompact(m.netPnl)}</span>}
          </div>
          <div class="muted">{m.month}</div>
        </div>
      ))}
    </div>
  );
}

function GroupTable({ rows, title, id }: { rows: GroupRow[]; title: string; id: string }) {
  return (
    <div class="table-wrap">
      <table id={id}>
        <thead>
          <tr>
            <th>{title}</th>
            <th class="num">Strategies</th>
            <th class="num">Win rate</th>
            <th class="num">Gross</th>
            <th class="num">Fees</th>
            <th class="num">Net</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.key}>
              <td>{g.key}</td>
              <td class="num">{g.strategies}</td>
              <td class="num">{pct(g.winRate)}</td>
              <td class="num">{usd(g.grossPnl)}</td>
              <td class="num">{usd(g.fees)}</td>
              <td class={`num ${cls(g.netPnl)}`}>{usd(g.netPnl)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function flagBadges(s: StrategyRow) {
  const f = s.flags;
  return [
    f.revenge && <span class="badge red" key="r">revenge</span>,
    f.tilt && <span class="badge red" key="t">tilt</span>,
    f.sizeTilt && <span class="badge amber" key="s">size tilt</span>,
    f.overtrading && <span class="badge amber" key="o">overtrading</span>,
  ];
}

function StrategyTable({ strategies }: { strategies: StrategyRow[] }) {
  const open = useSignal<Set<number>>(new Set());
  const shown = useSignal(PAGE);
  const toggle = (id: number) => {
    const next = new Set(open.value);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    open.value = next;
  };
  return (
    <div class="table-wrap">
      <table id="audit-strategies">
        <thead>
          <tr>
            <th></th>
            <th>Symbol</th>
            <th>Strategy</th>
            <th>Legs</th>
            <th>Entry</th>
            <th>Exit</th>
            <th class="num">Days</th>
            <th class="num">Net</th>
            <th class="num">Fees</th>
            <th class="num">$/day</th>
            <th class="num">R</th>
            <th>Flags</th>
          </tr>
        </thead>
        <tbody>
          {strategies.slice(0, shown.value).flatMap((s) => {
            const rows = [
              <tr key={s.id} class="strategy-row" data-id={s.id}>
                <td>
                  <button
                    type="button"
                    class="expand"
                    aria-expanded={open.value.has(s.id)}
                    onClick={() => toggle(s.id)}
                  >
                    {open.value.has(s.id) ? "−" : "+"}
                  </button>
                </td>
                <td>{s.symbol}{s.account ? <span class="muted small">{s.account}</span> : null}</td>
                <td>{s.name}{s.status === "open" ? <span class="badge">open</span> : null}</td>
                <td>{s.legsDesc}</td>
                <td>{s.entryAt.replace("T", " ").slice(0, 16)}</td>
                <td>{s.exitAt ? s.exitAt.replace("T", " ").slice(0, 16) : "–"}</td>
                <td class="num">{num(s.holdDays, 1)}</td>
                <td class={`num ${cls(s.netPnl)}`}>{usd(s.netPnl)}</td>
                <td class="num">{usd(s.fees)}</td>
                <td class="num">{usd(s.thetaPerDay)}</td>
                <td class="num">{num(s.rMultiple)}</td>
                <td>{flagBadges(s)}</td>
              </tr>,
            ];
            if (open.value.has(s.id)) {
              rows.push(
                <tr key={`${s.id}-detail`} class="strategy-detail">
                  <td></td>
                  <td colSpan={11}>
                    {s.segments.length > 1 && (
                      <table class="segments">
                        <thead>
                          <tr>
                            <th>Segment</th>
                            <th>Entry</th>
                            <th>Exit</th>
                            <th>Legs</th>
                            <th class="num">Net</th>
                          </tr>
                        </thead>
                        <tbody>
                          {s.segments.map((g, i) => (
                            <tr key={i}>
                              <td>{i + 1}. {g.name}</td>
                              <td>{g.entryAt.replace("T", " ").slice(0, 16)}</td>
                              <td>{g.exitAt ? g.exitAt.replace("T", " ").slice(0, 16) : "open"}</td>
                              <td>{g.legsDesc}</td>
                              <td class={`num ${cls(g.netPnl)}`}>{usd(g.netPnl)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                    <table class="legs">
                      <thead>
                        <tr>
                          <th>Contract</th>
                          <th class="num">Qty</th>
                          <th>Opened</th>
                          <th class="num">Open px</th>
                          <th>Closed</th>
                          <th class="num">Close px</th>
                          <th>By</th>
                          <th class="num">Gross</th>
                          <th class="num">Fees</th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.legs.map((l, i) => (
                          <tr key={i}>
                            <td>
                              <code>{l.contract}</code>
                            </td>
                            <td class="num">{l.qty}</td>
                            <td>{l.openedAt.replace("T", " ").slice(0, 16)}</td>
                            <td class="num">{num(l.openPrice)}</td>
                            <td>
                              {l.closedAt ? l.closedAt.replace("T", " ").slice(0, 16) : "open"}
                            </td>
                            <td class="num">{num(l.closePrice)}</td>
                            <td>{l.closedBy ?? ""}</td>
                            <td class={`num ${cls(l.grossPnl)}`}>{usd(l.grossPnl)}</td>
                            <td class="num">{usd(l.fees)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </td>
                </tr>,
              );
            }
            return rows;
          })}
        </tbody>
      </table>
      {strategies.length > shown.value && (
        <button type="button" onClick={() => (shown.value += PAGE)}>
          Show more ({strategies.length - shown.value} left)
        </button>
      )}
    </div>
  );
}

/** The formulas behind the report, as the help section lists them. */
export const HELP: [string, string][] = [
  [
    "Gross PnL",
    "Σ cash received − Σ cash paid over a strategy's legs (multiplier included, fees excluded)",
  ],
  ["Net PnL", "gross PnL − fees"],
  ["Hold days", "(exit − entry) / 1 day; open strategies up to the as-of date"],
  ["Realized theta", "net PnL / max(hold days, 1), $ per day"],
  [
    "Max risk, R",
    "defined-risk strategies: −(lowest payoff at expiry) at entry; R = net PnL / max risk",
  ],
  ["Win rate", "strategies with net PnL > 0 / closed strategies"],
  ["Profit factor", "Σ net PnL of wins / |Σ net PnL of losses|"],
  ["Expectancy", "Σ net PnL / closed strategies ($); in R: mean R over defined-risk strategies"],
  [
    "Max drawdown",
    "largest fall of cumulative net PnL (exit order) below its running peak (from 0); % of account size + peak",
  ],
  ["Kelly", "p − (1 − p) / b, p = win rate, b = average win / |average loss|"],
  ["Fee drag", "fees / gross PnL × 100 when gross PnL > 0; flagged above 10%"],
  ["Efficiency", "net PnL / fees"],
  ["Stale capital", "held over 10 days while realized theta < $1/day"],
  ["Revenge", "same symbol re-entered 0–30 minutes after a losing exit"],
  [
    "Tilt",
    "a loss with more than 3 losing exits in the trailing 24 h is an event; strategies entered within 24 h after a third loss in 24 h are flagged",
  ],
  [
    "Size tilt",
    "the first strategy within 24 h after a loss, at 1.5× or more of its size (contracts)",
  ],
  ["Overtrading day", "entries ≥ 4 × the average entries per active day over the previous 30 days"],
  [
    "Discipline",
    "100 − 10/revenge − 5/tilt event − 5/size tilt − 5/overtrading day − 5/short option under 3 DTE + 2/loss cut early (≤ 20) + 2/winner held past its type's mean (≤ 20), clamped to 0–100",
  ],
  [
    "Open risk",
    "net in-the-money exposure per underlying (options intrinsic + stock vs cost) below −$500; buying power used above the limit; one underlying above 20% of net liquidation",
  ],
];

interface SimResult {
  finalEquity: { p5: number | null; p50: number | null; p95: number | null };
  maxDrawdownPct: { p50: number | null; p95: number | null };
  ruin: { probability: number; thresholdPct: number };
  paths: number;
}

/** The report; a large one is fetched after hydration instead of travelling in the page. */
export default function AuditReport(props: AuditReportProps) {
  const loaded = useSignal<Report | null>(props.report);
  const failed = useSignal<string | null>(null);
  useEffect(() => {
    if (props.report || !props.auditId) return;
    fetch(`/api/v1/audits/${encodeURIComponent(props.auditId)}`)
      .then((r) => r.json())
      .then((body) => {
        if (body.report) loaded.value = body.report;
        else failed.value = body.error?.message ?? "Could not load the report";
      })
      .catch((err) => (failed.value = String(err)));
  }, []);
  if (!loaded.value) {
    return (
      <p class="muted" id="audit-loading">
        {failed.value ?? "Loading the report…"}
      </p>
    );
  }
  return <ReportView report={loaded.value} auditId={props.auditId} csrf={props.csrf} />;
}

function ReportView(
  { report, auditId, csrf }: { report: Report; auditId: string | null; csrf?: string },
) {
  const sim = useSignal<SimResult | null>(null);
  const simError = useSignal<string | null>(null);
  const simBusy = useSignal(false);
  const t = report.totals;
  const b = report.behaviour;
  const v = report.verdict;

  async function simulate() {
    simBusy.value = true;
    simError.value = null;
    try {
      const res = await fetch("/api/v1/montecarlo", {
        method: "POST",
        headers: { "content-type": "application/json", ...(csrf ? { "x-csrf-token": csrf } : {}) },
        body: JSON.stringify({
          source: { kind: "trades", trades: report.tradePnls.slice(-10_000), mode: "bootstrap" },
          compounding: false,
          initialEquity: report.accountSize ?? 10_000,
          paths: 5000,
          seed: 1,
        }),
      });
      const body = await res.json();
      if (!res.ok) simError.value = body.error?.message ?? `Simulation failed (${res.status})`;
      else sim.value = body;
    } catch (err) {
      simError.value = (err as Error).message;
    } finally {
      simBusy.value = false;
    }
  }

  return (
    <div class="audit-report" id="audit-report">
      <div class={`alert ${BANNER[v.level]}`} id="audit-verdict" role="status" data-level={v.level}>
        <strong>{v.headline}</strong>
        <p>{v.explanation}</p>
      </div>
      <div class="cards" id="audit-cards">
        <Metric label="Closed strategies" value={String(t.strategies)} />
        <Metric
          label="Net PnL"
          value={usd(t.netPnl)}
          tone={cls(t.netPnl)}
          title="Σ gross PnL − fees"
        />
        <Metric label="Win rate" value={pct(t.winRate)} title="strategies with net > 0 / all" />
        <Metric
          label="Profit factor"
          value={num(t.profitFactor)}
          title="Σ net of wins / |Σ net of losses|"
        />
        <Metric
          label="Expectancy"
          value={`${usd(t.expectancy)}${
            t.expectancyR === null ? "" : ` · ${num(t.expectancyR)} R`
          }`}
          title="mean net PnL per strategy; R over defined-risk strategies"
        />
        <Metric
          label="Max drawdown"
          value={`${usd(t.maxDrawdown)}${
            t.maxDrawdownPct === null ? "" : ` (${num(t.maxDrawdownPct, 1)}%)`
          }`}
          title="largest fall of cumulative net from its running peak"
        />
        <Metric
          label="Kelly"
          value={num(t.kelly, 3)}
          title="p − (1 − p) / (avg win / |avg loss|)"
        />
        <Metric
          label="Fee drag"
          value={t.feeDragPct === null ? "–" : `${t.feeDragPct.toFixed(1)}%`}
          tone={t.feeDragFlag ? "neg" : ""}
          title="fees / gross PnL × 100 (flagged above 10%)"
        />
        <Metric label="Efficiency" value={num(t.efficiency, 1)} title="net PnL / fees" />
        <Metric label="Discipline" value={`${b.disciplineScore}/100`} />
      </div>

      <h2>Equity curve</h2>
      <EquityChart report={report} />
      <p class="muted small">
        Dashed: without the {b.anyFlag.count}{" "}
        flagged strategies (revenge, tilt, size tilt, overtrading), which netted{" "}
        {usd(b.anyFlag.netPnl)}.
      </p>

      <h2>Monthly income</h2>
      <MonthlyBars months={t.monthlyIncome} />

      <h2>Behaviour</h2>
      <div class="table-wrap">
        <table id="audit-behaviour">
          <thead>
            <tr>
              <th>Flag</th>
              <th class="num">Strategies</th>
              <th class="num">Their net PnL</th>
              <th class="num">Equity without them</th>
            </tr>
          </thead>
          <tbody>
            {([
              ["Revenge (re-entry within 30 min of a loss)", b.revenge],
              ["Tilt (trading on after 3 losses in 24 h)", b.tilt],
              ["Size tilt (1.5× size after a loss)", b.sizeTilt],
              ["Overtrading days (4× usual entries)", b.overtrading],
            ] as const).map(([label, f]) => (
              <tr key={label}>
                <td>{label}</td>
                <td class="num">{f.count}</td>
                <td class={`num ${cls(f.netPnl)}`}>{usd(f.netPnl)}</td>
                <td class="num">{usd(f.equityWithout.at(-1) ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {b.disciplineBreakdown.length > 0 && (
        <ul id="audit-discipline">
          {b.disciplineBreakdown.map((l) => (
            <li key={l.label}>{l.label}: {l.points > 0 ? "+" : ""}{l.points} ({l.count})</li>
          ))}
        </ul>
      )}

      <h2>Open positions</h2>
      {report.openRisk.alerts.length > 0 && (
        <div class="alert warn" id="audit-open-alerts">
          <ul>{report.openRisk.alerts.map((a) => <li key={a}>{a}</li>)}</ul>
        </div>
      )}
      {report.openPositions.length === 0 ? <p class="muted">None.</p> : (
        <div class="table-wrap">
          <table id="audit-open">
            <thead>
              <tr>
                <th>Contract</th>
                <th>Strategy</th>
                <th class="num">Qty</th>
                <th class="num">Avg price</th>
                <th class="num">Breakeven</th>
                <th class="num">DTE</th>
                <th class="num">Underlying</th>
                <th>Alerts</th>
              </tr>
            </thead>
            <tbody>
              {report.openPositions.map((p) => (
                <tr key={`${p.account}|${p.contract}`}>
                  <td>
                    <code>{p.contract}</code>
                  </td>
                  <td>{p.strategy}</td>
                  <td class="num">{p.qty}</td>
                  <td class="num">{num(p.avgPrice)}</td>
                  <td class="num">{num(p.breakeven)}</td>
                  <td class="num">{p.dte ?? "–"}</td>
                  <td class="num">{p.priced ? num(p.underlyingPrice) : "not priced"}</td>
                  <td>
                    {p.alerts.map((a) => (
                      <span key={a} class={`badge ${a === "Not priced" ? "" : "red"}`}>{a}</span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Strategies</h2>
      <StrategyTable strategies={report.strategies} />

      <h2>By symbol</h2>
      <GroupTable rows={t.bySymbol} title="Symbol" id="audit-symbols" />
      <h2>By strategy type</h2>
      <GroupTable rows={t.byType} title="Type" id="audit-types" />

      {t.staleCapital.length > 0 && (
        <>
          <h2>Stale capital</h2>
          <p class="muted">Held over 10 days while earning under $1 a day.</p>
          <ul>
            {t.staleCapital.map((s) => (
              <li key={s.id}>
                {s.symbol} {s.name}: {num(s.holdDays, 1)} days, {usd(s.thetaPerDay)}/day
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Export and simulate</h2>
      <p class="form-row">
        {auditId && (
          <a
            class="button"
            id="audit-csv"
            href={`/api/v1/audits/${encodeURIComponent(auditId)}/export?format=csv`}
          >
            Download CSV
          </a>
        )}
        {auditId && (
          <a
            class="button"
            id="audit-xlsx"
            href={`/api/v1/audits/${encodeURIComponent(auditId)}/export?format=xlsx`}
          >
            Download XLSX
          </a>
        )}
        <button
          type="button"
          id="audit-simulate"
          disabled={simBusy.value || report.tradePnls.length === 0}
          onClick={simulate}
        >
          {simBusy.value ? "Simulating…" : "Simulate (Monte Carlo)"}
        </button>
        {auditId && (
          <a
            class="button"
            href={`/montecarlo?source=${encodeURIComponent("audit-" + auditId)}`}
            title="Resample this audit's closed trades in the sandbox"
          >
            Open the Monte Carlo sandbox
          </a>
        )}
      </p>
      {simError.value && <div class="alert error">{simError.value}</div>}
      {sim.value && (
        <div class="cards" id="audit-sim">
          <Metric label="Final equity p5" value={usd(sim.value.finalEquity.p5)} />
          <Metric label="Final equity p50" value={usd(sim.value.finalEquity.p50)} />
          <Metric label="Final equity p95" value={usd(sim.value.finalEquity.p95)} />
          <Metric label="Max drawdown p95" value={`${num(sim.value.maxDrawdownPct.p95, 1)}%`} />
          <Metric
            label={`Ruin (${sim.value.ruin.thresholdPct}%)`}
            value={pct(sim.value.ruin.probability)}
          />
        </div>
      )}
      <details id="audit-help">
        <summary>How these numbers are computed</summary>
        <dl>
          {HELP.map(([term, formula]) => [
            <dt key={`t-${term}`}>
              <strong>{term}</strong>
            </dt>,
            <dd key={`d-${term}`}>{formula}</dd>,
          ])}
        </dl>
      </details>
      {report.imports.warnings.length + report.imports.duplicatesDropped > 0 && (
        <p class="muted small" id="audit-notes">
          {report.imports.duplicatesDropped > 0 &&
            `${report.imports.duplicatesDropped} duplicate execution(s) dropped. `}
          {report.imports.warnings.join(" ")}
        </p>
      )}
    </div>
  );
}
