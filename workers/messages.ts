/**
 * Queue payloads: events named `...Requested`, plain JSON, one zod schema each. Every message
 * carries the owner it acts for.
 * @module
 */
import * as z from "zod";
import { BacktestRequested } from "./backtest_job.ts";
import { OptimizationRequested } from "./optimize_job.ts";

/** A no-op message used to check the queue end to end. */
export const PingRequested = z.object({
  type: z.literal("PingRequested"),
  id: z.string().min(1),
  owner: z.string().min(1),
});

/** Every message the queue accepts. Add a message: add its schema here and a handler in queue.ts. */
export const QueueMessage = z.discriminatedUnion("type", [
  PingRequested,
  BacktestRequested,
  OptimizationRequested,
]);
export type QueueMessage = z.infer<typeof QueueMessage>;
