/**
 * Scanning a universe: many symbols through one or many screeners and timeframes, with
 * liquidity gates, a regime badge, per-row sparklines, progress reports, and the comparison of
 * two scans (new today, dropped today). Bars come through a {@link BarSource}, so the same
 * runner serves the API, the CLI and the benchmark.
 * @module
 */
import * as z from "zod";
import type { BarSeries } from "../domain/bar.ts";
import { resample } from "../data/resample.ts";
import { type Timeframe, timeframeMs, TIMEFRAMES } from "../data/time.ts";
import { checkLiquidity, fmt, topByVolume } from "./gates.ts";
import { memo } from "./series.ts";
import { getScreener, parseScreenerParams, runParsed } from "./mod.ts";
import { RegimeParams, regimeRow } from "./regime.ts";
import type { OptionChain } from "./chains/chain.ts";
import type { ChainProvider } from "./chains/chain.ts";
import {
  benchmarkForSymbol,
  REGION_BENCHMARK,
  REGIONS,
  regionSymbols,
  sectorSymbols,
  VIX_SYMBOL,
} from "./universes.ts";
import {
  type AnyScreener,
  type Fundamentals,
  PASSING_SIGNALS,
  type ScreenerInput,
  type ScreenerRow,
} from "./types.ts";

/** Which symbols to scan. */
export const Universe = z.discriminatedUnion("kind", [
  /** Every symbol with stored bars. */
  z.object({ kind: z.literal("stored") }),
  /** One of the original's regions. */
  z.object({ kind: z.literal("region"), region: z.enum(REGIONS) }),
  /** A sector ETF's top holdings (XLK, ...) or the WATCH list. */
  z.object({ kind: z.literal("sector"), code: z.string().min(1).max(8) }),
  /** An explicit list. */
  z.object({
    kind: z.literal("symbols"),
    symbols: z.array(z.string().min(1).max(24)).min(1).max(10_000),
  }),
  /** One of the owner's watchlists. */
  z.object({ kind: z.literal("watchlist"), id: z.string().min(1).max(64) }),
]);
export type Universe = z.infer<typeof Universe>;

/**
 * Liquidity gates applied to every symbol before any screener (0 = off). `topByVolume` keeps
 * only the N symbols of the universe with the highest mean volume over `topByVolumePeriod`
 * stored bars; absent, it is the largest cut a requested screener asks for (`vertical_put`: 50
 * over 20 bars), 0 turns it off.
 */
export const LiquidityGates = z.object({
  minAvgVolume: z.number().min(0).default(0),
  minTurnover: z.number().min(0).default(0),
  minPrice: z.number().min(0).default(0),
  period: z.int().min(1).default(20),
  topByVolume: z.int().min(0).max(100_000).optional(),
  topByVolumePeriod: z.int().min(1).max(5_000).optional(),
});

/** A scan request, as POST /api/v1/scans and `cli screen` take it. */
export const ScanRequest = z.object({
  screeners: z.array(z.object({
    name: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
  })).min(1).max(64),
  universe: Universe,
  timeframes: z.array(z.enum(TIMEFRAMES as [Timeframe, ...Timeframe[]])).min(1).max(9).default([
    "1d",
  ]),
  liquidity: LiquidityGates.default({ minAvgVolume: 0, minTurnover: 0, minPrice: 0, period: 20 }),
  /** Benchmark symbol; default: the region's, else by each symbol's suffix (SPY, ^FTSE, ^NSEI). */
  benchmark: z.string().min(1).max(24).optional(),
  vix: z.string().min(1).max(24).default(VIX_SYMBOL),
  /** Closes kept per row for the sparkline. */
  sparkBars: z.int().min(0).max(500).default(60),
});
export type ScanRequest = z.infer<typeof ScanRequest>;
export type ScanRequestInput = z.input<typeof ScanRequest>;

/** One screener's verdict on one symbol and timeframe. */
export interface ScanRow extends ScreenerRow {
  symbol: string;
  timeframe: Timeframe;
}

/** A symbol left out of the scan, and why. */
export interface SkippedSymbol {
  symbol: string;
  timeframe?: Timeframe;
  reason: string;
}

/** A finished scan. */
export interface ScanResult {
  id: string;
  createdTs: number;
  durationMs: number;
  request: ScanRequest;
  /** Symbols the universe resolved to. */
  symbols: string[];
  /** Market light on the scan's benchmark and VIX (universal rules), or null without them. */
  regime: { signal: string; label: string; light: string | null; benchmark: string } | null;
  rows: ScanRow[];
  skipped: SkippedSymbol[];
  /**
   * The "top N by volume" cut, or null when none applied: N, the window, who asked for it
   * ("request" or the screener's name) and how many symbols it cut (each one is in `skipped`).
   * Absent in scans stored before the cut existed.
   */
  volumeCut?: { count: number; period: number; source: string; cut: number } | null;
  /** Last closes per "symbol|timeframe", for sparklines. */
  sparks: Record<string, number[]>;
  counts: { symbols: number; rows: number; passing: number; notEvaluated: number };
}

