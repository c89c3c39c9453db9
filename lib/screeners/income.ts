/**
 * Put-credit-spread income screeners (ORIGINAL.md 5.14): bull put, vertical put (high
 * probability), options-only ("Thalaiva protocol") and Fortress dynamic volatility. The first
 * three need an option chain (a real provider or the labelled synthetic generator); without one
 * the row is "not evaluated". Credits and risks are per share unless named `...PerContract`
 * (× 100).
 * @module
 */
import * as z from "zod";
import type { OptionChain, OptionExpiry, OptionQuote } from "./chains/chain.ts";
import {
  buyPrice,
  chooseExpiry,
  daysToExpiry,
  historicalVol,
  type PickedPut,
  pickShortPut,
  putAt,
  putNearest,
  sellPrice,
} from "./chains/select.ts";
import { checkLiquidity } from "./gates.ts";
import { indexAtOrBefore } from "./align.ts";
import { makeRow, needBars, notEvaluated, undefinedIndicator } from "./row.ts";
import { allFinite, atrOf, closeEma, closeSmaTail, last } from "./series.ts";
import type { RowValue, ScreenerDefinition, ScreenerInput, ScreenerRow, Signal } from "./types.ts";

const DAY = 86_400_000;

/** A priced put credit spread. */
export interface PutSpread {
  expiryTs: number;
  dte: number;
  short: PickedPut;
  long: OptionQuote;
  width: number;
  /** Short sell price − long buy price, per share. */
  credit: number;
  /** Width − credit, per share. */
  maxRisk: number;
  /** 100 × credit / max risk. */
  roiPct: number;
  /** 100 × (1 + short delta): the chance the short put expires worthless under the model. */
  popPct: number;
  breakEven: number;
}

/** Prices a spread of `short` and `long` in `expiry`; null when a price is missing. */
export function priceSpread(
  expiry: OptionExpiry,
  asOfTs: number,
  short: PickedPut,
  long: OptionQuote,
): PutSpread | null {
  const credit = sellPrice(short.quote) - buyPrice(long);
  const width = short.quote.strike - long.strike;
  if (!Number.isFinite(credit) || !(width > 0)) return null;
  const maxRisk = width - credit;
  return {
    expiryTs: expiry.expiryTs,
    dte: daysToExpiry(expiry.expiryTs, asOfTs),
    short,
    long,
    width,
    credit,
    maxRisk,
    roiPct: maxRisk > 0 ? (100 * credit) / maxRisk : NaN,
    popPct: 100 * (1 + short.delta),
    breakEven: short.quote.strike - credit,
  };
}

function spreadValues(s: PutSpread, chain: OptionChain): Record<string, RowValue> {
  return {
    expiryTs: s.expiryTs,
    dte: Math.round(s.dte),
    shortStrike: s.short.quote.strike,
    longStrike: s.long.strike,
    shortDelta: s.short.delta,
    shortIv: s.short.vol,
    width: s.width,
    credit: s.credit,
    maxRisk: s.maxRisk,
    creditPerContract: 100 * s.credit,
    maxRiskPerContract: 100 * s.maxRisk,
    roiPct: s.roiPct,
    popPct: s.popPct,
    breakEven: s.breakEven,
    chainSource: chain.source,
    synthetic: chain.synthetic,
  };
}

/** " (synthetic chain)" when the chain is model-generated, so no label hides it. */
function synth(chain: OptionChain): string {
  return chain.synthetic ? " (synthetic chain)" : "";
}

/** The chain's expiry list as a reason fragment. */
function noExpiry(chain: OptionChain, min: number, max: number): string {
  return `no expiry between ${min} and ${max} days in the ${chain.source} chain`;
}

/**
 * Earnings gate: "inside" when the next earnings date falls between now and `days` ahead,
 * "clear" when it is known and outside, "unknown" when the fundamentals do not say.
 */
function earningsCheck(input: ScreenerInput, asOfTs: number, days: number) {
  const ts = input.fundamentals?.nextEarningsTs;
  if (ts === undefined) return "unknown" as const;
  if (ts === null) return "clear" as const;
  return ts >= asOfTs && ts <= asOfTs + days * DAY ? "inside" as const : "clear" as const;
}

