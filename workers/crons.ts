/**
 * Periodic jobs. `Deno.cron` registrations are made once, from `main.ts` at start-up (never from
 * tests); schedules are UTC. Job bodies live in their own modules with injected dependencies so
 * tests call them directly.
 * @module
 */
import type { Deps } from "../lib/http/env.ts";
import { sweepStaleChunks } from "../lib/storage/bars_repo.ts";

/** Registers every cron job. */
export function registerCrons(deps: Deps): void {
  Deno.cron("sweep-stale-imports", "17 * * * *", async () => {
    await sweepStaleChunks(deps.kv);
  });
}
