/**
 * A backtest request as the API and the queue worker receive it (zod schema), and how it runs
 * against stored bars: load the owner's bars, slice, run.
 * @module
 */
import * as z from "zod";
import { Symbol } from "../domain/symbol.ts";
import type { BarSeries } from "../domain/bar.ts";
import { sliceSeries } from "../domain/bar.ts";
import { getSeries } from "../data/market.ts";
import { parseTimestamp, type Timeframe, TIMEFRAMES } from "../data/time.ts";
import { findStrategy, parseStrategyParams, STRATEGIES } from "../strategies/mod.ts";
import { type BacktestResult, runBacktest } from "./run.ts";
import type { BacktestOptions } from "./types.ts";
import { alignSymbols } from "./align.ts";

/** A time bound: unix ms or a date/time string (`2020-01-31`, ISO 8601). */
export const TimeInput = z.union([z.number().finite(), z.string()]).transform((v, ctx) => {
  const t = typeof v === "number" ? v : parseTimestamp(v);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: "custom", message: `not a date or time: "${v}"` });
    return z.NEVER;
  }
  return t;
});

const pct = z.number().finite().min(0);

/** Engine options accepted over JSON (see BacktestOptions for each field's meaning). */
export const BacktestOptionsInput = z.object({
  cash: z.number().finite().positive().default(10_000),
  direction: z.enum(["long_short", "long_only", "short_only"]).default("long_short"),
  sizing: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("all_in") }),
    z.object({ kind: z.literal("units"), units: z.number().int().min(1) }),
    z.object({ kind: z.literal("fraction"), fraction: z.number().positive().max(100) }),
    z.object({
      kind: z.literal("risk"),
      riskPct: z.number().positive().max(100),
      atrMult: z.number().positive().optional(),
    }),
  ]).default({ kind: "all_in" }),
  commissionPct: pct.max(100).default(0),
  commissionPerShare: pct.default(0),
  commissionPerOrder: pct.default(0),
  slippageBps: pct.max(10_000).default(0),
  slippageAtr: pct.default(0),
  spreadBps: pct.max(10_000).default(0),
  leverage: z.number().finite().min(1).max(100).default(1),
  stopLossPct: z.number().positive().lt(100).optional(),
  takeProfitPct: z.number().positive().optional(),
  trailingStopPct: z.number().positive().lt(100).optional(),
  trailingStopAtr: z.number().positive().optional(),
  atrPeriod: z.number().int().min(1).max(1000).default(14),
  finalizeTrades: z.boolean().default(true),
  riskFreeRatePct: z.number().finite().default(0),
  regime: z.object({
    benchmark: Symbol.optional(),
    benchmarkSma: z.number().int().min(1).optional(),
    volatilityIndex: Symbol.optional(),
    volatilityMax: z.number().finite().optional(),
  }).strict().optional(),
}).strict();

/** `POST /api/v1/backtests` body. */
export const BacktestRequest = z.object({
  /** A label for the run list (default: strategy and symbols). */
  name: z.string().trim().min(1).max(100).optional(),
  /** Traded symbols (stored bars); several share one cash balance and run on the bar times all have. */
  symbols: z.array(Symbol).min(1).max(20),
  strategy: z.string().refine((s) => findStrategy(s) !== undefined, {
    message: `unknown strategy; expected one of ${Object.keys(STRATEGIES).join(", ")}`,
  }),
  params: z.record(z.string(), z.unknown()).default({}),
  options: BacktestOptionsInput.default(BacktestOptionsInput.parse({})),
  /** Resample to this timeframe first. */
  timeframe: z.enum(TIMEFRAMES as [Timeframe, ...Timeframe[]]).optional(),
  /** Bars are sliced to [from, to] before the run (indicators warm up inside the window). */
  from: TimeInput.optional(),
  to: TimeInput.optional(),
}).strict().superRefine((req, ctx) => {
  const strategy = findStrategy(req.strategy);
  if (!strategy) return;
  const parsed = parseStrategyParams(strategy, req.params);
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      ctx.addIssue({
        code: "custom",
        path: ["params", ...issue.path.split(".")],
        message: issue.message,
      });
    }
  }
});
/** A validated backtest request. */
export type BacktestRequest = z.output<typeof BacktestRequest>;

/** An expected failure of {@link executeRequest}: unknown symbol or unusable bars. */
export class RequestError extends Error {
  constructor(readonly code: "not_found" | "invalid_request", message: string) {
    super(message);
    this.name = "RequestError";
  }
}

/** Loads what `owner` can see of the request's symbols (and regime aux series), sliced. */
export async function loadRequestBars(
  kv: Deno.Kv,
  owner: string | null,
  req: BacktestRequest,
): Promise<{ symbols: { symbol: string; bars: BarSeries }[]; aux: Record<string, BarSeries> }> {
  const load = async (symbol: string) => {
    let found;
    try {
      found = await getSeries(kv, owner, symbol, { timeframe: req.timeframe });
    } catch (err) {
      if (err instanceof RangeError) throw new RequestError("invalid_request", err.message);
      throw err;
    }
    if (!found) throw new RequestError("not_found", `No bars stored for ${symbol}`);
    return found.bars;
  };
  const symbols = [];
  for (const symbol of req.symbols) {
    const bars = sliceSeries(await load(symbol), req.from, req.to);
    if (bars.length < 2) {
      throw new RequestError(
        "invalid_request",
        `${symbol}: ${bars.length} bars in the requested window; need at least 2`,
      );
    }
    symbols.push({ symbol, bars });
  }
  if (symbols.length > 1) {
    // several symbols run on the intersection of their bar times (runBacktest aligns them);
    // refuse here, before anything is stored, when too few bar times are common
    let common;
    try {
      common = alignSymbols(symbols).alignment.bars;
    } catch (err) {
      if (err instanceof RangeError) {
        throw new RequestError("invalid_request", err.message.replace(/^alignSymbols: /, ""));
      }
      throw err;
    }
    if (common < 2) {
      throw new RequestError(
        "invalid_request",
        `${
          req.symbols.join(", ")
        }: ${common} bar time common to all symbols in the window; need at least 2`,
      );
    }
  }
  const aux: Record<string, BarSeries> = {};
  for (const name of [req.options.regime?.benchmark, req.options.regime?.volatilityIndex]) {
    if (name !== undefined && !(name in aux)) aux[name] = await load(name);
  }
  return { symbols, aux };
}

/** Runs a validated request on loaded bars. */
export function runRequest(
  req: BacktestRequest,
  data: { symbols: { symbol: string; bars: BarSeries }[]; aux: Record<string, BarSeries> },
  hooks: Pick<BacktestOptions, "onProgress" | "progressEvery" | "kernel"> = {},
): BacktestResult {
  const options: BacktestOptions = { ...req.options, ...hooks };
  return runBacktest(
    { symbols: data.symbols, strategy: req.strategy, params: req.params, aux: data.aux },
    options,
  );
}
