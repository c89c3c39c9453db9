/**
 * `POST /api/v1/montecarlo`: Monte Carlo of equity paths with their statistics, computed by
 * the WASM kernel (TypeScript fallback). Nothing is stored.
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import { serverKernels } from "../../core-wasm/load_server.ts";
import { ApiError } from "../../lib/http/errors.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, requireOwner } from "../../lib/http/validate.ts";
import { LIMITS, type MonteCarloConfig } from "../../lib/montecarlo/simulate.ts";
import { monteCarloHistograms } from "../../lib/montecarlo/histogram.ts";

/** Most histogram bins a request may ask for. */
const MAX_HISTOGRAM_BINS = 1000;

const Finite = z.number().refine(Number.isFinite, "must be a finite number");

const TradesSource = z.object({
  kind: z.literal("trades"),
  trades: z.array(Finite).min(1).max(LIMITS.maxTrades).describe(
    "returns in % when compounding (default), PnL in currency when compounding is false",
  ),
  mode: z.enum(["bootstrap", "reshuffle", "block", "skip"]).default("bootstrap"),
  tradesPerPath: z.int().min(1).optional(),
  blockLength: z.int().min(1).optional(),
  skipPct: Finite.optional().describe("1 to 10 (% of trades skipped at random, skip mode)"),
});
const ParametricSource = z.object({
  kind: z.literal("parametric"),
  winRate: Finite.describe("0 to 1"),
  avgWin: Finite,
  avgLoss: Finite.describe("positive loss size"),
  tradesPerPath: z.int().min(1),
  winRateJitter: Finite.optional(),
  slippage: Finite.optional(),
});
const GbmSource = z.object({
  kind: z.literal("gbm"),
  mu: Finite,
  sigma: Finite,
  steps: z.int().min(1),
  dt: Finite.optional().describe("years per step, default 1/252"),
});

const MonteCarloRequest = z.object({
  source: z.discriminatedUnion("kind", [TradesSource, ParametricSource, GbmSource]),
  paths: z.int().min(1).max(LIMITS.maxPaths).default(10_000),
  seed: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  initialEquity: Finite.optional(),
  compounding: z.boolean().optional(),
  ruinThresholdPct: Finite.optional().describe("in [-100, 0), default -50"),
  ruinMode: z.enum(["capital", "drawdown"]).optional(),
  periodsPerYear: Finite.optional(),
  samplePaths: z.int().min(0).max(100).optional(),
  histogramBins: z.int().min(1).max(MAX_HISTOGRAM_BINS).optional().describe(
    "when set, the response has `histograms`: equal-width histograms of every path's max " +
      "drawdown and CAGR (%) with this many bins",
  ),
});

const Distribution = z.object({
  p5: z.number().nullable(),
  p25: z.number().nullable(),
  p50: z.number().nullable(),
  p75: z.number().nullable(),
  p95: z.number().nullable(),
  mean: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
const Band = z.array(z.number());
const Histogram = z.object({
  edges: z.array(z.number()).describe("bins + 1 equally spaced edges, ascending"),
  counts: z.array(z.number()).describe(
    "paths per bin: [edge i, edge i+1), the last bin closed",
  ),
  counted: z.number(),
  nan: z.number(),
  infinite: z.number(),
  outside: z.number(),
});
const MonteCarloResponse = z.object({
  backend: z.enum(["wasm", "ts"]),
  paths: z.number(),
  steps: z.number(),
  bands: z.object({ p5: Band, p25: Band, p50: Band, p75: Band, p95: Band }),
  finalEquity: Distribution,
  maxDrawdownPct: Distribution,
  cagrPct: Distribution,
  ruin: z.object({
    thresholdPct: z.number(),
    mode: z.enum(["capital", "drawdown"]),
    probability: z.number(),
    paths: z.number(),
  }),
  recovery: Distribution.extend({
    recovered: z.number(),
    censored: z.number(),
    noDrawdown: z.number(),
  }),
  samples: z.array(Band),
  histograms: z.object({ maxDrawdownPct: Histogram, cagrPct: Histogram }).optional().describe(
    "only when histogramBins was given",
  ),
});

/** The Monte Carlo router, mounted under `/api/v1`. */
export const montecarloApi = new Hono<AppEnv>().post("/montecarlo", async (c) => {
  requireOwner(c);
  let body: unknown;
  try {
    body = await c.req.raw.json();
  } catch {
    throw new ApiError(400, "invalid_request", "Body is not valid JSON");
  }
  const { histogramBins, ...req } = parseOr400(MonteCarloRequest, body);
  const config: MonteCarloConfig = {
    ...req,
    source: req.source.kind === "trades"
      ? { ...req.source, trades: Float64Array.from(req.source.trades) }
      : req.source,
    perPath: histogramBins !== undefined,
  };
  const kernels = await serverKernels();
  try {
    const result = kernels.monteCarlo(config);
    const histograms = histogramBins === undefined
      ? undefined
      : monteCarloHistograms(result, histogramBins);
    delete result.perPath; // 48 bytes a path: the histograms summarise it
    return jsonResponse({ backend: kernels.backend, ...result, histograms });
  } catch (err) {
    // resolveConfig names the field: "monteCarlo: expected skipPct in [1, 10], was 20"
    if (err instanceof RangeError) throw new ApiError(400, "invalid_request", err.message);
    throw err;
  }
});

/** OpenAPI entries for {@link montecarloApi}. */
export const montecarloDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/montecarlo",
    summary: "Monte Carlo equity paths: percentile bands, max drawdown, ruin, CAGR, recovery",
    description:
      `Sources: trades (bootstrap, reshuffle, block bootstrap, skip 1-10 %), parametric (win rate, average win/loss, win-rate jitter, slippage) or GBM. Seeded xoshiro128**: the same request gives the same numbers here and in the browser. Bands are 5/25/50/75/95th percentiles per step (numpy linear); max drawdown in %, peak including the start; ruin "capital" = equity touches initial x (1 + threshold/100), "drawdown" = a drawdown from peak reaches |threshold| %; recovery counts steps from the deepest trough back to its peak (censored when never). With histogramBins = B, the response's histograms hold equal-width histograms (B bins from the lowest to the highest value; numpy.histogram's rules) of every path's max drawdown % and CAGR %. Limits: ${LIMITS.maxPaths} paths, ${LIMITS.maxSteps} steps, paths x (steps + 1) <= ${LIMITS.maxCells}.`,
    tags: ["montecarlo"],
    body: MonteCarloRequest,
    response: MonteCarloResponse,
  },
];
