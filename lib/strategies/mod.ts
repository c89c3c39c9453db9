/**
 * The built-in strategies by name, and parameter parsing with readable errors.
 * @module
 */
import { emaCross, smaCross } from "./ma_cross.ts";
import { darvasBreakoutStrategy, donchianBreakoutStrategy, turtleStrategy } from "./breakout.ts";
import { bollingerReversion, buyAndHold, rsiMeanReversion } from "./reversion.ts";
import type { StrategyDefinition } from "./types.ts";
import { screenerStrategies } from "../screeners/strategy.ts";

export type { StrategyContext, StrategyDefinition, StrategySignals } from "./types.ts";
export { crossSignals, emaCross, smaCross } from "./ma_cross.ts";
export { darvasBreakoutStrategy, donchianBreakoutStrategy, turtleStrategy } from "./breakout.ts";
export { bollingerReversion, buyAndHold, rsiMeanReversion } from "./reversion.ts";

/**
 * Every built-in strategy, keyed by name: the classic ones below, plus one `screener_<name>`
 * strategy per backtestable screener (lib/screeners/strategy.ts replays the screener bar by bar;
 * Turtle and Darvas use `turtle` and `darvas_breakout`, which share lib/rules with them).
 */
export const STRATEGIES: Readonly<Record<string, StrategyDefinition>> = Object.freeze({
  sma_cross: smaCross,
  ema_cross: emaCross,
  turtle: turtleStrategy,
  donchian_breakout: donchianBreakoutStrategy,
  rsi_mean_reversion: rsiMeanReversion,
  bollinger_reversion: bollingerReversion,
  darvas_breakout: darvasBreakoutStrategy,
  buy_and_hold: buyAndHold,
  ...Object.fromEntries(screenerStrategies().map((s) => [s.name, s])),
});

/** The built-in strategy called `name`, or undefined. */
export function findStrategy(name: string): StrategyDefinition | undefined {
  return Object.hasOwn(STRATEGIES, name) ? STRATEGIES[name] : undefined;
}

/** The built-in strategy called `name`; throws a RangeError listing the names otherwise. */
export function getStrategy(name: string): StrategyDefinition {
  const s = findStrategy(name);
  if (!s) {
    throw new RangeError(
      `getStrategy: unknown strategy "${name}", expected one of ${
        Object.keys(STRATEGIES).join(", ")
      }`,
    );
  }
  return s;
}

/** Result of {@link parseStrategyParams}. */
export type ParsedParams =
  | { ok: true; params: Record<string, unknown> }
  | { ok: false; message: string; issues: { path: string; message: string }[] };

/**
 * Validates raw parameters against a strategy's schema (defaults filled in). Errors name the
 * parameter: `"fast: fast must be below slow"`.
 */
export function parseStrategyParams(
  strategy: StrategyDefinition,
  raw: Record<string, unknown>,
): ParsedParams {
  const r = strategy.params.safeParse(raw);
  if (r.success) return { ok: true, params: r.data as Record<string, unknown> };
  const issues = r.error.issues.map((i) => ({
    path: i.path.join(".") || "(params)",
    message: i.message,
  }));
  return {
    ok: false,
    message: `${strategy.name}: ` + issues.map((i) => `${i.path}: ${i.message}`).join("; "),
    issues,
  };
}
