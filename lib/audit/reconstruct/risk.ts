/**
 * Maximum risk at entry of a structure, from its payoff.
 *
 * Payoff at underlying price S, with every option valued at intrinsic value (at the first
 * expiry, later-dated options are worth at least that, so this bounds the loss of calendars and
 * diagonals from above):
 *   P(S) = Σ openCash + Σ_options q·m·intrinsic(S) + Σ_stock q·m·S.
 * P is piecewise linear with kinks at the strikes, so its minimum over S ≥ 0 is at S = 0, at a
 * strike, or −∞ when the slope above the top strike (Σ stock q·m + Σ call q·m) is negative.
 * The structure is *defined risk* when that upper slope is ≥ 0 and the slope just above S = 0
 * (Σ stock q·m − Σ put q·m) is ≤ 0, i.e. it cannot lose more as the underlying falls toward zero
 * (a short put or a covered call are therefore not defined risk; a vertical, condor, long option
 * or collar are). Max risk = −min P (≥ 0), fees excluded.
 * @module
 */
import type { Lot } from "./match.ts";

/** Max risk result. */
export interface MaxRisk {
  definedRisk: boolean;
  /** −min payoff, $, when defined risk; null otherwise. */
  maxRisk: number | null;
}

/**
 * Max risk at entry of the lots put on together (see module doc).
 *
 * @example
 * // short 400/395 put spread for 1.50 credit: width 5 → risk (5 − 1.5) × 100 = 350
 */
export function maxRiskAtEntry(lots: readonly Lot[]): MaxRisk {
  let cash = 0;
  let slopeHigh = 0;
  let slopeLow = 0;
  const strikes: number[] = [0];
  for (const l of lots) {
    cash += l.openCash;
    const qm = l.qty * l.multiplier;
    if (l.assetType === "stock") {
      slopeHigh += qm;
      slopeLow += qm;
    } else if (l.right === "C") {
      slopeHigh += qm;
      strikes.push(l.strike ?? 0);
    } else {
      slopeLow -= qm;
      strikes.push(l.strike ?? 0);
    }
  }
  if (slopeHigh < -1e-9 || slopeLow > 1e-9) return { definedRisk: false, maxRisk: null };
  let min = Infinity;
  for (const s of strikes) {
    let p = cash;
    for (const l of lots) {
      const qm = l.qty * l.multiplier;
      if (l.assetType === "stock") p += qm * s;
      else if (l.right === "C") p += qm * Math.max(0, s - (l.strike ?? 0));
      else p += qm * Math.max(0, (l.strike ?? 0) - s);
    }
    if (p < min) min = p;
  }
  return { definedRisk: true, maxRisk: Math.max(0, -min) };
}
