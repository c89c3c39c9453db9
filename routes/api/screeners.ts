/**
 * `GET /api/v1/screeners`: every screener's definition with the JSON schema of its parameters
 * (defaults = the original's values), its required inputs, and the backtest strategy it maps to;
 * plus the regions, their benchmarks and the timeframes a scan accepts.
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../../lib/http/env.ts";
import { ApiError } from "../../lib/http/errors.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, requireOwner, validate } from "../../lib/http/validate.ts";
import { Symbol } from "../../lib/domain/symbol.ts";
import type { BarSeries } from "../../lib/domain/bar.ts";
import { runBacktest } from "../../lib/backtest/run.ts";
import { describeScreeners, getScreener, parseScreenerParams } from "../../lib/screeners/mod.ts";
import { kvBarSource } from "../../lib/screeners/bar_source.ts";
import { backtestStrategyName, screenerStrategy } from "../../lib/screeners/strategy.ts";
import { benchmarkForSymbol, VIX_SYMBOL } from "../../lib/screeners/universes.ts";
import { REGION_BENCHMARK, REGIONS, SECTOR_NAMES } from "../../lib/screeners/universes.ts";
import { TIMEFRAMES } from "../../lib/data/time.ts";

let cached: unknown;

/** The catalogue (built once: the JSON schemas do not change at run time). */
export function screenerCatalogue() {
  cached ??= {
    screeners: describeScreeners().map((d) => ({
      ...d,
      backtestStrategy: backtestStrategyName(d.name),
    })),
    regions: REGIONS.map((r) => ({ name: r, benchmark: REGION_BENCHMARK[r] })),
    sectors: Object.entries(SECTOR_NAMES).map(([code, name]) => ({ code, name })),
    timeframes: TIMEFRAMES,
  };
  return cached as {
    screeners:
      (ReturnType<typeof describeScreeners>[number] & { backtestStrategy: string | null })[];
    regions: { name: string; benchmark: string }[];
    sectors: { code: string; name: string }[];
    timeframes: readonly string[];
  };
}

const NameParam = z.object({ name: z.string().min(1).max(40) });
const BacktestBody = z.object({
  symbol: Symbol,
  /** The screener's parameters (defaults: the original's). */
  params: z.record(z.string(), z.unknown()).default({}),
  cash: z.number().positive().max(1e12).default(10_000),
}).strict();

/**
 * The backtest of a screener's rule: Turtle and Darvas run the backtester's own strategies
 * (same lib/rules modules; parameters mapped), the others replay the screener bar by bar.
 */
function strategyFor(name: string, params: Record<string, unknown>) {
  if (name === "turtle") {
    return {
      strategy: "turtle",
      params: {
        entry: params.entryPeriod,
        exit: params.exitPeriod,
        atrPeriod: params.atrPeriod,
        stopAtr: params.stopN,
      },
    };
  }
  if (name === "darvas") {
    return {
      strategy: "darvas_breakout",
      params: { pivot: params.pivot, lookback: params.lookback, volumeMult: params.volumeMult },
    };
  }
  return { strategy: screenerStrategy(getScreener(name)!), params };
}

export const screenersApi = new Hono<AppEnv>()
  .get("/screeners", () => jsonResponse(screenerCatalogue()))
  .post("/screeners/:name/backtest", validate("param", NameParam), async (c) => {
    const owner = requireOwner(c);
    const name = c.req.valid("param").name;
    const def = getScreener(name);
    if (!def) throw new ApiError(404, "not_found", `No screener "${name}"`);
    if (backtestStrategyName(name) === null) {
      throw new ApiError(400, "invalid_request", `${name} has no entry and exit rules to backtest`);
    }
    let raw: unknown;
    try {
      raw = await c.req.raw.json();
    } catch {
      throw new ApiError(400, "invalid_request", "Body is not valid JSON");
    }
    const body = parseOr400(BacktestBody, raw);
    const parsed = parseScreenerParams(def, body.params);
    if (!parsed.ok) {
      throw new ApiError(
        400,
        "invalid_request",
        "Invalid screener parameters",
        parsed.issues.map((i) => ({ ...i, path: `params.${i.path}` })),
      );
    }
    const source = kvBarSource(c.var.deps.kv, owner);
    const bars = await source.load(body.symbol);
    if (!bars) throw new ApiError(404, "not_found", `No bars stored for ${body.symbol}`);
    const aux: Record<string, BarSeries> = {};
    const benchName = typeof parsed.params.benchmark === "string"
      ? parsed.params.benchmark
      : benchmarkForSymbol(body.symbol);
    for (const s of new Set([benchName, "SPY", VIX_SYMBOL])) {
      const b = await source.load(s);
      if (b) aux[s] = b;
    }
    const { strategy, params } = strategyFor(name, parsed.params);
    const result = runBacktest(
      { symbols: [{ symbol: body.symbol, bars }], strategy, params, aux },
      { cash: body.cash, direction: "long_only" },
    );
    return jsonResponse({
      screener: name,
      strategy: result.strategy,
      symbol: body.symbol,
      params: result.params,
      stats: result.stats,
      trades: result.trades.slice(-100),
      tradeCount: result.trades.length,
    });
  });

export const screenersDocs: RouteDoc[] = [{
  method: "post",
  path: "/screeners/{name}/backtest",
  summary: "Backtest a screener's rule on one stored symbol (long only)",
  description:
    "Turtle and Darvas run the backtester's turtle / darvas_breakout strategies (the same " +
    "lib/rules modules); other screeners replay their verdict bar by bar (buy enters with the " +
    "row's stop and target, exit/sell leaves). Answers { strategy, stats, trades (last 100), tradeCount }.",
  tags: ["screeners"],
  params: NameParam,
  body: BacktestBody,
}, {
  method: "get",
  path: "/screeners",
  summary: "Screener definitions with parameter schemas, regions and timeframes",
  description:
    "Each screener: name, title, description, category, needs (inputs without which a row is " +
    "not_evaluated: benchmark, vix, chain, fundamentals), uses, params (JSON Schema with the " +
    "original's defaults), defaults, backtestStrategy (null when it has no trade rules).",
  tags: ["screeners"],
  public: true,
  response: z.object({
    screeners: z.array(z.object({ name: z.string(), title: z.string(), params: z.unknown() })),
    regions: z.array(z.object({ name: z.string(), benchmark: z.string() })),
    timeframes: z.array(z.string()),
  }),
}];
