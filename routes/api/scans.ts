/**
 * `/api/v1/scans`: run a scan (one or many screeners over a universe and timeframes), read,
 * list, delete and compare stored scans. `POST /scans?stream=1` answers NDJSON: one
 * `{"type":"progress",done,total,symbol}` line per symbol, then `{"type":"done","scan":{...}}`
 * (or `{"type":"error",...}`), so a page can show progress while it runs.
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../../lib/http/env.ts";
import { ApiError } from "../../lib/http/errors.ts";
import { jsonResponse, toSafeJson } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, readJsonBody, requireOwner, validate } from "../../lib/http/validate.ts";
import { kvBarSource } from "../../lib/screeners/bar_source.ts";
import {
  compareScans,
  runScan,
  ScanError,
  ScanRequest,
  type ScanResult,
} from "../../lib/screeners/scan.ts";
import { PASSING_SIGNALS } from "../../lib/screeners/types.ts";
import { syntheticProvider } from "../../lib/screeners/chains/synthetic.ts";
import { fundamentalsLookup, FundamentalsMap } from "../../lib/screeners/fundamentals.ts";
import type { ChainProvider } from "../../lib/screeners/chains/chain.ts";
import { deleteScan, getScan, listScans, saveScan } from "../../lib/storage/scans_repo.ts";
import { getWatchlist } from "../../lib/storage/watchlists_repo.ts";

/** The POST body: a scan request plus where option chains come from. */
export const ScanBody = ScanRequest.extend({
  /** `synthetic`: model chains from stored bars (labelled in every row); `none`: no chains. */
  chains: z.enum(["none", "synthetic"]).default("none"),
  /** Fundamentals by symbol (revenue growth, annual revenue, next earnings) for the screeners that need them. */
  fundamentals: FundamentalsMap.optional(),
});

const IdParam = z.object({ scanId: z.string().min(1).max(100) });
const CompareParam = z.object({
  scanId: z.string().min(1).max(100),
  otherId: z.string().min(1).max(100),
});
const PostQuery = z.object({
  stream: z.enum(["0", "1"]).default("0").describe(
    "1: answer NDJSON progress lines, then the scan",
  ),
});
const GetQuery = z.object({
  passing: z.enum(["0", "1"]).default("0").describe(
    "1: only rows whose signal is buy, sell or watch",
  ),
});

