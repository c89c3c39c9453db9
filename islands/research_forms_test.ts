import assert from "node:assert/strict";
import { type LabForm, requestOf } from "./BacktestLab.tsx";
import { type OptimizeForm, pointsOf, specOf } from "./OptimizePanel.tsx";
import type { StrategyInfo } from "./research/requests.ts";

const STRATEGIES: StrategyInfo[] = [
  {
    name: "sma_cross",
    summary: "",
    defaults: { fast: 10, slow: 50, exitOnCross: true, kind: "sma" },
  },
];

const LAB: LabForm = {
  name: "  my run ",
  symbols: "spy, qqq",
  from: "2020-01-01",
  to: "",
  strategy: "sma_cross",
  params: { fast: "12", slow: "", exitOnCross: "false", kind: "ema", stray: "1" },
  sizing: "units",
  sizingValue: 2.6,
  commissionPct: 0.1,
  slippageBps: 5,
  direction: "long_only",
  cash: 5000,
};

Deno.test("requestOf - typed parameters, trimmed name, upper-case symbols, only a set window", () => {
  assert.deepEqual(requestOf(LAB, STRATEGIES), {
    name: "my run",
    symbols: ["SPY", "QQQ"],
    strategy: "sma_cross",
    params: { fast: 12, exitOnCross: false, kind: "ema" },
    options: {
      cash: 5000,
      direction: "long_only",
      sizing: { kind: "units", units: 3 },
      commissionPct: 0.1,
      slippageBps: 5,
    },
    from: "2020-01-01",
  });
});

Deno.test("requestOf - sizing kinds, no name and no window when empty", () => {
  const base = { ...LAB, name: " ", from: "", to: "" };
  const sizing = (s: LabForm["sizing"], v: number) =>
    requestOf({ ...base, sizing: s, sizingValue: v }, STRATEGIES).options.sizing;
  assert.deepEqual(sizing("all_in", 5), { kind: "all_in" });
  assert.deepEqual(sizing("fraction", 0.5), { kind: "fraction", fraction: 0.5 });
  assert.deepEqual(sizing("units", 0.2), { kind: "units", units: 1 });
  assert.deepEqual(sizing("risk", 1.5), { kind: "risk", riskPct: 1.5 });
  const req = requestOf(base, STRATEGIES);
  assert.ok(!("name" in req) && !("from" in req) && !("to" in req));
});

const OPT: OptimizeForm = {
  kind: "search",
  symbols: "SPY",
  from: "",
  to: "",
  strategy: "sma_cross",
  axes: {
    fast: { search: true, min: 5, max: 20, step: 5, value: "10" },
    slow: { search: true, min: 25, max: 100, step: 25, value: "50" },
    exitOnCross: { search: false, min: 0, max: 0, step: 1, value: "false" },
    kind: { search: false, min: 0, max: 0, step: 1, value: "sma" },
  },
  method: "grid",
  samples: 5,
  objective: "sharpe",
  maxDrawdownPct: "-25",
  minTrades: "",
  commissionPct: 0.05,
  slippageBps: 2,
  direction: "long_short",
  where: "auto",
  inSampleBars: 500,
  outOfSampleBars: 125,
  wfMode: "anchored",
};

Deno.test("specOf - searched axes to the space, changed fixed values typed, constraints", () => {
  assert.deepEqual(specOf(OPT, STRATEGIES), {
    strategy: "sma_cross",
    space: { fast: { min: 5, max: 20, step: 5 }, slow: { min: 25, max: 100, step: 25 } },
    fixed: { exitOnCross: false },
    method: "grid",
    samples: 5,
    objective: "sharpe",
    constraints: [{ metric: "maxDrawdownPct", op: ">=", value: -25 }],
    options: { commissionPct: 0.05, slippageBps: 2, direction: "long_short" },
  });
  const wf = specOf({ ...OPT, kind: "walkforward", minTrades: "30" }, STRATEGIES);
  assert.deepEqual(
    [wf.constraints.length, "mode" in wf && wf.mode, "inSampleBars" in wf && wf.inSampleBars],
    [2, "anchored", 500],
  );
});

Deno.test("pointsOf - grid product of the searched axes; random capped by samples", () => {
  assert.equal(pointsOf(OPT), 4 * 4);
  assert.equal(pointsOf({ ...OPT, method: "random" }), 5);
  assert.equal(pointsOf({ ...OPT, method: "random", samples: 100 }), 16);
});
