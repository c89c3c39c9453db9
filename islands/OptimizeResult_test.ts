import assert from "node:assert/strict";
import { OBJECTIVE_LABELS, savedSummary, tickIndices, verdict } from "./OptimizeResult.tsx";
import { OBJECTIVES } from "../lib/optimize/objective.ts";

Deno.test("verdict - a sentence starting with a capital letter for every case", () => {
  for (const [d, p] of [[null, null], [0.99, 0.1], [0.2, 0.6], [0.8, 0.3]] as const) {
    const v = verdict(d, p);
    assert.match(v, /^[A-Z]/, v);
  }
  assert.equal(verdict(0.3, 0.1), "The best result is likely an artefact of the search");
});

Deno.test("OBJECTIVE_LABELS - every objective has a label; its repeated metric is the objective's", () => {
  for (const [name, metric] of Object.entries(OBJECTIVES)) {
    const o = OBJECTIVE_LABELS[name];
    assert.ok(o, name);
    if (o.metric !== undefined) assert.equal(o.metric, metric);
  }
});

Deno.test("tickIndices - evenly spaced, first and last always, at most max", () => {
  assert.deepEqual(tickIndices(6, 8), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(tickIndices(30, 6), [0, 6, 12, 18, 24, 29]);
  assert.deepEqual(tickIndices(0, 8), []);
  for (let n = 1; n < 200; n++) {
    const t = tickIndices(n, 8);
    assert.ok(t.length <= 8 && t[0] === 0 && t.at(-1) === n - 1, `n=${n}: ${t}`);
  }
});

Deno.test("savedSummary - a search's best point, objective, trials, DSR and PBO; a walk-forward's windows, efficiency and OOS return", () => {
  assert.equal(
    savedSummary({
      kind: "search",
      summary: {
        best: { fast: 10, slow: 30 },
        objective: 1.23456,
        trialsRun: 1875,
        dsr: 0.912,
        pbo: 0.125,
      },
    }),
    "fast 10, slow 30 · objective 1.235 · 1,875 trials · DSR 0.91 · PBO 0.13",
  );
  assert.equal(
    savedSummary({
      kind: "search",
      summary: { best: null, objective: null, trialsRun: 4, dsr: null, pbo: null },
    }),
    "nothing feasible · 4 trials",
  );
  assert.equal(
    savedSummary({
      kind: "walkforward",
      summary: { windows: 8, efficiency: 0.618, oosReturnPct: -3.25 },
    }),
    "8 windows · efficiency 0.62 · OOS -3.3%",
  );
  assert.equal(savedSummary({ kind: "search" }), "");
});
