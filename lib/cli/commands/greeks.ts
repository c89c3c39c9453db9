import { CliError, type Command, numberFlag, parseFlags, printJson } from "../command.ts";
import { serverKernels } from "../../../core-wasm/load_server.ts";
import { greeksAt, toBatch } from "../../options/bsm.ts";
import { joinNegativeNumbers, optionType, requiredNumber } from "./option_flags.ts";

/** `cli greeks --type call|put --spot S --strike K --rate R --vol V --time T [...] [--json]` */
export const greeksCommand: Command = {
  name: "greeks",
  summary: "Price and Greeks of a European (BSM) or American (CRR tree) option",
  usage:
    `Usage: cli greeks --type call|put --spot S --strike K --rate R --vol V --time T [--dividend Q]
       [--style european|american] [--steps N] [--json]

Rate, vol and dividend are decimals per year (0.05 = 5 %), time is in years (ACT/365).
Prints price, delta, gamma, theta (per year), vega (per 1.00 of vol), rho (per 1.00 of rate),
thetaPerDay (theta / 365) and vegaPerPct (vega / 100). European: Black-Scholes-Merton with a
continuous dividend yield. American: CRR binomial tree (--steps, default 500) with the European
tree as control variate; Greeks from the tree, vega and rho by finite differences.`,
  async run(args, io) {
    const { values } = parseFlags(joinNegativeNumbers(args), {
      type: { type: "string" },
      spot: { type: "string" },
      strike: { type: "string" },
      rate: { type: "string" },
      vol: { type: "string" },
      time: { type: "string" },
      dividend: { type: "string" },
      style: { type: "string" },
      steps: { type: "string" },
    });
    const contract = {
      type: optionType(values.type),
      spot: requiredNumber("spot", values.spot, { min: Number.MIN_VALUE }),
      strike: requiredNumber("strike", values.strike, { min: Number.MIN_VALUE }),
      rate: requiredNumber("rate", values.rate),
      vol: requiredNumber("vol", values.vol, { min: 0 }),
      time: requiredNumber("time", values.time, { min: 0 }),
      dividend: numberFlag("dividend", values.dividend) ?? 0,
    };
    const style = values.style ?? "european";
    if (style !== "european" && style !== "american") {
      throw new CliError(`--style: expected european or american, was "${style}"`);
    }
    const steps = numberFlag("steps", values.steps, { integer: true, min: 2, max: 100_000 }) ?? 500;
    const kernels = await serverKernels();
    const batch = toBatch([contract]);
    const out = style === "american"
      ? kernels.americanBatch(batch, { steps })
      : kernels.bsmBatch(batch);
    const g = greeksAt(out, 0);
    if (!Number.isFinite(g.price)) {
      throw new CliError(
        "no price: the binomial lattice is invalid for these inputs (vol too small for the rate)",
      );
    }
    if (values.json) return printJson(io, g);
    io.stdout(
      Object.entries(g).map(([k, v]) => `${k.padEnd(12)} ${v}`).join("\n") + "\n",
    );
  },
};
