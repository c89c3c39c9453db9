/**
 * `cli check`: every screener's verdict (hold, exit, watch) on one stored symbol.
 * @module
 */
import { CliError, type Command, numberFlag, parseFlags, printJson, required } from "../command.ts";
import { Symbol } from "../../domain/symbol.ts";
import { parseTimestamp } from "../../data/time.ts";
import { LOCAL_OWNER } from "../../http/env.ts";
import { kvBarSource } from "../../screeners/bar_source.ts";
import { checkPosition } from "../../screeners/check.ts";
import { getScreener, screenerNames } from "../../screeners/mod.ts";
import { benchmarkForSymbol, VIX_SYMBOL } from "../../screeners/universes.ts";

/** `cli check --symbol SYM [--entry-price P] [--entry-date D] [--screener NAME ...] --json` */
export const checkCommand: Command = {
  name: "check",
  summary: "Check a position: every screener's hold / exit / watch verdict on one symbol",
  usage: `Usage: cli check --symbol SYM [--entry-price P | --entry-date YYYY-MM-DD]
       [--screener NAME ...] [--benchmark SYM] [--json]

Runs every screener (or those named) on the stored bars of SYM with liquidity gates off, and
prints each verdict with its reason. With --entry-date and no price, the entry is the close on
(or before) that date. The benchmark defaults by suffix: SPY, ^FTSE (.L), ^NSEI (.NS).`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      symbol: { type: "string" },
      "entry-price": { type: "string" },
      "entry-date": { type: "string" },
      screener: { type: "string", multiple: true },
      benchmark: { type: "string" },
    });
    const sym = Symbol.safeParse(required("symbol", values.symbol));
    if (!sym.success) throw new CliError(`--symbol: ${sym.error.issues[0].message}`);
    const entryPrice = numberFlag("entry-price", values["entry-price"], { min: 0 });
    let entryTs: number | undefined;
    if (values["entry-date"] !== undefined) {
      entryTs = parseTimestamp(values["entry-date"]);
      if (Number.isNaN(entryTs)) {
        throw new CliError(`--entry-date: not a date: "${values["entry-date"]}"`);
      }
    }
    for (const n of values.screener ?? []) {
      if (!getScreener(n)) {
        throw new CliError(
          `--screener: unknown screener "${n}", expected one of ${screenerNames().join(", ")}`,
        );
      }
    }
    const kv = await io.openKv();
    const source = kvBarSource(kv, LOCAL_OWNER);
    const bars = await source.load(sym.data);
    if (!bars) throw new CliError(`--symbol: no bars stored for ${sym.data}`);
    const benchName = values.benchmark?.toUpperCase() ?? benchmarkForSymbol(sym.data);
    const benchmark = (await source.load(benchName)) ?? undefined;
    const vix = (await source.load(VIX_SYMBOL)) ?? undefined;
    const result = checkPosition(
      {
        bars,
        symbol: sym.data,
        benchmark,
        benchmarkSymbol: benchmark ? benchName : undefined,
        vix,
      },
      { entryPrice, entryTs },
      { screeners: values.screener },
    );
    if (values.json) {
      return printJson(io, {
        symbol: sym.data,
        benchmark: benchmark ? benchName : null,
        ...result,
        verdicts: result.verdicts.map(({ row, ...v }) => ({
          ...v,
          signal: row.signal,
          stop: row.stop,
          target: row.target,
        })),
      });
    }
    const f = (x: number | null) => (x === null ? "-" : x.toFixed(2));
    io.stdout(
      `${sym.data} ${f(result.price)}` +
        (result.entryPrice !== null
          ? ` (entry ${f(result.entryPrice)}, P&L ${f(result.pnlPct)} %)`
          : "") +
        `: ${result.summary.hold} hold, ${result.summary.exit} exit, ${result.summary.watch} watch, ${result.summary.not_evaluated} not evaluated\n`,
    );
    for (const v of result.verdicts) {
      io.stdout(`${v.screener.padEnd(16)} ${v.verdict.padEnd(13)} ${v.label}: ${v.reason}\n`);
    }
  },
};
