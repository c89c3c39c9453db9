import assert from "node:assert/strict";
import { americanBatch } from "../lib/options/american.ts";
import { bsmBatch, type BsmBatchInput, GREEKS_COLUMNS, toBatch } from "../lib/options/bsm.ts";
import { ivBatch } from "../lib/options/iv.ts";
import { type MonteCarloConfig, simulate } from "../lib/montecarlo/simulate.ts";
import { normCdf } from "../lib/options/normal.ts";
import { loadServerKernels } from "./load_server.ts";
import { loadKernels, tsKernels } from "./mod.ts";

const kernels = await loadServerKernels();

/** |wasm - ts| <= 1e-10 * max(1, |ts|), NaN matching NaN. */
function assertParity(actual: Float64Array, expected: Float64Array, label: string) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `${label}[${i}]: expected NaN, was ${a}`);
      continue;
    }
    assert.ok(
      Math.abs(a - e) <= 1e-10 * Math.max(1, Math.abs(e)),
      `${label}[${i}]: wasm ${a} vs ts ${e}`,
    );
  }
}

/** A deterministic grid of contracts covering both types, tails and degenerate rows. */
function contractGrid(n: number, seed = 1): BsmBatchInput {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const cols: BsmBatchInput = {
    type: new Float64Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    rate: new Float64Array(n),
    vol: new Float64Array(n),
    time: new Float64Array(n),
    dividend: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    cols.type[i] = rand() < 0.5 ? 1 : -1;
    cols.spot[i] = 5 + 500 * rand();
    cols.strike[i] = cols.spot[i] * (0.4 + 2 * rand());
    cols.rate[i] = -0.01 + 0.12 * rand();
    cols.vol[i] = i % 97 === 0 ? 0 : 0.01 + 2.99 * rand();
    cols.time[i] = i % 89 === 0 ? 0 : 1 / 8760 + 5 * rand();
    cols.dividend[i] = 0.06 * rand();
  }
  cols.spot[3] = -1; // invalid rows become NaN in both
  cols.type[5] = 0;
  return cols;
}

Deno.test("core-wasm - loads the release build from static/build/core.wasm", () => {
  assert.equal(kernels.backend, "wasm", kernels.fallbackReason ?? "");
});

Deno.test("core-wasm - normCdf matches the TypeScript reference within a few ulps", () => {
  for (let x = -38; x <= 9; x += 0.0137) {
    const e = normCdf(x);
    assert.ok(Math.abs(kernels.normCdf(x) - e) <= 4e-16 * e, `x=${x}`);
  }
});

Deno.test("core-wasm - bsmBatch prices and Greeks match the TypeScript reference", () => {
  for (const n of [0, 1, 7, 20_000]) {
    const input = contractGrid(n, 11 + n);
    const expected = bsmBatch(input);
    const actual = kernels.bsmBatch(input);
    for (const name of GREEKS_COLUMNS) assertParity(actual[name], expected[name], name);
  }
});

Deno.test("core-wasm - mismatched column lengths are rejected before touching memory", () => {
  const input = contractGrid(4);
  assert.throws(() => kernels.bsmBatch({ ...input, vol: new Float64Array(3) }), RangeError);
});

Deno.test("core-wasm - falls back to TypeScript with a log line when the module cannot load", async () => {
  const lines: string[] = [];
  const k = await loadKernels(new Uint8Array([0, 1, 2, 3]), { log: (m) => lines.push(m) });
  assert.equal(k.backend, "ts");
  assert.equal(lines.length, 1);
  assert.match(lines[0], /core-wasm: WASM unavailable .*TypeScript reference/);
  const input = contractGrid(50);
  assert.deepEqual(k.bsmBatch(input).price, bsmBatch(input).price);
  assert.equal(tsKernels().backend, "ts");
});

Deno.test("core-wasm - ivBatch matches the TypeScript reference, statuses included", () => {
  const grid = contractGrid(5_000, 3);
  const prices = bsmBatch(grid).price;
  const input = {
    type: grid.type,
    price: prices.map((p, i) => (i % 50 === 1 ? p * 3 : i % 50 === 2 ? -1 : p)),
    spot: grid.spot,
    strike: grid.strike,
    rate: grid.rate,
    time: grid.time,
    dividend: grid.dividend,
  };
  const expected = ivBatch(input);
  const actual = kernels.ivBatch(input);
  assert.deepEqual(Array.from(actual.status), Array.from(expected.status));
  assertParity(actual.iv, expected.iv, "iv");
  assert.ok(expected.status.some((s) => s === 0) && expected.status.some((s) => s === 3));
});

