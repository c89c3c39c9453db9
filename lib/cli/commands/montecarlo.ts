import { CliError, type Command, numberFlag, parseFlags, printJson } from "../command.ts";
import { serverKernels } from "../../../core-wasm/load_server.ts";
import type { MonteCarloConfig, ResampleMode, RuinMode } from "../../montecarlo/simulate.ts";
import { parseTradesCsv } from "../../montecarlo/trades_csv.ts";
import { type Histogram, monteCarloHistograms } from "../../montecarlo/histogram.ts";
import { joinNegativeNumbers, requiredNumber } from "./option_flags.ts";

const MODES: readonly ResampleMode[] = ["bootstrap", "reshuffle", "block", "skip"];

/** `cli montecarlo (--trades FILE | --win-rate ... | --mu ... --sigma ...) [...] [--json]` */
export const montecarloCommand: Command = {
  name: "montecarlo",
  summary: "Monte Carlo of equity paths: percentile bands, drawdowns, ruin, CAGR, recovery",
  usage: `Usage: cli montecarlo
       (--trades FILE [--mode bootstrap|reshuffle|block|skip] [--block-length L] [--skip-pct P]
        | --win-rate W --avg-win A --avg-loss B --trades-per-path N [--win-rate-jitter J]
          [--slippage X] [--additive]
        | --mu M --sigma S --steps N [--dt YEARS])
       [--trades-per-path N] [--paths N] [--seed S] [--initial E] [--ruin PCT]
       [--ruin-mode capital|drawdown] [--periods-per-year P] [--samples K]
       [--histogram-bins B] [--json]

FILE is a CSV with a returnPct column (percent returns, compounded) or a pnl column (currency,
added). --win-rate is a fraction (0.55); --avg-win/--avg-loss are percent, or currency with
--additive; --avg-loss is a positive size. --ruin is a percent threshold (default -50): in
capital mode a path is ruined when equity touches initial x (1 + ruin/100), in drawdown mode
when a drawdown from the running peak reaches |ruin| %. Defaults: 10,000 paths, seed 1, initial
10,000, CAGR over 252 steps a year. Percentiles are 5/25/50/75/95 (numpy "linear").
--histogram-bins B (1 to 1000) adds equal-width histograms of every path's max drawdown % and
CAGR % (B bins from the lowest to the highest value, numpy.histogram's rules): drawn as text
bars, or under "histograms" with --json (edges, counts per bin).`,
  async run(args, io) {
    const { values } = parseFlags(joinNegativeNumbers(args), {
      trades: { type: "string" },
      mode: { type: "string" },
      "block-length": { type: "string" },
      "skip-pct": { type: "string" },
      "win-rate": { type: "string" },
      "avg-win": { type: "string" },
      "avg-loss": { type: "string" },
      "trades-per-path": { type: "string" },
      "win-rate-jitter": { type: "string" },
      slippage: { type: "string" },
      additive: { type: "boolean" },
      mu: { type: "string" },
      sigma: { type: "string" },
      steps: { type: "string" },
      dt: { type: "string" },
      paths: { type: "string" },
      seed: { type: "string" },
      initial: { type: "string" },
      ruin: { type: "string" },
      "ruin-mode": { type: "string" },
      "periods-per-year": { type: "string" },
      samples: { type: "string" },
      "histogram-bins": { type: "string" },
    });
    const kinds = [
      values.trades !== undefined,
      values["win-rate"] !== undefined,
      values.mu !== undefined || values.sigma !== undefined,
    ].filter(Boolean).length;
    if (kinds !== 1) {
      throw new CliError("give exactly one of --trades FILE, --win-rate ... or --mu/--sigma (GBM)");
    }
    const tradesPerPath = numberFlag("trades-per-path", values["trades-per-path"], {
      integer: true,
      min: 1,
    });
    let source: MonteCarloConfig["source"];
    let compounding = !values.additive;
    if (values.trades !== undefined) {
      let text: string;
      try {
        text = new TextDecoder().decode(await io.readFile(values.trades));
      } catch (err) {
        throw new CliError(`--trades: cannot read ${values.trades}: ${(err as Error).message}`);
      }
      const parsed = parseTradesCsv(text);
      if (!parsed.ok) throw new CliError(`--trades ${values.trades}: ${parsed.message}`);
      compounding = parsed.trades.compounding;
      const mode = (values.mode ?? "bootstrap") as ResampleMode;
      if (!MODES.includes(mode)) {
        throw new CliError(`--mode: expected one of ${MODES.join(", ")}, was "${mode}"`);
      }
      source = {
        kind: "trades",
        trades: parsed.trades.values,
        mode,
        tradesPerPath,
        blockLength: numberFlag("block-length", values["block-length"], { integer: true, min: 1 }),
        skipPct: numberFlag("skip-pct", values["skip-pct"], { min: 1, max: 10 }),
      };
    } else if (values["win-rate"] !== undefined) {
      source = {
        kind: "parametric",
        winRate: requiredNumber("win-rate", values["win-rate"], { min: 0, max: 1 }),
        avgWin: requiredNumber("avg-win", values["avg-win"], { min: 0 }),
        avgLoss: requiredNumber("avg-loss", values["avg-loss"], { min: 0 }),
        tradesPerPath: requiredNumber("trades-per-path", values["trades-per-path"], {
          integer: true,
          min: 1,
        }),
        winRateJitter: numberFlag("win-rate-jitter", values["win-rate-jitter"], {
          min: 0,
          max: 0.5,
        }),
        slippage: numberFlag("slippage", values.slippage, { min: 0 }),
      };
    } else {
      source = {
        kind: "gbm",
        mu: requiredNumber("mu", values.mu),
        sigma: requiredNumber("sigma", values.sigma, { min: 0 }),
        steps: requiredNumber("steps", values.steps, { integer: true, min: 1 }),
        dt: numberFlag("dt", values.dt, { min: Number.MIN_VALUE }),
      };
    }
    const ruinMode = (values["ruin-mode"] ?? "capital") as RuinMode;
    if (ruinMode !== "capital" && ruinMode !== "drawdown") {
      throw new CliError(`--ruin-mode: expected capital or drawdown, was "${ruinMode}"`);
    }
    const config: MonteCarloConfig = {
      source,
      paths: numberFlag("paths", values.paths, { integer: true, min: 1, max: 100_000 }) ?? 10_000,
      seed:
        numberFlag("seed", values.seed, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }) ??
          1,
      initialEquity: numberFlag("initial", values.initial, { min: Number.MIN_VALUE }),
      compounding,
      ruinThresholdPct: numberFlag("ruin", values.ruin, { min: -100, max: -Number.MIN_VALUE }),
      ruinMode,
      periodsPerYear: numberFlag("periods-per-year", values["periods-per-year"], {
        min: Number.MIN_VALUE,
      }),
      samplePaths: numberFlag("samples", values.samples, { integer: true, min: 0, max: 100 }),
    };
    const bins = numberFlag("histogram-bins", values["histogram-bins"], {
      integer: true,
      min: 1,
      max: 1000,
    });
    config.perPath = bins !== undefined;
    const kernels = await serverKernels();
    const result = kernels.monteCarlo(config); // RangeError names the field on bad combinations
    const histograms = bins === undefined ? undefined : monteCarloHistograms(result, bins);
    delete result.perPath; // summarised by the histograms
    const report = {
      source: source.kind === "trades"
        ? { kind: "trades", mode: source.mode, trades: source.trades.length, compounding }
        : { ...source, compounding: source.kind === "gbm" ? true : compounding },
      seed: config.seed,
      initialEquity: config.initialEquity ?? 10_000,
      ...result,
      samples: result.samples.length > 0 ? result.samples : undefined,
      histograms,
    };
    if (values.json) return printJson(io, report);
    const pct = (x: number) => `${x.toFixed(2)} %`;
    const d = (x: { p5: number; p50: number; p95: number }, f: (v: number) => string) =>
      `p5 ${f(x.p5)}, median ${f(x.p50)}, p95 ${f(x.p95)}`;
    const money = (x: number) => x.toFixed(2);
    const r = result;
    io.stdout(
      [
        `${r.paths} paths x ${r.steps} steps (${source.kind}${
          source.kind === "trades" ? " " + source.mode : ""
        }, seed ${config.seed})`,
        `final equity     ${d(r.finalEquity, money)}`,
        `max drawdown     ${d(r.maxDrawdownPct, pct)}`,
        `CAGR             ${d(r.cagrPct, pct)}`,
        `ruin (${r.ruin.mode} ${r.ruin.thresholdPct} %)  ${pct(r.ruin.probability * 100)}`,
        `recovery         ${r.recovery.recovered} recovered (median ${r.recovery.p50} steps), ${r.recovery.censored} never (censored), ${r.recovery.noDrawdown} without drawdown`,
        ...(histograms
          ? [
            "",
            `max drawdown % (paths per bin; ruin ${r.ruin.mode} ${r.ruin.thresholdPct} %)`,
            ...textHistogram(histograms.maxDrawdownPct, {
              at: -r.ruin.thresholdPct,
              label: r.ruin.mode === "drawdown"
                ? `<- ruin threshold ${-r.ruin.thresholdPct} %`
                : `<- ${-r.ruin.thresholdPct} % (capital ruin: also that far below the start)`,
            }),
            "",
            "CAGR % (paths per bin)",
            ...textHistogram(histograms.cagrPct),
          ]
          : []),
      ].join("\n") + "\n",
    );
  },
};

