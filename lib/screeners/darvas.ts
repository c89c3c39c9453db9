/**
 * Darvas box screener (ORIGINAL.md 5.5): a box whose ceiling is the latest pivot high and whose
 * floor is the first later pivot low beneath it; a close through the ceiling on volume is a
 * breakout, a close through the floor a breakdown. The box is lib/rules/darvas.ts, the same
 * module the `darvas_breakout` backtest strategy uses.
 * @module
 */
import * as z from "zod";
import { darvasRule } from "../rules/mod.ts";
import { makeRow, needBars } from "./row.ts";
import { atrOf, last, memo } from "./series.ts";
import type { ScreenerDefinition, ScreenerInput, ScreenerRow } from "./types.ts";

const NAME = "darvas";

/** Parameters; defaults are the original's. */
export const DarvasParams = z.object({
  /** Bars searched back for the ceiling pivot. */
  lookback: z.int().min(1).default(60),
  /** A pivot high is ≥ this many highs on each side (pivot low: ≤ the lows). */
  pivot: z.int().min(1).default(3),
  /** Breakout volume ≥ volumeMult × mean of the previous 20 volumes (0 = off). */
  volumeMult: z.number().min(0).default(1.2),
  volumePeriod: z.int().min(1).default(20),
  /** Close above the ceiling by less than this fraction (and no fresh cross) = momentum. */
  momentumPct: z.number().min(0).default(0.05),
  atrPeriod: z.int().min(2).default(14),
  minBars: z.int().min(2).default(50),
});
export type DarvasParams = z.infer<typeof DarvasParams>;

/**
 * With the box known at the previous bar (lib/rules/darvas.ts: the latest pivot high at most
 * `lookback` bars old, and the first later pivot low below it): previous close ≤ ceiling < close → buy "DARVAS BREAKOUT" if volume ≥ 1.2 × the mean of the
 * previous 20 volumes (else wait "BREAKOUT (Low Volume)"); previous close ≥ floor > close →
 * sell "BOX BREAKDOWN"; close above the ceiling by < 5 % → hold "MOMENTUM (Post-Breakout)";
 * else wait. Stop = floor, target = ceiling + box height; without a floor the stop is
 * ceiling − 2 ATR (0.95 × close if ATR is undefined) and the target 1.2 × close. A breakdown's
 * stop is the ceiling and target floor − height. Score: 100 breakout, 80 breakdown, 60 momentum.
 */
export function darvasRow(input: ScreenerInput, p: DarvasParams): ScreenerRow {
  const { bars } = input;
  const short = needBars(NAME, bars, Math.max(p.minBars, 2 * p.pivot + 2));
  if (short) return short;
  const n = bars.length;
  const rule = memo(
    bars,
    `darvas_rule:${p.pivot}:${p.lookback}`,
    () => darvasRule(bars, { pivot: p.pivot, lookback: p.lookback }),
  );
  const c = bars.close[n - 1];
  const pc = bars.close[n - 2];
  // The box known at the previous bar's close, which today's close is compared with.
  const ceiling = rule.ceiling[n - 2];
  const floorV = rule.floor[n - 2];
  if (!Number.isFinite(ceiling)) {
    return makeRow(NAME, bars, {
      signal: "wait",
      label: "WAIT (No Box)",
      score: 0,
      reason: `no pivot high in the last ${p.lookback} bars`,
    });
  }
  const floor = Number.isFinite(floorV) ? floorV : null;
  const atr = last(atrOf(bars, p.atrPeriod));
  let volSum = 0;
  const vFrom = Math.max(0, n - 1 - p.volumePeriod);
  for (let i = vFrom; i < n - 1; i++) volSum += bars.volume[i];
  const avgVol = volSum / Math.max(1, n - 1 - vFrom);
  const volRatio = bars.volume[n - 1] / avgVol;
  const height = floor !== null ? ceiling - floor : NaN;
  const values = {
    ceiling,
    floor,
    boxHeight: height,
    volumeRatio: volRatio,
    atr,
    breakoutLevel: ceiling,
  };
  const longStop = floor !== null ? floor : Number.isFinite(atr) ? ceiling - 2 * atr : 0.95 * c;
  const longTarget = floor !== null ? ceiling + height : 1.2 * c;
  if (pc <= ceiling && c > ceiling) {
    if (p.volumeMult > 0 && !(volRatio >= p.volumeMult)) {
      return makeRow(NAME, bars, {
        signal: "wait",
        label: "BREAKOUT (Low Volume)",
        direction: "long",
        score: 0,
        stop: longStop,
        target: longTarget,
        values,
        reason: `crossed the ceiling ${ceiling.toFixed(2)} on ${
          volRatio.toFixed(2)
        }x volume (< ${p.volumeMult}x)`,
      });
    }
    return makeRow(NAME, bars, {
      signal: "buy",
      label: "DARVAS BREAKOUT",
      direction: "long",
      score: 100,
      stop: longStop,
      target: longTarget,
      values,
      reason: `close ${c.toFixed(2)} crossed the box ceiling ${ceiling.toFixed(2)} on ${
        volRatio.toFixed(2)
      }x volume`,
    });
  }
  if (floor !== null && pc >= floor && c < floor) {
    return makeRow(NAME, bars, {
      signal: "sell",
      label: "BOX BREAKDOWN",
      direction: "short",
      score: 80,
      stop: ceiling,
      target: floor - height,
      values,
      reason: `close ${c.toFixed(2)} fell through the box floor ${floor.toFixed(2)}`,
    });
  }
  if (c > ceiling && (c - ceiling) / ceiling < p.momentumPct) {
    return makeRow(NAME, bars, {
      signal: "hold",
      label: "MOMENTUM (Post-Breakout)",
      direction: "long",
      score: 60,
      stop: longStop,
      target: longTarget,
      values,
      reason: `close ${(100 * (c / ceiling - 1)).toFixed(2)} % above the ceiling ${
        ceiling.toFixed(2)
      }`,
    });
  }
  return makeRow(NAME, bars, {
    signal: "wait",
    label: "WAIT",
    score: 0,
    values,
    reason: floor !== null
      ? `close ${c.toFixed(2)} relative to box ${floor.toFixed(2)}-${ceiling.toFixed(2)}`
      : `close ${c.toFixed(2)} below the ceiling ${ceiling.toFixed(2)}, no floor yet`,
  });
}

/** Darvas box screener. */
export const darvas: ScreenerDefinition<typeof DarvasParams> = {
  name: NAME,
  title: "Darvas box",
  description:
    "Box from the latest 3-bar pivot high (ceiling) and the next pivot low beneath it (floor): " +
    "a close through the ceiling on 1.2x average volume is a breakout, through the floor a " +
    "breakdown. Stop at the floor, target one box height above the ceiling.",
  params: DarvasParams,
  needs: [],
  category: "trend",
  run: darvasRow,
};
