/**
 * ICT optimal trade entry (ORIGINAL.md 5.11): after a displacement leg that shifts market
 * structure and leaves a fair-value gap, price retraces into the 61.8-79 % "OTE" zone of the leg.
 * @module
 */
import * as z from "zod";
import type { BarSeries } from "../domain/bar.ts";
import { makeRow, needBars } from "./row.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "ict_ote";

/** Parameters; defaults are the original's. */
export const OteParams = z.object({
  /** Bars searched for the leg's extreme. */
  legWindow: z.int().min(10).default(40),
  /** Bars searched for fair-value gaps. */
  fvgWindow: z.int().min(3).default(30),
  /** A gap must exceed this fraction of the price (0.0002 = 0.02 %). */
  minGapPct: z.number().min(0).default(0.0002),
  fibLow: z.number().min(0).max(1).default(0.618),
  fibHigh: z.number().min(0).max(1).default(0.79),
  /** Bars after the leg's start required before a bearish / bullish setup counts. */
  minBarsAfterPeak: z.int().min(1).default(3),
  minBarsAfterTrough: z.int().min(1).default(5),
  /** Bars before the trough whose highs the bullish leg must exceed (structure shift). */
  structureBars: z.int().min(1).default(10),
  /** Require a bullish fair-value gap for the bullish setup (the original did not). */
  requireBullishFvg: z.boolean().default(false),
});
export type OteParams = z.infer<typeof OteParams>;

/** A fair-value gap: the untraded range between bar i−2 and bar i. */
export interface FairValueGap {
  index: number;
  kind: "bullish" | "bearish";
  top: number;
  bottom: number;
}

/**
 * Fair-value gaps whose third bar lies in [from, to]: bearish when low[i−2] > high[i] (top =
 * low[i−2], bottom = high[i]) and the gap exceeds `minGapPct` × high[i]; bullish when high[i−2] <
 * low[i] (top = low[i], bottom = high[i−2]) and the gap exceeds `minGapPct` × low[i].
 */
export function fairValueGaps(
  bars: BarSeries,
  from: number,
  to: number,
  minGapPct = 0.0002,
): FairValueGap[] {
  const out: FairValueGap[] = [];
  for (let i = Math.max(2, from); i <= to; i++) {
    const { high, low } = bars;
    if (low[i - 2] > high[i] && low[i - 2] - high[i] > minGapPct * high[i]) {
      out.push({ index: i, kind: "bearish", top: low[i - 2], bottom: high[i] });
    }
    if (high[i - 2] < low[i] && low[i] - high[i - 2] > minGapPct * low[i]) {
      out.push({ index: i, kind: "bullish", top: low[i], bottom: high[i - 2] });
    }
  }
  return out;
}

function argExtreme(a: Float64Array, from: number, to: number, kind: "max" | "min"): number {
  let best = from;
  for (let i = from + 1; i <= to; i++) {
    if (kind === "max" ? a[i] > a[best] : a[i] < a[best]) best = i;
  }
  return best;
}

/**
 * Bearish: peak = highest high of the last 40 bars with ≥ 3 bars after it; valley = lowest low
 * after the peak; R = peak − valley. The close has retraced 61.8-79 % of the down leg
 * ((C − valley)/R ∈ [0.618, 0.79]; the original's formula measured 21-38 % from the valley, which
 * is not the OTE zone), a bearish FVG formed after the peak, and the valley broke the last
 * swing low before the peak → sell "BEARISH OTE (Sell)", stop = peak, target = valley − R.
 * Bullish: trough = lowest low of the last 40 bars with ≥ 5 bars after it; peak = highest high
 * after it; (peak − C)/R ∈ [0.618, 0.79] and the peak exceeds the 10 highs before the trough →
 * buy "BULLISH OTE (Buy)", stop = trough, target = peak + R. Else wait. Score 100 on a setup.
 */
