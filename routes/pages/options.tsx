/**
 * `/options`: the options calculator. The server renders the first numbers with the same
 * kernels; the island then recomputes everything in the browser with core.wasm.
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { htmlPage } from "../../lib/ui/page.tsx";
import { Island } from "../../lib/ui/island.tsx";
import { serverKernels } from "../../core-wasm/load_server.ts";
import OptionsCalculator, {
  type CalculatorInputs,
  computeAll,
} from "../../islands/OptionsCalculator.tsx";

/** The calculator's starting contract: Hull's example (S 42, K 40, r 10 %, vol 20 %, 6 months). */
export const DEFAULT_INPUTS: CalculatorInputs = {
  type: "call",
  style: "european",
  spot: 42,
  strike: 40,
  ratePct: 10,
  volPct: 20,
  dividendPct: 0,
  days: 182.5,
  marketPrice: 4.76,
};

export const optionsPage = new Hono<AppEnv>().get("/options", async (c) => {
  const kernels = await serverKernels();
  const result = computeAll(kernels, DEFAULT_INPUTS);
  return htmlPage(
    c,
    "Options calculator",
    <section>
      <h1>Options calculator</h1>
      <Island
        name="OptionsCalculator"
        component={OptionsCalculator}
        props={{ initial: DEFAULT_INPUTS, result }}
      />
    </section>,
    { styles: ["/static/build/uPlot.min.css"] },
  );
});
