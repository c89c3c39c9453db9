/**
 * RSI divergence (ORIGINAL.md 5.12): price makes a lower low while RSI makes a higher low
 * (bullish), or a higher high with a lower RSI high (bearish).
 * @module
 */
import * as z from "zod";
import { makeRow, needBars } from "./row.ts";
import { atrOf, closeRsi, last } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "rsi_divergence";

/** Parameters; defaults are the original's. */
export const RsiDivergenceParams = z.object({
  rsiPeriod: z.int().min(2).default(14),
  /** Bars searched for extrema. */
  window: z.int().min(3).default(30),
  /** An extremum is strictly beyond this many neighbours on each side (scipy `order`). */
  order: z.int().min(1).default(3),
  /** The most recent extremum must be at most this many bars old. */
  maxAge: z.int().min(0).default(5),
  atrPeriod: z.int().min(2).default(14),
  stopAtr: z.number().positive().default(3),
  targetAtr: z.number().positive().default(5),
});
export type RsiDivergenceParams = z.infer<typeof RsiDivergenceParams>;

/**
 * Relative extrema of `a` like `scipy.signal.argrelextrema(a, cmp, order, mode="clip")`: index i
 * is kept when `cmp(a[i], a[j])` holds for every j = clip(i ± k), k = 1..order (so the first and
 * last index never qualify).
 */
export function relativeExtrema(
  a: ArrayLike<number>,
  kind: "max" | "min",
  order: number,
): number[] {
  const n = a.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let k = 1; k <= order && ok; k++) {
      const l = a[Math.max(0, i - k)];
      const r = a[Math.min(n - 1, i + k)];
      ok = kind === "max" ? a[i] > l && a[i] > r : a[i] < l && a[i] < r;
    }
    if (ok) out.push(i);
  }
  return out;
}

/**
 * On the last `window` closes: with the last two maxima at most `maxAge` bars old, a higher
 * price high with a lower RSI → sell "BEARISH DIVERGENCE"; with the last two minima, a lower
 * price low with a higher RSI → buy "BULLISH DIVERGENCE" (checked second, wins). Stop ∓ 3 ATR,
 * target ± 5 ATR, score 90; otherwise wait.
 */
export function rsiDivergenceRow(input: ScreenerInput, p: RsiDivergenceParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.window, p.rsiPeriod + 1));
  if (short) return short;
  const n = bars.length;
  const from = n - p.window;
  const closes = bars.close.subarray(from);
  const rsi = closeRsi(bars, p.rsiPeriod);
  const c = bars.close[n - 1];
  const atr = last(atrOf(bars, p.atrPeriod));
  const maxima = relativeExtrema(closes, "max", p.order);
  const minima = relativeExtrema(closes, "min", p.order);
  let found: "bull" | "bear" | null = null;
  let pair: [number, number] | null = null;
  const recent = (idx: number[]) =>
    idx.length >= 2 && p.window - 1 - idx[idx.length - 1] <= p.maxAge;
  if (recent(maxima)) {
    const [a, b] = [from + maxima[maxima.length - 2], from + maxima[maxima.length - 1]];
    if (bars.close[b] > bars.close[a] && rsi[b] < rsi[a]) [found, pair] = ["bear", [a, b]];
  }
  if (recent(minima)) {
    const [a, b] = [from + minima[minima.length - 2], from + minima[minima.length - 1]];
    if (bars.close[b] < bars.close[a] && rsi[b] > rsi[a]) [found, pair] = ["bull", [a, b]];
  }
  const values: Record<string, number | null> = { rsi: last(rsi), atr };
  if (pair) {
    values.firstTs = bars.ts[pair[0]];
    values.secondTs = bars.ts[pair[1]];
    values.firstPrice = bars.close[pair[0]];
    values.secondPrice = bars.close[pair[1]];
    values.firstRsi = rsi[pair[0]];
    values.secondRsi = rsi[pair[1]];
  }
  if (found === "bull") {
    return makeRow(NAME, bars, {
      signal: "buy",
      label: "BULLISH DIVERGENCE",
      direction: "long",
      score: 90,
      stop: c - p.stopAtr * atr,
      target: c + p.targetAtr * atr,
      values,
      reason: `price low ${values.secondPrice!.toFixed(2)} < ${
        values.firstPrice!.toFixed(2)
      } while RSI ${values.secondRsi!.toFixed(1)} > ${values.firstRsi!.toFixed(1)}`,
    });
  }
  if (found === "bear") {
    return makeRow(NAME, bars, {
      signal: "sell",
      label: "BEARISH DIVERGENCE",
      direction: "short",
      score: 90,
      stop: c + p.stopAtr * atr,
      target: c - p.targetAtr * atr,
      values,
      reason: `price high ${values.secondPrice!.toFixed(2)} > ${
        values.firstPrice!.toFixed(2)
      } while RSI ${values.secondRsi!.toFixed(1)} < ${values.firstRsi!.toFixed(1)}`,
    });
  }
  return makeRow(NAME, bars, {
    signal: "wait",
    label: "WAIT",
    score: 0,
    values,
    reason: `no fresh divergence between the last two price extrema of the last ${p.window} bars`,
  });
}

/** RSI divergence screener. */
export const rsiDivergence: ScreenerDefinition<typeof RsiDivergenceParams> = {
  name: NAME,
  title: "RSI divergence",
  description:
    "Over the last 30 bars, the two latest price lows (order-3 extrema, the latest at most 5 " +
    "bars old) make a lower low while RSI14 makes a higher low: bullish; the mirror on highs is " +
    "bearish. Stop 3 ATR, target 5 ATR.",
  params: RsiDivergenceParams,
  needs: [],
  category: "reversal",
  run: rsiDivergenceRow,
};