export function oteRow(input: ScreenerInput, p: OteParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, p.legWindow + p.structureBars);
  if (short) return short;
  const n = bars.length;
  const c = bars.close[n - 1];
  const from = n - p.legWindow;
  const gaps = fairValueGaps(bars, n - p.fvgWindow, n - 1, p.minGapPct);
  // Bearish leg.
  const pk = argExtreme(bars.high, from, n - 1, "max");
  if (n - 1 - pk >= p.minBarsAfterPeak) {
    const peak = bars.high[pk];
    const vi = argExtreme(bars.low, pk + 1, n - 1, "min");
    const valley = bars.low[vi];
    const r = peak - valley;
    const retr = r > 0 ? (c - valley) / r : NaN;
    const fvg = gaps.find((g) => g.kind === "bearish" && g.index > pk);
    let swingLow = NaN;
    for (let k = pk - 1; k >= 1; k--) {
      if (bars.low[k] < bars.low[k - 1] && bars.low[k] < bars.low[k + 1]) {
        swingLow = bars.low[k];
        break;
      }
    }
    if (retr >= p.fibLow && retr <= p.fibHigh && fvg && swingLow > valley) {
      return makeRow(NAME, bars, {
        signal: "sell",
        label: "BEARISH OTE (Sell)",
        direction: "short",
        score: 100,
        stop: peak,
        target: valley - r,
        values: {
          legHigh: peak,
          legLow: valley,
          retracement: retr,
          oteZone: `${(valley + p.fibLow * r).toFixed(2)} - ${(valley + p.fibHigh * r).toFixed(2)}`,
          fvgTop: fvg.top,
          fvgBottom: fvg.bottom,
          structureLevel: swingLow,
        },
        reason: `down leg ${peak.toFixed(2)} → ${valley.toFixed(2)} broke the swing low ${
          swingLow.toFixed(2)
        }; close retraced ${(100 * retr).toFixed(1)} % into the OTE zone below a bearish FVG`,
      });
    }
  }
  // Bullish leg.
  const tr = argExtreme(bars.low, from, n - 1, "min");
  if (n - 1 - tr >= p.minBarsAfterTrough) {
    const trough = bars.low[tr];
    const pi = argExtreme(bars.high, tr + 1, n - 1, "max");
    const peakUp = bars.high[pi];
    const r = peakUp - trough;
    const retr = r > 0 ? (peakUp - c) / r : NaN;
    let prior = -Infinity;
    for (let k = Math.max(0, tr - p.structureBars); k < tr; k++) {
      prior = Math.max(prior, bars.high[k]);
    }
    const fvg = gaps.find((g) => g.kind === "bullish" && g.index > tr);
    if (
      retr >= p.fibLow && retr <= p.fibHigh && peakUp > prior && (fvg || !p.requireBullishFvg)
    ) {
      return makeRow(NAME, bars, {
        signal: "buy",
        label: "BULLISH OTE (Buy)",
        direction: "long",
        score: 100,
        stop: trough,
        target: peakUp + r,
        values: {
          legHigh: peakUp,
          legLow: trough,
          retracement: retr,
          oteZone: `${(peakUp - p.fibHigh * r).toFixed(2)} - ${(peakUp - p.fibLow * r).toFixed(2)}`,
          fvgTop: fvg?.top ?? null,
          fvgBottom: fvg?.bottom ?? null,
          structureLevel: prior,
        },
        reason: `up leg ${trough.toFixed(2)} → ${peakUp.toFixed(2)} broke the prior high ${
          prior.toFixed(2)
        }; close retraced ${(100 * retr).toFixed(1)} % into the OTE zone`,
      });
    }
  }
  return makeRow(NAME, bars, {
    signal: "wait",
    label: "WAIT",
    score: 0,
    values: { fvgCount: gaps.length },
    reason: "no displacement leg with price in its 61.8-79 % retracement zone",
  });
}

/** ICT OTE screener. */
export const ictOte: ScreenerDefinition<typeof OteParams> = {
  name: NAME,
  title: "ICT OTE with fair-value gaps",
  description:
    "After a 40-bar displacement leg that breaks structure (and, for shorts, leaves a bearish " +
    "fair-value gap), price retraces 61.8-79 % of it: sell the rally / buy the dip with the " +
    "stop at the leg's extreme and the target one leg beyond.",
  params: OteParams,
  needs: [],
  category: "reversal",
  run: oteRow,
};
