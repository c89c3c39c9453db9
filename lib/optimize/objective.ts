/**
 * Objectives (what a search maximises) and constraints (what a trial must satisfy to count).
 * @module
 */
import { z } from "zod";
import { METRIC_NAMES, type MetricName, type TrialMetrics } from "./metrics.ts";

/** Objectives offered in the UI, CLI and API, each maximised. */
export const OBJECTIVES = {
  sharpe: "sharpe",
  return: "returnPct",
  sqn: "sqn",
  calmar: "calmar",
  sortino: "sortino",
  cagr: "cagrPct",
} as const satisfies Record<string, MetricName>;
/** Objective name. */
export const Objective = z.enum(Object.keys(OBJECTIVES) as [keyof typeof OBJECTIVES]);
export type Objective = z.infer<typeof Objective>;

/** `metric op value`, e.g. `{ metric: "maxDrawdownPct", op: ">=", value: -25 }`. */
export const Constraint = z.object({
  metric: z.enum(METRIC_NAMES),
  op: z.enum([">=", "<="]),
  value: z.number().finite(),
});
export type Constraint = z.infer<typeof Constraint>;

/** The objective's value for a trial; NaN (undefined, e.g. no trades) ranks below everything. */
export function objectiveValue(objective: Objective, m: TrialMetrics): number {
  return m[OBJECTIVES[objective]];
}

/** True when the trial meets every constraint (an undefined metric fails). */
export function meetsConstraints(constraints: readonly Constraint[], m: TrialMetrics): boolean {
  for (const c of constraints) {
    const x = m[c.metric];
    if (!(c.op === ">=" ? x >= c.value : x <= c.value)) return false;
  }
  return true;
}

/**
 * Parses `"maxDrawdownPct>=-25"` or `"trades >= 30"`; returns a message naming the problem
 * otherwise.
 *
 * @example
 * ```ts
 * parseConstraint("trades>=30"); // { ok: true, constraint: { metric: "trades", op: ">=", value: 30 } }
 * ```
 */
export function parseConstraint(
  text: string,
): { ok: true; constraint: Constraint } | { ok: false; message: string } {
  const m = /^\s*([A-Za-z]+)\s*(>=|<=)\s*(-?[0-9.eE+-]+)\s*$/.exec(text);
  if (!m) return { ok: false, message: `expected METRIC>=VALUE or METRIC<=VALUE, was "${text}"` };
  const r = Constraint.safeParse({ metric: m[1], op: m[2], value: Number(m[3]) });
  if (!r.success) {
    return {
      ok: false,
      message: (METRIC_NAMES as readonly string[]).includes(m[1])
        ? `"${m[3]}" is not a number`
        : `unknown metric "${m[1]}", expected one of ${METRIC_NAMES.join(", ")}`,
    };
  }
  return { ok: true, constraint: r.data };
}
