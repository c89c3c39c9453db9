/**
 * `GET /api/v1/check/{symbol}`: "check my position": every screener's current verdict (hold,
 * exit, watch) on a stored symbol, with the reason, for an optional entry price or date.
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import { Symbol } from "../../lib/domain/symbol.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { ApiError } from "../../lib/http/errors.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { requireOwner, validate } from "../../lib/http/validate.ts";
import { parseTimestamp } from "../../lib/data/time.ts";
import { kvBarSource } from "../../lib/screeners/bar_source.ts";
import { checkPosition } from "../../lib/screeners/check.ts";
import { getScreener } from "../../lib/screeners/mod.ts";
import { benchmarkForSymbol, VIX_SYMBOL } from "../../lib/screeners/universes.ts";

const SymbolParam = z.object({ symbol: Symbol });
const CheckQuery = z.object({
  entryPrice: z.coerce.number().positive().optional().describe("Entry price, price units"),
  entryDate: z.string().optional().describe(
    "Entry date (YYYY-MM-DD); the close that day is the entry",
  ),
  screeners: z.string().optional().describe("Comma-separated screener names (default: all)"),
  benchmark: z.string().max(24).optional().describe(
    "Benchmark symbol (default by suffix: SPY, ^FTSE, ^NSEI)",
  ),
});

export const checkApi = new Hono<AppEnv>()
  .get(
    "/check/:symbol",
    validate("param", SymbolParam),
    validate("query", CheckQuery),
    async (c) => {
      const owner = requireOwner(c);
      const { symbol } = c.req.valid("param");
      const q = c.req.valid("query");
      let entryTs: number | undefined;
      if (q.entryDate !== undefined) {
        entryTs = parseTimestamp(q.entryDate);
        if (Number.isNaN(entryTs)) {
          throw new ApiError(400, "invalid_request", "entryDate is not a date", [{
            path: "entryDate",
            message: "not a date",
          }]);
        }
      }
      const names = q.screeners?.split(",").map((s) => s.trim()).filter(Boolean);
      for (const n of names ?? []) {
        if (!getScreener(n)) {
          throw new ApiError(400, "invalid_request", `unknown screener "${n}"`, [{
            path: "screeners",
            message: `unknown screener "${n}"`,
          }]);
        }
      }
      const source = kvBarSource(c.var.deps.kv, owner);
      const bars = await source.load(symbol);
      if (!bars) throw new ApiError(404, "not_found", `No bars stored for ${symbol}`);
      const benchName = q.benchmark?.toUpperCase() ?? benchmarkForSymbol(symbol);
      const benchmark = (await source.load(benchName)) ?? undefined;
      const vix = (await source.load(VIX_SYMBOL)) ?? undefined;
      const result = checkPosition(
        { bars, symbol, benchmark, benchmarkSymbol: benchmark ? benchName : undefined, vix },
        { entryPrice: q.entryPrice, entryTs },
        { screeners: names },
      );
      return jsonResponse({ symbol, benchmark: benchmark ? benchName : null, ...result });
    },
  );

export const checkDocs: RouteDoc[] = [{
  method: "get",
  path: "/check/{symbol}",
  summary: "Check a position: every screener's hold / exit / watch verdict with the reason",
  description:
    "Runs every screener (liquidity gates off) on the stored bars. verdicts[i] = { screener, " +
    "title, verdict: hold|exit|watch|not_evaluated, label, reason, row }. With entryPrice (or " +
    "entryDate), pnl and pnlPct are price − entry.",
  tags: ["screeners"],
  params: SymbolParam,
  query: CheckQuery,
}];