// ------------------------------------------------------------------------------ bull put

/** Bull put parameters; defaults are the original's. */
export const BullPutParams = z.object({
  minBars: z.int().min(2).default(200),
  minAvgVolume: z.number().min(0).default(1_000_000),
  minPrice: z.number().min(0).default(20),
  trendPeriod: z.int().min(2).default(50),
  /** Historical volatility lookback (bars of daily log returns). */
  hvLookback: z.int().min(2).default(252),
  minDte: z.number().min(0).default(30),
  maxDte: z.number().min(0).default(60),
  targetDte: z.number().min(0).default(45),
  targetDelta: z.number().min(-1).max(0).default(-0.3),
  /** The long put must sit exactly this far below the short (± 0.1). */
  width: z.number().positive().default(5),
  minRoiPct: z.number().min(0).default(15),
  rate: z.number().default(0.045),
});
export type BullPutParams = z.infer<typeof BullPutParams>;

/**
 * Close ≥ SMA50 (else wait); expiry 30-60 DTE closest to 45; short = OTM put with Black-Scholes
 * delta closest to −0.30 (quote IV, or the 1-year historical vol when the quote has none); long
 * = the put exactly $5 lower. ROI = credit / (width − credit) ≥ 15 % → buy "BULL PUT SPREAD";
 * else wait. IV status: > 1.5 HV "Very High", > HV "High", else "Low (Cheap)". Score = ROI %.
 */
export function bullPutRow(input: ScreenerInput, p: BullPutParams): ScreenerRow {
  const NAME = "bull_put";
  const { bars } = input;
  const short = needBars(NAME, bars, p.minBars);
  if (short) return short;
  const gated = checkLiquidity(NAME, bars, { minAvgVolume: p.minAvgVolume, minPrice: p.minPrice });
  if (gated) return gated;
  if (!input.chain) return notEvaluated(NAME, bars, "no option chain supplied");
  const chain = input.chain;
  const c = last(bars.close);
  const sma = last(closeSmaTail(bars, p.trendPeriod));
  const hv = historicalVol(bars.close, p.hvLookback);
  if (!allFinite(c, sma, hv)) return undefinedIndicator(NAME, bars, "SMA or historical volatility");
  if (c < sma) {
    return makeRow(NAME, bars, {
      signal: "wait",
      label: "WAIT (Below SMA50)",
      score: 0,
      values: { sma, hv },
      reason: `close ${c.toFixed(2)} below SMA${p.trendPeriod} ${sma.toFixed(2)}`,
    });
  }
  const expiry = chooseExpiry(chain, { min: p.minDte, max: p.maxDte, target: p.targetDte });
  if (!expiry) return notEvaluated(NAME, bars, noExpiry(chain, p.minDte, p.maxDte));
  const spot = chain.spot;
  const sp = pickShortPut(expiry, spot, chain.asOfTs, {
    targetDelta: p.targetDelta,
    fallbackVol: hv,
    rate: p.rate,
  });
  if (!sp) return notEvaluated(NAME, bars, "no out-of-the-money put in the chosen expiry");
  const long = putAt(expiry, sp.quote.strike - p.width);
  if (!long) {
    return notEvaluated(NAME, bars, `no put at ${sp.quote.strike - p.width} (short − ${p.width})`);
  }
  const spread = priceSpread(expiry, chain.asOfTs, sp, long);
  if (!spread) return notEvaluated(NAME, bars, "spread legs have no usable prices");
  const ivStatus = sp.vol > 1.5 * hv ? "Very High" : sp.vol > hv ? "High" : "Low (Cheap)";
  const values = { ...spreadValues(spread, chain), hv, ivStatus, sma };
  const pass = spread.roiPct >= p.minRoiPct;
  return makeRow(NAME, bars, {
    signal: pass ? "buy" : "wait",
    label: (pass ? "BULL PUT SPREAD" : "WAIT (Low ROI)") + synth(chain),
    direction: pass ? "long" : null,
    score: spread.roiPct,
    stop: spread.long.strike,
    target: spread.short.quote.strike,
    values,
    reason: `sell ${sp.quote.strike} / buy ${long.strike} put, ${
      Math.round(spread.dte)
    } DTE: credit ${spread.credit.toFixed(2)}, ROI ${spread.roiPct.toFixed(1)} % (${
      pass ? "≥" : "<"
    } ${p.minRoiPct} %), POP ${spread.popPct.toFixed(0)} %`,
  });
}

