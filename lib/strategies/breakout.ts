/**
 * Channel breakout strategies: `donchian_breakout`, `turtle` and `darvas_breakout`, built on the
 * rules in lib/rules shared with the screeners.
 * @module
 */
import { z } from "zod";
import { donchianBreakout } from "../rules/donchian.ts";
import { turtleRule } from "../rules/turtle.ts";
import { darvasRule } from "../rules/darvas.ts";
import { ENTER_LONG, ENTER_SHORT, EXIT_LONG, EXIT_SHORT } from "../backtest/types.ts";
import type { BreakoutRule } from "../rules/donchian.ts";
import type { StrategyDefinition } from "./types.ts";

function breakoutFlags(rule: BreakoutRule): Uint8Array {
  const n = rule.longEntry.length;
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    flags[i] = (rule.longEntry[i] ? ENTER_LONG : 0) | (rule.shortEntry[i] ? ENTER_SHORT : 0) |
      (rule.longExit[i] ? EXIT_LONG : 0) | (rule.shortExit[i] ? EXIT_SHORT : 0);
  }
  return flags;
}

/** Parameters of `donchian_breakout`. */
export const DonchianParams = z.object({
  entry: z.number().int().min(1).default(20),
  exit: z.number().int().min(1).default(10),
}).strict();
/** Parsed `donchian_breakout` parameters. */
export type DonchianParams = z.infer<typeof DonchianParams>;

/**
 * `donchian_breakout`: long on a close above the previous `entry` bars' high, short on a close
 * below their low; a long exits on a close below the previous `exit` bars' low (shorts mirrored).
 */
export const donchianBreakoutStrategy: StrategyDefinition<DonchianParams> = {
  name: "donchian_breakout",
  summary: "Close beyond the previous N-bar channel: enter; beyond the M-bar channel: exit",
  params: DonchianParams,
  signals({ bars, cache }, { entry, exit }) {
    const rule = cache.get(
      bars,
      `donchian_rule:${entry}:${exit}`,
      () => donchianBreakout(bars, { entryPeriod: entry, exitPeriod: exit }),
    );
    return {
      flags: breakoutFlags(rule),
      warmup: rule.warmup,
      indicators: { upper: rule.entryUpper, lower: rule.entryLower },
    };
  },
};

/** Parameters of `turtle` (System 1: entry 20 / exit 10; System 2: entry 55 / exit 20). */
export const TurtleParams = z.object({
  entry: z.number().int().min(1).default(20),
  exit: z.number().int().min(1).default(10),
  atrPeriod: z.number().int().min(1).default(20),
  /** Stop-loss distance in N from the latest unit's fill (0: no stop). */
  stopAtr: z.number().min(0).default(2),
  /** Size each unit to risk `riskPct` % of equity per N (the Turtle unit). */
  unitSizing: z.boolean().default(false),
  riskPct: z.number().positive().max(100).default(1),
  /** Units per position; above 1 adds a unit every `addStepAtr` N in the trade's favour. */
  maxUnits: z.number().int().min(1).max(10).default(1),
  addStepAtr: z.number().positive().default(0.5),
  /**
   * System 1 filter: skip a breakout when the last breakout, judged as a hypothetical trade
   * (entered at its close, `stopAtr`·N stop, `exit` channel), won; default false (unfiltered).
   */
  skipAfterWin: z.boolean().default(false),
  /** With `skipAfterWin`: a skipped breakout still enters at this channel's breakout. */
  failsafe: z.number().int().min(1).default(55),
}).strict();
/** Parsed `turtle` parameters. */
export type TurtleParams = z.infer<typeof TurtleParams>;

