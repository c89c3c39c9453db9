/**
 * Market data service: the one place that imports bars into KV and reads them back, resampled
 * and sliced. The API, the CLI, the pages and the jobs all go through it.
 * @module
 */
import type { Bar, BarSeries } from "../domain/bar.ts";
import { sliceSeries } from "../domain/bar.ts";
import { type CsvIssue, parseOhlcvCsv, type ParseOptions } from "./csv.ts";
import { resample } from "./resample.ts";
import { type Timeframe, timeframeMs } from "./time.ts";
import {
  type BarsManifest,
  type BarsSource,
  loadBars,
  loadManifestBars,
  mergeSeries,
  saveBars,
} from "../storage/bars_repo.ts";

/** How an import combines with stored data. */
export type ImportMode = "merge" | "replace";

/** Options for {@link importCsv} and {@link importRows}. */
export interface ImportOptions extends ParseOptions {
  mode?: ImportMode;
  source?: BarsSource;
  description?: string;
  now?: number;
  onProgress?: (done: number, total: number) => void;
  /** Test seam forwarded to saveBars. */
  afterChunkCommit?: (chunksWritten: number) => void | Promise<void>;
}

/** The outcome of an import: the new manifest, or the issues that stopped it (nothing saved). */
export type ImportResult =
  | { ok: true; manifest: BarsManifest; imported: number; format: string }
  | { ok: false; issues: CsvIssue[] };

/** Parses CSV text and stores it for `owner`; a file with any issue saves nothing. */
export async function importCsv(
  kv: Deno.Kv,
  owner: string,
  symbol: string,
  text: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const parsed = parseOhlcvCsv(text, options);
  if (!parsed.ok) return parsed;
  return await store(kv, owner, symbol, parsed.bars, parsed.format, options);
}

/**
 * Validates JSON rows (the same rules as CSV; `line` in issues is the 1-based row index) and
 * stores them.
 */
export async function importRows(
  kv: Deno.Kv,
  owner: string,
  symbol: string,
  rows: readonly Bar[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const csv = ["ts,open,high,low,close,volume"];
  for (const r of rows) csv.push(`${r.ts},${r.open},${r.high},${r.low},${r.close},${r.volume}`);
  const parsed = parseOhlcvCsv(csv.join("\n"), options);
  if (!parsed.ok) {
    // CSV line numbers count the header; JSON rows are numbered from 1.
    return { ok: false, issues: parsed.issues.map((i) => ({ ...i, line: i.line - 1 })) };
  }
  return await store(kv, owner, symbol, parsed.bars, "json", options);
}

async function store(
  kv: Deno.Kv,
  owner: string,
  symbol: string,
  bars: BarSeries,
  format: string,
  options: ImportOptions,
): Promise<ImportResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let series = bars;
    if ((options.mode ?? "merge") === "merge") {
      const existing = await loadBars(kv, owner, symbol);
      if (existing && existing.manifest.owner === owner) {
        series = mergeSeries(existing.bars, bars);
      }
    }
    const saved = await saveBars(kv, owner, symbol, series, options);
    if (saved.ok) return { ok: true, manifest: saved.manifest, imported: bars.length, format };
  }
  throw new Error(`import: ${symbol} kept changing while importing; try again`);
}

/** Options for {@link getSeries}. */
export interface SeriesQuery {
  /** Inclusive bounds, unix ms. */
  from?: number;
  to?: number;
  /** Resample to this timeframe (must not be shorter than the stored one). */
  timeframe?: Timeframe;
}

/** Bars `owner` sees for `symbol`, resampled and sliced; null when the symbol is unknown. */
export async function getSeries(
  kv: Deno.Kv,
  owner: string | null,
  symbol: string,
  query: SeriesQuery = {},
): Promise<{ manifest: BarsManifest; bars: BarSeries; timeframe: Timeframe } | null> {
  const found = await loadBars(kv, owner, symbol);
  if (!found) return null;
  return { manifest: found.manifest, ...shapeSeries(found.bars, found.manifest, query) };
}

/** Resamples and slices already-loaded bars. Throws RangeError for a finer timeframe than stored. */
export function shapeSeries(
  bars: BarSeries,
  manifest: Pick<BarsManifest, "timeframe" | "symbol">,
  query: SeriesQuery,
): { bars: BarSeries; timeframe: Timeframe } {
  let out = bars;
  let tf = manifest.timeframe;
  if (query.timeframe && query.timeframe !== tf) {
    if (timeframeMs(query.timeframe) < timeframeMs(tf)) {
      throw new RangeError(
        `timeframe: ${manifest.symbol} is stored as ${tf} bars and cannot be shown as ${query.timeframe}`,
      );
    }
    out = resample(out, query.timeframe);
    tf = query.timeframe;
  }
  if (query.from !== undefined || query.to !== undefined) {
    out = sliceSeries(out, query.from ?? -Infinity, query.to ?? Infinity);
  }
  return { bars: out, timeframe: tf };
}

/** Loads the bars a manifest points to (re-exported for callers holding a manifest). */
export { loadManifestBars };
