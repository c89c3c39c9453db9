/**
 * OHLCV CSV import.
 *
 * Formats, detected from the header (case-insensitive, any column order, `,`/`;`/tab separated):
 * - the date-index layout `,Open,High,Low,Close,Volume` (pandas `to_csv` output: the first header
 *   cell is empty and holds the timestamp);
 * - Yahoo's `Date,Open,High,Low,Close,Adj Close,Volume`;
 * - generic files whose time column is named `timestamp`, `date`, `time`, `datetime` or `ts`.
 * Volume is optional (0 when absent).
 *
 * Adjusted prices: by default prices are stored as traded (Yahoo's `Close` is already split-adjusted
 * but not dividend-adjusted) and `Adj Close` is ignored. With `adjust: true` every row's open, high,
 * low and close are multiplied by `Adj Close / Close`, which back-adjusts for splits and dividends
 * the way Yahoo computes its adjusted close; volume is left as reported.
 *
 * Validation names the line (the header is line 1): unparsable numbers or timestamps, prices not
 * > 0, high below open/close/low, low above open/close, negative volume, and unsorted or
 * duplicate timestamps. Unsorted input is sorted only with `sort: true`, duplicates dropped (the
 * last row wins) only with `dedupe: true`.
 * @module
 */
import { type BarSeries, emptySeries } from "../domain/bar.ts";
import { detectTimeframe, parseTimestamp, type Timeframe } from "./time.ts";

/** One problem found in a file. `line` is 1-based and counts the header. */
export interface CsvIssue {
  line: number;
  column: string;
  message: string;
  /** Set when the file exceeds the row limit (the API answers 413 for it). */
  tooLarge?: true;
}

/** Options for {@link parseOhlcvCsv}. */
export interface ParseOptions {
  /** Sort rows by time instead of rejecting an unsorted file. */
  sort?: boolean;
  /** Drop duplicate timestamps (the last one wins) instead of rejecting them. */
  dedupe?: boolean;
  /** Multiply OHLC by `Adj Close / Close` (Yahoo files). */
  adjust?: boolean;
  /** Stop after this many issues (default 20). */
  maxIssues?: number;
  /** Reject files with more data rows than this (default 5,000,000). */
  maxRows?: number;
}

/** The detected layout of a file. */
export type CsvFormat = "date-index" | "yahoo" | "generic";

/** The outcome of a parse: bars, or every issue found (up to `maxIssues`). */
export type ParseResult =
  | { ok: true; bars: BarSeries; format: CsvFormat; timeframe: Timeframe; rows: number }
  | { ok: false; issues: CsvIssue[] };

const TIME_NAMES = ["timestamp", "datetime", "date", "time", "ts", "date/time"];

interface Columns {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  adjClose: number;
  format: CsvFormat;
}

function detectColumns(header: string[]): Columns | CsvIssue {
  const names = header.map((h) => h.trim().replace(/^"|"$/g, "").toLowerCase());
  const find = (...candidates: string[]) => names.findIndex((n) => candidates.includes(n));
  let time = find(...TIME_NAMES);
  let format: CsvFormat = "generic";
  if (time < 0 && names[0] === "") {
    time = 0;
    format = "date-index";
  }
  const cols: Columns = {
    time,
    open: find("open", "o"),
    high: find("high", "h"),
    low: find("low", "l"),
    close: find("close", "c", "last"),
    volume: find("volume", "vol", "v"),
    adjClose: find("adj close", "adj_close", "adjclose", "adjusted close"),
    format,
  };
  if (cols.adjClose >= 0 && format === "generic") cols.format = "yahoo";
  const missing = (["time", "open", "high", "low", "close"] as const).filter((k) => cols[k] < 0);
  if (missing.length > 0) {
    return {
      line: 1,
      column: missing[0],
      message: `header has no ${missing.join(", ")} column (found: ${header.join(", ")})`,
    };
  }
  return cols;
}