/**
 * `turtle`: Donchian breakout entries and exits with N = ATR(atrPeriod), a stop `stopAtr`·N from
 * the latest unit's fill (raised for every unit when one is added), optional N-based unit sizing
 * (`unitSizing`: units = riskPct % of equity / N) and pyramiding up to `maxUnits`.
 * `skipAfterWin` adds the original System 1 filter (lib/rules/turtle.ts): a breakout is skipped
 * when the previous breakout, as a hypothetical trade entered at its close with the
 * `stopAtr`·N stop and the `exit` channel (taken or not), would have won; a skipped breakout
 * enters at the `failsafe`-bar (55) breakout instead, and a breakout while the previous
 * breakout's hypothetical trade is still open enters nothing. Exits and stops are unchanged.
 */
export const turtleStrategy: StrategyDefinition<TurtleParams> = {
  name: "turtle",
  summary: "Turtle breakout (20/10 or 55/20) with 2N stops, optional N sizing and pyramiding",
  params: TurtleParams,
  signals({ bars, cache }, p) {
    const rule = p.skipAfterWin
      ? cache.get(
        bars,
        `turtle_rule_s1:${p.entry}:${p.exit}:${p.atrPeriod}:${p.stopAtr}:${p.failsafe}`,
        () =>
          turtleRule(bars, {
            entryPeriod: p.entry,
            exitPeriod: p.exit,
            atrPeriod: p.atrPeriod,
            stopAtr: p.stopAtr,
            skipAfterWin: true,
            failsafePeriod: p.failsafe,
          }),
      )
      : cache.get(
        bars,
        `turtle_rule:${p.entry}:${p.exit}:${p.atrPeriod}`,
        () =>
          turtleRule(bars, { entryPeriod: p.entry, exitPeriod: p.exit, atrPeriod: p.atrPeriod }),
      );
    const n = rule.n;
    const stopDistance = p.stopAtr > 0 ? n.map((x) => p.stopAtr * x) : undefined;
    return {
      flags: breakoutFlags(rule),
      warmup: rule.warmup,
      atr: n,
      stopDistance,
      sizing: p.unitSizing ? { kind: "risk", riskPct: p.riskPct, atrMult: 1 } : undefined,
      pyramid: p.maxUnits > 1
        ? { maxUnits: p.maxUnits, step: n.map((x) => p.addStepAtr * x) }
        : undefined,
      indicators: { upper: rule.entryUpper, lower: rule.entryLower, n },
    };
  },
};

/** Parameters of `darvas_breakout`. */
export const DarvasParams = z.object({
  pivot: z.number().int().min(1).default(3),
  lookback: z.number().int().min(2).default(60),
  /** Breakout volume ≥ volumeMult × 20-bar mean volume; 0 disables the rule. */
  volumeMult: z.number().min(0).default(0),
  /** Take profit at the box's measured move (ceiling + box height). */
  target: z.boolean().default(false),
}).strict();
/** Parsed `darvas_breakout` parameters. */
export type DarvasParams = z.infer<typeof DarvasParams>;

/**
 * `darvas_breakout` (long only): buy a close breaking above the Darvas box top, stop at the box
 * floor, exit on a close breaking below the floor.
 */
export const darvasBreakoutStrategy: StrategyDefinition<DarvasParams> = {
  name: "darvas_breakout",
  summary: "Darvas box breakout, stop at the box floor",
  params: DarvasParams,
  signals({ bars, cache }, p) {
    const rule = cache.get(
      bars,
      `darvas_rule:${p.pivot}:${p.lookback}:${p.volumeMult}`,
      () => darvasRule(bars, { pivot: p.pivot, lookback: p.lookback, volumeMult: p.volumeMult }),
    );
    const n = bars.length;
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      flags[i] = (rule.breakout[i] ? ENTER_LONG : 0) | (rule.breakdown[i] ? EXIT_LONG : 0);
    }
    return {
      flags,
      warmup: rule.warmup,
      stopPrice: rule.floor,
      takeProfitPrice: p.target ? rule.target : undefined,
      indicators: { ceiling: rule.ceiling, floor: rule.floor },
    };
  },
};
