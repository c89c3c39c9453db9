/**
 * `GET /api/v1/indicators/{symbol}?ind=sma:20&ind=rsi:14`: indicator columns over stored bars.
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import { Symbol } from "../../lib/domain/symbol.ts";
import { getSeries } from "../../lib/data/market.ts";
import { type Timeframe, TIMEFRAMES } from "../../lib/data/time.ts";
import { ApiError } from "../../lib/http/errors.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { validate } from "../../lib/http/validate.ts";
import {
  INDICATORS,
  MAX_SPECS,
  parseIndicatorSpecs,
  splitSpecList,
} from "../../lib/indicators/spec.ts";
import { indicatorTable } from "../../lib/indicators/table.ts";
import { TimeBound } from "./market.ts";

const SymbolParam = z.object({ symbol: Symbol });

const SPEC_HELP = Object.entries(INDICATORS)
  .map(([name, def]) => [name, ...def.params.map((p) => p.default)].join(":"))
  .join(", ");

/** `ind` once or repeated (Hono gives a string or an array), each item possibly comma-separated. */
const IndList = z
  .union([z.string(), z.array(z.string())], {
    error: "at least one ind is required, e.g. ind=sma:20&ind=rsi:14",
  })
  .transform((v, ctx) => {
    const raws = splitSpecList(Array.isArray(v) ? v : [v]);
    if (raws.length === 0 || raws.length > MAX_SPECS) {
      ctx.addIssue({
        code: "custom",
        message: `expected 1 to ${MAX_SPECS} indicator specs, got ${raws.length}`,
      });
      return z.NEVER;
    }
    const parsed = parseIndicatorSpecs(raws);
    if (!parsed.ok) {
      for (const issue of parsed.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    }
    return parsed.specs;
  })
  .describe(
    `Indicator spec name[:param...], repeatable or comma-separated; omitted params take defaults (${SPEC_HELP}). Multi-output specs give "<spec>.<output>" keys: macd.{macd,signal,hist}, bbands|donchian|keltner.{upper,middle,lower}, stoch.{k,d}, adx.{adx,plusDi,minusDi}.`,
  );

const IndicatorsQuery = z.object({
  ind: IndList,
  timeframe: z.enum(TIMEFRAMES as [Timeframe, ...Timeframe[]]).optional(),
  from: TimeBound.optional(),
  to: TimeBound.optional(),
});

const IndicatorColumns = z
  .object({ time: z.array(z.number()) })
  .catchall(z.array(z.number().nullable()));

/** The indicators router, mounted under `/api/v1`. */
export const indicatorsApi = new Hono<AppEnv>().get(
  "/indicators/:symbol",
  validate("param", SymbolParam),
  validate("query", IndicatorsQuery),
  async (c) => {
    const { symbol } = c.req.valid("param");
    const q = c.req.valid("query");
    let found;
    try {
      // full history: bars before `from` warm the indicators up
      found = await getSeries(c.var.deps.kv, c.var.owner, symbol, { timeframe: q.timeframe });
    } catch (err) {
      if (err instanceof RangeError) {
        throw new ApiError(400, "invalid_request", err.message, [
          { path: "timeframe", message: err.message },
        ]);
      }
      throw err;
    }
    if (!found) throw new ApiError(404, "not_found", `No bars stored for ${symbol}`);
    return jsonResponse(indicatorTable(found.bars, q.ind, { from: q.from, to: q.to }));
  },
);

/** OpenAPI documentation of {@link indicatorsApi}. */
export const indicatorsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/indicators/{symbol}",
    summary: "Compute indicators over a symbol's bars: { time, <spec>: [...] }",
    description:
      "Returns `time` (bar open times, unix ms) and one array per output key, named by the spec exactly as written (`sma:20`, `bbands:20:2.upper`), with null during warm-up. from/to (ISO date or unix s/ms, inclusive) cut the rows, but indicators are computed from the first stored bar, so values match an unbounded request. timeframe resamples first. Unknown indicators or bad parameters answer 400 naming each spec; an unknown symbol 404.",
    tags: ["indicators"],
    params: SymbolParam,
    query: IndicatorsQuery,
    response: IndicatorColumns,
  },
];
