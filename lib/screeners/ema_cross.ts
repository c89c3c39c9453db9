/**
 * 5/13 and 5/21 EMA momentum screener (ORIGINAL.md 5.6).
 * @module
 */
import * as z from "zod";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import { allFinite, atrOf, closeEma, last, prev } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow, Signal } from "./types.ts";

const NAME = "ema_5_13_21";

/** Parameters; defaults are the original's. */
export const EmaCrossParams = z.object({
  fast: z.int().min(1).default(5),
  mid: z.int().min(2).default(13),
  slow: z.int().min(2).default(21),
  /** Stop offset from the slower EMA (0.01 = 1 % below it for longs, above for dumps). */
  stopPct: z.number().min(0).max(0.5).default(0.01),
  /** Close within this fraction above EMA13 = "buy support". */
  supportPct: z.number().min(0).default(0.01),
  /** Target = close ± rewardRisk × |close − stop|. */
  rewardRisk: z.number().positive().default(2),
  atrPeriod: z.int().min(2).default(14),
});
export type EmaCrossParams = z.infer<typeof EmaCrossParams>;

/**
 * In priority order on the last bar (a "fresh" cross happened on this bar):
 * fresh 5 > 21 → buy "FRESH 5/21 BREAKOUT" (stop EMA21 × 0.99, score 100); fresh 5 > 13 → buy
 * "FRESH 5/13 BREAKOUT" (stop EMA13 × 0.99, score 90); 5 > 21 → hold "5/21 TRENDING" (70);
 * 5 > 13 → hold "5/13 TREND (Buy Support)" when the close is < 1 % above EMA13 (65), else hold
 * "5/13 TRENDING" (60). Bearish overrides: fresh 5 < 13 → sell "5/13 DUMP (Sell Signal)" (stop
 * EMA13 × 1.01); fresh 5 < 21 → sell "5/21 DUMP (Sell Signal)" (stop EMA21 × 1.01). With no
 * cross and EMA5 < EMA13 the row is exit "BEARISH (5 below 13)" (the original dropped
 * these; "check my position" needs them); EMA5 = EMA13 (flat prices) is wait. Target = close ± 2 × |close − stop| (± 4 ATR if the
 * stop equals the close).
 */
export function emaCrossRow(input: ScreenerInput, p: EmaCrossParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.slow, p.mid, p.fast) + 1);
  if (short) return short;
  const c = last(bars.close);
  const f = closeEma(bars, p.fast);
  const m = closeEma(bars, p.mid);
  const s = closeEma(bars, p.slow);
  const [f1, m1, s1, f0, m0, s0] = [last(f), last(m), last(s), prev(f), prev(m), prev(s)];
  if (!allFinite(c, f1, m1, s1, f0, m0, s0)) return undefinedIndicator(NAME, bars, "EMA");
  const atr = last(atrOf(bars, p.atrPeriod));
  const up = 1 - p.stopPct;
  const dn = 1 + p.stopPct;
  const tag = `${p.fast}/${p.mid}`;
  const tagSlow = `${p.fast}/${p.slow}`;
  let signal: Signal;
  let label: string;
  let stop: number | null = null;
  let score: number;
  if (f0 <= s0 && f1 > s1) {
    [signal, label, stop, score] = ["buy", `FRESH ${tagSlow} BREAKOUT`, s1 * up, 100];
  } else if (f0 <= m0 && f1 > m1) {
    [signal, label, stop, score] = ["buy", `FRESH ${tag} BREAKOUT`, m1 * up, 90];
  } else if (f1 > s1) {
    [signal, label, stop, score] = ["hold", `${tagSlow} TRENDING`, s1 * up, 70];
  } else if (f1 > m1) {
    const near = (c - m1) / m1 < p.supportPct;
    [signal, label, stop, score] = near
      ? ["hold", `${tag} TREND (Buy Support)`, m1 * up, 65]
      : ["hold", `${tag} TRENDING`, m1 * up, 60];
  } else if (f1 < m1) {
    [signal, label, score] = ["exit", `BEARISH (${p.fast} below ${p.mid})`, 0];
  } else {
    [signal, label, score] = ["wait", "WAIT (EMAs flat)", 0];
  }
  if (f0 >= m0 && f1 < m1) {
    [signal, label, stop, score] = ["sell", `${tag} DUMP (Sell Signal)`, m1 * dn, 80];
  } else if (f0 >= s0 && f1 < s1) {
    [signal, label, stop, score] = ["sell", `${tagSlow} DUMP (Sell Signal)`, s1 * dn, 80];
  }
  const long = signal === "buy" || signal === "hold";
  let target: number | null = null;
  if (stop !== null) {
    const risk = Math.abs(c - stop);
    target = risk > 0 ? c + (long ? 1 : -1) * p.rewardRisk * risk : c + (long ? 1 : -1) * 4 * atr;
  }
  const slowRef = label.includes(`/${p.slow}`) ? s1 : m1;
  return makeRow(NAME, bars, {
    signal,
    label,
    direction: long ? "long" : signal === "sell" ? "short" : null,
    score,
    stop,
    target,
    values: {
      emaFast: f1,
      emaMid: m1,
      emaSlow: s1,
      diffPct: (100 * (f1 - slowRef)) / slowRef,
      atr,
    },
    reason: `EMA${p.fast} ${f1.toFixed(2)}, EMA${p.mid} ${m1.toFixed(2)}, EMA${p.slow} ${
      s1.toFixed(2)
    }`,
  });
}

/** 5/13/21 EMA screener. */
export const emaCross: ScreenerDefinition<typeof EmaCrossParams> = {
  name: NAME,
  title: "5/13/21 EMA",
  description:
    "Fresh crosses of EMA5 over EMA21 or EMA13 buy, trends above them hold, fresh crosses " +
    "under sell. Stop 1 % beyond the slower EMA, target twice the risk.",
  params: EmaCrossParams,
  needs: [],
  category: "trend",
  run: emaCrossRow,
};
