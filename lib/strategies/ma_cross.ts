/**
 * Moving-average crossover strategies: `sma_cross` and `ema_cross`.
 * @module
 */
import { z } from "zod";
import { ema, sma } from "../indicators/mod.ts";
import { firstDefined } from "../rules/cross.ts";
import { ENTER_LONG, ENTER_SHORT, EXIT_LONG, EXIT_SHORT } from "../backtest/types.ts";
import type { StrategyDefinition, StrategySignals } from "./types.ts";
import { BLOCK } from "../indicators/block.ts";

/** Parameters of the crossover strategies: fast and slow periods, fast < slow. */
export const MaCrossParams = z.object({
  fast: z.number().int().min(1).default(10),
  slow: z.number().int().min(2).default(20),
}).strict().refine((p) => p.fast < p.slow, { message: "fast must be below slow", path: ["fast"] });
/** Parsed crossover parameters. */
export type MaCrossParams = z.infer<typeof MaCrossParams>;

/**
 * Flags for a crossover of `fast` over `slow`: crossing above gives ENTER_LONG | EXIT_SHORT,
 * crossing below gives ENTER_SHORT | EXIT_LONG (always in the market when shorts are allowed,
 * like backtesting.py's SmaCross with `exclusive_orders=True`).
 */
export function crossSignals(fast: Float64Array, slow: Float64Array): StrategySignals {
  const n = fast.length;
  const flags = new Uint8Array(n);
  // crossedAbove / crossedBelow (lib/rules/cross.ts) in one pass, run in blocks of BLOCK bars so
  // V8 optimises the kernel early and never runs the whole series in deoptimised code (see
  // lib/indicators/block.ts)
  for (let i = 1; i < n; i += BLOCK) crossBlock(fast, slow, flags, i, Math.min(n, i + BLOCK));
  return { flags, warmup: firstDefined([fast, slow]), indicators: { fast, slow } };
}

const UP = ENTER_LONG | EXIT_SHORT;
const DOWN = ENTER_SHORT | EXIT_LONG;

function crossBlock(
  fast: Float64Array,
  slow: Float64Array,
  flags: Uint8Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const fPrev = fast[i - 1];
    const sPrev = slow[i - 1];
    if (fPrev < sPrev) {
      if (fast[i] > slow[i]) flags[i] = UP;
    } else if (fPrev > sPrev && fast[i] < slow[i]) flags[i] = DOWN;
  }
}

/**
 * `sma_cross`: long when SMA(fast) crosses above SMA(slow), short (or flat when long-only)
 * when it crosses below. Defaults 10/20, backtesting.py's README example.
 */
export const smaCross: StrategyDefinition<MaCrossParams> = {
  name: "sma_cross",
  summary: "SMA(fast) crossing SMA(slow): long above, short below",
  params: MaCrossParams,
  signals({ bars, cache }, { fast, slow }) {
    const f = cache.get(bars, `sma:${fast}`, () => sma(bars.close, fast));
    const s = cache.get(bars, `sma:${slow}`, () => sma(bars.close, slow));
    return crossSignals(f, s);
  },
};

/** `ema_cross`: as `sma_cross` with EMAs (seeded with the SMA of the first n closes). */
export const emaCross: StrategyDefinition<MaCrossParams> = {
  name: "ema_cross",
  summary: "EMA(fast) crossing EMA(slow): long above, short below",
  params: MaCrossParams,
  signals({ bars, cache }, { fast, slow }) {
    const f = cache.get(bars, `ema:${fast}`, () => ema(bars.close, fast));
    const s = cache.get(bars, `ema:${slow}`, () => ema(bars.close, slow));
    return crossSignals(f, s);
  },
};
