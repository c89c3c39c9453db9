/**
 * The screener registry: every screener ThetaForge ships, looked up by name, with helpers to
 * parse parameters, run one screener with its input checks, and describe the definitions
 * (parameter JSON schemas included) for the API.
 *
 * @example
 * ```ts ignore
 * import { runScreener, getScreener } from "./mod.ts";
 * const row = runScreener(getScreener("turtle")!, { bars }, { entryPeriod: 55 });
 * row.signal; // "buy" | "sell" | "watch" | "hold" | "exit" | "wait" | "not_evaluated"
 * ```
 * @module
 */
import * as z from "zod";
import { requireInputs } from "./needs.ts";
import type { AnyScreener, ScreenerInput, ScreenerRow } from "./types.ts";
import { regime } from "./regime.ts";
import { marketRsi } from "./market_rsi.ts";
import { isaTrend } from "./isa_trend.ts";
import { turtle } from "./turtle.ts";
import { darvas } from "./darvas.ts";
import { emaCross } from "./ema_cross.ts";
import { squeeze } from "./squeeze.ts";
import { medallion } from "./medallion.ts";
import { meanReversion } from "./mean_reversion.ts";
import { liquidityGrab } from "./liquidity_grab.ts";
import { rsiDivergence } from "./rsi_divergence.ts";
import { alpha101Screener } from "./alpha101.ts";
import { fourier } from "./fourier.ts";
import { hybrid } from "./hybrid.ts";
import { fortressMaster, grandmaster } from "./master.ts";
import { ictOte } from "./ote.ts";
import { quality200 } from "./quality200.ts";
import { quantum } from "./quantum.ts";
import { bullPut, fortress, optionsOnly, verticalPut } from "./income.ts";

export type * from "./types.ts";
export { PASSING_SIGNALS } from "./types.ts";

/** Every screener, in the order the UI lists them. */
export const SCREENERS: readonly AnyScreener[] = [
  regime,
  marketRsi,
  isaTrend,
  turtle,
  darvas,
  emaCross,
  squeeze,
  medallion,
  meanReversion,
  liquidityGrab,
  rsiDivergence,
  alpha101Screener,
  fourier,
  hybrid,
  grandmaster,
  fortressMaster,
  ictOte,
  quality200,
  quantum,
  bullPut,
  verticalPut,
  optionsOnly,
  fortress,
];

const BY_NAME = new Map(SCREENERS.map((s) => [s.name, s]));

/** The screener called `name`, or undefined. */
export function getScreener(name: string): AnyScreener | undefined {
  return BY_NAME.get(name);
}

/** Names of all screeners. */
export function screenerNames(): string[] {
  return SCREENERS.map((s) => s.name);
}

/** Result of {@link parseScreenerParams}. */
export type ParsedParams =
  | { ok: true; params: Record<string, unknown> }
  | { ok: false; issues: { path: string; message: string }[] };

/** Validates raw parameters against a screener's schema, filling in the original's defaults. */
export function parseScreenerParams(def: AnyScreener, raw: unknown = {}): ParsedParams {
  const schema: z.ZodType = def.params;
  const r = schema.safeParse(raw ?? {});
  if (r.success) return { ok: true, params: r.data as Record<string, unknown> };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  };
}

/**
 * Runs `def` on `input` with raw parameters (defaults filled in). Missing required inputs give a
 * `not_evaluated` row. Throws RangeError on invalid parameters (validate first at the edges).
 */
export function runScreener(
  def: AnyScreener,
  input: ScreenerInput,
  rawParams: unknown = {},
): ScreenerRow {
  const parsed = parseScreenerParams(def, rawParams);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw new RangeError(`runScreener: ${def.name} parameter ${first.path}: ${first.message}`);
  }
  return runParsed(def, input, parsed.params);
}

/** Like {@link runScreener} with parameters already parsed by the screener's schema. */
export function runParsed(
  def: AnyScreener,
  input: ScreenerInput,
  params: Record<string, unknown>,
): ScreenerRow {
  return requireInputs(def.name, input, def.needs) ?? def.run(input, params);
}

/** A screener as the API describes it: metadata plus the JSON schema of its parameters. */
export interface ScreenerDescription {
  name: string;
  title: string;
  description: string;
  category: AnyScreener["category"];
  needs: readonly string[];
  uses: readonly string[];
  /** JSON Schema (draft 2020-12) of the parameters, defaults included. */
  params: unknown;
  /** The default parameter values (the original's). */
  defaults: Record<string, unknown>;
}

/** Every screener's description, for `GET /api/v1/screeners`. */
export function describeScreeners(): ScreenerDescription[] {
  return SCREENERS.map((s) => ({
    name: s.name,
    title: s.title,
    description: s.description,
    category: s.category,
    needs: s.needs,
    uses: s.uses ?? [],
    params: z.toJSONSchema(s.params, { io: "input" }),
    defaults: s.params.parse({}) as Record<string, unknown>,
  }));
}
