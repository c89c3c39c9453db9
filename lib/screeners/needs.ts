/**
 * The "missing input" rule: a screener whose benchmark, VIX, option chain or fundamentals were
 * not supplied reports `not_evaluated` with the reason, never a pass.
 * @module
 */
import { notEvaluated } from "./row.ts";
import type { Need, ScreenerInput, ScreenerRow } from "./types.ts";

const LABEL: Record<Need, string> = {
  benchmark: "benchmark series",
  vix: "volatility index (VIX) series",
  chain: "option chain",
  fundamentals: "fundamentals",
};

/** The needs in `needs` that `input` lacks (an empty series counts as missing). */
export function missingNeeds(input: ScreenerInput, needs: readonly Need[]): Need[] {
  const out: Need[] = [];
  for (const need of needs) {
    const v = input[need];
    if (v === undefined || v === null) out.push(need);
    else if ((need === "benchmark" || need === "vix") && (v as { length: number }).length === 0) {
      out.push(need);
    } else if (need === "chain" && (v as { expiries: unknown[] }).expiries.length === 0) {
      out.push(need);
    }
  }
  return out;
}

/** A `not_evaluated` row naming the missing inputs, or null when all are present. */
export function requireInputs(
  screener: string,
  input: ScreenerInput,
  needs: readonly Need[],
): ScreenerRow | null {
  const missing = missingNeeds(input, needs);
  if (missing.length === 0) return null;
  return notEvaluated(
    screener,
    input.bars,
    `no ${missing.map((m) => LABEL[m]).join(" and no ")} supplied`,
    { missing: missing.join(",") },
  );
}
