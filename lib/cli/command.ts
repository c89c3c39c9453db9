/**
 * The CLI's command contract. A command parses its own flags with {@link parseFlags}, does its work
 * through injected {@link CliIo}, and throws {@link CliError} for bad input: the runner prints the
 * message as one line on stderr and exits 1.
 * @module
 */
import { parseArgs, type ParseArgsOptionDescriptor } from "node:util";
import { toSafeJson } from "../http/json.ts";

/** Input and output seams so commands are testable without spawning a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /**
   * The KV store the command works on (THETAFORGE_KV or the default file). Shared and closed by
   * the runner: commands must not close it.
   */
  openKv(): Promise<Deno.Kv>;
  now(): number;
}

/** One CLI command. */
export interface Command {
  name: string;
  /** One line for `cli --help`. */
  summary: string;
  /** Full usage text for `cli <name> --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<void>;
}

/** Bad input: printed as one line on stderr, exit status 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

type Flags = Record<string, ParseArgsOptionDescriptor>;

/**
 * Parses `args` against `flags` (strict: unknown flags are errors). `--json` and `--help` are
 * always accepted.
 */
export function parseFlags<T extends Flags>(args: string[], flags: T) {
  try {
    return parseArgs({
      args,
      options: { ...flags, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new CliError((err as Error).message.split("\n")[0]);
  }
}

/** Parses a numeric flag, naming it in the error. */
export function numberFlag(
  name: string,
  value: string | undefined,
  options: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x)) {
    throw new CliError(`--${name}: expected a number, was "${value}"`);
  }
  if (options.integer && !Number.isInteger(x)) {
    throw new CliError(`--${name}: expected a whole number, was "${value}"`);
  }
  if (options.min !== undefined && x < options.min) {
    throw new CliError(`--${name}: must be at least ${options.min}, was ${x}`);
  }
  if (options.max !== undefined && x > options.max) {
    throw new CliError(`--${name}: must be at most ${options.max}, was ${x}`);
  }
  return x;
}

/** Requires a flag, naming it in the error. */
export function required<T>(name: string, value: T | undefined): T {
  if (value === undefined || value === "") throw new CliError(`--${name} is required`);
  return value;
}

/** Writes `value` as pretty JSON (NaN and Infinity as null) followed by a newline. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(toSafeJson(value, 2) + "\n");
}
