/**
 * Grandmaster and Fortress Master (ORIGINAL.md 5.9): a Minervini-style trend template with a
 * 20-day breakout on relative volume, and the Fortress layer on top that adds the market regime,
 * relative strength against the benchmark, regional liquidity gates, ISA sizing and a bull-put
 * income fallback.
 * @module
 */
import * as z from "zod";
import type { BarSeries } from "../domain/bar.ts";
import { ratioChangePct } from "./align.ts";
import { checkLiquidity } from "./gates.ts";
import { regimeRow } from "./regime.ts";
import { RegimeParams } from "./regime.ts";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import {
  allFinite,
  atrOf,
  closeRangeTail,
  closeRsi,
  closeSmaTail,
  donchianTail,
  last,
  memo,
  prev,
  volumeSmaTail,
} from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow, Signal } from "./types.ts";

/** The Grandmaster state on the last bar. */
export interface GrandmasterState {
  signal: "BUY BREAKOUT" | "WATCHLIST" | "SELL/AVOID" | "WAIT";
  trendOk: boolean;
  close: number;
  sma50: number;
  sma150: number;
  sma200: number;
  atr: number;
  high52: number;
  low52: number;
  donchianHigh: number;
  donchianLow: number;
  rvol: number;
  qualityScore: number;
}

/**
 * Trend template: C > SMA200, SMA50 > SMA200, C > SMA50, C > 1.25 × 52-week low, C > 0.75 ×
 * 52-week high (52 weeks = rolling 252 closes, or all of them when fewer). BUY BREAKOUT when the
 * template holds, C > the previous 20-bar high and RVol (volume / SMA20 volume) > 1.2; else
 * WATCHLIST when C > SMA200, SMA50 > SMA200 and C > 0.75 × 52-week high; else SELL/AVOID when
 * C < the previous 20-bar low; else WAIT. Quality = RVol × 10 + 100 × template. Null when an
 * indicator is undefined.
 */
export function grandmasterState(bars: BarSeries): GrandmasterState | null {
  return memo(bars, "grandmaster", () => computeGrandmaster(bars));
}

function computeGrandmaster(bars: BarSeries): GrandmasterState | null {
  const n = bars.length;
  if (n < 200) return null;
  const c = bars.close[n - 1];
  const sma50 = last(closeSmaTail(bars, 50));
  const sma150 = last(closeSmaTail(bars, 150));
  const sma200 = last(closeSmaTail(bars, 200));
  const atr = last(atrOf(bars, 14));
  const range52 = closeRangeTail(bars, Math.min(252, n));
  const high52 = range52.max;
  const low52 = range52.min;
  const dh = prev(donchianTail(bars, 20).upper);
  const dl = prev(donchianTail(bars, 20).lower);
  const rvol = last(bars.volume) / last(volumeSmaTail(bars, 20));
  if (!allFinite(c, sma50, sma200, high52, low52, dh, dl)) return null;
  const trendOk = c > sma200 && sma50 > sma200 && c > sma50 && c > 1.25 * low52 &&
    c > 0.75 * high52;
  let signal: GrandmasterState["signal"] = "WAIT";
  if (trendOk && c > dh && rvol > 1.2) signal = "BUY BREAKOUT";
  else if (c > sma200 && sma50 > sma200 && c > 0.75 * high52) signal = "WATCHLIST";
  else if (c < dl) signal = "SELL/AVOID";
  return {
    signal,
    trendOk,
    close: c,
    sma50,
    sma150,
    sma200,
    atr,
    high52,
    low52,
    donchianHigh: dh,
    donchianLow: dl,
    rvol: Number.isFinite(rvol) ? rvol : 0,
    qualityScore: (Number.isFinite(rvol) ? rvol : 0) * 10 + (trendOk ? 100 : 0),
  };
}

const GM = "grandmaster";

/** Grandmaster parameters. */
export const GrandmasterParams = z.object({
  stopAtr: z.number().positive().default(2.5),
  targetAtr: z.number().positive().default(6),
});
export type GrandmasterParams = z.infer<typeof GrandmasterParams>;

const GM_SIGNAL: Record<GrandmasterState["signal"], Signal> = {
  "BUY BREAKOUT": "buy",
  WATCHLIST: "watch",
  "SELL/AVOID": "exit",
  WAIT: "wait",
};

