// Time-axis ticks for the ordinal x axis (bar positions, not times): a "nice" bar step, labelled
// with the bar's date or time in UTC.

const STEPS = [1, 2, 3, 5, 10, 15, 20, 25, 50];

/** Bar positions for ticks between min and max, about `space` CSS px apart. */
export function barSplits(
  min: number,
  max: number,
  widthPx: number,
  n: number,
  space = 90,
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
  for (let i = Math.ceil(Math.max(0, min) / step) * step; i <= Math.min(max, n - 1); i += step) {
    out.push(i);
  }
  return out;
}

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
  if (spanMs < 6 * 365 * 86_400_000) return `${mo} ${y}`;
  return String(y);
}

/** Legend label of a bar time. */
export function barTime(ms: number, intraday: boolean): string {
  const iso = new Date(ms).toISOString();
  return intraday ? iso.slice(0, 16).replace("T", " ") : iso.slice(0, 10);
}

/** Compact number: 1.23M, 45.6K, 123.45. */
export function compact(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  if (a >= 1e9) return (x / 1e9).toFixed(2) + "B";
  if (a >= 1e6) return (x / 1e6).toFixed(2) + "M";
  if (a >= 1e4) return (x / 1e3).toFixed(1) + "K";
  return price(x);
}

/** Price with precision by magnitude. */
export function price(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  const digits = a >= 1000 ? 2 : a >= 10 ? 2 : a >= 1 ? 3 : 5;
  return x.toFixed(digits);
}
