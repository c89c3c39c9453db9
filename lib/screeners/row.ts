/**
 * Helpers that build {@link ScreenerRow}s, so every screener reports the same fields the same way:
 * non-finite numbers become null, and "not evaluated" rows always carry their reason.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import type { RowValue, ScreenerRow, Signal } from "./types.ts";

/** `x` when it is a finite number, else null. */
export function num(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

/** Rounds to `dp` decimals; null stays null. */
export function round(x: number | null | undefined, dp = 4): number | null {
  const v = num(x);
  if (v === null) return null;
  const f = 10 ** dp;
  return Math.round(v * f) / f;
}

/** Fields a screener sets; the rest default to null / empty. */
export interface RowFields {
  signal: Signal;
  label: string;
  reason: string;
  direction?: "long" | "short" | null;
  score?: number | null;
  entry?: number | null;
  stop?: number | null;
  target?: number | null;
  values?: Record<string, RowValue | undefined>;
}

/** A row for the last bar of `bars`. */
export function makeRow(screener: string, bars: BarSeries, fields: RowFields): ScreenerRow {
  const n = bars.length;
  const values: Record<string, RowValue> = {};
  for (const [k, v] of Object.entries(fields.values ?? {})) {
    values[k] = typeof v === "number" ? num(v) : v ?? null;
  }
  return {
    screener,
    signal: fields.signal,
    label: fields.label,
    direction: fields.direction ?? null,
    score: num(fields.score),
    price: n > 0 ? num(bars.close[n - 1]) : null,
    entry: num(fields.entry),
    stop: num(fields.stop),
    target: num(fields.target),
    ts: n > 0 ? bars.ts[n - 1] : null,
    reason: fields.reason,
    values,
  };
}

/** A `not_evaluated` row: the screener could not run, and `reason` says why. */
export function notEvaluated(
  screener: string,
  bars: BarSeries,
  reason: string,
  values: Record<string, RowValue | undefined> = {},
): ScreenerRow {
  return makeRow(screener, bars, {
    signal: "not_evaluated",
    label: "NOT EVALUATED",
    reason,
    values,
  });
}

/** The standard "too little history" row, or null when `bars` has at least `min` bars. */
export function needBars(screener: string, bars: BarSeries, min: number): ScreenerRow | null {
  if (bars.length >= min) return null;
  return notEvaluated(
    screener,
    bars,
    `needs at least ${min} bars, had ${bars.length}`,
    { barsNeeded: min, barsHad: bars.length },
  );
}

/** The standard "an indicator is undefined on the last bar" row (NaN input, flat warm-up). */
export function undefinedIndicator(
  screener: string,
  bars: BarSeries,
  what: string,
): ScreenerRow {
  return notEvaluated(screener, bars, `${what} is undefined on the last bar (missing or NaN data)`);
}
