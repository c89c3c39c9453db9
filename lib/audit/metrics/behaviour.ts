/**
 * Behaviour flags, priced in dollars, and the discipline score.
 *
 * - Revenge: a strategy entered 0–30 minutes after the latest exit of the same symbol, when that
 *   exited strategy lost money (net < 0).
 * - Tilt: a loss whose exit has more than 3 losing exits in the trailing 24 h (itself included)
 *   is a tilt event; a strategy entered within 24 h after the exit of a loss that was at least the
 *   3rd in its trailing 24 h (i.e. trading on after three losses in a day) is a tilt trade.
 * - Size tilt: the first strategy entered within 24 h after a losing exit, when its size (largest
 *   opening |qty|, contracts) is at least 1.5 × the losing strategy's size.
 * - Overtrading day: a day whose number of strategy entries is at least 4 × the average entries
 *   per active day over the previous 30 calendar days (days without history are not judged);
 *   every strategy entered that day is flagged.
 * For each flag: count of flagged strategies, their net PnL (closed ones), and the equity curve
 * with them left out (values aligned with `totals.equityCurve`).
 *
 * Discipline score: 100 − 10 per revenge trade − 5 per tilt event − 5 per size-tilt trade − 5 per
 * overtrading day − 5 per open short option under 3 DTE and not expired, + 2 per loss cut early
 * (held < half the mean hold, max +20) + 2 per winner held longer than the mean hold of its
 * strategy type (max +20), clamped to [0, 100].
 * @module
 */
import { isoDate } from "../parse.ts";
import type { Behaviour, FlagSummary, OpenPosition, ScoreLine, StrategyRow } from "../report.ts";
import { cents } from "./strategies.ts";

