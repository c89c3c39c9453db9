/**
 * Totals over closed strategies (in exit order). With n strategies, net_i their net PnL:
 * - winRate p = #(net > 0) / n; avgWin = mean net of wins; avgLoss = mean net of net < 0.
 * - profitFactor = Σ net of wins / |Σ net of losses| (null without losses).
 * - expectancy = Σ net / n = p·avgWin + (1 − p)·(mean net of non-wins), $ per strategy;
 *   expectancyR = mean of net / maxRisk over defined-risk strategies.
 * - maxDrawdown = max over t of (peak_t − cum_t), cum = running Σ net in exit order, peak the
 *   running max of cum starting at 0; maxDrawdownPct = max of (peak_t − cum_t) / (A + peak_t) × 100
 *   with account size A.
 * - kelly = p − (1 − p) / b with b = avgWin / |avgLoss| (null without both wins and losses).
 * - feeDragPct = fees / grossPnl × 100 when grossPnl > 0 (flagged above 10); efficiency = net / fees.
 * - staleCapital: holdDays > 10 and thetaPerDay < $1/day.
 * - monthlyIncome: Σ net by exit month; equityCurve: cumulative net after each exit.
 * @module
 */
import { isoDate } from "../parse.ts";
import type { EquityPoint, GroupRow, StrategyRow, Totals } from "../report.ts";
import { cents } from "./strategies.ts";

/** Fee drag above this percentage is flagged. */
export const FEE_DRAG_FLAG_PCT = 10;

/** Cumulative net equity curve of `rows` (exit order), one point per strategy. */
export function equityCurve(
  rows: readonly StrategyRow[],
  skip?: ReadonlySet<number>,
): EquityPoint[] {
  let cum = 0;
  const out: EquityPoint[] = [];
  for (const r of rows) {
    if (!skip?.has(r.id)) cum += r.netPnl;
    out.push({ ms: r.exitMs!, date: isoDate(r.exitMs!), equity: cents(cum) });
  }
  return out;
}

/** Max drawdown in $ and % (of peak equity A + peak) of a sequence of net results. */
export function maxDrawdown(
  nets: readonly number[],
  accountSize: number | null,
): { dd: number; pct: number | null } {
  let cum = 0;
  let peak = 0;
  let dd = 0;
  let pct = 0;
  for (const x of nets) {
    cum += x;
    if (cum > peak) peak = cum;
    const d = peak - cum;
    if (d > dd) dd = d;
    if (accountSize !== null && accountSize + peak > 0) {
      pct = Math.max(pct, (d / (accountSize + peak)) * 100);
    }
  }
  return { dd, pct: accountSize === null ? null : pct };
}

function groupBy(rows: readonly StrategyRow[], key: (r: StrategyRow) => string): GroupRow[] {
  const m = new Map<string, GroupRow>();
  for (const r of rows) {
    const k = key(r);
    let g = m.get(k);
    if (!g) {
      m.set(k, g = { key: k, strategies: 0, wins: 0, winRate: 0, grossPnl: 0, fees: 0, netPnl: 0 });
    }
    g.strategies++;
    if (r.netPnl > 0) g.wins++;
    g.grossPnl += r.grossPnl;
    g.fees += r.fees;
    g.netPnl += r.netPnl;
  }
  return [...m.values()].map((g) => ({
    ...g,
    winRate: g.wins / g.strategies,
    grossPnl: cents(g.grossPnl),
    fees: cents(g.fees),
    netPnl: cents(g.netPnl),
  })).sort((a, b) => b.netPnl - a.netPnl || a.key.localeCompare(b.key));
}

/** Totals of closed strategies `rows`, which must be sorted by exit time. */
export function computeTotals(rows: readonly StrategyRow[], accountSize: number | null): Totals {
  const n = rows.length;
  let gross = 0;
  let fees = 0;
  let winSum = 0;
  let lossSum = 0;
  let wins = 0;
  let losses = 0;
  let rSum = 0;
  let rN = 0;
  let holdSum = 0;
  const monthly = new Map<string, number>();
  for (const r of rows) {
    gross += r.grossPnl;
    fees += r.fees;
    holdSum += r.holdDays;
    if (r.netPnl > 0) {
      wins++;
      winSum += r.netPnl;
    } else if (r.netPnl < 0) {
      losses++;
      lossSum += r.netPnl;
    }
    if (r.rMultiple !== null) {
      rSum += r.rMultiple;
      rN++;
    }
    const month = isoDate(r.exitMs!).slice(0, 7);
    monthly.set(month, (monthly.get(month) ?? 0) + r.netPnl);
  }
  const net = gross - fees;
  const p = n ? wins / n : null;
  const avgWin = wins ? winSum / wins : null;
  const avgLoss = losses ? lossSum / losses : null;
  const { dd, pct } = maxDrawdown(rows.map((r) => r.netPnl), accountSize);
  let kelly: number | null = null;
  if (p !== null && avgWin !== null && avgLoss !== null) {
    const b = avgWin / Math.abs(avgLoss);
    kelly = p - (1 - p) / b;
  }
  const feeDragPct = gross > 0 ? (fees / gross) * 100 : null;
  return {
    strategies: n,
    wins,
    losses,
    winRate: p,
    grossPnl: cents(gross),
    fees: cents(fees),
    netPnl: cents(net),
    avgWin: avgWin === null ? null : cents(avgWin),
    avgLoss: avgLoss === null ? null : cents(avgLoss),
    profitFactor: losses ? winSum / Math.abs(lossSum) : null,
    expectancy: n ? cents(net / n) : null,
    expectancyR: rN ? rSum / rN : null,
    definedRiskStrategies: rN,
    maxDrawdown: cents(dd),
    maxDrawdownPct: pct,
    kelly,
    feeDragPct,
    feeDragFlag: feeDragPct !== null && feeDragPct > FEE_DRAG_FLAG_PCT,
    efficiency: fees > 0 ? net / fees : null,
    avgHoldDays: n ? holdSum / n : null,
    staleCapital: rows.filter((r) => r.holdDays > 10 && r.thetaPerDay < 1).map((r) => ({
      id: r.id,
      symbol: r.symbol,
      name: r.name,
      holdDays: r.holdDays,
      thetaPerDay: r.thetaPerDay,
      netPnl: r.netPnl,
    })),
    monthlyIncome: [...monthly.entries()].sort(([a], [b]) => a.localeCompare(b)).map((
      [month, v],
    ) => ({
      month,
      netPnl: cents(v),
    })),
    equityCurve: equityCurve(rows),
    bySymbol: groupBy(rows, (r) => r.symbol),
    byType: groupBy(rows, (r) => r.type),
  };
}
