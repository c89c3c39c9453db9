/**
 * ISA trend follower (ORIGINAL.md 5.3): long-only trend following above the 200-day SMA, entering
 * on a 50-day breakout, exiting on a 20-day low, sized to risk 1 % of the account with the
 * position capped at 20 % of the account.
 * @module
 */
import * as z from "zod";
import { commonIndices, relativeReturnPct } from "./align.ts";
import { emaAligned, isVcp, trendBreakoutTs } from "./common.ts";
import { checkLiquidity } from "./gates.ts";
import { makeRow, needBars, undefinedIndicator } from "./row.ts";
import { allFinite, atrOf, closeSmaTail, donchianTail, last, prev } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow, Signal } from "./types.ts";

const NAME = "isa_trend";

/** Parameters; defaults are the original's. */
export const IsaParams = z.object({
  trendPeriod: z.int().min(2).default(200),
  breakoutPeriod: z.int().min(2).default(50),
  exitPeriod: z.int().min(2).default(20),
  atrPeriod: z.int().min(2).default(20),
  /** Initial stop: close − stopAtr × ATR20. */
  stopAtr: z.number().positive().default(3),
  targetAtr: z.number().positive().default(6),
  /** Close ≥ nearBreakout × 50-day high counts as "near". */
  nearBreakout: z.number().min(0).max(1).default(0.98),
  /** Account size for position sizing, account currency. */
  accountSize: z.number().positive().default(76_000),
  /** Fraction of the account risked per trade (0.1 %–10 %). */
  riskPct: z.number().min(0.001).max(0.1).default(0.01),
  /** Position value cap as a fraction of the account. */
  maxPositionPct: z.number().positive().max(1).default(0.2),
  /** Minimum 20-bar mean turnover (volume × close); 0 = off. */
  minTurnover: z.number().min(0).default(5_000_000),
  /** Bars of relative strength against the benchmark (uses fewer when history is shorter). */
  rsLookback: z.int().min(2).default(252),
  /** Minimum bars of common history for relative strength. */
  rsMinBars: z.int().min(2).default(50),
  /**
   * Benchmark symbol for relative strength. Unset: the scan's region benchmark (SPY for US
   * regions, ^FTSE for the UK, ^NSEI for India), else by the symbol's suffix.
   */
  benchmark: z.string().min(1).max(24).optional(),
});
export type IsaParams = z.infer<typeof IsaParams>;

const SCORE: Record<string, number> = {
  "ENTER LONG (50d Breakout)": 100,
  "WATCH (Near Breakout)": 80,
  "HOLD (Trend Active)": 60,
  "EXIT (Stop Hit)": 20,
  "SELL/AVOID (Downtrend)": 0,
};

/**
 * Close > SMA200: close ≥ previous 50-bar high → buy "ENTER LONG (50d Breakout)"; ≥ 98 % of it
 * → watch "WATCH (Near Breakout)"; > previous 20-bar low → hold "HOLD (Trend Active)"; else
 * exit "EXIT (Stop Hit)". Otherwise exit "SELL/AVOID (Downtrend)".
 *
 * Stops: initial = close − 3 ATR20 (ATR20 falls back to 2 % of the close while undefined);
 * trailing = previous 20-bar low; the effective stop is the trailing one for hold/exit rows and
 * the initial one otherwise. Target = close + 6 ATR20. Shares =
 * floor(min(account × risk / max(0.01, close − stop), maxPositionPct × account / close)).
 * Relative strength = 100 × (stock return − benchmark return) over the last min(252, common − 1)
 * common bars; null (never 0) when no benchmark is supplied or < 50 common bars exist.
 * Score: 100 enter, 80 watch, 60 hold, 20 exit, 0 downtrend.
 */
