// The ThetaForge command line: `npx deno task cli <command> --json`. See lib/cli/registry.ts.
import { dirname } from "node:path";
import { runCli } from "./lib/cli/run.ts";
import { COMMANDS } from "./lib/cli/registry.ts";
import { kvPathFromEnv } from "./lib/storage/kv.ts";

const encoder = new TextEncoder();
let kv: Deno.Kv | null = null;
const status = await runCli(Deno.args, {
  stdout: (text) => Deno.stdout.writeSync(encoder.encode(text)),
  stderr: (text) => Deno.stderr.writeSync(encoder.encode(text)),
  readFile: (path) => Deno.readFile(path),
  writeFile: (path, data) => Deno.writeFile(path, data),
  openKv: async () => {
    if (kv) return kv;
    const path = kvPathFromEnv();
    if (!path.includes("://") && path !== ":memory:") {
      await Deno.mkdir(dirname(path), { recursive: true });
    }
    return (kv = await Deno.openKv(path));
  },
  now: () => Date.now(),
}, COMMANDS);
kv?.close();
Deno.exit(status);
