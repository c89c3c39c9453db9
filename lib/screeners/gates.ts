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

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1e6) return (x / 1e6).toFixed(2) + "M";
  if (Math.abs(x) >= 1e3) return (x / 1e3).toFixed(1) + "k";
  return x.toFixed(2);
}
