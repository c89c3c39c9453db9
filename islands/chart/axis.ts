// Time-axis ticks for the ordinal x axis (bar positions, not times): a "nice" bar step, labelled
// with the bar's date or time in UTC.

const STEPS = [1, 2, 3, 5, 10, 15, 20, 25, 50];

/**
 * Bar positions for ticks between min and max, about `space` CSS px apart, leaving out ticks
 * closer than `edgePx` to either end of the axis (their centred labels would be cut in half).
 */
export function barSplits(
  min: number,
  max: number,
  widthPx: number,
  n: number,
  space = 90,
  edgePx = 0,
): number[] {
  const want = Math.max(1, Math.floor(widthPx / space));
  const raw = Math.max(1, (max - min) / want);
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = mag * 100;
  for (const s of STEPS) {
    if (s * mag >= raw) {
      step = s * mag;
      break;
    }
  }
  const out: number[] = [];
  const pxPerBar = widthPx / Math.max(1e-9, max - min);
  for (let i = Math.ceil(Math.max(0, min) / step) * step; i <= Math.min(max, n - 1); i += step) {
    const x = (i - min) * pxPerBar;
    if (x >= edgePx && x <= widthPx - edgePx) out.push(i);
  }
  return out;
}

/** First index `i` with `ts[i] >= t` (`ts.length` when none). */
function lowerBound(ts: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Ticks on the first bar of a calendar year (UTC) between bar positions min and max, every
 * 1, 2, 5, 10, … years so that they are about `space` CSS px apart, and none closer than
 * `edgePx` to either end. A fixed bar step drifts against the calendar (a year is 250–253
 * trading days), so year labels placed by {@link barSplits} skip or repeat years; these do not.
 * Cost: O(years × log n).
 */
export function yearSplits(
  ts: ArrayLike<number>,
  min: number,
  max: number,
  widthPx: number,
  space = 90,
  edgePx = 0,
): number[] {
  const n = ts.length;
  const i0 = Math.max(0, Math.ceil(min));
  const i1 = Math.min(n - 1, Math.floor(max));
  if (i1 < i0) return [];
  const y0 = new Date(ts[i0]).getUTCFullYear();
  const y1 = new Date(ts[i1]).getUTCFullYear();
  const pxPerBar = widthPx / Math.max(1e-9, max - min);
  const pxPerYear = ((i1 - i0 + 1) / Math.max(1, y1 - y0 + 1)) * pxPerBar;
  let every = 1;
  for (const k of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) {
    every = k;
    if (k * pxPerYear >= space) break;
  }
  const out: number[] = [];
  for (let y = Math.ceil(y0 / every) * every; y <= y1; y += every) {
    const i = lowerBound(ts, Date.UTC(y, 0, 1));
    if (i < i0 || i > i1 || new Date(ts[i]).getUTCFullYear() !== y) continue;
    const x = (i - min) * pxPerBar;
    if (x >= edgePx && x <= widthPx - edgePx) out.push(i);
  }
  return out;
}

/** Spans at least this long (ms) are labelled by year ({@link tickLabel}, {@link yearSplits}). */
export const YEAR_LABEL_SPAN_MS = 6 * 365 * 86_400_000;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Label of a bar time for an axis spanning `spanMs`. */
export function tickLabel(ms: number, spanMs: number, intraday: boolean): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const mo = MONTHS[d.getUTCMonth()];
  const day = d.getUTCDate();
  if (intraday && spanMs < 3 * 86_400_000) {
    return `${String(d.getUTCHours()).padStart(2, "0")}:${
      String(d.getUTCMinutes()).padStart(2, "0")
    }`;
  }
  if (intraday && spanMs < 90 * 86_400_000) {
    return `${day} ${mo} ${String(d.getUTCHours()).padStart(2, "0")}:${
      String(d.getUTCMinutes()).padStart(2, "0")
    }`;
  }
  if (spanMs < 400 * 86_400_000) return `${day} ${mo}`;
  if (spanMs < YEAR_LABEL_SPAN_MS) return `${mo} ${y}`;
  return String(y);
}

/** Legend label of a bar time. */
export function barTime(ms: number, intraday: boolean): string {
  const iso = new Date(ms).toISOString();
  return intraday ? iso.slice(0, 16).replace("T", " ") : iso.slice(0, 10);
}

/**
 * Compact number for volumes and study values: 1.23B, 65.45M, 45.6K; below 10,000 whole numbers
 * print without decimals (a volume of 6143 is "6143") and fractions as {@link price} does.
 */
export function compact(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  if (a >= 1e9) return (x / 1e9).toFixed(2) + "B";
  if (a >= 1e6) return (x / 1e6).toFixed(2) + "M";
  if (a >= 1e4) return (x / 1e3).toFixed(1) + "K";
  if (Number.isInteger(x)) return x.toFixed(0);
  return price(x);
}

/**
 * Decimals a price of this size needs: 2 from 10 up (stocks, indices), 4 from 1 to 10 (FX majors
 * such as EURUSD 1.2290), and below 1 enough for about five significant digits (0.5 → 5,
 * 0.01234 → 6), at most 10. Zero and non-finite values get 2.
 */
export function priceDecimals(x: number): number {
  const a = Math.abs(x);
  if (!Number.isFinite(a) || a === 0 || a >= 10) return 2;
  if (a >= 1) return 4;
  return Math.min(10, 4 - Math.floor(Math.log10(a)));
}

/** Price with precision by magnitude ({@link priceDecimals}): 452.31, 1.2290, 0.61230. */
export function price(x: number): string {
  if (!Number.isFinite(x)) return "–";
  return x.toFixed(priceDecimals(x));
}

/** Fewest decimals (at most 8) that print a tick step exactly: 0.0025 → 4, 5 → 0, 0.5 → 1. */
export function stepDecimals(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  for (let d = 0; d < 8; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 8;
}

/**
 * Price-axis labels: as many decimals as the tick step needs, and on a price scale below 10 at
 * least the price's own decimals (EURUSD ticks 1.2475, 1.2450 rather than 1.248, 1.245).
 * Scales reaching 1M print compact numbers.
 */
export function axisValues(splits: number[], step: number, isPrice = false): string[] {
  if (splits.some((v) => Math.abs(v) >= 1e6)) return splits.map(compact);
  const level = Math.max(...splits.map(Math.abs), 0);
  const digits = Math.max(stepDecimals(step), isPrice && level < 10 ? priceDecimals(level) : 0);
  return splits.map((v) => v.toFixed(digits));
}