/** Where bars come from. */
export interface BarSource {
  /** The stored bars of `symbol` (any timeframe), or null when there are none. */
  load(symbol: string): Promise<BarSeries | null>;
  /** Every stored symbol (for the `stored` universe). */
  list(): Promise<string[]>;
}

/** Optional inputs for screeners that need them. */
export interface ScanExtras {
  chains?: ChainProvider;
  fundamentals?: (symbol: string) => Promise<Fundamentals | null>;
  /** Symbols of a watchlist (for the `watchlist` universe). */
  watchlist?: (id: string) => Promise<string[] | null>;
}

/** Progress after each symbol. */
export interface ScanProgress {
  done: number;
  total: number;
  symbol: string;
}

/** A bad request found while resolving it (unknown screener, bad parameters, empty universe). */
export class ScanError extends Error {
  constructor(message: string, readonly issues: { path: string; message: string }[] = []) {
    super(message);
    this.name = "ScanError";
  }
}

/** Screeners of a request with their parsed parameters; throws ScanError on a bad one. */
export function resolveScreeners(
  req: ScanRequest,
): { def: AnyScreener; params: Record<string, unknown> }[] {
  return req.screeners.map((s, i) => {
    const def = getScreener(s.name);
    if (!def) {
      throw new ScanError(`unknown screener "${s.name}"`, [{
        path: `screeners.${i}.name`,
        message: "unknown screener",
      }]);
    }
    const p = parseScreenerParams(def, s.params);
    if (!p.ok) {
      throw new ScanError(
        `${s.name}: ${p.issues.map((x) => `${x.path}: ${x.message}`).join("; ")}`,
        p.issues.map((x) => ({ path: `screeners.${i}.params.${x.path}`, message: x.message })),
      );
    }
    return { def, params: p.params };
  });
}

/** The symbols a universe stands for (upper-cased, unique, in order). */
export async function resolveUniverse(
  u: Universe,
  source: BarSource,
  extras: ScanExtras = {},
): Promise<string[]> {
  let list: string[] | null;
  switch (u.kind) {
    case "stored":
      list = await source.list();
      break;
    case "region":
      list = await regionSymbols(u.region);
      break;
    case "sector":
      list = sectorSymbols(u.code);
      if (!list) {
        throw new ScanError(`unknown sector "${u.code}"`, [{
          path: "universe.code",
          message: "unknown sector",
        }]);
      }
      break;
    case "symbols":
      list = u.symbols;
      break;
    case "watchlist":
      list = extras.watchlist ? await extras.watchlist(u.id) : null;
      if (!list) {
        throw new ScanError(`no watchlist "${u.id}"`, [{
          path: "universe.id",
          message: "not found",
        }]);
      }
      break;
  }
  return [...new Set(list.map((s) => s.trim().toUpperCase()).filter(Boolean))];
}

/**
 * The scan's "top N by volume" cut: the request's `liquidity.topByVolume` (0 = none), else the
 * largest `universeTop` among its screeners (ties: the first listed). Null when none applies.
 */
export function volumeCutFor(
  req: ScanRequest,
  screeners: readonly { def: AnyScreener }[],
): { count: number; period: number; source: string } | null {
  const asked = screeners.reduce<{ def: AnyScreener } | null>(
    (best, s) =>
      s.def.universeTop && (!best || s.def.universeTop.count > best.def.universeTop!.count)
        ? s
        : best,
    null,
  );
  const period = req.liquidity.topByVolumePeriod ?? asked?.def.universeTop?.period ?? 20;
  if (req.liquidity.topByVolume !== undefined) {
    return req.liquidity.topByVolume > 0
      ? { count: req.liquidity.topByVolume, period, source: "request" }
      : null;
  }
  return asked ? { count: asked.def.universeTop!.count, period, source: asked.def.name } : null;
}

/** `bars` at `tf`: resampled when coarser than the stored spacing, null when finer. */
export function atTimeframe(bars: BarSeries, tf: Timeframe): BarSeries | null {
  if (bars.length < 2) return bars;
  let minGap = Infinity;
  for (let i = 1; i < Math.min(bars.length, 200); i++) {
    minGap = Math.min(minGap, bars.ts[i] - bars.ts[i - 1]);
  }
  const want = tf === "1w" ? 7 * 86_400_000 : tf === "1mo" ? 28 * 86_400_000 : timeframeMs(tf);
  if (want < minGap * 0.99) return null;
  return memo(bars, `resample:${tf}`, () => resample(bars, tf));
}

