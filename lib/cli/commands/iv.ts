import { type Command, numberFlag, parseFlags, printJson } from "../command.ts";
import { serverKernels } from "../../../core-wasm/load_server.ts";
import { ivResultAt, toIvBatch } from "../../options/iv.ts";
import { joinNegativeNumbers, optionType, requiredNumber } from "./option_flags.ts";

/** `cli iv --type call|put --price P --spot S --strike K --rate R --time T [--dividend Q] [--json]` */
export const ivCommand: Command = {
  name: "iv",
  summary: "Implied volatility of a European option price (BSM with dividend yield)",
  usage:
    `Usage: cli iv --type call|put --price P --spot S --strike K --rate R --time T [--dividend Q]
       [--json]

Prints { "iv": number | null, "reason"?: string }: the volatility (decimal per year) that
reproduces the price, or null with the reason when the price is outside the no-arbitrage bounds
(below max(S e^-qT - K e^-rT, 0) for a call, at or above S e^-qT, and likewise for puts).`,
  async run(args, io) {
    const { values } = parseFlags(joinNegativeNumbers(args), {
      type: { type: "string" },
      price: { type: "string" },
      spot: { type: "string" },
      strike: { type: "string" },
      rate: { type: "string" },
      time: { type: "string" },
      dividend: { type: "string" },
    });
    const input = {
      type: optionType(values.type),
      price: requiredNumber("price", values.price),
      spot: requiredNumber("spot", values.spot, { min: Number.MIN_VALUE }),
      strike: requiredNumber("strike", values.strike, { min: Number.MIN_VALUE }),
      rate: requiredNumber("rate", values.rate),
      time: requiredNumber("time", values.time, { min: 0 }),
      dividend: numberFlag("dividend", values.dividend) ?? 0,
    };
    const kernels = await serverKernels();
    const result = ivResultAt(kernels.ivBatch(toIvBatch([input])), 0);
    if (values.json) return printJson(io, result);
    io.stdout(
      result.iv === null ? `no implied volatility: ${result.reason}\n` : `iv ${result.iv}\n`,
    );
  },
};
