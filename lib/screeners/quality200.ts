/**
 * Quality 200-week (ORIGINAL.md 5.15): a growing business whose price has come back to its
 * 200-week average while the daily trend (above SMA50) has turned up.
 * @module
 */
import * as z from "zod";
import { resample } from "../data/resample.ts";
import { sma } from "../indicators/mod.ts";
import { makeRow, needBars, notEvaluated } from "./row.ts";
import { closeSmaTail, last, memo } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "quality_200w";

/** Parameters; defaults are the original's. */
export const Quality200Params = z.object({
  weeklyPeriod: z.int().min(2).default(200),
  dailyPeriod: z.int().min(2).default(50),
  /** Close ≤ maxAbove × weekly SMA counts as "at" the 200-week average. */
  maxAbove: z.number().positive().default(1.01),
  /** Years between the revenue figures compared when no growth rate is given. */
  revenueYears: z.int().min(1).default(3),
});
export type Quality200Params = z.infer<typeof Quality200Params>;

/**
 * Revenue growth verdict: the supplied year-over-year growth when present (> 0 passes), else
 * the latest annual revenue against the one `years` earlier; null when neither is known (the
 * original counted errors as a pass; here they make the row "not evaluated").
 */
export function revenueGrowing(
  f: ScreenerInput["fundamentals"],
  years: number,
): { growing: boolean; basis: string } | null {
  if (!f) return null;
  if (typeof f.revenueGrowth === "number" && Number.isFinite(f.revenueGrowth)) {
    return {
      growing: f.revenueGrowth > 0,
      basis: `revenue growth ${(100 * f.revenueGrowth).toFixed(1)} %`,
    };
  }
  const rev = f.annualRevenue;
  if (rev && rev.length > years) {
    const now = rev[rev.length - 1];
    const then = rev[rev.length - 1 - years];
    if (Number.isFinite(now) && Number.isFinite(then)) {
      return { growing: now > then, basis: `revenue ${now} vs ${then} ${years} years earlier` };
    }
  }
  return null;
}

/**
 * Daily close > SMA50, weekly bars (ISO weeks) with ≥ 200 weeks, close ≤ 1.01 × SMA200 of the
 * weekly closes, and growing revenue → buy "BUY (Quality Dip)"; a failed rule → wait with it
 * named. Missing revenue data → not evaluated. Score = 100 − distance % above the weekly SMA.
 */
export function quality200Row(input: ScreenerInput, p: Quality200Params): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, p.dailyPeriod);
  if (short) return short;
  const weekly = memo(bars, "weekly", () => resample(bars, "1w"));
  if (weekly.length < p.weeklyPeriod) {
    return notEvaluated(
      NAME,
      bars,
      `needs at least ${p.weeklyPeriod} weeks of history, had ${weekly.length}`,
      { weeksHad: weekly.length },
    );
  }
  const growth = revenueGrowing(input.fundamentals, p.revenueYears);
  if (!growth) {
    return notEvaluated(NAME, bars, "no revenue growth or annual revenue in the fundamentals");
  }
  const c = last(bars.close);
  const sma50 = last(closeSmaTail(bars, p.dailyPeriod));
  const smaW = last(
    memo(bars, `weekly_sma:${p.weeklyPeriod}`, () => sma(weekly.close, p.weeklyPeriod)),
  );
  const distancePct = (100 * (c - smaW)) / smaW;
  const values = { sma50, sma200w: smaW, distancePct, revenue: growth.basis };
  const fails: string[] = [];
  if (!(c > sma50)) fails.push(`close ≤ SMA${p.dailyPeriod}`);
  if (!(c <= p.maxAbove * smaW)) {
    fails.push(`close ${distancePct.toFixed(1)} % above the 200-week SMA`);
  }
  if (!growth.growing) fails.push("revenue not growing");
  if (fails.length > 0) {
    return makeRow(NAME, bars, {
      signal: "wait",
      label: "WAIT",
      score: 0,
      values,
      reason: fails.join("; "),
    });
  }
  return makeRow(NAME, bars, {
    signal: "buy",
    label: "BUY (Quality Dip)",
    direction: "long",
    score: 100 - distancePct,
    values,
    reason: `close ${c.toFixed(2)} within ${
      ((p.maxAbove - 1) * 100).toFixed(0)
    } % of the 200-week SMA ${smaW.toFixed(2)}, above SMA${p.dailyPeriod}, ${growth.basis}`,
  });
}

/** Quality 200-week screener. */
export const quality200: ScreenerDefinition<typeof Quality200Params> = {
  name: NAME,
  title: "Quality 200-week",
  description:
    "Growing revenue, price back at (≤ 1 % above) its 200-week moving average, and the daily " +
    "close above SMA50. Needs about four years of daily bars and fundamentals.",
  params: Quality200Params,
  needs: ["fundamentals"],
  category: "trend",
  run: quality200Row,
};
