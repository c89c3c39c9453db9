// The ThetaForge command line: `npx deno task cli <command> --json`. See lib/cli/registry.ts.
import { dirname } from "node:path";
import { runCli } from "./lib/cli/run.ts";
import { COMMANDS } from "./lib/cli/registry.ts";
import { kvPathFromEnv } from "./lib/storage/kv.ts";

const encoder = new TextEncoder();
const store: { kv?: Deno.Kv } = {};
const status = await runCli(Deno.args, {
  stdout: (text) => Deno.stdout.writeSync(encoder.encode(text)),
  stderr: (text) => Deno.stderr.writeSync(encoder.encode(text)),
  readFile: (path) => Deno.readFile(path),
  writeFile: (path, data) => Deno.writeFile(path, data),
  openKv: async () => {
    if (store.kv) return store.kv;
    const path = kvPathFromEnv();
    if (!path.includes("://") && path !== ":memory:") {
      await Deno.mkdir(dirname(path), { recursive: true });
    }
    return (store.kv = await Deno.openKv(path));
  },
  now: () => Date.now(),
}, COMMANDS);
store.kv?.close();
Deno.exit(status);
