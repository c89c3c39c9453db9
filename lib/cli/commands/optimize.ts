import { CliError, type Command, numberFlag, parseFlags, printJson } from "../command.ts";
import { formatIssues, parseOhlcvCsv } from "../../data/csv.ts";
import { getSeries, shapeSeries } from "../../data/market.ts";
import { parseTimestamp } from "../../data/time.ts";
import { type BarSeries, sliceSeries } from "../../domain/bar.ts";
import { Symbol } from "../../domain/symbol.ts";
import { alignSymbols } from "../../backtest/align.ts";
import type { SymbolBars } from "../../backtest/types.ts";
import { LOCAL_OWNER } from "../../http/env.ts";
import { findStrategy, STRATEGIES } from "../../strategies/mod.ts";
import { type Constraint, OBJECTIVES, parseConstraint } from "../../optimize/objective.ts";
import { optimize, SearchSpec } from "../../optimize/search.ts";
import { searchToJson, type TrialJson } from "../../optimize/serialize.ts";
import type { ParamAxis } from "../../optimize/space.ts";
import { parseParamFlags, parseSizingFlag } from "./backtest.ts";
import type { DeflatedSharpe } from "../../optimize/dsr.ts";

/** Flags shared by `optimize` and `walkforward`. */
export const SEARCH_FLAGS = {
  data: { type: "string" },
  symbol: { type: "string", multiple: true },
  strategy: { type: "string" },
  range: { type: "string", multiple: true },
  values: { type: "string", multiple: true },
  param: { type: "string", multiple: true },
  method: { type: "string" },
  samples: { type: "string" },
  seed: { type: "string" },
  objective: { type: "string" },
  constraint: { type: "string", multiple: true },
  top: { type: "string" },
  cash: { type: "string" },
  "commission-pct": { type: "string" },
  "slippage-bps": { type: "string" },
  "spread-bps": { type: "string" },
  direction: { type: "string" },
  sizing: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
} as const;

/** Usage lines shared by `optimize` and `walkforward`. */
export const SEARCH_USAGE = `(--data FILE | --symbol SYM [--symbol SYM ...]) --strategy NAME
       (--range NAME=MIN:MAX[:STEP] | --values NAME=A,B,...) ... [--param NAME=VALUE ...]
       [--method grid|random] [--samples 200] [--seed 1]
       [--objective ${Object.keys(OBJECTIVES).join("|")}] [--constraint "METRIC>=X" ...]
       [--top 20] [--cash 10000] [--commission-pct 0] [--slippage-bps 0] [--spread-bps 0]
       [--direction long_short|long_only|short_only] [--sizing all_in|units:N|fraction:F|risk:PCT]
       [--from DATE] [--to DATE] [--json]`;

type SearchFlagValues = { [K in keyof typeof SEARCH_FLAGS]?: unknown } & {
  data?: string;
  symbol?: string[];
  strategy?: string;
  range?: string[];
  values?: string[];
  param?: string[];
  method?: string;
  samples?: string;
  seed?: string;
  objective?: string;
  constraint?: string[];
  top?: string;
  cash?: string;
  "commission-pct"?: string;
  "slippage-bps"?: string;
  "spread-bps"?: string;
  direction?: string;
  sizing?: string;
  from?: string;
  to?: string;
};

