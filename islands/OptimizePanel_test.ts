import assert from "node:assert/strict";
import { formOfRequest, type OptimizeForm, specOf } from "./OptimizePanel.tsx";
import { symbolsOf, windowOf } from "./research/requests.ts";
import { OptimizationRequest, WalkForwardRequest } from "../lib/optimize/jobs.ts";
import { STRATEGIES } from "../lib/strategies/mod.ts";

const strategies = Object.values(STRATEGIES).map((s) => ({
  name: s.name,
  summary: s.summary,
  defaults: s.params.parse({}) as Record<string, unknown>,
}));

const blank: OptimizeForm = {
  kind: "search",
  symbols: "SPY",
  from: "",
  to: "",
  strategy: "ema_cross",
  axes: {},
  method: "grid",
  samples: 200,
  objective: "sharpe",
  maxDrawdownPct: "",
  minTrades: "",
  commissionPct: 0,
  slippageBps: 0,
  direction: "long_short",
  where: "browser",
  inSampleBars: 500,
  outOfSampleBars: 125,
  wfMode: "rolling",
};

/** What the server stores for a form: the body it sends, validated (as routes/api/optimize.ts). */
function stored(f: OptimizeForm): Record<string, unknown> {
  const body = {
    ...specOf(f, strategies),
    symbols: symbolsOf(f.symbols),
    ...windowOf(f.from, f.to),
  };
  const schema = f.kind === "search" ? OptimizationRequest : WalkForwardRequest;
  return JSON.parse(JSON.stringify(schema.parse(body)));
}

Deno.test("formOfRequest - a stored search request gives back the form that sent it", () => {
  const form: OptimizeForm = {
    ...blank,
    kind: "search",
    symbols: "QQQ, SPY",
    from: "2015-01-02",
    to: "2020-12-31",
    strategy: "sma_cross",
    axes: {
      fast: { search: true, min: 5, max: 30, step: 5, value: "10" },
      slow: { search: false, min: 10, max: 40, step: 5, value: "60" },
    },
    method: "random",
    samples: 17,
    objective: "calmar",
    maxDrawdownPct: "-25",
    minTrades: "12",
    commissionPct: 0.1,
    slippageBps: 3,
    direction: "long_only",
  };
  const req = stored(form);
  assert.equal(req.from, Date.UTC(2015, 0, 2));
  const back = formOfRequest("search", req, strategies, blank);
  assert.deepEqual(back.axes.fast, form.axes.fast);
  assert.equal(back.axes.slow.search, false);
  assert.equal(back.axes.slow.value, "60");
  assert.deepEqual(specOf(back, strategies), specOf(form, strategies));
  const { axes: _a, ...rest } = back;
  const { axes: _b, ...want } = form;
  assert.deepEqual(rest, { ...want, where: blank.where });
});

Deno.test("formOfRequest - walk-forward windows and mode; missing pieces fall back", () => {
  const form: OptimizeForm = {
    ...blank,
    kind: "walkforward",
    strategy: "sma_cross",
    axes: {
      fast: { search: true, min: 5, max: 20, step: 5, value: "10" },
      slow: { search: true, min: 30, max: 90, step: 30, value: "20" },
    },
    wfMode: "anchored",
    inSampleBars: 400,
    outOfSampleBars: 100,
  };
  const back = formOfRequest("walkforward", stored(form), strategies, blank);
  assert.deepEqual(specOf(back, strategies), specOf(form, strategies));
  assert.equal(back.wfMode, "anchored");
  assert.equal(back.inSampleBars, 400);
  assert.equal(back.from, "");
  // an API request with a values list: min..max by the smallest gap, searched
  const api = formOfRequest(
    "search",
    { strategy: "sma_cross", space: { fast: { values: [4, 8, 20] } } },
    strategies,
    blank,
  );
  assert.deepEqual(api.axes.fast, { ...api.axes.fast, search: true, min: 4, max: 20, step: 4 });
  assert.equal(api.axes.slow.search, false);
  assert.equal(api.symbols, blank.symbols);
  assert.equal(api.objective, blank.objective);
});