/** Bull put screener. */
export const bullPut: ScreenerDefinition<typeof BullPutParams> = {
  name: "bull_put",
  title: "Bull put spread",
  description:
    "Above SMA50: sell the ~0.30-delta put 30-60 days out (closest to 45) and buy the put $5 " +
    "lower; passes when credit / max risk ≥ 15 %. Needs an option chain.",
  params: BullPutParams,
  needs: ["chain"],
  category: "options",
  run: bullPutRow,
};

// ---------------------------------------------------------------------- vertical put

/** Vertical put (high probability) parameters; defaults are the original's. */
export const VerticalPutParams = z.object({
  minDte: z.number().min(0).default(21),
  maxDte: z.number().min(0).default(45),
  targetDte: z.number().min(0).default(35),
  earningsDays: z.number().min(0).default(21),
  minChainVolume: z.number().min(0).default(1000),
  minChainOpenInterest: z.number().min(0).default(500),
  targetDelta: z.number().min(-1).max(0).default(-0.3),
  width: z.number().positive().default(5),
  minCredit: z.number().min(0).default(0.15),
  minRocPct: z.number().min(0).default(10),
  hvLookback: z.int().min(2).default(20),
  rate: z.number().default(0.045),
});
export type VerticalPutParams = z.infer<typeof VerticalPutParams>;

/**
 * Close ≥ SMA200 and ≥ SMA50; expiry 21-45 DTE closest to 35; the expiry's total volume ≥ 1000
 * and open interest ≥ 500; at-the-money IV ≥ HV20; short ≈ −0.30 delta; long = put nearest
 * short − $5; credit > 0.15 and ROC = credit / risk ≥ 10 % → buy "HIGH PROB" ("Bull Put S/L").
 * Earnings within 21 days → exit "EARNINGS"; an unknown earnings date downgrades a pass to
 * watch (never a pass on missing data).
 */
