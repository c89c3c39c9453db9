import { CliError, type Command, numberFlag, parseFlags, printJson } from "../command.ts";
import { formatIssues, parseOhlcvCsv } from "../../data/csv.ts";
import { getSeries, shapeSeries } from "../../data/market.ts";
import { formatTimestamp, parseTimestamp } from "../../data/time.ts";
import type { BarSeries } from "../../domain/bar.ts";
import { sliceSeries } from "../../domain/bar.ts";
import { Symbol } from "../../domain/symbol.ts";
import { LOCAL_OWNER } from "../../http/env.ts";
import { runBacktest } from "../../backtest/run.ts";
import { resultToJson } from "../../backtest/serialize.ts";
import { serverBacktestKernel } from "../../backtest/wasm_server.ts";
import type { BacktestOptions, Direction, Sizing } from "../../backtest/types.ts";
import type { Stats } from "../../backtest/stats.ts";
import { findStrategy, parseStrategyParams, STRATEGIES } from "../../strategies/mod.ts";

/** Parses `--param key=value`: numbers, true/false, or strings. */
export function parseParamFlags(raw: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of raw) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new CliError(`--param: expected key=value, was "${item}"`);
    const key = item.slice(0, eq).trim();
    const text = item.slice(eq + 1).trim();
    const num = Number(text);
    out[key] = text === "true"
      ? true
      : text === "false"
      ? false
      : text !== "" && Number.isFinite(num)
      ? num
      : text;
  }
  return out;
}

/** Parses `--sizing all_in | units:N | fraction:F | risk:PCT[:ATR_MULT]`. */
export function parseSizingFlag(raw: string | undefined): Sizing | undefined {
  if (raw === undefined) return undefined;
  const [kind, a, b] = raw.split(":");
  const num = (x: string | undefined) => (x === undefined || x === "" ? NaN : Number(x));
  switch (kind) {
    case "all_in":
      return { kind: "all_in" };
    case "units":
      return { kind: "units", units: num(a) };
    case "fraction":
      return { kind: "fraction", fraction: num(a) };
    case "risk":
      return { kind: "risk", riskPct: num(a), atrMult: b === undefined ? undefined : num(b) };
  }
  throw new CliError(
    `--sizing: expected all_in, units:N, fraction:F or risk:PCT[:ATR_MULT], was "${raw}"`,
  );
}

const DIRECTIONS: readonly Direction[] = ["long_short", "long_only", "short_only"];