/** Grandmaster row: signal per {@link grandmasterState}; stop C − 2.5 ATR, target C + 6 ATR. */
export function grandmasterRow(input: ScreenerInput, p: GrandmasterParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(GM, bars, 200);
  if (short) return short;
  const s = grandmasterState(bars);
  if (!s) return undefinedIndicator(GM, bars, "SMA or channel");
  const { signal: _signal, close: _close, ...shown } = s;
  return makeRow(GM, bars, {
    signal: GM_SIGNAL[s.signal],
    label: s.signal,
    direction: s.signal === "BUY BREAKOUT" || s.signal === "WATCHLIST" ? "long" : null,
    score: s.qualityScore,
    stop: s.close - p.stopAtr * s.atr,
    target: s.close + p.targetAtr * s.atr,
    values: { ...shown },
    reason: `trend template ${s.trendOk ? "met" : "not met"}; 20-day range ${
      s.donchianLow.toFixed(2)
    }-${s.donchianHigh.toFixed(2)}; relative volume ${s.rvol.toFixed(2)}`,
  });
}

/** Grandmaster screener. */
export const grandmaster: ScreenerDefinition<typeof GrandmasterParams> = {
  name: GM,
  title: "Grandmaster",
  description:
    "Trend template (above rising SMA50/200, 25 % off the 52-week low, within 25 % of the high) " +
    "plus a 20-day breakout on 1.2x relative volume. Stop 2.5 ATR, target 6 ATR.",
  params: GrandmasterParams,
  needs: [],
  category: "trend",
  run: grandmasterRow,
};

// ------------------------------------------------------------------ Fortress Master

const FM = "fortress_master";

/** Fortress Master parameters; defaults are the original's. */
export const FortressMasterParams = z.object({
  /** Region rules: `auto` from the symbol suffix (`.L` UK in pence, `.NS` India, else US). */
  region: z.enum(["auto", "us", "uk", "india"]).default("auto"),
  minTurnoverUs: z.number().min(0).default(20_000_000),
  minPriceUs: z.number().min(0).default(10),
  /** UK: (price / 100) × 20-day average volume, pounds. */
  minTurnoverUk: z.number().min(0).default(2_000_000),
  minTurnoverIndia: z.number().min(0).default(50_000_000),
  minPriceIndia: z.number().min(0).default(100),
  /** Relative strength: % change of stock / benchmark over this many common bars. */
  rsLookback: z.int().min(1).default(63),
  /** RS above this makes a growth setup even outside a bullish regime. */
  rsGrowth: z.number().default(10),
  /** ISA sizing: account (GBP) × risk fraction = risk budget. */
  accountSize: z.number().positive().default(100_000),
  riskPct: z.number().positive().max(0.1).default(0.0125),
  /** USD per GBP... expressed as the original did: GBP budget / fx = USD budget. */
  gbpFx: z.number().positive().default(0.79),
  minScore: z.number().default(60),
  /** Benchmark for RS and the regime. Unset: the region's (SPY, ^FTSE, ^NSEI) or by suffix. */
  benchmark: z.string().min(1).max(24).optional(),
});
export type FortressMasterParams = z.infer<typeof FortressMasterParams>;

function regionOf(symbol: string | undefined, region: FortressMasterParams["region"]) {
  if (region !== "auto") return region;
  const s = (symbol ?? "").toUpperCase();
  return s.endsWith(".L") ? "uk" : s.endsWith(".NS") ? "india" : "us";
}

/**
 * Regime = the fortress traffic light (SPY > SMA200 and VIX < 20 bullish; above SMA200 volatile
 * uptrend; else bearish). RS = 100 × change of stock/benchmark over 63 common bars (not
 * evaluated without 64 common bars). Growth when the regime is bullish or RS > 10: Grandmaster
 * BUY BREAKOUT → buy "Turtle Breakout" (US) / "Leader Breakout", score min(99, 85 + RS), action
 * "BUY ~N (ISA)" with N = floor(risk budget / (C − stop)) (UK prices in pence; US budget =
 * £1,250 / 0.79); WATCHLIST → watch "Trend Follower", score 60 + RS/2. Otherwise, US and regime
 * not bearish: C > SMA200 and 30 < RSI14 < 45 → buy "OPT: BULL PUT", score 80 + (50 − RSI), stop
 * C − 2 ATR, action "SELL 1x K PUT" with K = round(SMA50 if C > SMA50 else SMA200, 1) (0.95 × C
 * when K ≥ C). Rows scoring under 60 are wait. Target C + 3 ATR.
 */