export function verticalPutRow(input: ScreenerInput, p: VerticalPutParams): ScreenerRow {
  const NAME = "vertical_put";
  const { bars } = input;
  const short = needBars(NAME, bars, 200);
  if (short) return short;
  if (!input.chain) return notEvaluated(NAME, bars, "no option chain supplied");
  const chain = input.chain;
  const c = last(bars.close);
  const s200 = last(closeSmaTail(bars, 200));
  const s50 = last(closeSmaTail(bars, 50));
  const hv = historicalVol(bars.close, p.hvLookback);
  if (!allFinite(c, s200, s50, hv)) return undefinedIndicator(NAME, bars, "SMA or volatility");
  const base = { sma200: s200, sma50: s50, hv20Pct: 100 * hv };
  const wait = (label: string, reason: string, signal: Signal = "wait") =>
    makeRow(NAME, bars, { signal, label, score: 0, values: base, reason });
  if (c < s200 || c < s50) return wait("WAIT (Trend)", "close below SMA200 or SMA50");
  const earnings = earningsCheck(input, chain.asOfTs, p.earningsDays);
  if (earnings === "inside") {
    return wait("EARNINGS", `earnings within ${p.earningsDays} days`, "exit");
  }
  const expiry = chooseExpiry(chain, { min: p.minDte, max: p.maxDte, target: p.targetDte });
  if (!expiry) return notEvaluated(NAME, bars, noExpiry(chain, p.minDte, p.maxDte));
  let vol = 0;
  let oi = 0;
  for (const q of expiry.quotes) {
    vol += q.volume;
    oi += q.openInterest;
  }
  if (vol < p.minChainVolume || oi < p.minChainOpenInterest) {
    return wait("WAIT (Illiquid Chain)", `expiry volume ${vol}, open interest ${oi}`);
  }
  const atm = putNearest(expiry, chain.spot, Infinity);
  const atmIv = atm && atm.iv > 0 ? atm.iv : NaN;
  if (!(atmIv >= hv)) {
    return wait(
      "WAIT (IV < HV)",
      `at-the-money IV ${(100 * atmIv).toFixed(1)} % below HV20 ${(100 * hv).toFixed(1)} %`,
    );
  }
  const sp = pickShortPut(expiry, chain.spot, chain.asOfTs, {
    targetDelta: p.targetDelta,
    fallbackVol: atmIv,
    rate: p.rate,
  });
  if (!sp) return notEvaluated(NAME, bars, "no out-of-the-money put in the chosen expiry");
  const long = putNearest(expiry, sp.quote.strike - p.width, sp.quote.strike);
  const spread = long ? priceSpread(expiry, chain.asOfTs, sp, long) : null;
  if (!spread) return notEvaluated(NAME, bars, "no priced long put below the short");
  const values = {
    ...base,
    ...spreadValues(spread, chain),
    atmIvPct: 100 * atmIv,
    earnings,
    setupName: "Bull Put S/L",
  };
  const pass = spread.credit > p.minCredit && spread.roiPct >= p.minRocPct;
  const signal: Signal = !pass ? "wait" : earnings === "unknown" ? "watch" : "buy";
  return makeRow(NAME, bars, {
    signal,
    label: (pass ? "HIGH PROB" : "WAIT (Credit/ROC)") + synth(chain),
    direction: pass ? "long" : null,
    score: spread.roiPct,
    stop: spread.long.strike,
    target: spread.short.quote.strike,
    values,
    reason: `credit ${spread.credit.toFixed(2)}, ROC ${spread.roiPct.toFixed(1)} %` +
      (earnings === "unknown" ? "; earnings date unknown, so not a pass" : ""),
  });
}

/** Vertical put screener. */
export const verticalPut: ScreenerDefinition<typeof VerticalPutParams> = {
  name: "vertical_put",
  title: "Vertical put (high probability)",
  description:
    "Uptrend (above SMA50 and SMA200), liquid chain, IV ≥ HV20, no earnings for 21 days: sell " +
    "the ~0.30-delta put 21-45 days out, buy $5 lower, credit > 0.15 and ROC ≥ 10 %.",
  params: VerticalPutParams,
  needs: ["chain"],
  uses: ["fundamentals"],
  category: "options",
  // ORIGINAL.md 5.14 "top 50 by volume"; the 20-bar window is the original's usual volume window.
  universeTop: { count: 50, period: 20 },
  run: verticalPutRow,
};

// ---------------------------------------------------------------------- options only

/** Options-only ("Thalaiva protocol") parameters; defaults are the original's. */
export const OptionsOnlyParams = z.object({
  /** Mean of the last 5 bars' volume × close. */
  minTurnover5d: z.number().min(0).default(15_000_000),
  minDte: z.number().min(0).default(30),
  maxDte: z.number().min(0).default(60),
  targetDte: z.number().min(0).default(45),
  targetDelta: z.number().min(-1).max(0).default(-0.3),
  width: z.number().positive().default(5),
  minWidth: z.number().positive().default(2),
  /** IV used for quotes that have none. */
  fallbackVol: z.number().positive().default(0.5),
  minCredit: z.number().min(0).default(0.1),
  minRocPct: z.number().min(0).default(20),
  rate: z.number().default(0.045),
});
export type OptionsOnlyParams = z.infer<typeof OptionsOnlyParams>;

/**
 * 5-day turnover ≥ $15 M; expiry 30-60 DTE closest to 45; earnings before expiry → exit
 * "EARNINGS"; short ≈ −0.30 delta; long nearest short − $5 (width ≥ 2); credit ≥ 0.10 and ROC ≥
 * 20 % → buy "GREEN LIGHT" (watch when the earnings date is unknown); else wait.
 */
