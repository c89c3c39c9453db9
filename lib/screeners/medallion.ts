/**
 * Medallion ISA (ORIGINAL.md 5.15): a short-term RSI(3) dip inside a long-term uptrend.
 * @module
 */
import * as z from "zod";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import { allFinite, atrOf, closeRsi, closeSmaTail, last, volumeSmaTail } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "medallion";

/** Parameters; defaults are the original's. */
export const MedallionParams = z.object({
  rsiPeriod: z.int().min(2).default(3),
  buyBelow: z.number().min(0).max(100).default(15),
  watchBelow: z.number().min(0).max(100).default(30),
  longPeriod: z.int().min(2).default(200),
  midPeriod: z.int().min(2).default(50),
  targetSmaPeriod: z.int().min(2).default(20),
  /** Volume > volumeMult × SMA20(volume) makes the buy aggressive. */
  volumeMult: z.number().min(0).default(1.5),
  atrPeriod: z.int().min(2).default(14),
  stopAtr: z.number().positive().default(2),
  targetAtr: z.number().positive().default(3),
});
export type MedallionParams = z.infer<typeof MedallionParams>;

/**
 * Close > SMA200 and > SMA50: RSI3 < 15 → buy "MEDALLION BUY" (score 95 "Aggressive" on volume
 * > 1.5 × SMA20 volume, else 85); RSI3 < 30 → watch "WATCH (Oversold)" (60); else wait. Close ≤
 * SMA200 → exit "AVOID (Downtrend)". Stop C − 2 ATR14, target max(SMA20, C + 3 ATR14).
 */
export function medallionRow(input: ScreenerInput, p: MedallionParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.longPeriod, p.midPeriod, p.rsiPeriod + 1));
  if (short) return short;
  const c = last(bars.close);
  const s200 = last(closeSmaTail(bars, p.longPeriod));
  const s50 = last(closeSmaTail(bars, p.midPeriod));
  const s20 = last(closeSmaTail(bars, p.targetSmaPeriod));
  const r = last(closeRsi(bars, p.rsiPeriod));
  const atr = last(atrOf(bars, p.atrPeriod));
  const v = last(bars.volume);
  const vAvg = last(volumeSmaTail(bars, 20));
  if (!allFinite(c, s200, s50, r, atr)) return undefinedIndicator(NAME, bars, "SMA, RSI or ATR");
  const values = { rsi3: r, sma200: s200, sma50: s50, sma20: s20, atr, volumeRatio: v / vAvg };
  const stop = c - p.stopAtr * atr;
  const target = Math.max(Number.isFinite(s20) ? s20 : -Infinity, c + p.targetAtr * atr);
  const why = `RSI${p.rsiPeriod} ${r.toFixed(1)}, close ${c.toFixed(2)} vs SMA${p.longPeriod} ${
    s200.toFixed(2)
  } / SMA${p.midPeriod} ${s50.toFixed(2)}`;
  if (c <= s200) {
    return makeRow(NAME, bars, {
      signal: "exit",
      label: "AVOID (Downtrend)",
      score: 0,
      values,
      reason: why,
    });
  }
  if (c > s50 && r < p.buyBelow) {
    const aggressive = v > p.volumeMult * vAvg;
    return makeRow(NAME, bars, {
      signal: "buy",
      label: "MEDALLION BUY",
      direction: "long",
      score: aggressive ? 95 : 85,
      stop,
      target,
      values: { ...values, action: aggressive ? "BUY (Aggressive)" : "BUY" },
      reason: why,
    });
  }
  if (c > s50 && r < p.watchBelow) {
    return makeRow(NAME, bars, {
      signal: "watch",
      label: "WATCH (Oversold)",
      direction: "long",
      score: 60,
      stop,
      target,
      values,
      reason: why,
    });
  }
  return makeRow(NAME, bars, { signal: "wait", label: "WAIT", score: 0, values, reason: why });
}

/** Medallion ISA RSI(3) dip screener. */
export const medallion: ScreenerDefinition<typeof MedallionParams> = {
  name: NAME,
  title: "Medallion (RSI3 dip)",
  description:
    "Above SMA200 and SMA50 with RSI(3) below 15: buy the short-term dip (aggressive on 1.5x " +
    "volume); RSI(3) below 30 is a watch. Stop 2 ATR, target the higher of SMA20 and +3 ATR.",
  params: MedallionParams,
  needs: [],
  category: "reversal",
  run: medallionRow,
};
