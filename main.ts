// Entry point: open KV, seed sample data, sweep stale imports, register crons and the queue
// listener, and serve. Configuration: PORT (default 8000; 0 picks a free port), HOST
// (default 127.0.0.1), THETAFORGE_KV (file path, :memory:, or a KV Connect URL).
import { dirname } from "node:path";
import { createApp } from "./app.tsx";
import { DEFAULT_CONFIG, systemClock } from "./lib/http/env.ts";
import { accountOwner } from "./lib/auth/middleware.ts";
import { accountsExist } from "./lib/auth/users.ts";
import { kvPathFromEnv } from "./lib/storage/kv.ts";
import { sweepStaleChunks } from "./lib/storage/bars_repo.ts";
import { seedSampleData } from "./lib/data/sample.ts";
import { registerCrons } from "./workers/crons.ts";
import { listenQueue } from "./workers/queue.ts";

const kvPath = kvPathFromEnv();
if (!kvPath.includes("://") && kvPath !== ":memory:") {
  await Deno.mkdir(dirname(kvPath), { recursive: true });
}
const kv = await Deno.openKv(kvPath);
const swept = await sweepStaleChunks(kv);
if (swept > 0) console.log(`swept ${swept} chunks left by interrupted imports`);
const seeded = await seedSampleData(kv);
if (seeded > 0) console.log(`loaded ${seeded} bundled sample symbols`);

const deps = {
  kv,
  clock: systemClock,
  config: {
    ...DEFAULT_CONFIG,
    secure: Deno.env.get("THETAFORGE_SECURE") === "1",
    yahooBaseUrl: Deno.env.get("THETAFORGE_YAHOO_URL") || undefined,
    trustProxy: Deno.env.get("THETAFORGE_TRUST_PROXY") === "1",
  },
  currentOwner: accountOwner,
  newId: () => crypto.randomUUID(),
};
registerCrons(deps);
listenQueue(deps);

const app = createApp(deps);
if (!(await accountsExist(kv))) {
  console.log("single-user mode: no account yet; the first one created at /signup owns this data");
}
Deno.serve({
  hostname: Deno.env.get("HOST") ?? "127.0.0.1",
  port: Number(Deno.env.get("PORT") ?? 8000),
  onListen: ({ hostname, port }) =>
    console.log(`ThetaForge listening on http://${hostname}:${port}/`),
}, app.fetch);