export function isaRow(input: ScreenerInput, p: IsaParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.trendPeriod, p.breakoutPeriod + 1));
  if (short) return short;
  const gated = checkLiquidity(NAME, bars, { minTurnover: p.minTurnover });
  if (gated) return gated;
  const c = last(bars.close);
  const sma = last(closeSmaTail(bars, p.trendPeriod));
  const high50 = prev(donchianTail(bars, p.breakoutPeriod).upper);
  const low20 = prev(donchianTail(bars, p.exitPeriod).lower);
  if (!allFinite(c, sma, high50, low20)) return undefinedIndicator(NAME, bars, "SMA or channel");
  let atr = last(atrOf(bars, p.atrPeriod));
  const atrFallback = !Number.isFinite(atr);
  if (atrFallback) atr = 0.02 * c;

  let signal: Signal;
  let label: string;
  if (c > sma) {
    if (c >= high50) [signal, label] = ["buy", "ENTER LONG (50d Breakout)"];
    else if (c >= p.nearBreakout * high50) [signal, label] = ["watch", "WATCH (Near Breakout)"];
    else if (c > low20) [signal, label] = ["hold", "HOLD (Trend Active)"];
    else [signal, label] = ["exit", "EXIT (Stop Hit)"];
  } else [signal, label] = ["exit", "SELL/AVOID (Downtrend)"];

  const initialStop = c - p.stopAtr * atr;
  const useTrailing = label.startsWith("HOLD") || label.startsWith("EXIT");
  const stop = useTrailing ? low20 : initialStop;
  const distToStopPct = (100 * (c - stop)) / c;
  const riskPerShare = Math.max(0.01, c - stop);
  const riskBudget = p.accountSize * p.riskPct;
  const shares = Math.max(
    0,
    Math.floor(Math.min(riskBudget / riskPerShare, (p.maxPositionPct * p.accountSize) / c)),
  );

  let rs: number | null = null;
  let rsNote = "no benchmark supplied";
  if (input.benchmark && input.benchmark.length > 0) {
    const common = commonIndices(bars, input.benchmark, p.rsLookback + 1)[0].length;
    const look = Math.min(p.rsLookback, common - 1);
    if (look >= p.rsMinBars) {
      rs = relativeReturnPct(bars, input.benchmark, look);
      rsNote = "";
    } else rsNote = `fewer than ${p.rsMinBars + 1} bars in common with the benchmark`;
  }

  return makeRow(NAME, bars, {
    signal,
    label,
    direction: signal === "exit" ? null : "long",
    score: SCORE[label],
    stop,
    target: c + p.targetAtr * atr,
    reason: c > sma
      ? `close ${c.toFixed(2)} above SMA${p.trendPeriod} ${
        sma.toFixed(2)
      }; ${p.breakoutPeriod}-day high ${high50.toFixed(2)}, ${p.exitPeriod}-day low ${
        low20.toFixed(2)
      }`
      : `close ${c.toFixed(2)} at or below SMA${p.trendPeriod} ${sma.toFixed(2)}`,
    values: {
      sma200: sma,
      high50,
      low20,
      atr20: atr,
      atrFallback,
      initialStop,
      trailingExit20d: low20,
      distToStopPct,
      shares,
      positionValue: shares * c,
      riskAmount: shares * riskPerShare,
      riskPerShare,
      vcp: isVcp(bars),
      emaAlignment: emaAligned(bars),
      rsRating: rs,
      rsNote: rsNote || null,
      benchmark: input.benchmark ? input.benchmarkSymbol ?? p.benchmark ?? "supplied" : null,
      breakoutTs: trendBreakoutTs(bars, {
        entryPeriod: p.breakoutPeriod,
        exitPeriod: p.exitPeriod,
      }),
    },
  });
}

/** ISA trend follower. */
export const isaTrend: ScreenerDefinition<typeof IsaParams> = {
  name: NAME,
  title: "ISA trend follower",
  description:
    "Above the 200-day SMA: enter on a 50-day breakout, hold while above the 20-day low, exit " +
    "below it. Initial stop 3 ATR20, target 6 ATR20, 1 % risk sizing capped at 20 % of the " +
    "account; reports VCP, EMA 50/150/200 alignment and relative strength against the benchmark.",
  params: IsaParams,
  needs: [],
  uses: ["benchmark"],
  category: "trend",
  run: isaRow,
};