export function fortressMasterRow(input: ScreenerInput, p: FortressMasterParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(FM, bars, 200);
  if (short) return short;
  const region = regionOf(input.symbol, p.region);
  const c = last(bars.close);
  const gate = region === "uk"
    ? checkLiquidity(FM, bars, { minTurnover: p.minTurnoverUk * 100 })
    : region === "india"
    ? checkLiquidity(FM, bars, { minTurnover: p.minTurnoverIndia, minPrice: p.minPriceIndia })
    : checkLiquidity(FM, bars, { minTurnover: p.minTurnoverUs, minPrice: p.minPriceUs });
  if (gate) return gate;
  const reg = regimeRow(input, RegimeParams.parse({ variant: "fortress" }));
  if (reg.signal === "not_evaluated") return { ...reg, screener: FM };
  const light = reg.values.light as string;
  const rs = ratioChangePct(bars, input.benchmark!, p.rsLookback);
  if (!Number.isFinite(rs)) {
    return makeRow(FM, bars, {
      signal: "not_evaluated",
      label: "NOT EVALUATED",
      reason: `relative strength needs ${p.rsLookback + 1} bars in common with the benchmark`,
    });
  }
  const gm = grandmasterState(bars);
  if (!gm) return undefinedIndicator(FM, bars, "SMA or channel");
  const rsi = last(closeRsi(bars, 14));
  const atr = gm.atr;
  const growth = light === "green" || rs > p.rsGrowth;
  const values: Record<string, number | string | boolean | null> = {
    regime: reg.label,
    rsRating: rs,
    rsi,
    atr,
    region,
    benchmark: input.benchmarkSymbol ?? p.benchmark ?? null,
    grandmaster: gm.signal,
    breakout: "Consolidating",
  };
  let signal: Signal = "wait";
  let label = "WAIT";
  let score = 0;
  let stop = c - 2.5 * atr;
  if (growth && gm.signal === "BUY BREAKOUT") {
    label = region === "us" ? "Turtle Breakout" : "Leader Breakout";
    signal = "buy";
    score = Math.min(99, 85 + rs);
    const riskPerShare = c - stop;
    if (region === "india") values.action = `BUY (Stop: ${stop.toFixed(1)})`;
    else {
      const budget = region === "uk"
        ? p.accountSize * p.riskPct
        : (p.accountSize * p.riskPct) / p.gbpFx;
      const perShare = region === "uk" ? riskPerShare / 100 : riskPerShare;
      const qty = perShare > 0 ? Math.floor(budget / perShare) : 0;
      values.action = `BUY ~${qty} (ISA)`;
      values.shares = qty;
    }
  } else if (growth && gm.signal === "WATCHLIST") {
    [signal, label, score] = ["watch", "Trend Follower", 60 + rs / 2];
    values.action = "WATCH";
  } else if (region === "us" && light !== "red" && c > gm.sma200 && rsi > 30 && rsi < 45) {
    [signal, label, score] = ["buy", "OPT: BULL PUT", 80 + (50 - rsi)];
    stop = c - 2 * atr;
    let k = Math.round((c > gm.sma50 ? gm.sma50 : gm.sma200) * 10) / 10;
    if (k >= c) k = Math.round(0.95 * c * 10) / 10;
    values.action = `SELL 1x ${k} PUT`;
    values.shortStrike = k;
  }
  if (signal !== "wait" && score < p.minScore) {
    values.rejectedSetup = label;
    [signal, label] = ["wait", "WAIT"];
  }
  return makeRow(FM, bars, {
    signal,
    label,
    direction: signal === "wait" ? null : "long",
    score,
    stop,
    target: c + 3 * atr,
    values,
    reason: `regime ${reg.label}; RS ${rs.toFixed(1)} vs ${
      input.benchmarkSymbol ?? p.benchmark ?? "the benchmark"
    }; grandmaster ${gm.signal}`,
  });
}

/** Fortress Master screener. */
export const fortressMaster: ScreenerDefinition<typeof FortressMasterParams> = {
  name: FM,
  title: "Fortress Master",
  description:
    "Grandmaster setups filtered by the market regime (benchmark vs SMA200, VIX) and 63-day " +
    "relative strength against the benchmark, with regional liquidity gates and ISA share " +
    "sizing; in US names without a growth setup, a bull-put income idea on RSI 30-45 dips.",
  params: FortressMasterParams,
  needs: ["benchmark", "vix"],
  category: "trend",
  run: fortressMasterRow,
};
