/**
 * Audit options: the zod schema the CLI, API and page share.
 * @module
 */
import * as z from "zod";
import { BROKERS } from "./types.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** Options of one audit. */
export const AuditOptions = z.object({
  broker: z.enum(["auto", ...BROKERS]).default("auto"),
  style: z.enum(["income", "speculation"]).default("income"),
  /** Audit date: expiries before it are closed at zero; default today. */
  asOf: isoDate.optional(),
  /** Keep strategies closed on or after this date. */
  from: isoDate.optional(),
  /** Ignore legs after this date (the audit is as of its end unless asOf says otherwise). */
  to: isoDate.optional(),
  /** Replaces every leg's fees with |qty| × this ($ per contract). */
  feePerContract: z.number().min(0).max(100).optional(),
  accountSize: z.number().positive().optional(),
  netLiq: z.number().positive().optional(),
  buyingPower: z.number().min(0).optional(),
  /** Buying power used above this % is over-leverage. */
  buyingPowerLimitPct: z.number().min(0).max(100).default(50),
}).refine((o) => !o.from || !o.to || o.from <= o.to, {
  message: "from must not be after to",
  path: ["from"],
});

/** Parsed audit options. */
export type AuditOptions = z.infer<typeof AuditOptions>;
/** Audit options as callers write them. */
export type AuditOptionsInput = z.input<typeof AuditOptions>;
