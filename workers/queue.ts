/**
 * The KV queue consumer. Delivery is at-least-once: each message is parsed with zod, deduplicated
 * by a done-key written after success, and dispatched to its handler. A malformed message is
 * logged and acknowledged (it would never succeed); a throwing handler asks KV to redeliver.
 * @module
 */
import * as z from "zod";
import type { Deps } from "../lib/http/env.ts";
import { QueueMessage } from "./messages.ts";
import { handleBacktestRequested } from "./backtest_job.ts";
import { handleOptimizationRequested } from "./optimize_job.ts";

/** Handlers by message type; each must be safe to run twice. */
export type QueueHandlers = {
  [T in QueueMessage["type"]]: (
    msg: Extract<QueueMessage, { type: T }>,
    deps: Deps,
  ) => Promise<void>;
};

/** The handlers `main.ts` registers. */
export const HANDLERS: QueueHandlers = {
  PingRequested: async (msg, deps) => {
    await deps.kv.set(["queue_ping", msg.owner, msg.id], deps.clock.now());
  },
  BacktestRequested: handleBacktestRequested,
  OptimizationRequested: handleOptimizationRequested,
};

/** Handles one delivery. */
export async function handleQueueMessage(
  deps: Deps,
  raw: unknown,
  handlers: QueueHandlers = HANDLERS,
): Promise<"done" | "duplicate" | "dropped"> {
  const parsed = QueueMessage.safeParse(raw);
  if (!parsed.success) {
    console.error(`queue: dropped malformed message\n${z.prettifyError(parsed.error)}`);
    return "dropped";
  }
  const msg = parsed.data;
  const doneKey = ["queue_done", msg.type, idOf(msg)];
  if ((await deps.kv.get(doneKey)).value !== null) return "duplicate";
  const handler = handlers[msg.type] as (m: QueueMessage, d: Deps) => Promise<void>;
  await handler(msg, deps);
  await deps.kv.set(doneKey, true, { expireIn: 7 * 24 * 3_600_000 });
  return "done";
}

function idOf(msg: QueueMessage): string {
  return `${msg.owner}:${msg.id}`;
}

/** Starts consuming the queue (from main.ts). */
export function listenQueue(deps: Deps): void {
  deps.kv.listenQueue((raw) => handleQueueMessage(deps, raw).then(() => {}));
}
