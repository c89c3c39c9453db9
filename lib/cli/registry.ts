/**
 * Every CLI command, in the order `cli --help` lists them. Add a command by writing
 * `commands/<name>.ts` and listing it here.
 * @module
 */
import type { Command } from "./command.ts";
import { symbolsCommand } from "./commands/symbols.ts";
import { importCommand } from "./commands/import.ts";
import { barsCommand } from "./commands/bars.ts";
import { fetchCommand } from "./commands/fetch.ts";
import { indicatorsCommand } from "./commands/indicators.ts";
import { backtestCommand } from "./commands/backtest.ts";
import { greeksCommand } from "./commands/greeks.ts";
import { ivCommand } from "./commands/iv.ts";
import { montecarloCommand } from "./commands/montecarlo.ts";
import { auditCommand } from "./commands/audit.ts";
import { optimizeCommand } from "./commands/optimize.ts";
import { walkforwardCommand } from "./commands/walkforward.ts";
import { screenCommand } from "./commands/screen.ts";
import { checkCommand } from "./commands/check.ts";
import { tokenCommand } from "./commands/token.ts";

export const COMMANDS: readonly Command[] = [
  importCommand,
  symbolsCommand,
  barsCommand,
  fetchCommand,
  indicatorsCommand,
  backtestCommand,
  greeksCommand,
  ivCommand,
  montecarloCommand,
  auditCommand,
  optimizeCommand,
  walkforwardCommand,
  screenCommand,
  checkCommand,
  tokenCommand,
];