/** Scans pre-loaded series synchronously (the benchmark's path; no I/O). */
export function scanSeries(
  entries: readonly { symbol: string; bars: BarSeries }[],
  screeners: readonly { def: AnyScreener; params: Record<string, unknown> }[],
  context: {
    benchmarkFor?: (symbol: string) => BarSeries | undefined;
    vix?: BarSeries;
    timeframe?: Timeframe;
    liquidity?: z.infer<typeof LiquidityGates>;
  } = {},
): { rows: ScanRow[]; skipped: SkippedSymbol[] } {
  const rows: ScanRow[] = [];
  const skipped: SkippedSymbol[] = [];
  const timeframe = context.timeframe ?? "1d";
  for (const { symbol, bars } of entries) {
    const gate = context.liquidity && checkLiquidity("scan", bars, context.liquidity);
    if (gate) {
      skipped.push({ symbol, timeframe, reason: gate.reason });
      continue;
    }
    const input: ScreenerInput = {
      bars,
      symbol,
      benchmark: context.benchmarkFor?.(symbol),
      vix: context.vix,
    };
    for (const { def, params } of screeners) {
      rows.push({ ...runParsed(def, input, params), symbol, timeframe });
    }
  }
  return { rows, skipped };
}

/**
 * Runs a scan: resolves the universe and screeners, loads each symbol once, resamples it per
 * timeframe, applies the liquidity gates, and runs every screener with the benchmark (region's,
 * requested, or by suffix), the VIX, and chains or fundamentals when a screener needs them.
 * Yields to the event loop between symbols; `onProgress` is called after each.
 */
