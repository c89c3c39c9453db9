/**
 * `/api/v1/drawings/{symbol}` (chart drawings per owner, symbol and timeframe) and
 * `/api/v1/chart/layout` (the owner's overlays, panes and scale).
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import { Symbol } from "../../lib/domain/symbol.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, readJsonBody, requireOwner, validate } from "../../lib/http/validate.ts";
import { type Timeframe, TIMEFRAMES } from "../../lib/data/time.ts";
import { ChartLayout, Drawing, DrawingSet } from "../../lib/chart/drawing_schema.ts";
import {
  deleteDrawings,
  getLayout,
  listDrawings,
  saveDrawings,
  saveLayout,
} from "../../lib/storage/drawings_repo.ts";

const SymbolParam = z.object({ symbol: Symbol });
const TimeframeQuery = z.object({
  timeframe: z.enum(TIMEFRAMES as [Timeframe, ...Timeframe[]]).default("1d"),
});

export const drawingsApi = new Hono<AppEnv>()
  .get(
    "/drawings/:symbol",
    validate("param", SymbolParam),
    validate("query", TimeframeQuery),
    async (c) => {
      const owner = requireOwner(c);
      const { symbol } = c.req.valid("param");
      const { timeframe } = c.req.valid("query");
      const drawings = await listDrawings(c.var.deps.kv, owner, symbol, timeframe);
      return jsonResponse({ symbol, timeframe, drawings });
    },
  )
  .put(
    "/drawings/:symbol",
    validate("param", SymbolParam),
    validate("query", TimeframeQuery),
    async (c) => {
      const owner = requireOwner(c);
      const { symbol } = c.req.valid("param");
      const { timeframe } = c.req.valid("query");
      const body = parseOr400(DrawingSet, await readJsonBody(c.req.raw));
      await saveDrawings(c.var.deps.kv, owner, symbol, timeframe, body.drawings);
      return jsonResponse({ symbol, timeframe, drawings: body.drawings });
    },
  )
  .delete(
    "/drawings/:symbol",
    validate("param", SymbolParam),
    validate("query", TimeframeQuery),
    async (c) => {
      const owner = requireOwner(c);
      const { symbol } = c.req.valid("param");
      const { timeframe } = c.req.valid("query");
      const deleted = await deleteDrawings(c.var.deps.kv, owner, symbol, timeframe);
      return jsonResponse({ symbol, timeframe, deleted });
    },
  )
  .get("/chart/layout", async (c) => {
    const owner = requireOwner(c);
    return jsonResponse(await getLayout(c.var.deps.kv, owner));
  })
  .put("/chart/layout", async (c) => {
    const owner = requireOwner(c);
    const layout = parseOr400(ChartLayout, await readJsonBody(c.req.raw));
    await saveLayout(c.var.deps.kv, owner, layout);
    return jsonResponse(layout);
  });

const DrawingsResponse = z.object({
  symbol: z.string(),
  timeframe: z.string(),
  drawings: z.array(Drawing),
});

export const drawingsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/drawings/{symbol}",
    summary: "Your chart drawings for a symbol and timeframe",
    description:
      "Drawings: trend, rect and fib have anchors a and b ({ ts: unix ms, price }); hline has price; text has anchor a and text. Fibonacci level r is at b.price + (a.price - b.price) * r. Optional style: color (CSS colour) and width (1, 2 or 3 px; default 1.5).",
    tags: ["charts"],
    params: SymbolParam,
    query: TimeframeQuery,
    response: DrawingsResponse,
  },
  {
    method: "put",
    path: "/drawings/{symbol}",
    summary: "Replace your chart drawings for a symbol and timeframe (at most 200)",
    tags: ["charts"],
    params: SymbolParam,
    query: TimeframeQuery,
    body: DrawingSet,
    response: DrawingsResponse,
  },
  {
    method: "delete",
    path: "/drawings/{symbol}",
    summary: "Delete your chart drawings for a symbol and timeframe",
    tags: ["charts"],
    params: SymbolParam,
    query: TimeframeQuery,
    response: z.object({ symbol: z.string(), timeframe: z.string(), deleted: z.number() }),
  },
  {
    method: "get",
    path: "/chart/layout",
    summary: "Your chart layout: overlays, lower panes, price scale, volume",
    tags: ["charts"],
    response: ChartLayout,
  },
  {
    method: "put",
    path: "/chart/layout",
    summary: "Save your chart layout",
    description:
      "Overlays: sma, ema, bbands, donchian, keltner, vwap; panes: rsi, macd, atr, stoch, adx, volume. Specs use the indicator spec syntax (sma:20, bbands:20:2) and are returned normalised.",
    tags: ["charts"],
    body: ChartLayout,
    response: ChartLayout,
  },
];
