/**
 * Fundamentals supplied with a scan (there is no fundamentals feed in ThetaForge): a zod schema
 * for one symbol's figures and for a `{ SYMBOL: figures }` map, as `cli screen --fundamentals
 * FILE.json` and `POST /api/v1/scans` accept them. Dates are ISO strings or unix ms.
 * @module
 */
import * as z from "zod";
import { parseTimestamp } from "../data/time.ts";
import type { Fundamentals } from "./types.ts";

const Ts = z.union([z.number().finite(), z.string()]).transform((v, ctx) => {
  const t = typeof v === "number" ? v : parseTimestamp(v);
  if (!Number.isFinite(t)) {
    ctx.addIssue({ code: "custom", message: "expected a date (YYYY-MM-DD) or unix ms" });
    return z.NEVER;
  }
  return t;
});

/** One symbol's fundamentals; every field optional (absent = unknown). */
export const FundamentalsInput = z.object({
  /** Year-over-year revenue growth as a fraction (0.12 = 12 %). */
  revenueGrowth: z.number().finite().nullable().optional(),
  /** Total revenue per fiscal year, oldest first. */
  annualRevenue: z.array(z.number().finite()).max(50).nullable().optional(),
  trailingPe: z.number().finite().nullable().optional(),
  /** Next earnings date; null = none scheduled (known), absent = unknown. */
  nextEarnings: Ts.nullable().optional(),
}).strict();

/** `{ SYMBOL: fundamentals }`, symbols upper-cased. */
export const FundamentalsMap = z.record(z.string().min(1).max(24), FundamentalsInput)
  .refine((m) => Object.keys(m).length <= 20_000, "at most 20,000 symbols")
  .transform((m) =>
    Object.fromEntries(
      Object.entries(m).map(([k, v]) => [k.trim().toUpperCase(), toFundamentals(v)]),
    )
  );
export type FundamentalsMap = z.output<typeof FundamentalsMap>;

function toFundamentals(v: z.output<typeof FundamentalsInput>): Fundamentals {
  const out: Fundamentals = {};
  if (v.revenueGrowth !== undefined) out.revenueGrowth = v.revenueGrowth;
  if (v.annualRevenue !== undefined) out.annualRevenue = v.annualRevenue;
  if (v.trailingPe !== undefined) out.trailingPe = v.trailingPe;
  if (v.nextEarnings !== undefined) out.nextEarningsTs = v.nextEarnings;
  return out;
}

/** A lookup for `runScan` over a parsed map. */
export function fundamentalsLookup(
  map: FundamentalsMap,
): (symbol: string) => Promise<Fundamentals | null> {
  return (symbol) => Promise.resolve(map[symbol.toUpperCase()] ?? null);
}
