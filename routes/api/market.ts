/**
 * `/api/v1/symbols` and `/api/v1/bars/{symbol}`: list, read, import and delete market data.
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import { Symbol } from "../../lib/domain/symbol.ts";
import { ApiError } from "../../lib/http/errors.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { requireOwner, validate } from "../../lib/http/validate.ts";
import { getSeries, importCsv, importRows } from "../../lib/data/market.ts";
import { parseTimestamp, type Timeframe, TIMEFRAMES } from "../../lib/data/time.ts";
import { type BarsManifest, deleteBars, listManifests } from "../../lib/storage/bars_repo.ts";
import { GLOBAL_OWNER } from "../../lib/storage/kv.ts";
import type { BarSeries } from "../../lib/domain/bar.ts";
import { fetchAndStore, providerFor } from "../../lib/data/fetch.ts";
import { ProviderError } from "../../lib/data/providers/provider.ts";

const SymbolParam = z.object({ symbol: Symbol });

/** A date or time bound: ISO date/time or unix seconds/ms. */
export const TimeBound = z.string().transform((s, ctx) => {
  const t = parseTimestamp(s);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: "custom", message: `not a date or time: "${s}"` });
    return z.NEVER;
  }
  return t;
});

const BarsQuery = z.object({
  from: TimeBound.optional(),
  to: TimeBound.optional(),
  timeframe: z.enum(TIMEFRAMES as [Timeframe, ...Timeframe[]]).optional(),
  format: z.enum(["json", "f64"]).default("json"),
  /** Only the last N bars (after slicing). */
  last: z.coerce.number().int().positive().max(10_000_000).optional(),
});

const ImportQuery = z.object({
  mode: z.enum(["merge", "replace"]).default("merge"),
  sort: z.stringbool().default(false),
  dedupe: z.stringbool().default(false),
  adjust: z.stringbool().default(false),
});

const FetchQuery = z.object({
  from: TimeBound,
  to: TimeBound.optional(),
});

const BarRow = z.object({
  ts: z.union([z.number(), z.string()]),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number().default(0),
});
const BarsBody = z.object({ bars: z.array(BarRow).min(1).max(5_000_000) });

const SymbolInfo = z.object({
  symbol: z.string(),
  description: z.string(),
  source: z.enum(["upload", "sample", "synthetic", "provider"]),
  synthetic: z.boolean(),
  mine: z.boolean(),
  timeframe: z.string(),
  count: z.number(),
  first: z.number(),
  last: z.number(),
  updatedAt: z.number(),
});

const BarsColumns = z.object({
  symbol: z.string(),
  timeframe: z.string(),
  count: z.number(),
  ts: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
});

/** The public view of a manifest. */
export function symbolInfo(m: BarsManifest) {
  return {
    symbol: m.symbol,
    description: m.description,
    source: m.source,
    synthetic: m.source === "synthetic",
    mine: m.owner !== GLOBAL_OWNER,
    timeframe: m.timeframe,
    count: m.count,
    first: m.first,
    last: m.last,
    updatedAt: m.updatedAt,
  };
}

/**
 * Packs bars for `format=f64`: a little-endian Float64Array `[n, ts..., open..., high..., low...,
 * close..., volume...]` (6n + 1 values), ready for typed-array views in the browser.
 */
export function packF64(bars: BarSeries): Uint8Array<ArrayBuffer> {
  const n = bars.length;
  const out = new Float64Array(1 + 6 * n);
  out[0] = n;
  [bars.ts, bars.open, bars.high, bars.low, bars.close, bars.volume].forEach((col, k) =>
    out.set(col, 1 + k * n)
  );
  return new Uint8Array(out.buffer);
}