/** Builds the search spec from flags; CliError names the flag at fault. */
export function searchSpecFromFlags(v: SearchFlagValues, extra: Record<string, unknown> = {}) {
  if (!v.strategy) throw new CliError("--strategy is required");
  if (!findStrategy(v.strategy)) {
    throw new CliError(
      `--strategy: unknown "${v.strategy}", expected one of ${Object.keys(STRATEGIES).join(", ")}`,
    );
  }
  const space: Record<string, ParamAxis> = {};
  for (const item of v.range ?? []) {
    const m = /^([A-Za-z_][\w]*)=(-?[\d.]+):(-?[\d.]+)(?::([\d.]+))?$/.exec(item.trim());
    if (!m) throw new CliError(`--range: expected NAME=MIN:MAX[:STEP], was "${item}"`);
    space[m[1]] = {
      min: Number(m[2]),
      max: Number(m[3]),
      ...(m[4] !== undefined && { step: Number(m[4]) }),
    };
  }
  for (const item of v.values ?? []) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new CliError(`--values: expected NAME=A,B,..., was "${item}"`);
    const list = Object.values(
      parseParamFlags(item.slice(eq + 1).split(",").map((x, i) => `${i}=${x}`)),
    );
    space[item.slice(0, eq).trim()] = { values: list as (number | string | boolean)[] };
  }
  if (Object.keys(space).length === 0) {
    throw new CliError("give at least one --range NAME=MIN:MAX[:STEP] or --values NAME=A,B");
  }
  const constraints: Constraint[] = [];
  for (const text of v.constraint ?? []) {
    const c = parseConstraint(text);
    if (!c.ok) throw new CliError(`--constraint: ${c.message}`);
    constraints.push(c.constraint);
  }
  const options = {
    cash: numberFlag("cash", v.cash, { min: 0.01 }),
    commissionPct: numberFlag("commission-pct", v["commission-pct"], { min: 0, max: 100 }),
    slippageBps: numberFlag("slippage-bps", v["slippage-bps"], { min: 0 }),
    spreadBps: numberFlag("spread-bps", v["spread-bps"], { min: 0 }),
    direction: v.direction,
    sizing: parseSizingFlag(v.sizing),
  };
  const parsed = SearchSpec.safeParse({
    strategy: v.strategy,
    space,
    fixed: parseParamFlags(v.param ?? []),
    method: v.method,
    samples: numberFlag("samples", v.samples, { min: 1, integer: true }),
    seed: numberFlag("seed", v.seed, { min: 0, integer: true }),
    objective: v.objective,
    constraints,
    options: Object.fromEntries(Object.entries(options).filter(([, x]) => x !== undefined)),
    top: numberFlag("top", v.top, { min: 1, max: 500, integer: true }),
    ...extra,
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const flag: Record<string, string> = {
      method: "--method",
      objective: "--objective",
      space: "--range",
      options: `--${
        String(i.path[1] ?? "options").replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())
      }`,
    };
    throw new CliError(`${flag[String(i.path[0])] ?? `--${String(i.path[0])}`}: ${i.message}`);
  }
  return parsed.data;
}

/** Loads and slices the bars named by `--data`/`--symbol`, `--from`, `--to`. */
export async function barsFromFlags(
  v: SearchFlagValues,
  io: Parameters<Command["run"]>[1],
): Promise<SymbolBars[]> {
  const bound = (name: string, x?: string) => {
    if (x === undefined) return undefined;
    const t = parseTimestamp(x);
    if (Number.isNaN(t)) throw new CliError(`--${name}: not a date or time: "${x}"`);
    return t;
  };
  const from = bound("from", v.from);
  const to = bound("to", v.to);
  const syms = v.symbol ?? [];
  if ((v.data === undefined) === (syms.length === 0)) {
    throw new CliError("give exactly one of --data FILE or --symbol SYM");
  }
  let series: SymbolBars[];
  if (v.data !== undefined) {
    let text: string;
    try {
      text = new TextDecoder().decode(await io.readFile(v.data));
    } catch {
      throw new CliError(`--data: cannot read "${v.data}"`);
    }
    const parsed = parseOhlcvCsv(text);
    if (!parsed.ok) {
      const extra = parsed.issues.length > 1 ? ` (+${parsed.issues.length - 1} more)` : "";
      throw new CliError(`${v.data}: ${formatIssues(parsed.issues.slice(0, 1))}${extra}`);
    }
    const bars = shapeSeries(parsed.bars, { timeframe: parsed.timeframe, symbol: v.data }, {})
      .bars;
    series = [{ symbol: v.data, bars }];
  } else {
    const kv = await io.openKv();
    series = [];
    for (const raw of syms) {
      const s = Symbol.safeParse(raw);
      if (!s.success) throw new CliError(`--symbol: ${s.error.issues[0].message}`);
      const found = await getSeries(kv, LOCAL_OWNER, s.data);
      if (!found) throw new CliError(`--symbol: no bars stored for ${s.data}`);
      series.push({ symbol: s.data, bars: found.bars as BarSeries });
    }
  }
  series = series.map((s) => ({ symbol: s.symbol, bars: sliceSeries(s.bars, from, to) }));
  for (const s of series) {
    if (s.bars.length < 2) {
      throw new CliError(`${s.symbol}: ${s.bars.length} bars in the window; need at least 2`);
    }
  }
  // Several symbols run on the bar times they all have (the backtester's rule).
  try {
    series = [...alignSymbols(series).symbols];
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(`--symbol: ${err.message}`);
    throw err;
  }
  if (series[0].bars.length < 2) {
    throw new CliError(`--symbol: the symbols have ${series[0].bars.length} bar times in common`);
  }
  return series;
}

