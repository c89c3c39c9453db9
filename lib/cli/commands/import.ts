import { CliError, type Command, parseFlags, printJson, required } from "../command.ts";
import { importCsv } from "../../data/market.ts";
import { formatIssues } from "../../data/csv.ts";
import { Symbol } from "../../domain/symbol.ts";
import { LOCAL_OWNER } from "../../http/env.ts";
import { symbolInfo } from "../../../routes/api/market.ts";

/** `cli import --file F --symbol SYM [--mode merge|replace] [--sort] [--dedupe] [--adjust]` */
export const importCommand: Command = {
  name: "import",
  summary: "Import an OHLCV CSV file into the store",
  usage:
    `Usage: cli import --file FILE --symbol SYM [--mode merge|replace] [--sort] [--dedupe] [--adjust] [--json]

Imports bars for SYM (default: the file name). Formats: ",Open,High,Low,Close,Volume" with a
date index, Yahoo "Date,Open,High,Low,Close,Adj Close,Volume", or any CSV with a
timestamp/date/time column. A file with any bad row saves nothing; the error names the line.
  --mode     merge (default) adds to stored bars; replace swaps the whole history
  --sort     sort an unsorted file instead of rejecting it
  --dedupe   drop duplicate timestamps (the last row wins) instead of rejecting them
  --adjust   multiply OHLC by Adj Close / Close (Yahoo files)`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      file: { type: "string" },
      symbol: { type: "string" },
      mode: { type: "string" },
      sort: { type: "boolean" },
      dedupe: { type: "boolean" },
      adjust: { type: "boolean" },
    });
    const file = required("file", values.file);
    const mode = values.mode ?? "merge";
    if (mode !== "merge" && mode !== "replace") {
      throw new CliError(`--mode: expected merge or replace, was "${mode}"`);
    }
    const name = values.symbol ?? file.split("/").pop()!.replace(/\.[^.]*$/, "");
    const symbol = Symbol.safeParse(name);
    if (!symbol.success) throw new CliError(`--symbol: ${symbol.error.issues[0].message}`);
    let text: string;
    try {
      text = new TextDecoder().decode(await io.readFile(file));
    } catch {
      throw new CliError(`--file: cannot read "${file}"`);
    }
    const kv = await io.openKv();
    const result = await importCsv(kv, LOCAL_OWNER, symbol.data, text, {
      mode,
      sort: values.sort,
      dedupe: values.dedupe,
      adjust: values.adjust,
      now: io.now(),
    });
    if (!result.ok) {
      const extra = result.issues.length > 1 ? ` (+${result.issues.length - 1} more)` : "";
      throw new CliError(
        `${file}: ${formatIssues(result.issues.slice(0, 1))}${extra}; nothing saved`,
      );
    }
    const out = {
      ...symbolInfo(result.manifest),
      imported: result.imported,
      format: result.format,
    };
    if (values.json) printJson(io, out);
    else {
      io.stdout(
        `imported ${result.imported} bars into ${out.symbol}: ${out.count} stored (${out.timeframe})\n`,
      );
    }
  },
};
