import { CliError, type Command, parseFlags, printJson } from "../command.ts";
import { formatIssues, parseOhlcvCsv } from "../../data/csv.ts";
import { getSeries, shapeSeries } from "../../data/market.ts";
import { formatTimestamp, parseTimestamp, type Timeframe, TIMEFRAMES } from "../../data/time.ts";
import type { BarSeries } from "../../domain/bar.ts";
import { Symbol } from "../../domain/symbol.ts";
import { LOCAL_OWNER } from "../../http/env.ts";
import {
  INDICATORS,
  MAX_SPECS,
  parseIndicatorSpecs,
  splitSpecList,
} from "../../indicators/spec.ts";
import { indicatorTable } from "../../indicators/table.ts";

/** `cli indicators (--data FILE | --symbol SYM) --ind SPEC... [--from D] [--to D] [--json]` */
export const indicatorsCommand: Command = {
  name: "indicators",
  summary:
    "Compute indicators (sma:20, rsi:14, macd, bbands:20:2, ...) over a CSV file or a symbol",
  usage:
    `Usage: cli indicators (--data FILE | --symbol SYM) --ind SPEC [--ind SPEC ...] [--from DATE]
       [--to DATE] [--timeframe ${TIMEFRAMES.join("|")}] [--json]

Computes each SPEC over the bars of FILE (any CSV that "cli import" accepts) or of a stored
symbol, and prints a CSV table, or with --json { "time": [unix ms...], "<spec>": [...], ... } with
null during warm-up. A SPEC is name[:param...]; omitted trailing params take their defaults;
several may be given comma-separated. Multi-output specs print "<spec>.<output>" columns.
Bars before --from still warm the indicators up.

Indicators (params and defaults):
${
      Object.entries(INDICATORS).map(([name, def]) => {
        const params = def.params.map((p) => `:${p.name}=${p.default}`).join("");
        const outputs = "outputs" in def ? `  -> .${def.outputs.join(" .")}` : "";
        return `  ${(name + params).padEnd(38)}  ${def.title}${outputs}`;
      }).join("\n")
    }`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      data: { type: "string" },
      symbol: { type: "string" },
      ind: { type: "string", multiple: true },
      from: { type: "string" },
      to: { type: "string" },
      timeframe: { type: "string" },
    });
    const raws = splitSpecList(values.ind ?? []);
    if (raws.length === 0) throw new CliError("--ind is required (e.g. --ind sma:20 --ind rsi:14)");
    if (raws.length > MAX_SPECS) {
      throw new CliError(`--ind: at most ${MAX_SPECS} specs, got ${raws.length}`);
    }
    const parsed = parseIndicatorSpecs(raws);
    if (!parsed.ok) throw new CliError(`--ind: ${parsed.issues.map((i) => i.message).join("; ")}`);
    const bound = (name: string, v?: string) => {
      if (v === undefined) return undefined;
      const t = parseTimestamp(v);
      if (Number.isNaN(t)) throw new CliError(`--${name}: not a date or time: "${v}"`);
      return t;
    };
    const from = bound("from", values.from);
    const to = bound("to", values.to);
    const tf = values.timeframe as Timeframe | undefined;
    if (tf !== undefined && !TIMEFRAMES.includes(tf)) {
      throw new CliError(`--timeframe: expected one of ${TIMEFRAMES.join(", ")}, was "${tf}"`);
    }
    if ((values.data === undefined) === (values.symbol === undefined)) {
      throw new CliError("give exactly one of --data FILE or --symbol SYM");
    }
    const bars = values.data !== undefined
      ? await barsFromFile(io.readFile, values.data, tf)
      : await barsFromStore(await io.openKv(), values.symbol!, tf);

    const table = indicatorTable(bars, parsed.specs, { from, to });
    if (values.json) return printJson(io, table);
    const keys = Object.keys(table);
    const lines = [keys.map(csvCell).join(",")];
    for (let i = 0; i < table.time.length; i++) {
      lines.push(
        keys.map((k) => {
          const x = table[k][i];
          return k === "time" ? formatTimestamp(x) : Number.isFinite(x) ? String(x) : "";
        }).join(","),
      );
    }
    io.stdout(lines.join("\n") + "\n");
  },
};

async function barsFromFile(
  readFile: (path: string) => Promise<Uint8Array>,
  file: string,
  tf: Timeframe | undefined,
): Promise<BarSeries> {
  let text: string;
  try {
    text = new TextDecoder().decode(await readFile(file));
  } catch {
    throw new CliError(`--data: cannot read "${file}"`);
  }
  const parsed = parseOhlcvCsv(text);
  if (!parsed.ok) {
    const extra = parsed.issues.length > 1 ? ` (+${parsed.issues.length - 1} more)` : "";
    throw new CliError(`${file}: ${formatIssues(parsed.issues.slice(0, 1))}${extra}`);
  }
  try {
    return shapeSeries(parsed.bars, { timeframe: parsed.timeframe, symbol: file }, {
      timeframe: tf,
    })
      .bars;
  } catch (err) {
    throw new CliError(`--timeframe: ${(err as Error).message}`);
  }
}

async function barsFromStore(
  kv: Deno.Kv,
  raw: string,
  tf: Timeframe | undefined,
): Promise<BarSeries> {
  const symbol = Symbol.safeParse(raw);
  if (!symbol.success) throw new CliError(`--symbol: ${symbol.error.issues[0].message}`);
  let found;
  try {
    found = await getSeries(kv, LOCAL_OWNER, symbol.data, { timeframe: tf });
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(`--timeframe: ${err.message}`);
    throw err;
  }
  if (!found) throw new CliError(`--symbol: no bars stored for ${symbol.data}`);
  return found.bars;
}

/** Quotes a CSV header cell when needed (spec keys never contain commas, but be safe). */
function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
