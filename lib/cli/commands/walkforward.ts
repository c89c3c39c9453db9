import { CliError, type Command, numberFlag, parseFlags, printJson } from "../command.ts";
import { formatTimestamp } from "../../data/time.ts";
import { walkForward, WalkForwardSpec } from "../../optimize/walkforward.ts";
import { walkForwardToJson } from "../../optimize/serialize.ts";
import { barsFromFlags, fmt, SEARCH_FLAGS, SEARCH_USAGE, searchSpecFromFlags } from "./optimize.ts";

/** `cli walkforward ...` */
export const walkforwardCommand: Command = {
  name: "walkforward",
  summary: "Walk-forward analysis: optimise in-sample, trade out-of-sample, stitch, report WFE",
  usage: `Usage: cli walkforward ${SEARCH_USAGE}
       --is BARS --oos BARS [--mode rolling|anchored] [--warmup BARS]

Optimises on each in-sample window of --is bars (rolling, or anchored at the first bar), trades
the chosen parameters on the next --oos bars, and stitches the out-of-sample segments by
compounding. Each segment warms its indicators up on the --warmup bars before it (default
--is), starts flat and closes its trades at its end. Prints each window, the stitched stats,
the walk-forward efficiency (annualised OOS return / mean annualised IS return) and the
parameter-stability table; --json prints everything.`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      ...SEARCH_FLAGS,
      is: { type: "string" },
      oos: { type: "string" },
      mode: { type: "string" },
      warmup: { type: "string" },
    });
    const is = numberFlag("is", values.is, { min: 20, integer: true });
    const oos = numberFlag("oos", values.oos, { min: 2, integer: true });
    if (is === undefined) throw new CliError("--is BARS is required");
    if (oos === undefined) throw new CliError("--oos BARS is required");
    if (values.mode !== undefined && values.mode !== "rolling" && values.mode !== "anchored") {
      throw new CliError(`--mode: expected rolling or anchored, was "${values.mode}"`);
    }
    const base = searchSpecFromFlags(values);
    const spec = WalkForwardSpec.parse({
      ...base,
      mode: values.mode ?? "rolling",
      inSampleBars: is,
      outOfSampleBars: oos,
      warmupBars: numberFlag("warmup", values.warmup, { min: 2, integer: true }),
    });
    const symbols = await barsFromFlags(values, io);
    let result;
    try {
      result = walkForward(symbols, spec);
    } catch (err) {
      if (err instanceof RangeError) throw new CliError(err.message);
      throw err;
    }
    const json = walkForwardToJson(result);
    if (values.json) return printJson(io, json);
    const day = (t: number) => formatTimestamp(t).slice(0, 10);
    const lines = [
      `${json.strategy} walk-forward (${json.mode}, IS ${is} bars, OOS ${oos} bars): ${json.windows.length} windows, ${
        json.durationMs.toFixed(0)
      } ms`,
      "window  oos from    oos to      params                 IS ann%   OOS ret%  OOS ann%  WFE    DSR    PBO",
      ...json.windows.map((w) =>
        [
          String(w.index + 1).padStart(6),
          day(w.oosFrom),
          day(w.oosTo),
          (w.best ? Object.entries(w.best).map(([k, v]) => `${k}=${v}`).join(" ") : "(none)")
            .padEnd(22),
          fmt(w.isReturnAnnPct, 2).padStart(8),
          fmt(w.oosReturnPct, 2).padStart(9),
          fmt(w.oosReturnAnnPct, 2).padStart(9),
          fmt(w.efficiency, 2).padStart(5),
          fmt(w.dsr?.dsr, 3).padStart(6),
          fmt(w.pbo, 3).padStart(6),
        ].join("  ")
      ),
      `stitched OOS: return ${fmt(json.stats.returnPct, 2)}%, annualised ${
        fmt(json.stats.returnAnnPct, 2)
      }%, Sharpe ${fmt(json.stats.sharpe)}, max drawdown ${
        fmt(json.stats.maxDrawdownPct, 2)
      }%, ${json.stats.trades} trades`,
      `walk-forward efficiency: ${fmt(json.efficiency)}`,
      "parameter stability: param  mean  std  cv  min  max  distinct  mode (share)",
      ...json.stability.map((s) =>
        `  ${s.param}  ${fmt(s.mean, 2)}  ${fmt(s.std, 2)}  ${fmt(s.cv, 2)}  ${fmt(s.min, 2)}  ${
          fmt(s.max, 2)
        }  ${s.distinct}  ${s.mode ?? "-"} (${fmt(s.modeShare * 100, 0)}%)`
      ),
    ];
    io.stdout(lines.join("\n") + "\n");
  },
};