export const scansApi = new Hono<AppEnv>()
  .post("/scans", validate("query", PostQuery), async (c) => {
    const owner = requireOwner(c);
    const body = parseOr400(ScanBody, await readJsonBody(c.req.raw));
    const { chains: chainKind, fundamentals, ...request } = body;
    const { kv, clock, newId } = c.var.deps;
    const source = kvBarSource(kv, owner);
    let chains: ChainProvider | undefined;
    if (chainKind === "synthetic") {
      const { serverKernels } = await import("../../core-wasm/load_server.ts");
      chains = syntheticProvider((s) => source.load(s), await serverKernels());
    }
    const run = (onProgress?: (p: { done: number; total: number; symbol: string }) => void) =>
      runScan(request, source, {
        id: newId(),
        now: () => clock.now(),
        chains,
        fundamentals: fundamentals ? fundamentalsLookup(fundamentals) : undefined,
        onProgress,
        watchlist: async (id) =>
          (await getWatchlist(kv, owner, id))?.items.map((i) => i.symbol) ?? null,
      }).then(async (scan) => {
        await saveScan(kv, owner, scan);
        return scan;
      });
    const fail = (err: unknown): never => {
      if (err instanceof ScanError) {
        throw new ApiError(400, "invalid_request", err.message, err.issues);
      }
      throw err;
    };
    if (c.req.valid("query").stream !== "1") {
      const scan = await run().catch(fail);
      return jsonResponse(scan, 201);
    }
    const enc = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(ctl) {
        const line = (v: unknown) => ctl.enqueue(enc.encode(toSafeJson(v) + "\n"));
        let last = 0;
        try {
          const scan = await run((p) => {
            // At most ~100 progress lines per scan.
            if (p.done === p.total || p.done - last >= Math.max(1, p.total / 100)) {
              last = p.done;
              line({ type: "progress", ...p });
            }
          });
          line({ type: "done", scan });
        } catch (err) {
          const e = err instanceof ScanError
            ? { code: "invalid_request", message: err.message, issues: err.issues }
            : { code: "internal", message: "scan failed", issues: [] };
          if (!(err instanceof ScanError)) console.error(err);
          line({ type: "error", error: e });
        }
        ctl.close();
      },
    });
    return new Response(stream, {
      status: 200,
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "cache-control": "no-store",
      },
    });
  })
  .get("/scans", async (c) => {
    const owner = requireOwner(c);
    return jsonResponse({ scans: await listScans(c.var.deps.kv, owner) });
  })
  .get("/scans/:scanId", validate("param", IdParam), validate("query", GetQuery), async (c) => {
    const owner = requireOwner(c);
    const scan = await getScan(c.var.deps.kv, owner, c.req.valid("param").scanId);
    if (!scan) throw new ApiError(404, "not_found", "Scan not found");
    if (c.req.valid("query").passing === "1") {
      return jsonResponse({
        ...scan,
        rows: scan.rows.filter((r) => PASSING_SIGNALS.has(r.signal)),
      });
    }
    return jsonResponse(scan);
  })
  .delete("/scans/:scanId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const id = c.req.valid("param").scanId;
    if (!(await deleteScan(c.var.deps.kv, owner, id))) {
      throw new ApiError(404, "not_found", "Scan not found");
    }
    return jsonResponse({ id, deleted: true });
  })
  .get("/scans/:scanId/compare/:otherId", validate("param", CompareParam), async (c) => {
    const owner = requireOwner(c);
    const { scanId, otherId } = c.req.valid("param");
    const [next, prev] = await Promise.all([
      getScan(c.var.deps.kv, owner, scanId),
      getScan(c.var.deps.kv, owner, otherId),
    ]);
    if (!next || !prev) throw new ApiError(404, "not_found", "Scan not found");
    const d = compareScans(prev as unknown as ScanResult, next as unknown as ScanResult);
    return jsonResponse({
      scan: { id: next.id, createdTs: next.createdTs },
      against: { id: prev.id, createdTs: prev.createdTs },
      ...d,
    });
  });

export const scansDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/scans",
    summary: "Run a scan and store it",
    description:
      "Body: { screeners: [{ name, params }], universe: { kind: stored | region | sector | " +
      "symbols | watchlist, ... }, timeframes: [1d, 1w, 1mo, ...], liquidity: { minAvgVolume, " +
      "minTurnover, minPrice, period, topByVolume?, topByVolumePeriod? }, benchmark?, vix, " +
      "sparkBars, chains: none | synthetic, " +
      "fundamentals?: { SYMBOL: { revenueGrowth, annualRevenue, trailingPe, nextEarnings } } }. " +
      "topByVolume keeps the N symbols with the highest mean volume over topByVolumePeriod bars " +
      "(default: vertical_put's 50 over 20; 0 = off); cut symbols are in skipped. " +
      "Answers 201 with the scan (rows, regime, skipped, volumeCut, sparks, counts); with " +
      "?stream=1, NDJSON progress lines and then the scan.",
    tags: ["screeners"],
    query: PostQuery,
    body: ScanBody,
    status: 201,
  },
  {
    method: "get",
    path: "/scans",
    summary: "Your stored scans, newest first (summaries)",
    tags: ["screeners"],
  },
  {
    method: "get",
    path: "/scans/{scanId}",
    summary: "One stored scan with its rows",
    tags: ["screeners"],
    params: IdParam,
    query: GetQuery,
  },
  {
    method: "delete",
    path: "/scans/{scanId}",
    summary: "Delete a stored scan",
    tags: ["screeners"],
    params: IdParam,
  },
  {
    method: "get",
    path: "/scans/{scanId}/compare/{otherId}",
    summary: "Compare a scan with an earlier one: added (new today), dropped, changed",
    description: "Rows match on symbol, screener and timeframe; passing means buy, sell or watch.",
    tags: ["screeners"],
    params: CompareParam,
  },
];