/** Cumulative net after each closed strategy (exit order), leaving out `skip`. */
function equityValues(closed: readonly StrategyRow[], skip: ReadonlySet<number>): number[] {
  const out = new Array<number>(closed.length);
  let cum = 0;
  for (let i = 0; i < closed.length; i++) {
    if (!skip.has(closed[i].id)) cum += closed[i].netPnl;
    out[i] = Math.round(cum * 100) / 100;
  }
  return out;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Revenge window after a losing exit, ms. */
export const REVENGE_MS = 30 * MIN;

function summary(
  ids: Set<number>,
  all: readonly StrategyRow[],
  closed: readonly StrategyRow[],
): FlagSummary {
  let net = 0;
  for (const r of closed) if (ids.has(r.id)) net += r.netPnl;
  return {
    count: ids.size,
    netPnl: cents(net),
    strategyIds: all.filter((r) => ids.has(r.id)).map((r) => r.id),
    equityWithout: equityValues(closed, ids),
  };
}

/** Latest index in `sorted` (by key asc) with key ≤ x, or -1. */
function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Flags strategies (setting `row.flags`) and scores discipline. `all` = every strategy, `closed`
 * = closed ones in exit order; `open` = open positions (for the gamma-risk penalty).
 */
export function analyseBehaviour(
  all: StrategyRow[],
  closed: readonly StrategyRow[],
  open: readonly OpenPosition[],
): Behaviour {
  const byEntry = [...all].sort((a, b) => a.entryMs - b.entryMs || a.id - b.id);
  // revenge
  const exitsBySymbol = new Map<string, StrategyRow[]>();
  for (const r of closed) {
    const l = exitsBySymbol.get(r.symbol);
    if (l) l.push(r);
    else exitsBySymbol.set(r.symbol, [r]);
  }
  const exitKeys = new Map<string, number[]>();
  for (const [k, l] of exitsBySymbol) exitKeys.set(k, l.map((r) => r.exitMs!));
  const revenge = new Set<number>();
  for (const s of all) {
    const list = exitsBySymbol.get(s.symbol);
    if (!list) continue;
    let i = lastAtOrBefore(exitKeys.get(s.symbol)!, s.entryMs);
    while (i >= 0 && list[i].id === s.id) i--;
    if (i < 0) continue;
    const prev = list[i];
    if (prev.netPnl < 0 && s.entryMs - prev.exitMs! <= REVENGE_MS) revenge.add(s.id);
  }
  // tilt
  const losses = closed.filter((r) => r.netPnl < 0);
  const lossExits = losses.map((r) => r.exitMs!); // closed is in exit order
  let events = 0;
  const tiltStarts: number[] = [];
  let lo = 0;
  for (let i = 0; i < lossExits.length; i++) {
    while (lossExits[lo] <= lossExits[i] - DAY) lo++;
    const c = i - lo + 1;
    if (c > 3) events++;
    if (c >= 3) tiltStarts.push(lossExits[i]);
  }
  const tilt = new Set<number>();
  for (const s of all) {
    const k = lastAtOrBefore(tiltStarts, s.entryMs);
    if (k >= 0 && s.entryMs - tiltStarts[k] <= DAY && s.entryMs > tiltStarts[k]) tilt.add(s.id);
  }
  // size tilt
  const entryKeys = byEntry.map((r) => r.entryMs);
  const sizeTilt = new Set<number>();
  for (const l of losses) {
    let k = lastAtOrBefore(entryKeys, l.exitMs! - 1) + 1;
    while (k < byEntry.length && byEntry[k].id === l.id) k++;
    if (k >= byEntry.length) continue;
    const next = byEntry[k];
    if (next.entryMs - l.exitMs! <= DAY && l.size > 0 && next.size >= 1.5 * l.size) {
      sizeTilt.add(next.id);
    }
  }
  // overtrading
  const perDay = new Map<number, StrategyRow[]>();
  for (const r of byEntry) {
    const d = Math.floor(r.entryMs / DAY);
    const l = perDay.get(d);
    if (l) l.push(r);
    else perDay.set(d, [r]);
  }
  const days = [...perDay.keys()].sort((a, b) => a - b);
  const overDays: string[] = [];
  const over = new Set<number>();
  let from = 0;
  let windowCount = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    while (from < i && days[from] < d - 30) {
      windowCount -= perDay.get(days[from])!.length;
      from++;
    }
    const active = i - from;
    const count = perDay.get(d)!.length;
    if (active > 0 && count >= 4 * (windowCount / active)) {
      overDays.push(isoDate(d * DAY));
      for (const r of perDay.get(d)!) over.add(r.id);
    }
    windowCount += count;
  }
  for (const r of all) {
    r.flags = {
      revenge: revenge.has(r.id),
      tilt: tilt.has(r.id),
      sizeTilt: sizeTilt.has(r.id),
      overtrading: over.has(r.id),
    };
  }
  const anyIds = new Set([...revenge, ...tilt, ...sizeTilt, ...over]);
  // discipline score
  const lines: ScoreLine[] = [];
  const add = (label: string, count: number, per: number, cap?: number) => {
    if (count === 0) return;
    const raw = count * per;
    lines.push({
      label,
      count,
      points: cap === undefined ? raw : Math.sign(raw) * Math.min(Math.abs(raw), cap),
    });
  };
  add("Revenge trades", revenge.size, -10);
  add("Tilt events (more than 3 losses in 24 h)", events, -5);
  add("Size increased 50%+ right after a loss", sizeTilt.size, -5);
  add("Overtrading days", overDays.length, -5);
  const gamma = open.filter((p) =>
    p.assetType === "option" && p.qty < 0 && p.dte !== null && p.dte >= 0 && p.dte < 3
  );
  add("Short options held under 3 DTE", gamma.length, -5);
  const meanHold = closed.length ? closed.reduce((a, r) => a + r.holdDays, 0) / closed.length : 0;
  add("Losses cut early", losses.filter((r) => r.holdDays < 0.5 * meanHold).length, 2, 20);
  const typeHold = new Map<string, { s: number; n: number }>();
  for (const r of closed) {
    const t = typeHold.get(r.type) ?? { s: 0, n: 0 };
    t.s += r.holdDays;
    t.n++;
    typeHold.set(r.type, t);
  }
  const patient = closed.filter((r) => {
    const t = typeHold.get(r.type)!;
    const mean = t.s / t.n;
    return r.netPnl > 0 && mean > 0 && r.holdDays > mean;
  }).length;
  add("Winners held past their type's mean hold", patient, 2, 20);
  const score = Math.max(0, Math.min(100, 100 + lines.reduce((a, l) => a + l.points, 0)));
  return {
    revenge: summary(revenge, all, closed),
    tilt: { ...summary(tilt, all, closed), events },
    sizeTilt: summary(sizeTilt, all, closed),
    overtrading: { ...summary(over, all, closed), days: overDays },
    anyFlag: summary(anyIds, all, closed),
    disciplineScore: score,
    disciplineBreakdown: lines,
  };
}