export function optionsOnlyRow(input: ScreenerInput, p: OptionsOnlyParams): ScreenerRow {
  const NAME = "options_only";
  const { bars } = input;
  const short = needBars(NAME, bars, 5);
  if (short) return short;
  const gated = checkLiquidity(NAME, bars, { minTurnover: p.minTurnover5d, period: 5 });
  if (gated) return gated;
  if (!input.chain) return notEvaluated(NAME, bars, "no option chain supplied");
  const chain = input.chain;
  const expiry = chooseExpiry(chain, { min: p.minDte, max: p.maxDte, target: p.targetDte });
  if (!expiry) return notEvaluated(NAME, bars, noExpiry(chain, p.minDte, p.maxDte));
  const dte = daysToExpiry(expiry.expiryTs, chain.asOfTs);
  const earnings = earningsCheck(input, chain.asOfTs, dte);
  if (earnings === "inside") {
    return makeRow(NAME, bars, {
      signal: "exit",
      label: "EARNINGS",
      score: 0,
      reason: `earnings before the ${Math.round(dte)}-day expiry`,
    });
  }
  const sp = pickShortPut(expiry, chain.spot, chain.asOfTs, {
    targetDelta: p.targetDelta,
    fallbackVol: p.fallbackVol,
    rate: p.rate,
  });
  if (!sp) return notEvaluated(NAME, bars, "no out-of-the-money put in the chosen expiry");
  const long = putNearest(expiry, sp.quote.strike - p.width, sp.quote.strike);
  const spread = long ? priceSpread(expiry, chain.asOfTs, sp, long) : null;
  if (!spread || spread.width < p.minWidth) {
    return notEvaluated(NAME, bars, `no long put at least ${p.minWidth} below the short`);
  }
  const pass = spread.credit >= p.minCredit && spread.roiPct >= p.minRocPct;
  const signal: Signal = !pass ? "wait" : earnings === "unknown" ? "watch" : "buy";
  return makeRow(NAME, bars, {
    signal,
    label: (pass ? "GREEN LIGHT" : "WAIT (Credit/ROC)") + synth(chain),
    direction: pass ? "long" : null,
    score: spread.roiPct,
    stop: spread.long.strike,
    target: spread.short.quote.strike,
    values: { ...spreadValues(spread, chain), earnings },
    reason:
      `credit ${spread.credit.toFixed(2)} on ${spread.width} wide, ROC ${
        spread.roiPct.toFixed(1)
      } %` + (earnings === "unknown" ? "; earnings date unknown, so not a pass" : ""),
  });
}

/** Options-only screener. */
export const optionsOnly: ScreenerDefinition<typeof OptionsOnlyParams> = {
  name: "options_only",
  title: "Options only (Thalaiva protocol)",
  description:
    "Liquid names ($15 M 5-day turnover) without earnings before expiry: the ~0.30-delta put " +
    "30-60 days out against the put ~$5 lower, passing on credit ≥ 0.10 and ROC ≥ 20 %.",
  params: OptionsOnlyParams,
  needs: ["chain"],
  uses: ["fundamentals"],
  category: "options",
  run: optionsOnlyRow,
};

// ------------------------------------------------------------------ Fortress dynamic vol

/** Fortress (dynamic volatility) parameters; defaults are the original's. */
export const FortressParams = z.object({
  minBars: z.int().min(2).default(100),
  /** ATR% below this with VIX below `deadVix` = "dead money". */
  deadAtrPct: z.number().min(0).default(2),
  deadVix: z.number().min(0).default(20),
});
export type FortressParams = z.infer<typeof FortressParams>;

/** Safety multiple k = clamp(1.5 + (VIX − 12)/15, 1.5, 3). */
export function fortressK(vix: number): number {
  return Math.min(3, Math.max(1.5, 1.5 + (vix - 12) / 15));
}

/** Short strike and width for a floor price: < 100 → whole dollars, width 1; < 300 → 2.5s, width 5; else 5s, width 10. */
export function fortressStrike(close: number, floor: number): { strike: number; width: number } {
  if (close < 100) return { strike: Math.floor(floor), width: 1 };
  if (close < 300) return { strike: Math.floor(floor / 2.5) * 2.5, width: 5 };
  return { strike: Math.floor(floor / 5) * 5, width: 10 };
}

