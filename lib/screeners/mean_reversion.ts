/**
 * Mean reversion (ORIGINAL.md 5.14, the universal dashboard's third setup): a close below the
 * lower Bollinger band with RSI14 oversold.
 * @module
 */
import * as z from "zod";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import { allFinite, bollingerTail, closeRsi, last, volumeSmaTail } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "mean_reversion";

/** Parameters; defaults are the original's. */
export const MeanReversionParams = z.object({
  bbPeriod: z.int().min(2).default(20),
  bbStd: z.number().positive().default(2),
  rsiPeriod: z.int().min(2).default(14),
  oversold: z.number().min(0).max(100).default(30),
  /** Volume > volumeMult × SMA20(volume) = high conviction. */
  volumeMult: z.number().min(0).default(1.5),
  /** Stop = stopFraction × close. */
  stopFraction: z.number().positive().max(1).default(0.95),
});
export type MeanReversionParams = z.infer<typeof MeanReversionParams>;

/**
 * Close < lower BB(20, 2) and RSI14 < 30 → buy "MEAN REVERSION" ("High Conviction" when volume
 * > 1.5 × SMA20 volume: score 90, else 70). Stop 0.95 × close; target the middle band (SMA20), the
 * mean the setup expects a return to (the original set none). Otherwise wait, score 0.
 */
export function meanReversionRow(input: ScreenerInput, p: MeanReversionParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.bbPeriod, p.rsiPeriod + 1));
  if (short) return short;
  const bb = bollingerTail(bars, p.bbPeriod, p.bbStd);
  const c = last(bars.close);
  const lower = last(bb.lower);
  const middle = last(bb.middle);
  const r = last(closeRsi(bars, p.rsiPeriod));
  if (!allFinite(c, lower, middle, r)) {
    return undefinedIndicator(NAME, bars, "Bollinger band or RSI");
  }
  const volRatio = last(bars.volume) / last(volumeSmaTail(bars, 20));
  const values = { bbLower: lower, bbMiddle: middle, rsi: r, volumeRatio: volRatio };
  const why = `close ${c.toFixed(2)} vs lower band ${lower.toFixed(2)}, RSI${p.rsiPeriod} ${
    r.toFixed(1)
  }`;
  if (c < lower && r < p.oversold) {
    const conviction = volRatio > p.volumeMult;
    return makeRow(NAME, bars, {
      signal: "buy",
      label: conviction ? "MEAN REVERSION (High Conviction)" : "MEAN REVERSION",
      direction: "long",
      score: conviction ? 90 : 70,
      stop: p.stopFraction * c,
      target: middle,
      values,
      reason: why,
    });
  }
  return makeRow(NAME, bars, { signal: "wait", label: "WAIT", score: 0, values, reason: why });
}

/** Mean reversion screener. */
export const meanReversion: ScreenerDefinition<typeof MeanReversionParams> = {
  name: NAME,
  title: "Mean reversion",
  description:
    "Close below the lower Bollinger band (20, 2σ) with RSI14 under 30: buy for a return to " +
    "the mean; high conviction on 1.5x volume. Stop 5 % below, target the middle band.",
  params: MeanReversionParams,
  needs: [],
  category: "reversal",
  run: meanReversionRow,
};
