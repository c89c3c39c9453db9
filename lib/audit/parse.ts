/**
 * Cell parsers shared by the importers: money and quantities, broker date formats, expiries and
 * OCC-style contract ids. Dates are wall-clock unix ms "as if UTC" (see types.ts).
 * @module
 */

const DAY_MS = 86_400_000;
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Month number 1-12 for a three-letter (or longer) English month name, or 0. */
export function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;
}

/**
 * Parses a money or quantity cell: `1,234.50`, `-0.65`, `$12`, `(3.10)` (negative), `+2`.
 * Returns `null` for an empty cell and `NaN` for text that is not a number.
 */
export function parseNumber(cell: string | undefined): number | null {
  if (cell === undefined) return null;
  let s = trimmed(cell);
  if (s === "" || s === "--") return null;
  const fast = +s;
  if (fast === fast && fast !== Infinity && fast !== -Infinity && !/^[+-]?0[xob]/i.test(s)) {
    return fast;
  }
  let neg = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    neg = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/[$,\s]/g, "");
  if (s === "" || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return NaN;
  const x = Number(s);
  if (!Number.isFinite(x)) return NaN; // out of range, e.g. "1e903"
  return neg ? -x : x;
}

/** Unix ms (as-if-UTC) of a calendar date and time. */
export function wallMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || y < 1900 || y > 2200) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]);
}

function year2(y: number): number {
  return y < 100 ? 2000 + y : y;
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const p = ampm[0].toLowerCase() === "p";
  if (h === 12) return p ? 12 : 0;
  return p ? h + 12 : h;
}

const RE_ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ,;]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/i;
const RE_COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[;\s T]+(\d{2}):?(\d{2}):?(\d{2})?)?$/;
const RE_US =
  /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m?)?)?$/i;

/**
 * Parses the date/time formats the brokers write, returning wall-clock ms or `NaN`:
 * ISO (`2024-01-05T15:30:00-0500`, offset dropped; `2024-01-05 15:30`), IBKR
 * `20231027;153000` / `2023-10-27;15:30:00` / `2023-11-01, 10:30:00`, US `10/27/2023 10:00 AM`,
 * `1/19/24`, compact `20231117`.
 */
export function parseDateTime(cell: string): number {
  return parseDateTimeUncached(trimmed(cell));
}

function parseDateTimeUncached(s: string): number {
  let m = RE_ISO.exec(s);
  if (m) return build(+m[1], +m[2], +m[3], m[4], m[5], m[6]);
  m = RE_COMPACT.exec(s);
  if (m) return build(+m[1], +m[2], +m[3], m[4], m[5], m[6]);
  m = RE_US.exec(s);
  if (m) {
    const h = m[4] === undefined ? undefined : String(hour12(+m[4], m[7]));
    return build(year2(+m[3]), +m[1], +m[2], h, m[5], m[6]);
  }
  return NaN;
}

function build(
  y: number,
  mo: number,
  d: number,
  h?: string,
  mi?: string,
  sec?: string,
): number {
  if (!validDate(y, mo, d)) return NaN;
  const hh = h === undefined ? 0 : +h;
  const mm = mi === undefined ? 0 : +mi;
  const ss = sec === undefined ? 0 : +sec;
  if (hh > 23 || mm > 59 || ss > 59) return NaN;
  return wallMs(y, mo, d, hh, mm, ss);
}

/** Parses an expiry cell (`2024-01-19`, `1/19/24`, `20240119`, `19JAN24`) to `YYYY-MM-DD`, or null. */
export function parseExpiry(cell: string): string | null {
  let e = expiryCache.get(cell);
  if (e === undefined) {
    e = parseExpiryUncached(trimmed(cell));
    if (expiryCache.size > 10_000) expiryCache.clear();
    expiryCache.set(cell, e);
  }
  return e;
}

// a file has few distinct expiries: parse each text once
const expiryCache = new Map<string, string | null>();

/** `s.trim()`, skipping the call when there is nothing to trim. */
export function trimmed(s: string): string {
  const n = s.length;
  return n === 0 || (s.charCodeAt(0) > 32 && s.charCodeAt(n - 1) > 32) ? s : s.trim();
}

function parseExpiryUncached(s: string): string | null {
  const m = /^(\d{1,2})([A-Za-z]{3})(\d{2})$/.exec(s);
  if (m) {
    const mo = monthNumber(m[2]);
    const y = 2000 + +m[3];
    return mo && validDate(y, mo, +m[1]) ? isoDate(wallMs(y, mo, +m[1])) : null;
  }
  const ms = parseDateTime(s);
  return Number.isFinite(ms) ? isoDate(ms) : null;
}

/** `YYYY-MM-DD` of a wall-clock ms. */
export function isoDate(ms: number): string {
  return isoDateTime(ms).slice(0, 10);
}

/** `YYYY-MM-DDTHH:MM:SS` (no zone: wall clock) of a wall-clock ms (years 0–9999). */
export function isoDateTime(ms: number): string {
  // integer civil-from-days (H. Hinnant), avoiding a Date per call
  const t = Math.floor(ms / 1000);
  const days = Math.floor(t / 86400);
  let sec = t - days * 86400;
  const hh = Math.floor(sec / 3600);
  sec -= hh * 3600;
  const mi = Math.floor(sec / 60);
  sec -= mi * 60;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${two(m)}-${two(d)}T${two(hh)}:${two(mi)}:${two(sec)}`;
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
function two(n: number): string {
  return TWO[n];
}

/** Wall-clock ms of midnight of a `YYYY-MM-DD` date. */
export function dateMs(iso: string): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
}

/** Whole calendar days from date `a` to date `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateMs(b) - dateMs(a)) / DAY_MS);
}

/**
 * OCC-style contract id: root padded to 6, `YYMMDD`, `C`/`P`, strike × 1000 in 8 digits,
 * e.g. `occId("SPY", "2023-11-17", "C", 450)` → `"SPY   231117C00450000"`. Stock: the symbol.
 */
export function occId(
  symbol: string,
  expiry: string | null,
  right: "C" | "P" | null,
  strike: number | null,
): string {
  if (right === null || expiry === null || strike === null) return symbol;
  const k = String(Math.round(strike * 1000)).padStart(8, "0");
  return `${symbol.padEnd(6)}${expiry.slice(2, 4)}${expiry.slice(5, 7)}${
    expiry.slice(8, 10)
  }${right}${k}`;
}

/** Right from `C`, `Call`, `PUT`, `p` …; null for anything else. */
export function parseRight(cell: string | undefined): "C" | "P" | null {
  const c = (cell ?? "").trim().toUpperCase();
  if (c === "C" || c === "CALL") return "C";
  if (c === "P" || c === "PUT") return "P";
  return null;
}

/** Greatest common divisor of non-negative integers (0 for an empty list). */
export function gcd(values: readonly number[]): number {
  let g = 0;
  for (const v0 of values) {
    let a = Math.abs(Math.round(v0));
    let b = g;
    while (b) [a, b] = [b, a % b];
    g = a;
  }
  return g;
}
