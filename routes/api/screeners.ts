/**
 * `GET /api/v1/screeners`: every screener's definition with the JSON schema of its parameters
 * (defaults = the original's values), its required inputs, and the backtest strategy it maps to;
 * plus the regions, their benchmarks and the timeframes a scan accepts.
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../../lib/http/env.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { describeScreeners } from "../../lib/screeners/mod.ts";
import { backtestStrategyName } from "../../lib/screeners/strategy.ts";
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

export const screenersApi = new Hono<AppEnv>()
  .get("/screeners", () => jsonResponse(screenerCatalogue()));

export const screenersDocs: RouteDoc[] = [{
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