Deno.test("core-wasm - americanBatch matches the TypeScript reference", () => {
  const input = contractGrid(60, 5);
  for (const controlVariate of [true, false]) {
    const expected = americanBatch(input, { steps: 200, controlVariate });
    const actual = kernels.americanBatch(input, { steps: 200, controlVariate });
    for (const name of GREEKS_COLUMNS) assertParity(actual[name], expected[name], name);
  }
  const hull = toBatch([{ type: "put", spot: 50, strike: 50, rate: 0.1, vol: 0.4, time: 5 / 12 }]);
  assert.equal(
    kernels.americanBatch(hull, { steps: 5, controlVariate: false }).price[0].toFixed(2),
    "4.49",
  );
});

Deno.test("core-wasm - the seeded PRNG gives the same stream as the TypeScript one", () => {
  const ts = tsKernels();
  for (const kind of ["u32", "float", "normal"] as const) {
    for (const seed of [0, 1, 42, 2 ** 53 - 1]) {
      assert.deepEqual(kernels.rngStream(seed, 1000, kind), ts.rngStream(seed, 1000, kind));
    }
  }
});

const MC_TRADES = Float64Array.from(
  { length: 97 },
  (_, i) => ((i * 7919) % 23) - 10.5 + (i % 5) * 0.37,
);

Deno.test("core-wasm - seeded resampling Monte Carlo is bit-identical to the TypeScript reference", () => {
  const configs: MonteCarloConfig[] = [];
  for (const mode of ["bootstrap", "reshuffle", "block", "skip"] as const) {
    for (const compounding of [true, false]) {
      for (const ruinMode of ["capital", "drawdown"] as const) {
        configs.push({
          source: {
            kind: "trades",
            trades: compounding ? MC_TRADES : MC_TRADES.map((x) => x * 37),
            mode,
            blockLength: 7,
            skipPct: 8,
          },
          paths: 1_500,
          seed: 17,
          compounding,
          ruinMode,
          ruinThresholdPct: -20,
          samplePaths: 3,
          perPath: ruinMode === "drawdown", // half with the per-path arrays, half without
        });
      }
    }
  }
  configs.push({
    source: {
      kind: "parametric",
      winRate: 0.45,
      avgWin: 2.2,
      avgLoss: 1.1,
      tradesPerPath: 300,
      winRateJitter: 0.05,
      slippage: 0.05,
    },
    paths: 2_001,
    seed: 5,
    perPath: true,
  });
  configs.push({
    source: { kind: "parametric", winRate: 0.6, avgWin: 150, avgLoss: 200, tradesPerPath: 40 },
    paths: 333,
    seed: 6,
    compounding: false,
  });
  for (const config of configs) {
    const actual = kernels.monteCarlo(config);
    assert.deepEqual(actual, simulate(config), JSON.stringify(config.source).slice(0, 80));
    assert.equal(actual.perPath?.maxDrawdown.length, config.perPath ? config.paths : undefined);
  }
});

Deno.test("core-wasm - GBM paths agree with the TypeScript reference within 1e-12 relative", () => {
  const config: MonteCarloConfig = {
    source: { kind: "gbm", mu: 0.07, sigma: 0.35, steps: 120 },
    paths: 1_000,
    seed: 77,
    initialEquity: 100,
    samplePaths: 10,
    perPath: true,
    ruinThresholdPct: -10,
  };
  const a = kernels.monteCarlo(config);
  const e = simulate(config);
  const near = (x: number, y: number) =>
    assert.ok(Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y)), `${x} vs ${y}`);
  a.samples.forEach((path, s) => path.forEach((v, t) => near(v, e.samples[s][t])));
  for (const key of ["p5", "p25", "p50", "p75", "p95"] as const) {
    a.bands[key].forEach((v, t) => near(v, e.bands[key][t]));
  }
  near(a.maxDrawdownPct.p50, e.maxDrawdownPct.p50);
  near(a.cagrPct.mean, e.cagrPct.mean);
  assert.equal(a.ruin.paths, e.ruin.paths);
  for (const key of ["finalEquity", "maxDrawdown", "cagr"] as const) {
    a.perPath![key].forEach((v, p) => near(v, e.perPath![key][p]));
  }
  for (const key of ["ruinStep", "troughStep", "recoverySteps"] as const) {
    assert.deepEqual(a.perPath![key], e.perPath![key], key);
  }
  assert.ok(e.perPath!.ruinStep.some((t) => t > 0) && e.perPath!.ruinStep.some((t) => t < 0));
});

Deno.test("core-wasm - bsmBatch writes into caller-provided columns", () => {
  const input = contractGrid(100, 9);
  const out = {
    price: new Float64Array(100),
    delta: new Float64Array(100),
    gamma: new Float64Array(100),
    theta: new Float64Array(100),
    vega: new Float64Array(100),
    rho: new Float64Array(100),
  };
  const r = kernels.bsmBatch(input, out);
  assert.equal(r.price, out.price);
  assert.deepEqual(out.vega, kernels.bsmBatch(input).vega);
  assert.throws(() => kernels.bsmBatch(input, { ...out, rho: new Float64Array(3) }), RangeError);
});