/** `1.234` with NaN as "-". */
export function fmt(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(digits);
}

/** One line describing the DSR. */
export function dsrLine(d: DeflatedSharpe | null): string {
  if (!d) return "deflated Sharpe: - (no feasible trial with a defined Sharpe)";
  return `deflated Sharpe: DSR ${fmt(d.dsr)} (PSR ${fmt(d.psr)}; per-period SR ${
    fmt(d.sharpe, 4)
  } vs expected max ${fmt(d.expectedMaxSharpe, 4)} of ${d.trials} trials; T ${d.count}, skew ${
    fmt(d.skew, 2)
  }, kurtosis ${fmt(d.kurtosis, 2)})`;
}

function topTable(params: string[], top: TrialJson[]): string {
  const cols = [...params, "objective", "returnPct", "sharpe", "maxDrawdownPct", "trades", "sqn"];
  const rows = top.map((t) => [
    ...params.map((p) => String(t.point[p])),
    fmt(t.objective),
    fmt(t.metrics.returnPct, 2),
    fmt(t.metrics.sharpe),
    fmt(t.metrics.maxDrawdownPct, 2),
    String(t.metrics.trades),
    fmt(t.metrics.sqn),
  ]);
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  return [cols, ...rows].map((r) => r.map((x, i) => x.padStart(widths[i])).join("  ")).join(
    "\n",
  );
}

/** `cli optimize ...` */
export const optimizeCommand: Command = {
  name: "optimize",
  summary: "Grid or random search over strategy parameters, with deflated Sharpe and PBO",
  usage: `Usage: cli optimize ${SEARCH_USAGE}

Runs the strategy for every point of the grid (or --samples random points of it) and ranks the
trials that meet every --constraint by --objective (default sharpe). Parameter sets the
strategy rejects (e.g. fast >= slow) are skipped and counted. Beside the ranking it prints the
deflated Sharpe ratio of the best trial (Bailey & Lopez de Prado 2014; N = trials run) and the
probability of backtest overfitting by CSCV over 16 blocks. METRIC is one of returnPct,
returnAnnPct, cagrPct, sharpe, sortino, calmar, maxDrawdownPct, trades, winRatePct, sqn, ...
Example: cli optimize --symbol GOOG --strategy sma_cross --range fast=2:50 --range slow=10:200:10
         --constraint "maxDrawdownPct>=-25" --constraint "trades>=30"
--json prints { best, top, dsr, pbo, trials: columns, ... } with null for undefined values.`,
  async run(args, io) {
    const { values } = parseFlags(args, SEARCH_FLAGS);
    const spec = searchSpecFromFlags(values);
    const symbols = await barsFromFlags(values, io);
    let result;
    try {
      result = optimize({ symbols }, spec);
    } catch (err) {
      if (err instanceof RangeError) throw new CliError(err.message);
      throw err;
    }
    const json = searchToJson(result);
    if (values.json) return printJson(io, json);
    const lines = [
      `${json.strategy} on ${
        symbols.map((s) => s.symbol).join(",")
      }: ${json.points} points, ${json.trialsRun} trials run, ${json.invalid} rejected${
        json.invalidExample ? ` (${json.invalidExample})` : ""
      }, ${json.feasible} meet the constraints; objective ${json.objective}; ${
        json.durationMs.toFixed(0)
      } ms`,
      json.top.length ? topTable(json.params, json.top) : "no trial meets the constraints",
      dsrLine(json.dsr),
      `probability of backtest overfitting (CSCV, ${json.pbo.blocks} blocks, ${json.pbo.splits} splits${
        json.pbo.exact ? "" : " sampled"
      }): ${fmt(json.pbo.pbo)}`,
    ];
    io.stdout(lines.join("\n") + "\n");
  },
};