function splitLine(line: string, sep: string): string[] {
  if (!line.includes('"')) return line.split(sep);
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function sniffSeparator(header: string): string {
  const counts = [",", ";", "\t"].map((s) => [s, header.split(s).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][0];
}

function parseNumber(s: string | undefined): number {
  if (s === undefined) return NaN;
  const t = s.trim();
  if (t === "" || t.toLowerCase() === "null" || t.toLowerCase() === "nan") return NaN;
  const x = Number(t);
  return x;
}

/** Parses an OHLCV CSV file into a bar series, or lists the issues that stop it. */
export function parseOhlcvCsv(text: string, options: ParseOptions = {}): ParseResult {
  const maxIssues = options.maxIssues ?? 20;
  const maxRows = options.maxRows ?? 5_000_000;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let headerAt = 0;
  while (headerAt < lines.length && lines[headerAt].trim() === "") headerAt++;
  if (headerAt >= lines.length) {
    return { ok: false, issues: [{ line: 1, column: "", message: "file is empty" }] };
  }
  const sep = sniffSeparator(lines[headerAt]);
  const cols = detectColumns(splitLine(lines[headerAt], sep));
  if ("message" in cols) return { ok: false, issues: [{ ...cols, line: headerAt + 1 }] };

  const issues: CsvIssue[] = [];
  const cap = Math.min(lines.length, maxRows + headerAt + 2);
  const ts = new Float64Array(cap);
  const o = new Float64Array(cap);
  const h = new Float64Array(cap);
  const l = new Float64Array(cap);
  const c = new Float64Array(cap);
  const v = new Float64Array(cap);
  const lineOf = new Int32Array(cap);
  let n = 0;
  const add = (line: number, column: string, message: string) => {
    issues.push({ line, column, message });
  };

  for (let li = headerAt + 1; li < lines.length && issues.length < maxIssues; li++) {
    const raw = lines[li];
    if (raw.trim() === "") continue;
    if (n >= maxRows) {
      issues.push({
        line: li + 1,
        column: "",
        message: `file has more than ${maxRows} rows`,
        tooLarge: true,
      });
      break;
    }
    const lineNo = li + 1;
    const f = splitLine(raw, sep);
    const t = parseTimestamp((f[cols.time] ?? "").replace(/^"|"$/g, ""));
    if (Number.isNaN(t)) {
      add(lineNo, "time", `unparsable timestamp "${(f[cols.time] ?? "").trim()}"`);
      continue;
    }
    const open = parseNumber(f[cols.open]);
    const high = parseNumber(f[cols.high]);
    const low = parseNumber(f[cols.low]);
    const close = parseNumber(f[cols.close]);
    const volume = cols.volume >= 0 ? parseNumber(f[cols.volume]) : 0;
    const fields: [string, number, string | undefined][] = [
      ["open", open, f[cols.open]],
      ["high", high, f[cols.high]],
      ["low", low, f[cols.low]],
      ["close", close, f[cols.close]],
    ];
    let bad = false;
    for (const [name, x, rawValue] of fields) {
      if (!Number.isFinite(x)) {
        add(lineNo, name, `unparsable number "${(rawValue ?? "").trim()}"`);
        bad = true;
      } else if (x <= 0) {
        add(lineNo, name, `price must be > 0, was ${x}`);
        bad = true;
      }
    }
    if (cols.volume >= 0 && (!Number.isFinite(volume) || volume < 0)) {
      const rv = (f[cols.volume] ?? "").trim();
      if (rv !== "") {
        add(lineNo, "volume", `volume must be a number >= 0, was "${rv}"`);
        bad = true;
      }
    }
    if (bad) continue;
    if (high < Math.max(open, close, low)) {
      add(
        lineNo,
        "high",
        `high ${high} is below ${high < low ? "low" : high < open ? "open" : "close"}`,
      );
      continue;
    }
    if (low > Math.min(open, close)) {
      add(lineNo, "low", `low ${low} is above ${low > open ? "open" : "close"}`);
      continue;
    }
    let factor = 1;
    if (options.adjust && cols.adjClose >= 0) {
      const adj = parseNumber(f[cols.adjClose]);
      if (!Number.isFinite(adj) || adj <= 0) {
        add(lineNo, "adj close", `unparsable adjusted close "${(f[cols.adjClose] ?? "").trim()}"`);
        continue;
      }
      factor = adj / close;
    }
    ts[n] = t;
    o[n] = open * factor;
    h[n] = high * factor;
    l[n] = low * factor;
    c[n] = close * factor;
    v[n] = Number.isFinite(volume) ? volume : 0;
    lineOf[n] = lineNo;
    n++;
  }
  if (issues.length > 0) return { ok: false, issues };
  if (n === 0) {
    return { ok: false, issues: [{ line: headerAt + 2, column: "", message: "no data rows" }] };
  }

  // Order checks: sort / dedupe only when asked.
  let order: Int32Array | null = null;
  for (let i = 1; i < n; i++) {
    if (ts[i] < ts[i - 1]) {
      if (!options.sort) {
        return {
          ok: false,
          issues: [{
            line: lineOf[i],
            column: "time",
            message: `timestamp is before the previous row's (line ${
              lineOf[i - 1]
            }); pass sort to sort the file`,
          }],
        };
      }
      order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => ts[a] - ts[b] || a - b);
      break;
    }
  }
  const idx = (k: number) => (order ? order[k] : k);
  const keep: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = idx(k);
    if (keep.length > 0 && ts[keep[keep.length - 1]] === ts[i]) {
      if (!options.dedupe) {
        return {
          ok: false,
          issues: [{
            line: lineOf[i],
            column: "time",
            message: `duplicate timestamp (also on line ${
              lineOf[keep[keep.length - 1]]
            }); pass dedupe to keep the last`,
          }],
        };
      }
      keep[keep.length - 1] = i; // the last row wins
    } else keep.push(i);
  }
  const out = emptySeries(keep.length);
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k];
    out.ts[k] = ts[i];
    out.open[k] = o[i];
    out.high[k] = h[i];
    out.low[k] = l[i];
    out.close[k] = c[i];
    out.volume[k] = v[i];
  }
  return {
    ok: true,
    bars: out,
    format: cols.format,
    timeframe: detectTimeframe(out.ts),
    rows: n,
  };
}

/** Formats issues as one line each: `line 12, high: high 9 is below open`. */
export function formatIssues(issues: readonly CsvIssue[]): string {
  return issues.map((i) => `line ${i.line}${i.column ? `, ${i.column}` : ""}: ${i.message}`).join(
    "\n",
  );
}

/** Writes bars as a generic CSV (`timestamp,open,high,low,close,volume`, ISO times). */
export function toOhlcvCsv(bars: BarSeries): string {
  const lines = ["timestamp,open,high,low,close,volume"];
  for (let i = 0; i < bars.length; i++) {
    lines.push(
      `${new Date(bars.ts[i]).toISOString()},${bars.open[i]},${bars.high[i]},${bars.low[i]},${
        bars.close[i]
      },${bars.volume[i]}`,
    );
  }
  return lines.join("\n") + "\n";
}