export const marketApi = new Hono<AppEnv>()
  .get("/symbols", async (c) => {
    const list = await listManifests(c.var.deps.kv, c.var.owner);
    return jsonResponse({ symbols: list.map(symbolInfo) });
  })
  .get("/bars/:symbol", validate("param", SymbolParam), validate("query", BarsQuery), async (c) => {
    const { symbol } = c.req.valid("param");
    const q = c.req.valid("query");
    let found;
    try {
      found = await getSeries(c.var.deps.kv, c.var.owner, symbol, q);
    } catch (err) {
      if (err instanceof RangeError) {
        throw new ApiError(400, "invalid_request", err.message, [{
          path: "timeframe",
          message: err.message,
        }]);
      }
      throw err;
    }
    if (!found) throw new ApiError(404, "not_found", `No bars stored for ${symbol}`);
    let bars = found.bars;
    if (q.last && bars.length > q.last) {
      const from = bars.length - q.last;
      bars = {
        length: q.last,
        ts: bars.ts.subarray(from),
        open: bars.open.subarray(from),
        high: bars.high.subarray(from),
        low: bars.low.subarray(from),
        close: bars.close.subarray(from),
        volume: bars.volume.subarray(from),
      };
    }
    if (q.format === "f64") {
      return new Response(packF64(bars), {
        headers: {
          "content-type": "application/octet-stream",
          "x-timeframe": found.timeframe,
          "x-bar-count": String(bars.length),
        },
      });
    }
    return jsonResponse({
      symbol,
      timeframe: found.timeframe,
      count: bars.length,
      ts: bars.ts,
      open: bars.open,
      high: bars.high,
      low: bars.low,
      close: bars.close,
      volume: bars.volume,
    });
  })
  .post(
    "/bars/:symbol",
    validate("param", SymbolParam),
    validate("query", ImportQuery),
    async (c) => {
      const owner = requireOwner(c);
      const { symbol } = c.req.valid("param");
      const q = c.req.valid("query");
      const type = c.req.header("content-type") ?? "";
      const kv = c.var.deps.kv;
      const now = c.var.deps.clock.now();
      let result;
      if (type.includes("application/json")) {
        let raw: unknown;
        try {
          raw = await c.req.json();
        } catch {
          throw new ApiError(400, "invalid_request", "Body is not valid JSON");
        }
        const body = BarsBody.safeParse(raw);
        if (!body.success) {
          const issues = body.error.issues.map((i) => ({
            path: i.path.join("."),
            message: i.message,
          }));
          throw new ApiError(
            400,
            "invalid_request",
            `Invalid bars: ${issues[0].path}: ${issues[0].message}`,
            issues,
          );
        }
        const rows = body.data.bars.map((b) => ({
          ...b,
          ts: typeof b.ts === "number" ? b.ts : parseTimestamp(b.ts),
        }));
        result = await importRows(kv, owner, symbol, rows, { ...q, now });
      } else {
        const text = await c.req.text();
        result = await importCsv(kv, owner, symbol, text, { ...q, now });
      }
      if (!result.ok) {
        const issues = result.issues.map((i) => ({
          path: `${type.includes("json") ? "row" : "line"} ${i.line}${
            i.column ? "." + i.column : ""
          }`,
          message: i.message,
        }));
        const tooLarge = result.issues.some((i) => i.tooLarge);
        throw new ApiError(
          tooLarge ? 413 : 400,
          tooLarge ? "payload_too_large" : "invalid_request",
          `Import rejected, nothing saved: ${issues[0].path}: ${issues[0].message}`,
          issues,
        );
      }
      return jsonResponse({
        ...symbolInfo(result.manifest),
        imported: result.imported,
        format: result.format,
      }, 201);
    },
  )
  .post(
    "/bars/:symbol/fetch",
    validate("param", SymbolParam),
    validate("query", FetchQuery),
    async (c) => {
      requireOwner(c);
      const { symbol } = c.req.valid("param");
      const q = c.req.valid("query");
      const now = c.var.deps.clock.now();
      try {
        const { manifest, fetched } = await fetchAndStore(
          c.var.deps.kv,
          providerFor(c.var.deps.config),
          symbol,
          { from: q.from, to: q.to ?? now },
          now,
        );
        return jsonResponse({ ...symbolInfo(manifest), fetched }, 201);
      } catch (err) {
        if (err instanceof ProviderError) {
          const status = err.code === "not_found" ? 404 : 502;
          throw new ApiError(
            status,
            err.code === "not_found" ? "not_found" : "provider_error",
            err.message,
          );
        }
        if (err instanceof RangeError) throw new ApiError(404, "not_found", err.message);
        throw err;
      }
    },
  )
  .delete("/bars/:symbol", validate("param", SymbolParam), async (c) => {
    const owner = requireOwner(c);
    const { symbol } = c.req.valid("param");
    const removed = await deleteBars(c.var.deps.kv, owner, symbol);
    if (!removed) throw new ApiError(404, "not_found", `You have no uploaded bars for ${symbol}`);
    return jsonResponse({ deleted: symbol });
  });

export const marketDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/symbols",
    summary: "List the symbols you can see (bundled, provider and your uploads)",
    tags: ["market data"],
    response: z.object({ symbols: z.array(SymbolInfo) }),
  },
  {
    method: "get",
    path: "/bars/{symbol}",
    summary: "Read bars as columns (format=json) or packed Float64 (format=f64)",
    description:
      "from/to: ISO date or unix s/ms, inclusive. timeframe resamples (1w = ISO weeks, 1mo = calendar months; a bar is stamped with its first source bar's time). format=f64 returns [n, ts..., open..., high..., low..., close..., volume...] little-endian.",
    tags: ["market data"],
    params: SymbolParam,
    query: BarsQuery,
    response: BarsColumns,
  },
  {
    method: "post",
    path: "/bars/{symbol}",
    summary: "Import bars from CSV (text/csv) or JSON ({ bars: [...] })",
    description:
      "mode=merge adds to and overwrites stored bars by timestamp; mode=replace swaps the whole history. A file with any invalid row saves nothing and the error lists the lines.",
    tags: ["market data"],
    params: SymbolParam,
    query: ImportQuery,
    body: BarsBody,
    bodyContentTypes: ["text/csv"],
    response: SymbolInfo.extend({ imported: z.number(), format: z.string() }),
    status: 201,
  },
  {
    method: "post",
    path: "/bars/{symbol}/fetch",
    summary: "Fetch daily bars from the data provider (Yahoo) into the shared store",
    description:
      "Merges the provider's daily bars for [from, to] (to defaults to now) into the global data every user sees. 404 for an unknown symbol, 502 when the provider fails after retries.",
    tags: ["market data"],
    params: SymbolParam,
    query: FetchQuery,
    response: SymbolInfo.extend({ fetched: z.number() }),
    status: 201,
  },
  {
    method: "delete",
    path: "/bars/{symbol}",
    summary: "Delete your uploaded bars for a symbol",
    tags: ["market data"],
    params: SymbolParam,
    response: z.object({ deleted: z.string() }),
  },
];
