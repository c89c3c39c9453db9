/**
 * The CLI runner: dispatches to a command, prints help, maps errors to one stderr line.
 * @module
 */
import { CliError, type CliIo, type Command } from "./command.ts";

/** Runs the CLI with `argv` (without the program name) and returns the exit status. */
export async function runCli(
  argv: string[],
  io: CliIo,
  commands: readonly Command[],
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(helpText(commands));
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`error: unknown command "${name}" (run with --help to list commands)\n`);
    return 1;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.usage.trimEnd() + "\n");
    return 0;
  }
  try {
    await command.run(rest, io);
    return 0;
  } catch (err) {
    const message = err instanceof CliError || err instanceof RangeError || err instanceof TypeError
      ? err.message
      : `${(err as Error).message ?? err}`;
    io.stderr(`error: ${message.split("\n")[0]}\n`);
    return 1;
  }
}

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    "ThetaForge CLI",
    "",
    "Usage: npx deno task cli <command> [flags] [--json]",
    "       npm run -s cli -- <command> [flags] [--json]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `cli <command> --help` for a command's flags.",
    "",
  ].join("\n");
}
