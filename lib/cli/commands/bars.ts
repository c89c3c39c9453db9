import { CliError, type Command, parseFlags, printJson, required } from "../command.ts";
import { getSeries } from "../../data/market.ts";
import { parseTimestamp, type Timeframe, TIMEFRAMES } from "../../data/time.ts";
import { toOhlcvCsv } from "../../data/csv.ts";
import { Symbol } from "../../domain/symbol.ts";
import { LOCAL_OWNER } from "../../http/env.ts";

/** `cli bars --symbol SYM [--from D] [--to D] [--timeframe TF] [--json]` */
export const barsCommand: Command = {
  name: "bars",
  summary: "Print stored bars for a symbol (CSV, or columns with --json)",
  usage: `Usage: cli bars --symbol SYM [--from DATE] [--to DATE] [--timeframe ${
    TIMEFRAMES.join("|")
  }] [--json]

Prints bars as CSV, or with --json as { symbol, timeframe, count, ts, open, high, low, close, volume }.
Weekly bars are ISO weeks (Mon-Sun), monthly bars calendar months; a resampled bar is stamped
with its first source bar's time.`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      symbol: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      timeframe: { type: "string" },
    });
    const symbol = Symbol.safeParse(required("symbol", values.symbol));
    if (!symbol.success) throw new CliError(`--symbol: ${symbol.error.issues[0].message}`);
    const bound = (name: string, v?: string) => {
      if (v === undefined) return undefined;
      const t = parseTimestamp(v);
      if (Number.isNaN(t)) throw new CliError(`--${name}: not a date or time: "${v}"`);
      return t;
    };
    const tf = values.timeframe as Timeframe | undefined;
    if (tf && !TIMEFRAMES.includes(tf)) {
      throw new CliError(`--timeframe: expected one of ${TIMEFRAMES.join(", ")}, was "${tf}"`);
    }
    const kv = await io.openKv();
    const found = await getSeries(kv, LOCAL_OWNER, symbol.data, {
      from: bound("from", values.from),
      to: bound("to", values.to),
      timeframe: tf,
    });
    if (!found) throw new CliError(`--symbol: no bars stored for ${symbol.data}`);
    const b = found.bars;
    if (values.json) {
      return printJson(io, {
        symbol: symbol.data,
        timeframe: found.timeframe,
        count: b.length,
        ts: b.ts,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        volume: b.volume,
      });
    }
    io.stdout(toOhlcvCsv(b));
    if (b.length === 0) io.stderr(`no bars between the given dates\n`);
  },
};
