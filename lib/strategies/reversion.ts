/**
 * Mean-reversion strategies: `rsi_mean_reversion` and `bollinger_reversion`, plus the
 * `buy_and_hold` baseline.
 * @module
 */
import { z } from "zod";
import { bbands, rsi } from "../indicators/mod.ts";
import { firstDefined } from "../rules/cross.ts";
import { ENTER_LONG, ENTER_SHORT, EXIT_LONG, EXIT_SHORT } from "../backtest/types.ts";
import type { StrategyDefinition } from "./types.ts";

/** Parameters of `rsi_mean_reversion`. */
export const RsiParams = z.object({
  period: z.number().int().min(1).default(14),
  lower: z.number().min(0).max(100).default(30),
  upper: z.number().min(0).max(100).default(70),
}).strict().refine((p) => p.lower < p.upper, {
  message: "lower must be below upper",
  path: ["lower"],
});
/** Parsed `rsi_mean_reversion` parameters. */
export type RsiParams = z.infer<typeof RsiParams>;

/**
 * `rsi_mean_reversion`: RSI(period) below `lower` enters long (and covers shorts); above `upper`
 * enters short (and sells longs). Wilder RSI, first defined at index `period`.
 */
export const rsiMeanReversion: StrategyDefinition<RsiParams> = {
  name: "rsi_mean_reversion",
  summary: "RSI below lower: long; above upper: short",
  params: RsiParams,
  signals({ bars, cache }, { period, lower, upper }) {
    const r = cache.get(bars, `rsi:${period}`, () => rsi(bars.close, period));
    const n = bars.length;
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (r[i] < lower) flags[i] = ENTER_LONG | EXIT_SHORT;
      else if (r[i] > upper) flags[i] = ENTER_SHORT | EXIT_LONG;
    }
    return { flags, warmup: firstDefined([r]), indicators: { rsi: r } };
  },
};

/** Parameters of `bollinger_reversion`. */
export const BollingerParams = z.object({
  period: z.number().int().min(2).default(20),
  k: z.number().positive().default(2),
}).strict();
/** Parsed `bollinger_reversion` parameters. */
export type BollingerParams = z.infer<typeof BollingerParams>;

/**
 * `bollinger_reversion`: a close below the lower band (SMA − k·σ, population σ) enters long, above
 * the upper band enters short; a long exits at a close at or above the middle band, a short at
 * or below it.
 */
export const bollingerReversion: StrategyDefinition<BollingerParams> = {
  name: "bollinger_reversion",
  summary: "Close outside the Bollinger band: fade it; exit at the middle band",
  params: BollingerParams,
  signals({ bars, cache }, { period, k }) {
    const b = cache.get(bars, `bbands:${period}:${k}`, () => bbands(bars.close, period, k));
    const n = bars.length;
    const close = bars.close;
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = close[i];
      let f = 0;
      if (c < b.lower[i]) f |= ENTER_LONG;
      if (c > b.upper[i]) f |= ENTER_SHORT;
      if (c >= b.middle[i]) f |= EXIT_LONG;
      if (c <= b.middle[i]) f |= EXIT_SHORT;
      flags[i] = f;
    }
    return {
      flags,
      warmup: firstDefined([b.upper, b.middle, b.lower]),
      indicators: { upper: b.upper, middle: b.middle, lower: b.lower },
    };
  },
};

/** `buy_and_hold` takes no parameters. */
export const BuyAndHoldParams = z.object({}).strict();

/**
 * `buy_and_hold`: long from the first evaluated bar (bar 1; filled at bar 2's open) to the end.
 */
export const buyAndHold: StrategyDefinition<Record<string, never>> = {
  name: "buy_and_hold",
  summary: "Buy once and hold to the end",
  params: BuyAndHoldParams as unknown as z.ZodType<Record<string, never>>,
  signals({ bars }) {
    return { flags: new Uint8Array(bars.length).fill(ENTER_LONG), warmup: 0 };
  },
};
