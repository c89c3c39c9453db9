/**
 * Flag helpers shared by the options and Monte Carlo commands.
 * @module
 */
import { CliError, numberFlag, required } from "../command.ts";
import type { OptionType } from "../../options/bsm.ts";

/**
 * Rewrites `--flag -0.5` as `--flag=-0.5` so negative numbers (rates, ruin thresholds) can be
 * passed the usual way; node's parseArgs would read "-0.5" as an option.
 */
export function joinNegativeNumbers(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if (a.startsWith("--") && !a.includes("=") && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** `--type call|put`. */
export function optionType(value: string | undefined): OptionType {
  const v = required("type", value);
  if (v !== "call" && v !== "put") throw new CliError(`--type: expected call or put, was "${v}"`);
  return v;
}

/** A required numeric flag. */
export function requiredNumber(
  name: string,
  value: string | undefined,
  options: { min?: number; max?: number; integer?: boolean } = {},
): number {
  return numberFlag(name, required(name, value), options)!;
}
