/**
 * Timestamp parsing for market data. Everything becomes unix ms (UTC).
 *
 * Accepted: ISO dates (`2024-01-31`), ISO date-times with `T` or a space, with or without seconds,
 * fractions, `Z` or a `±hh:mm` offset; compact `YYYYMMDD`; unix seconds or milliseconds (numbers:
 * below 1e11 are seconds, from 1e11 on milliseconds). Naive date-times (no zone) are UTC.
 * @module
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^\d+(\.\d+)?$/;

/** Parses one timestamp; returns NaN when it is not understood. */
export function parseTimestamp(text: string): number {
  const s = text.trim();
  if (s === "") return NaN;
  let m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    const ms = Date.UTC(+y, +mo - 1, +d, h ? +h : 0, mi ? +mi : 0, sec ? +sec : 0) +
      (frac ? Math.round(parseFloat(frac) * 1000) : 0);
    if (!validDate(+y, +mo, +d) || (h && (+h > 23 || +mi > 59 || (sec ? +sec > 59 : false)))) {
      return NaN;
    }
    return zone ? ms - offsetMinutes(zone) * 60_000 : ms;
  }
  m = COMPACT.exec(s);
  if (m) {
    const [, y, mo, d] = m;
    return validDate(+y, +mo, +d) ? Date.UTC(+y, +mo - 1, +d) : NaN;
  }
  if (NUMERIC.test(s)) {
    const x = Number(s);
    return x < 1e11 ? Math.round(x * 1000) : Math.round(x);
  }
  return NaN;
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** Formats unix ms as `YYYY-MM-DD` (UTC) when at midnight, else `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

/** A bar spacing, named the way traders name timeframes. */
export type Timeframe = "1m" | "5m" | "15m" | "30m" | "1h" | "4h" | "1d" | "1w" | "1mo";

/** All timeframes, shortest first. */
export const TIMEFRAMES: readonly Timeframe[] = [
  "1m",
  "5m",
  "15m",
  "30m",
  "1h",
  "4h",
  "1d",
  "1w",
  "1mo",
];

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Nominal length of a timeframe in ms (months as 30 days, for ordering only). */
export function timeframeMs(tf: Timeframe): number {
  switch (tf) {
    case "1m":
      return MINUTE;
    case "5m":
      return 5 * MINUTE;
    case "15m":
      return 15 * MINUTE;
    case "30m":
      return 30 * MINUTE;
    case "1h":
      return 60 * MINUTE;
    case "4h":
      return 240 * MINUTE;
    case "1d":
      return DAY;
    case "1w":
      return 7 * DAY;
    case "1mo":
      return 30 * DAY;
  }
}

/**
 * Guesses the timeframe of sorted timestamps from the median spacing between bars
 * (weekends and holidays make daily gaps larger, so ranges are generous).
 */
export function detectTimeframe(ts: ArrayLike<number>): Timeframe {
  const n = ts.length;
  if (n < 2) return "1d";
  const gaps: number[] = [];
  const step = Math.max(1, Math.floor(n / 2000));
  for (let i = step; i < n; i += step) gaps.push((ts[i] - ts[i - step]) / step);
  gaps.sort((a, b) => a - b);
  const g = gaps[Math.floor(gaps.length / 2)];
  if (g < 3 * MINUTE) return "1m";
  if (g < 10 * MINUTE) return "5m";
  if (g < 22 * MINUTE) return "15m";
  if (g < 45 * MINUTE) return "30m";
  if (g < 2.5 * 60 * MINUTE) return "1h";
  if (g < 12 * 60 * MINUTE) return "4h";
  if (g < 4 * DAY) return "1d";
  if (g < 20 * DAY) return "1w";
  return "1mo";
}
