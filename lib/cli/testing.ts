/**
 * A CLI test harness: runs commands in-process over an in-memory KV and a map of files, and
 * captures stdout, stderr and the exit status. Not exported from any `mod.ts`.
 * @module
 */
import type { CliIo, Command } from "./command.ts";
import { runCli } from "./run.ts";
import { COMMANDS } from "./registry.ts";

/** The outcome of one CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A harness; dispose it with `using` to close its KV. */
export interface CliHarness {
  run(...argv: string[]): Promise<CliRun>;
  kv: Deno.Kv;
  /** Files written by commands (`--out` and the like), by path. */
  written: Map<string, Uint8Array>;
  [Symbol.dispose](): void;
}

/**
 * Builds a harness. `files` maps paths to contents the commands may read; `commands` defaults to
 * the full registry.
 */
export async function cliHarness(
  files: Record<string, string | Uint8Array> = {},
  options: { commands?: readonly Command[]; now?: number } = {},
): Promise<CliHarness> {
  const kv = await Deno.openKv(":memory:");
  const written = new Map<string, Uint8Array>();
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    readFile: (p) => {
      if (!(p in files)) return Promise.reject(new Deno.errors.NotFound(p));
      const f = files[p];
      return Promise.resolve(typeof f === "string" ? new TextEncoder().encode(f) : f);
    },
    writeFile: (p, data) => {
      written.set(p, data);
      return Promise.resolve();
    },
    openKv: () => Promise.resolve(kv),
    now: () => options.now ?? 0,
  };
  return {
    kv,
    written,
    async run(...argv) {
      out.length = 0;
      err.length = 0;
      const code = await runCli(argv, io, options.commands ?? COMMANDS);
      return { code, stdout: out.join(""), stderr: err.join("") };
    },
    [Symbol.dispose]: () => kv.close(),
  };
}