/**
 * One line per bin: `[lo, hi)  count  ####`, the bar scaled so the fullest bin has 40 marks
 * (a non-empty bin has at least one). Edges get enough decimals to tell neighbours apart
 * (2 to 6). `mark` labels the bin that holds `mark.at`, if any does.
 */
export function textHistogram(h: Histogram, mark?: { at: number; label: string }): string[] {
  const most = Math.max(1, ...h.counts);
  const n = h.counts.length;
  const step = h.edges[1] - h.edges[0];
  const digits = Math.min(6, Math.max(2, Math.ceil(-Math.log10(step)) + 1));
  const edges = Array.from(h.edges, (e) => e.toFixed(digits));
  const width = Math.max(...edges.map((e) => e.length));
  const countWidth = String(most).length;
  return Array.from(h.counts, (c, i) => {
    const bar = c > 0 ? "#".repeat(Math.max(1, Math.round((c / most) * 40))) : "";
    const range = `[${edges[i].padStart(width)}, ${edges[i + 1].padStart(width)}${
      i === n - 1 ? "]" : ")"
    }`;
    const lo = h.edges[i], hi = h.edges[i + 1];
    const marked = mark && mark.at >= lo && (mark.at < hi || (i === n - 1 && mark.at === hi));
    const line = `${range} ${String(c).padStart(countWidth)} ${bar}`.trimEnd();
    return marked ? `${line} ${mark.label}` : line;
  });
}