/** `cli backtest (--data FILE | --symbol SYM) --strategy NAME [--param k=v ...] [--json]` */
export const backtestCommand: Command = {
  name: "backtest",
  summary: "Backtest a strategy (sma_cross, turtle, ...) on a CSV file or stored symbols",
  usage: `Usage: cli backtest (--data FILE | --symbol SYM [--symbol SYM ...]) --strategy NAME
       [--param key=value ...] [--cash 10000] [--commission-pct 0] [--commission-per-share 0]
       [--commission-per-order 0] [--slippage-bps 0] [--slippage-atr 0] [--spread-bps 0]
       [--leverage 1] [--direction long_short|long_only|short_only]
       [--sizing all_in|units:N|fraction:F|risk:PCT[:ATR_MULT]] [--atr-period 14]
       [--stop-loss-pct P] [--take-profit-pct P] [--trailing-stop-pct P] [--trailing-stop-atr K]
       [--keep-open] [--regime-benchmark SYM [--regime-sma 200]] [--regime-vix SYM --regime-vix-max X]
       [--from DATE] [--to DATE] [--json]

Runs the strategy bar by bar on the bars of FILE (any CSV "cli import" accepts) or of stored
symbols (several share one cash balance; they must have the same bar times). Decisions at a
bar's close fill at the next bar's open; all-in whole-unit sizing and no commission by default;
--commission-pct is in percent (0.2 = backtesting.py's commission=.002); open trades close at
the last bar's open unless --keep-open. --from/--to slice the bars first (indicators warm up
inside the window). --regime-* need stored symbols. --json prints
{ stats, trades, equity: [{ time, equity, drawdownPct }], ... } with null for undefined stats.

Strategies (params and defaults):
${
    Object.values(STRATEGIES).map((s) => {
      const defaults = s.params.parse({});
      const params = Object.entries(defaults).map(([k, v]) => `${k}=${v}`).join(" ");
      return `  ${s.name.padEnd(20)} ${params}\n  ${"".padEnd(20)} ${s.summary}`;
    }).join("\n")
  }`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      data: { type: "string" },
      symbol: { type: "string", multiple: true },
      strategy: { type: "string" },
      param: { type: "string", multiple: true },
      cash: { type: "string" },
      "commission-pct": { type: "string" },
      "commission-per-share": { type: "string" },
      "commission-per-order": { type: "string" },
      "slippage-bps": { type: "string" },
      "slippage-atr": { type: "string" },
      "spread-bps": { type: "string" },
      leverage: { type: "string" },
      direction: { type: "string" },
      sizing: { type: "string" },
      "atr-period": { type: "string" },
      "stop-loss-pct": { type: "string" },
      "take-profit-pct": { type: "string" },
      "trailing-stop-pct": { type: "string" },
      "trailing-stop-atr": { type: "string" },
      "keep-open": { type: "boolean" },
      "regime-benchmark": { type: "string" },
      "regime-sma": { type: "string" },
      "regime-vix": { type: "string" },
      "regime-vix-max": { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
    });
    if (!values.strategy) throw new CliError("--strategy is required");
    const strategy = findStrategy(values.strategy);
    if (!strategy) {
      throw new CliError(
        `--strategy: unknown "${values.strategy}", expected one of ${
          Object.keys(STRATEGIES).join(", ")
        }`,
      );
    }
    const params = parseStrategyParams(strategy, parseParamFlags(values.param ?? []));
    if (!params.ok) throw new CliError(`--param: ${params.message}`);
    const direction = values.direction as Direction | undefined;
    if (direction !== undefined && !DIRECTIONS.includes(direction)) {
      throw new CliError(`--direction: expected ${DIRECTIONS.join(", ")}, was "${direction}"`);
    }
    const bound = (name: string, v?: string) => {
      if (v === undefined) return undefined;
      const t = parseTimestamp(v);
      if (Number.isNaN(t)) throw new CliError(`--${name}: not a date or time: "${v}"`);
      return t;
    };
    const from = bound("from", values.from);
    const to = bound("to", values.to);
    const symbols = values.symbol ?? [];
    if ((values.data === undefined) === (symbols.length === 0)) {
      throw new CliError("give exactly one of --data FILE or --symbol SYM");
    }
    const regimeSyms = [values["regime-benchmark"], values["regime-vix"]].filter(
      (s): s is string => s !== undefined,
    );
    if (values.data !== undefined && regimeSyms.length > 0) {
      throw new CliError("--regime-benchmark/--regime-vix need stored symbols (use --symbol)");
    }
    const options: BacktestOptions = {
      cash: numberFlag("cash", values.cash, { min: 0.01 }),
      commissionPct: numberFlag("commission-pct", values["commission-pct"], { min: 0 }),
      commissionPerShare: numberFlag("commission-per-share", values["commission-per-share"], {
        min: 0,
      }),
      commissionPerOrder: numberFlag("commission-per-order", values["commission-per-order"], {
        min: 0,
      }),
      slippageBps: numberFlag("slippage-bps", values["slippage-bps"], { min: 0 }),
      slippageAtr: numberFlag("slippage-atr", values["slippage-atr"], { min: 0 }),
      spreadBps: numberFlag("spread-bps", values["spread-bps"], { min: 0 }),
      leverage: numberFlag("leverage", values.leverage, { min: 1 }),
      direction,
      sizing: parseSizingFlag(values.sizing),
      atrPeriod: numberFlag("atr-period", values["atr-period"], { min: 1, integer: true }),
      stopLossPct: numberFlag("stop-loss-pct", values["stop-loss-pct"], { min: 0, max: 99.99 }),
      takeProfitPct: numberFlag("take-profit-pct", values["take-profit-pct"], { min: 0 }),
      trailingStopPct: numberFlag("trailing-stop-pct", values["trailing-stop-pct"], {
        min: 0,
        max: 99.99,
      }),
      trailingStopAtr: numberFlag("trailing-stop-atr", values["trailing-stop-atr"], { min: 0 }),
      finalizeTrades: !values["keep-open"],
      kernel: await serverBacktestKernel(),
    };
    if (regimeSyms.length > 0) {
      options.regime = {
        benchmark: values["regime-benchmark"],
        benchmarkSma: numberFlag("regime-sma", values["regime-sma"], { min: 1, integer: true }),
        volatilityIndex: values["regime-vix"],
        volatilityMax: numberFlag("regime-vix-max", values["regime-vix-max"], { min: 0 }),
      };
    }

    let series: { symbol: string; bars: BarSeries }[];
    const aux: Record<string, BarSeries> = {};
    if (values.data !== undefined) {
      series = [{ symbol: values.data, bars: await barsFromFile(io.readFile, values.data) }];
    } else {
      const kv = await io.openKv();
      series = [];
      for (const raw of symbols) {
        const sym = parseSymbol(raw);
        series.push({ symbol: sym, bars: await barsFromStore(kv, sym) });
      }
      for (const raw of regimeSyms) {
        const sym = parseSymbol(raw);
        aux[raw] = await barsFromStore(kv, sym);
      }
    }
    series = series.map((s) => ({ symbol: s.symbol, bars: sliceSeries(s.bars, from, to) }));
    for (const s of series) {
      if (s.bars.length < 2) {
        throw new CliError(`${s.symbol}: ${s.bars.length} bars in the window; need at least 2`);
      }
    }
    const result = runBacktest(
      { symbols: series, strategy, params: params.params, aux },
      options,
    );
    if (values.json) return printJson(io, resultToJson(result));
    io.stdout(formatStats(result.strategy, result.params, result.stats) + "\n");
  },
};

function parseSymbol(raw: string): string {
  const symbol = Symbol.safeParse(raw);
  if (!symbol.success) throw new CliError(`--symbol: ${symbol.error.issues[0].message}`);
  return symbol.data;
}

async function barsFromFile(
  readFile: (path: string) => Promise<Uint8Array>,
  file: string,
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
  return shapeSeries(parsed.bars, { timeframe: parsed.timeframe, symbol: file }, {}).bars;
}

async function barsFromStore(kv: Deno.Kv, symbol: string): Promise<BarSeries> {
  const found = await getSeries(kv, LOCAL_OWNER, symbol);
  if (!found) throw new CliError(`--symbol: no bars stored for ${symbol}`);
  return found.bars;
}

/** A two-column text table of the stats (times as dates, NaN as "-"). */
function formatStats(strategy: string, params: Record<string, unknown>, s: Stats): string {
  const lines = [
    `${strategy} ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(" ")}`.trim(),
  ];
  for (const [k, v] of Object.entries(s)) {
    const text = k === "start" || k === "end"
      ? formatTimestamp(v)
      : Number.isFinite(v)
      ? (Number.isInteger(v) ? String(v) : v.toFixed(4))
      : "-";
    lines.push(`${k.padEnd(26)} ${text}`);
  }
  return lines.join("\n");
}
