/**
 * Bollinger/Keltner squeeze (ORIGINAL.md 5.13): Bollinger bands inside Keltner channels means
 * volatility has compressed; the sign of close − SMA20 gives the expected breakout side.
 * @module
 */
import * as z from "zod";
import { ema } from "../indicators/mod.ts";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import { allFinite, atrOf, bollingerTail, closeEma, last, memo, trueRangeOf } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "squeeze";

/** Parameters; defaults are the original's. */
export const SqueezeParams = z.object({
  period: z.int().min(2).default(20),
  bbStd: z.number().positive().default(2),
  /** Keltner half-width = kcMult × EMA(true range, period), around EMA(close, period). */
  kcMult: z.number().positive().default(1.5),
  atrPeriod: z.int().min(2).default(14),
  stopAtr: z.number().positive().default(2),
  targetAtr: z.number().positive().default(3),
});
export type SqueezeParams = z.infer<typeof SqueezeParams>;

/**
 * Squeeze on when BB upper < KC upper and BB lower > KC lower on the last bar (BB: SMA20 ± 2
 * population σ; KC: EMA20 ± 1.5 × EMA20 of true range). Momentum = close − SMA20: > 0 → watch
 * "BULLISH SQUEEZE" (stop C − 2 ATR, target C + 3 ATR), ≤ 0 → watch "BEARISH SQUEEZE" (mirrored).
 * No squeeze → wait. Score 100 in a squeeze; `widthRatio` = BB width / KC width (< 1 in a squeeze).
 */
export function squeezeRow(input: ScreenerInput, p: SqueezeParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, p.period + 1);
  if (short) return short;
  const bb = bollingerTail(bars, p.period, p.bbStd);
  const mid = last(closeEma(bars, p.period));
  const range = last(memo(bars, `ema_tr:${p.period}`, () => ema(trueRangeOf(bars), p.period)));
  const [bu, bl, sma] = [last(bb.upper), last(bb.lower), last(bb.middle)];
  const c = last(bars.close);
  const atr = last(atrOf(bars, p.atrPeriod));
  if (!allFinite(bu, bl, sma, mid, range)) return undefinedIndicator(NAME, bars, "bands");
  const ku = mid + p.kcMult * range;
  const kl = mid - p.kcMult * range;
  const on = bu < ku && bl > kl;
  const momentum = c - sma;
  const values = {
    bbUpper: bu,
    bbLower: bl,
    kcUpper: ku,
    kcLower: kl,
    widthRatio: ku > kl ? (bu - bl) / (ku - kl) : null,
    momentum,
    squeezeOn: on,
    atr,
  };
  if (!on) {
    return makeRow(NAME, bars, {
      signal: "wait",
      label: "NO SQUEEZE",
      score: 0,
      values,
      reason: "Bollinger bands are not inside the Keltner channel",
    });
  }
  const bull = momentum > 0;
  return makeRow(NAME, bars, {
    signal: "watch",
    label: bull ? "BULLISH SQUEEZE" : "BEARISH SQUEEZE",
    direction: bull ? "long" : "short",
    score: 100,
    stop: bull ? c - p.stopAtr * atr : c + p.stopAtr * atr,
    target: bull ? c + p.targetAtr * atr : c - p.targetAtr * atr,
    values,
    reason: `Bollinger bands inside the Keltner channel; close ${
      bull ? "above" : "at or below"
    } SMA${p.period}`,
  });
}

/** Bollinger/Keltner squeeze. */
export const squeeze: ScreenerDefinition<typeof SqueezeParams> = {
  name: NAME,
  title: "Bollinger/Keltner squeeze",
  description:
    "Bollinger bands (20, 2σ) inside Keltner channels (EMA20 ± 1.5 × EMA of true range): a " +
    "volatility squeeze; the close against SMA20 gives the side. Stop 2 ATR, target 3 ATR.",
  params: SqueezeParams,
  needs: [],
  category: "reversal",
  run: squeezeRow,
};