/**
 * k from the VIX on the bar's date; ATR% = 100 × ATR14 / C. ATR% < 2 with VIX < 20 → wait "DEAD
 * MONEY"; C < SMA50 → wait; floor = EMA20 − k × ATR14 (≥ C → wait); strike per
 * {@link fortressStrike} → buy "FORTRESS PUT SPREAD" with score ATR% × 10 + 15 × (C > SMA200).
 * Stock stop C − k ATR, target C + 2k ATR. Needs the VIX; no chain needed (strikes are rounded
 * levels, not quotes).
 */
export function fortressRow(input: ScreenerInput, p: FortressParams): ScreenerRow {
  const NAME = "fortress";
  const { bars } = input;
  const short = needBars(NAME, bars, p.minBars);
  if (short) return short;
  if (!input.vix || input.vix.length === 0) {
    return notEvaluated(NAME, bars, "no volatility index (VIX) series supplied");
  }
  const vi = indexAtOrBefore(input.vix, last(bars.ts));
  const vix = vi >= 0 ? input.vix.close[vi] : NaN;
  const c = last(bars.close);
  const atr = last(atrOf(bars, 14));
  const e20 = last(closeEma(bars, 20));
  const s50 = last(closeSmaTail(bars, 50));
  const s200 = last(closeSmaTail(bars, 200));
  if (!allFinite(vix, c, atr, e20, s50)) {
    return undefinedIndicator(NAME, bars, "VIX, ATR, EMA20 or SMA50");
  }
  const k = fortressK(vix);
  const atrPct = (100 * atr) / c;
  const floor = e20 - k * atr;
  const values: Record<string, RowValue> = {
    vixRef: vix,
    volatilityPct: atrPct,
    safetyMult: k,
    ema20: e20,
    sma50: s50,
    floor,
    trend: Number.isFinite(s200) ? (c > s200 ? "UP" : "DOWN") : null,
  };
  const wait = (label: string, reason: string) =>
    makeRow(NAME, bars, { signal: "wait", label, score: 0, values, reason });
  if (atrPct < p.deadAtrPct && vix < p.deadVix) {
    return wait(
      "DEAD MONEY",
      `ATR ${atrPct.toFixed(1)} % and VIX ${vix.toFixed(1)}: premiums too thin`,
    );
  }
  if (c < s50) {
    return wait("WAIT (Below SMA50)", `close ${c.toFixed(2)} below SMA50 ${s50.toFixed(2)}`);
  }
  if (!(floor < c)) return wait("WAIT (Floor above price)", `floor ${floor.toFixed(2)} ≥ close`);
  const { strike, width } = fortressStrike(c, floor);
  values.sellStrike = strike;
  values.buyStrike = strike - width;
  values.distPct = (100 * (c - strike)) / c;
  return makeRow(NAME, bars, {
    signal: "buy",
    label: "FORTRESS PUT SPREAD",
    direction: "long",
    score: atrPct * 10 + (c > s200 ? 15 : 0),
    stop: c - k * atr,
    target: c + 2 * k * atr,
    values,
    reason: `VIX ${vix.toFixed(1)} → safety ${k.toFixed(1)}x; sell ${strike} / buy ${
      strike - width
    } put below the floor EMA20 − ${k.toFixed(1)} ATR = ${floor.toFixed(2)}`,
  });
}

/** Fortress dynamic-volatility screener. */
export const fortress: ScreenerDefinition<typeof FortressParams> = {
  name: "fortress",
  title: "Fortress (dynamic volatility)",
  description:
    "Put-spread strikes below EMA20 − k × ATR14, with k = 1.5 + (VIX − 12)/15 clamped to 1.5-3; " +
    "skips dead money (ATR < 2 % with VIX < 20) and names below SMA50.",
  params: FortressParams,
  needs: ["vix"],
  category: "options",
  run: fortressRow,
};