export async function runScan(
  raw: ScanRequestInput,
  source: BarSource,
  options: ScanExtras & {
    id: string;
    now: () => number;
    onProgress?: (p: ScanProgress) => void;
  },
): Promise<ScanResult> {
  const parsed = ScanRequest.safeParse(raw);
  if (!parsed.success) {
    throw new ScanError(
      "invalid scan request",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const req = parsed.data;
  const screeners = resolveScreeners(req);
  const started = performance.now();
  const createdTs = options.now();
  const symbols = await resolveUniverse(req.universe, source, options);
  if (symbols.length === 0) throw new ScanError("the universe has no symbols");
  const needs = new Set(screeners.flatMap((s) => [...s.def.needs, ...(s.def.uses ?? [])]));

  const regionBench = req.universe.kind === "region"
    ? REGION_BENCHMARK[req.universe.region]
    : undefined;
  const benchName = (symbol: string) => req.benchmark ?? regionBench ?? benchmarkForSymbol(symbol);
  const benchCache = new Map<string, Promise<BarSeries | null>>();
  const loadOnce = (s: string) => {
    let p = benchCache.get(s);
    if (!p) {
      p = source.load(s);
      benchCache.set(s, p);
    }
    return p;
  };
  const vixDaily = await loadOnce(req.vix);

  const rows: ScanRow[] = [];
  const skipped: SkippedSymbol[] = [];
  const sparks: Record<string, number[]> = {};

  // "Top N by volume": rank the whole universe on its stored bars before any screener runs.
  const cutRule = volumeCutFor(req, screeners);
  let preloaded: Map<string, BarSeries | null> | null = null;
  const cutReason = new Map<string, string>();
  if (cutRule) {
    preloaded = new Map();
    for (const symbol of symbols) preloaded.set(symbol, await source.load(symbol));
    const entries = [...preloaded].flatMap(([symbol, bars]) =>
      bars && bars.length > 0 ? [{ symbol, bars }] : []
    );
    const { cut } = topByVolume(entries, cutRule.count, cutRule.period);
    for (const c of cut) {
      cutReason.set(
        c.symbol,
        `not in the top ${cutRule.count} by ${cutRule.period}-bar average volume (rank ${c.rank}` +
          ` of ${entries.length}, ${
            Number.isFinite(c.avgVolume) ? fmt(c.avgVolume) : `fewer than ${cutRule.period} bars`
          })`,
      );
    }
  }

  for (let k = 0; k < symbols.length; k++) {
    const symbol = symbols[k];
    const stored = preloaded ? preloaded.get(symbol) : await source.load(symbol);
    const cutBy = cutReason.get(symbol);
    if (!stored || stored.length === 0) {
      skipped.push({ symbol, reason: "no stored bars" });
    } else if (cutBy) {
      skipped.push({ symbol, reason: cutBy });
    } else {
      const benchDaily = needs.has("benchmark") ? await loadOnce(benchName(symbol)) : null;
      let chain: OptionChain | undefined;
      if (needs.has("chain") && options.chains) {
        chain = (await options.chains.getChain(symbol, {
          asOfTs: stored.ts[stored.length - 1],
          spot: stored.close[stored.length - 1],
        })) ?? undefined;
      }
      const fundamentals = needs.has("fundamentals") && options.fundamentals
        ? (await options.fundamentals(symbol)) ?? undefined
        : undefined;
      for (const tf of req.timeframes) {
        const bars = atTimeframe(stored, tf);
        if (!bars) {
          skipped.push({ symbol, timeframe: tf, reason: `stored bars are coarser than ${tf}` });
          continue;
        }
        const gate = checkLiquidity("scan", bars, req.liquidity);
        if (gate) {
          skipped.push({ symbol, timeframe: tf, reason: gate.reason });
          continue;
        }
        const input: ScreenerInput = {
          bars,
          symbol,
          benchmark: benchDaily ? atTimeframe(benchDaily, tf) ?? undefined : undefined,
          benchmarkSymbol: benchDaily ? benchName(symbol) : undefined,
          vix: vixDaily ? atTimeframe(vixDaily, tf) ?? undefined : undefined,
          chain,
          fundamentals,
        };
        for (const { def, params } of screeners) {
          let own = input;
          // A screener that names its own benchmark gets that series instead.
          if (
            typeof params.benchmark === "string" &&
            params.benchmark.toUpperCase() !== input.benchmarkSymbol
          ) {
            const name = params.benchmark.toUpperCase();
            const b = await loadOnce(name);
            own = {
              ...input,
              benchmark: b ? atTimeframe(b, tf) ?? undefined : undefined,
              benchmarkSymbol: b ? name : undefined,
            };
          }
          rows.push({ ...runParsed(def, own, params), symbol, timeframe: tf });
        }
        if (req.sparkBars > 0) {
          const from = Math.max(0, bars.length - req.sparkBars);
          sparks[`${symbol}|${tf}`] = Array.from(
            bars.close.subarray(from),
            (x) => Math.round(x * 1e4) / 1e4,
          );
        }
      }
    }
    options.onProgress?.({ done: k + 1, total: symbols.length, symbol });
    if (k % 25 === 24) await new Promise((r) => setTimeout(r, 0));
  }

  const regimeBenchName = req.benchmark ?? regionBench ?? "SPY";
  const regimeBench = await loadOnce(regimeBenchName);
  let regime: ScanResult["regime"] = null;
  if (regimeBench && vixDaily) {
    const r = regimeRow(
      { bars: regimeBench, benchmark: regimeBench, vix: vixDaily },
      RegimeParams.parse({}),
    );
    regime = {
      signal: r.signal,
      label: r.label,
      light: (r.values.light as string | undefined) ?? null,
      benchmark: regimeBenchName,
    };
  }
  return {
    id: options.id,
    createdTs,
    durationMs: performance.now() - started,
    request: req,
    symbols,
    regime,
    rows,
    skipped,
    volumeCut: cutRule ? { ...cutRule, cut: cutReason.size } : null,
    sparks,
    counts: {
      symbols: symbols.length,
      rows: rows.length,
      passing: rows.filter((r) => PASSING_SIGNALS.has(r.signal)).length,
      notEvaluated: rows.filter((r) => r.signal === "not_evaluated").length,
    },
  };
}

/** A row's identity across scans. */
function rowKey(r: { symbol: string; screener: string; timeframe: string }): string {
  return `${r.symbol}|${r.screener}|${r.timeframe}`;
}

/** What changed between two scans of the same kind. */
export interface ScanComparison {
  /** Passing in `next`, not passing (or absent) in `prev`. */
  added: ScanRow[];
  /** Passing in `prev`, not passing (or absent) in `next`. */
  dropped: ScanRow[];
  /** In both, with a different signal. */
  changed: { prev: ScanRow; next: ScanRow }[];
}

/** Compares two scans row by row (symbol, screener, timeframe); passing = buy, sell or watch. */
export function compareScans(
  prev: { rows: readonly ScanRow[] },
  next: { rows: readonly ScanRow[] },
): ScanComparison {
  const before = new Map(prev.rows.map((r) => [rowKey(r), r]));
  const after = new Map(next.rows.map((r) => [rowKey(r), r]));
  const pass = (r: ScanRow | undefined) => r !== undefined && PASSING_SIGNALS.has(r.signal);
  const added: ScanRow[] = [];
  const dropped: ScanRow[] = [];
  const changed: { prev: ScanRow; next: ScanRow }[] = [];
  for (const [k, r] of after) {
    const p = before.get(k);
    if (pass(r) && !pass(p)) added.push(r);
    if (p && p.signal !== r.signal) changed.push({ prev: p, next: r });
  }
  for (const [k, r] of before) if (pass(r) && !pass(after.get(k))) dropped.push(r);
  return { added, dropped, changed };
}
