/**
 * Load test: the real server (`main.ts`, file-backed KV, bundled sample data) under autocannon at
 * 100 concurrent connections for 30 s per scenario (LOAD_SECONDS overrides), authenticated with a
 * rate-limit-exempt API token. Rows report the median latency; notes carry p99, throughput,
 * errors and non-2xx answers. Server and load generator share this machine's cores.
 * @module
 */
import autocannon from "autocannon";
import type { BenchTable } from "./harness.ts";
import { createApiToken } from "../auth/api_tokens.ts";
import { hashPassword } from "../auth/password.ts";
import { createUser } from "../auth/users.ts";

const CONNECTIONS = 100;

async function startServer(kvPath: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    env: { PORT: "0", THETAFORGE_KV: kvPath, DENO_NO_UPDATE_CHECK: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  while (!/listening on (\S+)/.test(buf)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`load: server exited early: ${buf}`);
    buf += value;
  }
  (async () => {
    try {
      while (!(await reader.read()).done) { /* drain */ }
    } catch { /* closed */ }
  })();
  return { url: buf.match(/listening on (\S+)/)![1].replace(/\/$/, ""), child };
}

/** Runs the load scenarios and returns one table. */
export default async function loadBench(): Promise<BenchTable[]> {
  const seconds = Number(Deno.env.get("LOAD_SECONDS") ?? 30);
  const dir = await Deno.makeTempDir({ prefix: "tf-load-" });
  const kvPath = `${dir}/load.kv`;
  // An account and an exempt token, written before the server opens the store.
  const kv = await Deno.openKv(kvPath);
  const user = await createUser(kv, {
    username: "load",
    passwordHash: await hashPassword(crypto.randomUUID()),
    now: Date.now(),
    newId: () => crypto.randomUUID(),
  });
  if (!user.ok) throw new Error("load: could not create the user");
  const token = await createApiToken(kv, user.user.id, {
    name: "load test",
    now: Date.now(),
    id: "load",
    unlimited: true,
  });
  kv.close();
  if (!token.ok) throw new Error("load: could not create the token");

  const server = await startServer(kvPath);
  const rows = [];
  const notes: string[] = [];
  try {
    const scenarios: [string, string][] = [
      ["GET /api/v1/health", "/api/v1/health"],
      ["GET /api/v1/symbols", "/api/v1/symbols"],
      ["GET /api/v1/bars/SPY?last=250", "/api/v1/bars/SPY?last=250"],
    ];
    for (const [name, path] of scenarios) {
      const r = await autocannon({
        url: server.url + path,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { authorization: `Bearer ${token.secret}` },
      });
      const failures = r.errors + r.timeouts + r.non2xx;
      rows.push({
        name,
        ms: r.latency.p50,
        note: `p99 ${r.latency.p99} ms, ${Math.round(r.requests.average)} req/s, ${
          r.requests.total.toLocaleString("en-US")
        } requests, errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}`,
      });
      if (failures > 0) notes.push(`${name}: ${failures} failed requests`);
    }
  } finally {
    server.child.kill("SIGTERM");
    await server.child.status;
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
  notes.unshift(
    `${CONNECTIONS} connections x ${seconds} s per row, autocannon 9 in the same ${navigator.hardwareConcurrency}-core machine as the server; ms column = p50 latency`,
  );
  return [{ title: "HTTP API under load (autocannon)", rows, notes }];
}
