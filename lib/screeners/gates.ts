/**
 * Liquidity gates: the original skipped thin symbols before screening. Here a symbol that fails
 * a gate gets a `wait` row labelled "FILTERED (Liquidity)" with the figures, so a scan can show
 * why it was left out. Every threshold is a parameter; 0 disables it.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { makeRow } from "./row.ts";
import { last, volumeSmaTail } from "./series.ts";
import type { ScreenerRow } from "./types.ts";

/** Thresholds; each is off when 0 or absent. */
export interface LiquidityGate {
  /** Minimum mean volume over the last `period` bars, shares. */
  minAvgVolume?: number;
  /** Minimum mean volume × last close (turnover), price units. */
  minTurnover?: number;
  /** Minimum last close, price units. */
  minPrice?: number;
  /** Bars averaged (default 20). */
  period?: number;
}

/** Null when `bars` passes every gate, else a `wait` row saying which gate failed. */
export function checkLiquidity(
  screener: string,
  bars: BarSeries,
  gate: LiquidityGate,
): ScreenerRow | null {
  const period = gate.period ?? 20;
  const close = last(bars.close);
  const avgVol = last(volumeSmaTail(bars, period));
  const turnover = avgVol * close;
  const fails: string[] = [];
  if (gate.minAvgVolume && !(avgVol >= gate.minAvgVolume)) {
    fails.push(`${period}-bar average volume ${fmt(avgVol)} < ${fmt(gate.minAvgVolume)}`);
  }
  if (gate.minTurnover && !(turnover >= gate.minTurnover)) {
    fails.push(`${period}-bar average turnover ${fmt(turnover)} < ${fmt(gate.minTurnover)}`);
  }
  if (gate.minPrice && !(close >= gate.minPrice)) {
    fails.push(`price ${close.toFixed(2)} < ${gate.minPrice}`);
  }
  if (fails.length === 0) return null;
  return makeRow(screener, bars, {
    signal: "wait",
    label: "FILTERED (Liquidity)",
    reason: fails.join("; "),
    values: { avgVolume: avgVol, avgTurnover: turnover },
  });
}

/** A symbol ranked by mean volume. */
export interface VolumeRank {
  symbol: string;
  /** 1-based rank (1 = highest mean volume). */
  rank: number;
  /** Mean volume over the last `period` bars, shares; NaN with fewer bars. */
  avgVolume: number;
}

/**
 * The universe cut "top N by volume": ranks symbols by mean volume over the last `period` bars
 * (shares, simple mean; needs `period` bars, else NaN) and keeps the first `count`.
 * Tie rule: equal means rank by symbol in ascending code-unit order; symbols with no mean (too
 * few bars, NaN volume) rank after every symbol with one, also by symbol. Deterministic for any
 * input order. `count` ≥ the number of symbols keeps them all.
 * @throws RangeError when `count` is not a non-negative integer or `period` not a positive one.
 */
export function topByVolume(
  entries: readonly { symbol: string; bars: BarSeries }[],
  count: number,
  period: number,
): { kept: VolumeRank[]; cut: VolumeRank[] } {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`topByVolume: expected count a non-negative integer, was ${count}`);
  }
  if (!Number.isInteger(period) || period < 1) {
    throw new RangeError(`topByVolume: expected period a positive integer, was ${period}`);
  }
  const scored = entries.map(({ symbol, bars }) => ({
    symbol,
    avgVolume: bars.length >= period ? last(volumeSmaTail(bars, period)) : NaN,
  }));
  scored.sort((a, b) => {
    const fa = Number.isFinite(a.avgVolume), fb = Number.isFinite(b.avgVolume);
    if (fa !== fb) return fa ? -1 : 1;
    if (fa && a.avgVolume !== b.avgVolume) return b.avgVolume - a.avgVolume;
    return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
  });
  const ranked = scored.map((s, i) => ({ ...s, rank: i + 1 }));
  return { kept: ranked.slice(0, count), cut: ranked.slice(count) };
}

/** "1.2M" / "3.4k" / "5.00": volumes and turnovers in reasons. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1e6) return (x / 1e6).toFixed(2) + "M";
  if (Math.abs(x) >= 1e3) return (x / 1e3).toFixed(1) + "k";
  return x.toFixed(2);
}
