/**
 * The `BacktestRequested` queue message and its handler: runs a stored backtest in full (no time
 * budget), updating its progress and result (lib/backtest/jobs.ts). Idempotent: a finished run is
 * left alone.
 * @module
 */
import * as z from "zod";
import type { Deps } from "../lib/http/env.ts";
import { executeRun } from "../lib/backtest/jobs.ts";

/** Run the stored backtest `id` of `owner`. */
export const BacktestRequested = z.object({
  type: z.literal("BacktestRequested"),
  id: z.string().min(1),
  owner: z.string().min(1),
});
/** Run the stored backtest `id` of `owner`. */
export type BacktestRequested = z.infer<typeof BacktestRequested>;

/** Queue handler for {@link BacktestRequested}. */
export async function handleBacktestRequested(msg: BacktestRequested, deps: Deps): Promise<void> {
  await executeRun(deps.kv, msg.owner, msg.id, { now: () => deps.clock.now() });
}
