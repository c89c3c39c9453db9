/**
 * The `OptimizationRequested` queue message and its handler: runs a stored optimisation (grid or
 * random search, or walk-forward analysis) in full, writing progress and the result
 * (lib/optimize/jobs.ts). Idempotent: a finished optimisation is left alone.
 * @module
 */
import * as z from "zod";
import type { Deps } from "../lib/http/env.ts";
import { executeOptimization } from "../lib/optimize/jobs.ts";

/** Run the stored optimisation `id` of `owner`. */
export const OptimizationRequested = z.object({
  type: z.literal("OptimizationRequested"),
  id: z.string().min(1),
  owner: z.string().min(1),
});
/** Run the stored optimisation `id` of `owner`. */
export type OptimizationRequested = z.infer<typeof OptimizationRequested>;

/** Queue handler for {@link OptimizationRequested}. */
export async function handleOptimizationRequested(
  msg: OptimizationRequested,
  deps: Deps,
): Promise<void> {
  await executeOptimization(deps.kv, msg.owner, msg.id, { now: () => deps.clock.now() });
}
