/**
 * `POST /api/v1/options/greeks` and `POST /api/v1/options/iv`: batch pricing with the WASM
 * kernels (TypeScript fallback when core.wasm is missing; the `backend` field says which ran).
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import { serverKernels } from "../../core-wasm/load_server.ts";
import { ApiError } from "../../lib/http/errors.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, readJsonBody, requireOwner } from "../../lib/http/validate.ts";
import { GREEKS_COLUMNS, greeksAt, toBatch } from "../../lib/options/bsm.ts";
import { ivResultAt, toIvBatch } from "../../lib/options/iv.ts";

/** Largest batch per request. */
export const MAX_CONTRACTS = 100_000;
/** Largest American batch (each contract runs five 500-step trees). */
export const MAX_AMERICAN_CONTRACTS = 2_000;

const OptionType = z.enum(["call", "put"]);
const Finite = z.number().refine(Number.isFinite, "must be a finite number");

const Contract = z.object({
  type: OptionType,
  spot: Finite.refine((x) => x > 0, "must be > 0"),
  strike: Finite.refine((x) => x > 0, "must be > 0"),
  rate: Finite.describe("continuously compounded, decimal per year (0.05 = 5 %)"),
  vol: Finite.refine((x) => x >= 0, "must be >= 0").describe("decimal per year"),
  time: Finite.refine((x) => x >= 0, "must be >= 0").describe("years, ACT/365"),
  dividend: Finite.default(0).describe("continuous yield, decimal per year"),
});

const GreeksRequest = z.object({
  contracts: z.array(Contract).min(1).max(MAX_CONTRACTS),
  style: z.enum(["european", "american"]).default("european"),
  steps: z.int().min(2).max(5_000).default(500).describe("binomial steps (american)"),
  format: z.enum(["rows", "columns"]).default("rows"),
});

const IvContract = Contract.omit({ vol: true }).extend({ price: Finite });
const IvRequest = z.object({ contracts: z.array(IvContract).min(1).max(MAX_CONTRACTS) });

const GreeksRow = z.object({
  price: z.number().nullable(),
  delta: z.number().nullable(),
  gamma: z.number().nullable(),
  theta: z.number().nullable().describe("per year"),
  vega: z.number().nullable().describe("per 1.00 of volatility"),
  rho: z.number().nullable().describe("per 1.00 of rate"),
  thetaPerDay: z.number().nullable(),
  vegaPerPct: z.number().nullable(),
});

const GreeksResponse = z.object({
  backend: z.enum(["wasm", "ts"]),
  count: z.number(),
  results: z.union([z.array(GreeksRow), z.record(z.string(), z.array(z.number().nullable()))]),
});

const IvResponse = z.object({
  backend: z.enum(["wasm", "ts"]),
  count: z.number(),
  results: z.array(z.object({ iv: z.number().nullable(), reason: z.string().optional() })),
});

/** The options router, mounted under `/api/v1`. */
export const optionsApi = new Hono<AppEnv>()
  .post("/options/greeks", async (c) => {
    requireOwner(c);
    const req = parseOr400(GreeksRequest, await readJsonBody(c.req.raw));
    if (req.style === "american" && req.contracts.length > MAX_AMERICAN_CONTRACTS) {
      throw new ApiError(
        400,
        "invalid_request",
        `american batches are limited to ${MAX_AMERICAN_CONTRACTS} contracts, was ${req.contracts.length}`,
      );
    }
    const kernels = await serverKernels();
    const batch = toBatch(req.contracts);
    const out = req.style === "american"
      ? kernels.americanBatch(batch, { steps: req.steps })
      : kernels.bsmBatch(batch);
    const n = req.contracts.length;
    const results = req.format === "columns"
      ? {
        ...Object.fromEntries(GREEKS_COLUMNS.map((k) => [k, out[k]])),
        thetaPerDay: out.theta.map((x) => x / 365),
        vegaPerPct: out.vega.map((x) => x / 100),
      }
      : Array.from({ length: n }, (_, i) => greeksAt(out, i));
    return jsonResponse({ backend: kernels.backend, count: n, results });
  })
  .post("/options/iv", async (c) => {
    requireOwner(c);
    const req = parseOr400(IvRequest, await readJsonBody(c.req.raw));
    const kernels = await serverKernels();
    const out = kernels.ivBatch(toIvBatch(req.contracts));
    const results = Array.from({ length: req.contracts.length }, (_, i) => ivResultAt(out, i));
    return jsonResponse({ backend: kernels.backend, count: results.length, results });
  });

/** OpenAPI entries for {@link optionsApi}. */
export const optionsDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/options/greeks",
    summary: "Prices and Greeks for up to 100,000 contracts (BSM with dividend yield, or American)",
    description:
      `European: Black-Scholes-Merton with a continuous dividend yield. American (at most ${MAX_AMERICAN_CONTRACTS} contracts): CRR binomial tree with the European tree as control variate. Units: rate, vol, dividend decimals per year; time in years (ACT/365); theta per year (thetaPerDay per calendar day); vega per 1.00 of vol (vegaPerPct per vol point); rho per 1.00 of rate. format "columns" answers one array per field. Computed by core.wasm (backend "wasm") or the TypeScript reference.`,
    tags: ["options"],
    body: GreeksRequest,
    response: GreeksResponse,
  },
  {
    method: "post",
    path: "/options/iv",
    summary: "Implied volatility for up to 100,000 prices; null with a reason outside the bounds",
    description:
      "Robust Newton/bisection on the out-of-the-money value. A price below max(phi (S e^-qT - K e^-rT), 0) or at/above S e^-qT (call) / K e^-rT (put) gives { iv: null, reason }.",
    tags: ["options"],
    body: IvRequest,
    response: IvResponse,
  },
];
