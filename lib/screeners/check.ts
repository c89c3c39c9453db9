/**
 * "Check my position": for one symbol, and optionally the price or date it was bought at, every
 * screener's current verdict on holding it (hold, exit or watch) with the reason. Liquidity gates
 * are switched off (the position is already held), as in the original's check mode.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { indexAtOrBefore } from "./align.ts";
import { runParsed, SCREENERS } from "./mod.ts";
import type { AnyScreener, ScreenerInput, ScreenerRow } from "./types.ts";

/** What the holder should do, by one screener's rules. */
export type Verdict = "hold" | "exit" | "watch" | "not_evaluated";

/** One screener's verdict on the position. */
export interface PositionVerdict {
  screener: string;
  title: string;
  verdict: Verdict;
  /** Short label, e.g. "EXIT (Stop Hit - Below 20d Low)". */
  label: string;
  reason: string;
  row: ScreenerRow;
}

/** The position being checked; both fields optional. */
export interface PositionInput {
  /** Entry price; when absent and `entryTs` is given, the close on (or before) that date. */
  entryPrice?: number;
  /** Entry date, unix ms. */
  entryTs?: number;
}

/** The whole check. */
export interface PositionCheck {
  price: number | null;
  ts: number | null;
  entryPrice: number | null;
  /** price − entry, price units. */
  pnl: number | null;
  pnlPct: number | null;
  verdicts: PositionVerdict[];
  /** Count of each verdict. */
  summary: Record<Verdict, number>;
}

/** Parameter names that gate liquidity; set to 0 in check mode. */
const GATES = [
  "minAvgVolume",
  "minTurnover",
  "minPrice",
  "minTurnover5d",
  "minTurnoverUs",
  "minPriceUs",
  "minTurnoverUk",
  "minTurnoverIndia",
  "minPriceIndia",
];

/** The screener's defaults with its liquidity gates off, then `overrides` on top. */
export function checkParams(def: AnyScreener, overrides: Record<string, unknown> = {}) {
  const shape = def.params.shape as Record<string, unknown>;
  const off: Record<string, number> = {};
  for (const g of GATES) if (g in shape) off[g] = 0;
  return def.params.parse({ ...off, ...overrides }) as Record<string, unknown>;
}

/**
 * The verdict a holder gets from one row. ISA: close ≤ trailing 20-day low → exit "EXIT (Stop
 * Hit - Below 20d Low)"; downtrend → exit "EXIT (Trend Reversed)"; else hold "HOLD (Trend
 * Valid)". Turtle: close below the 10-day low → exit "EXIT (Below 10-Day Low)"; below entry − 2N
 * → exit "EXIT (Stop Loss Hit)"; else hold. Others: buy/hold → hold "HOLD (Signal Active)",
 * sell/exit → exit "EXIT (Signal Bearish)", watch/wait → watch "WATCH (Neutral)".
 */
export function verdictFor(
  row: ScreenerRow,
  entryPrice: number | null,
): Omit<PositionVerdict, "title" | "row"> {
  const base = { screener: row.screener };
  if (row.signal === "not_evaluated") {
    return { ...base, verdict: "not_evaluated", label: "NOT EVALUATED", reason: row.reason };
  }
  const price = row.price ?? NaN;
  if (row.screener === "isa_trend") {
    const trail = row.values.trailingExit20d;
    if (typeof trail === "number" && price <= trail) {
      return {
        ...base,
        verdict: "exit",
        label: "EXIT (Stop Hit - Below 20d Low)",
        reason: `close ${price} ≤ 20-day low ${trail}`,
      };
    }
    if (row.label.startsWith("SELL/AVOID")) {
      return { ...base, verdict: "exit", label: "EXIT (Trend Reversed)", reason: row.reason };
    }
    return { ...base, verdict: "hold", label: "HOLD (Trend Valid)", reason: row.reason };
  }
  if (row.screener === "turtle") {
    const exitLow = row.values.trailingExit;
    const n = row.values.n;
    if (typeof exitLow === "number" && price < exitLow) {
      return {
        ...base,
        verdict: "exit",
        label: "EXIT (Below 10-Day Low)",
        reason: `close ${price} < 10-day low ${exitLow}`,
      };
    }
    if (entryPrice !== null && typeof n === "number" && price < entryPrice - 2 * n) {
      return {
        ...base,
        verdict: "exit",
        label: "EXIT (Stop Loss Hit)",
        reason: `close ${price} < entry ${entryPrice} − 2N (${(entryPrice - 2 * n).toFixed(2)})`,
      };
    }
    return { ...base, verdict: "hold", label: "HOLD (Above 10-Day Low)", reason: row.reason };
  }
  if (row.signal === "buy" || row.signal === "hold") {
    return { ...base, verdict: "hold", label: `HOLD (${row.label})`, reason: row.reason };
  }
  if (row.signal === "sell" || row.signal === "exit") {
    return { ...base, verdict: "exit", label: `EXIT (${row.label})`, reason: row.reason };
  }
  return { ...base, verdict: "watch", label: `WATCH (${row.label})`, reason: row.reason };
}

/**
 * Runs every screener (or those named) on `input` with liquidity gates off and returns each
 * verdict. The entry price, when only a date is given, is the close on or before that date.
 */
export function checkPosition(
  input: ScreenerInput,
  position: PositionInput = {},
  options: { screeners?: readonly string[]; params?: Record<string, Record<string, unknown>> } = {},
): PositionCheck {
  const bars: BarSeries = input.bars;
  const n = bars.length;
  const price = n > 0 ? bars.close[n - 1] : null;
  let entry: number | null = position.entryPrice ?? null;
  if (entry === null && position.entryTs !== undefined) {
    const i = indexAtOrBefore(bars, position.entryTs);
    entry = i >= 0 ? bars.close[i] : null;
  }
  const wanted = options.screeners ? new Set(options.screeners) : null;
  const verdicts: PositionVerdict[] = [];
  const summary: Record<Verdict, number> = { hold: 0, exit: 0, watch: 0, not_evaluated: 0 };
  for (const def of SCREENERS) {
    if (wanted && !wanted.has(def.name)) continue;
    const row = runParsed(def, input, checkParams(def, options.params?.[def.name]));
    const v = verdictFor(row, entry);
    summary[v.verdict]++;
    verdicts.push({ ...v, title: def.title, row });
  }
  return {
    price,
    ts: n > 0 ? bars.ts[n - 1] : null,
    entryPrice: entry,
    pnl: entry !== null && price !== null ? price - entry : null,
    pnlPct: entry !== null && price !== null && entry !== 0
      ? (100 * (price - entry)) / entry
      : null,
    verdicts,
    summary,
  };
}
