/**
 * `deno task bench core-wasm`: the options and Monte Carlo kernels in WASM against their
 * TypeScript references and the npm packages black-scholes + greeks, in one process.
 * WASM timings include copying the columns in and out of linear memory.
 * @module
 */
import process from "node:process";
import bs from "black-scholes";
import greeks from "greeks";
import { type BenchTable, timeMedian } from "../lib/bench/harness.ts";
import { bsmBatch, type BsmBatchInput, type GreeksBatch } from "../lib/options/bsm.ts";
import { ivBatch, type IvBatchInput } from "../lib/options/iv.ts";
import { americanBatch } from "../lib/options/american.ts";
import { type MonteCarloConfig, simulate } from "../lib/montecarlo/simulate.ts";
import { monteCarloHistograms } from "../lib/montecarlo/histogram.ts";
import { loadServerKernels } from "./load_server.ts";

/** Contracts inside the domain: vol 0.01-3, T 1 hour-5 years, K/S 0.5-2. */
function contracts(n: number, seed = 1): BsmBatchInput {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const c: BsmBatchInput = {
    type: new Float64Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    rate: new Float64Array(n),
    vol: new Float64Array(n),
    time: new Float64Array(n),
    dividend: new Float64Array(n), // 0: the npm packages have no dividend yield
  };
  for (let i = 0; i < n; i++) {
    c.type[i] = rand() < 0.5 ? 1 : -1;
    c.spot[i] = 20 + 480 * rand();
    c.strike[i] = c.spot[i] * (0.5 + 1.5 * rand());
    c.rate[i] = 0.1 * rand();
    c.vol[i] = 0.01 + 2.99 * rand();
    c.time[i] = 1 / 8760 + 5 * rand();
  }
  return c;
}

/** Price and the five Greeks per contract with black-scholes and greeks (npm). */
function npmGreeks(c: BsmBatchInput, n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const type = c.type[i] === 1 ? "call" : "put";
    const s = c.spot[i], k = c.strike[i], t = c.time[i], v = c.vol[i], r = c.rate[i];
    sink += bs.blackScholes(s, k, t, v, r, type) + greeks.getDelta(s, k, t, v, r, type) +
      greeks.getGamma(s, k, t, v, r) + greeks.getTheta(s, k, t, v, r, type) +
      greeks.getVega(s, k, t, v, r) + greeks.getRho(s, k, t, v, r, type);
  }
  return sink;
}

/** Median process CPU time (user + system) of `fn` in ms: robust when other jobs share the cores. */
function cpuMedian(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

function columns(n: number): GreeksBatch {
  const col = () => new Float64Array(n);
  return { price: col(), delta: col(), gamma: col(), theta: col(), vega: col(), rho: col() };
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(1)}x`;
}

export default async function coreWasmBench(): Promise<BenchTable[]> {
  const k = await loadServerKernels();
  const tables: BenchTable[] = [];
  if (k.backend !== "wasm") {
    throw new Error(`core-wasm bench: WASM did not load (${k.fallbackReason})`);
  }

  // 1,000,000 prices with all Greeks
  const N = 1_000_000;
  const big = contracts(N);
  const outW = columns(N);
  const outT = columns(N);
  const wasmBsm = timeMedian(() => k.bsmBatch(big, outW), { runs: 7 });
  const tsBsm = timeMedian(() => bsmBatch(big, outT), { runs: 5 });
  const wasmFresh = timeMedian(() => k.bsmBatch(big), { runs: 5 });
  const tsFresh = timeMedian(() => bsmBatch(big), { runs: 5 });
  const wasmCpu = cpuMedian(() => k.bsmBatch(big, outW));
  const tsCpu = cpuMedian(() => bsmBatch(big, outT));
  const NPM_N = 20_000;
  const npmBsm = timeMedian(() => npmGreeks(big, NPM_N), { runs: 3, warmup: 1 }) * (N / NPM_N);
  tables.push({
    title: "BSM price + delta, gamma, theta, vega, rho: 1,000,000 contracts",
    baseline: "npm black-scholes + greeks",
    rows: [
      {
        name: "wasm (core.wasm)",
        ms: wasmBsm,
        note: `${(N / wasmBsm / 1000).toFixed(1)} M contracts/s; cpu ${wasmCpu.toFixed(1)} ms`,
      },
      {
        name: "ts reference",
        ms: tsBsm,
        note: `${(N / tsBsm / 1000).toFixed(1)} M contracts/s; cpu ${tsCpu.toFixed(1)} ms`,
      },
      { name: "wasm, new output arrays", ms: wasmFresh },
      { name: "ts, new output arrays", ms: tsFresh },
      {
        name: "npm black-scholes + greeks",
        ms: npmBsm,
        note: `timed on ${NPM_N.toLocaleString("en-US")} contracts, scaled x${N / NPM_N}`,
      },
    ],
    notes: [
      `wasm vs ts reference: ${ratio(tsBsm, wasmBsm)} wall, ${ratio(tsCpu, wasmCpu)} cpu ` +
      `(target >= 1.5x; both write into preallocated columns; wasm time includes copying ` +
      `7 input and 6 output columns through linear memory)`,
      `wasm vs npm: ${ratio(npmBsm, wasmBsm)} (target >= 10x)`,
      `why not more: per contract the work is ~4 exp/log calls in WASM (the tail factor ` +
      `exp(-(k/16)^2/2) of the normal CDF comes from a table filled with the same exp at ` +
      `instantiation, so results are unchanged) against ~6 in TS; V8's Math.exp and ` +
      `the musl-derived NativeMath.exp cost about the same per call`,
    ],
  });

  // 10,000 contracts
  const small = contracts(10_000, 7);
  const wasmSmall = timeMedian(() => k.bsmBatch(small), { runs: 21, warmup: 5 });
  const wasmSmallCpu = cpuMedian(() => k.bsmBatch(small), 21);
  const tsSmall = timeMedian(() => bsmBatch(small), { runs: 21, warmup: 5 });
  tables.push({
    title: "Greeks for 10,000 contracts",
    baseline: "ts reference",
    rows: [{ name: "wasm (core.wasm)", ms: wasmSmall }, { name: "ts reference", ms: tsSmall }],
    notes: [
      `wasm ${wasmSmall.toFixed(2)} ms wall, ${wasmSmallCpu.toFixed(2)} ms cpu (target < 10 ms)`,
    ],
  });

  // 100,000 implied vols
  const ivN = 100_000;
  const ivC = contracts(ivN, 3);
  const ivIn: IvBatchInput = {
    type: ivC.type,
    price: bsmBatch(ivC).price,
    spot: ivC.spot,
    strike: ivC.strike,
    rate: ivC.rate,
    time: ivC.time,
    dividend: ivC.dividend,
  };
  const wasmIv = timeMedian(() => k.ivBatch(ivIn), { runs: 5 });
  const tsIv = timeMedian(() => ivBatch(ivIn), { runs: 5 });
  const wasmIvCpu = cpuMedian(() => k.ivBatch(ivIn));
  const tsIvCpu = cpuMedian(() => ivBatch(ivIn));
  tables.push({
    title: "Implied volatility: 100,000 contracts",
    baseline: "ts reference",
    rows: [
      { name: "wasm (core.wasm)", ms: wasmIv, note: `${(ivN / wasmIv / 1000).toFixed(2)} M/s` },
      { name: "ts reference", ms: tsIv, note: `${(ivN / tsIv / 1000).toFixed(2)} M/s` },
    ],
    notes: [
      `wasm vs ts reference: ${ratio(tsIv, wasmIv)} wall, ${ratio(tsIvCpu, wasmIvCpu)} cpu ` +
      `(target >= 1.5x); the npm packages have no implied vol`,
    ],
  });

  // American options
  const amC = contracts(200, 9);
  const wasmAm = timeMedian(() => k.americanBatch(amC), { runs: 3, warmup: 1 });
  const tsAm = timeMedian(() => americanBatch(amC), { runs: 3, warmup: 1 });
  tables.push({
    title: "American (CRR 500 steps, control variate, 5 trees each): 200 contracts",
    baseline: "ts reference",
    rows: [{ name: "wasm (core.wasm)", ms: wasmAm }, { name: "ts reference", ms: tsAm }],
    notes: [
      `wasm vs ts reference: ${ratio(tsAm, wasmAm)} (below the 1.5x aim)`,
      "why: the tree's inner loop is two multiply-adds, a compare and a store per node over a " +
      "Float64Array, with no exp/log; TurboFan compiles the TypeScript loop to nearly the same " +
      "machine code as the wasm, so the only gain left is bounds checks",
    ],
  });

  // Monte Carlo
  let seed = 5;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const trades = Float64Array.from(
    { length: 250 },
    () => (rand() < 0.55 ? 3 * rand() : -2.5 * rand()),
  );
  for (const [steps, target] of [[250, 50], [1_000, 200]] as const) {
    const config: MonteCarloConfig = {
      source: { kind: "trades", trades, mode: "bootstrap", tradesPerPath: steps },
      paths: 10_000,
      seed: 42,
    };
    const wasmMc = timeMedian(() => k.monteCarlo(config), { runs: 7, warmup: 2 });
    const tsMc = timeMedian(() => simulate(config), { runs: 5, warmup: 1 });
    const wasmMcCpu = cpuMedian(() => k.monteCarlo(config));
    const perPath = { ...config, perPath: true };
    const wasmPerPath = timeMedian(() => monteCarloHistograms(k.monteCarlo(perPath), 40), {
      runs: 7,
      warmup: 2,
    });
    tables.push({
      title: `Monte Carlo bootstrap with all statistics: 10,000 paths x ${
        steps.toLocaleString("en-US")
      } trades`,
      baseline: "ts reference",
      rows: [
        { name: "wasm (core.wasm)", ms: wasmMc },
        {
          name: "wasm + per-path arrays + 2 histograms",
          ms: wasmPerPath,
          note: "perPath: true, monteCarloHistograms(result, 40)",
        },
        { name: "ts reference", ms: tsMc },
      ],
      notes: [
        `wasm ${wasmMc.toFixed(1)} ms wall, ${wasmMcCpu.toFixed(1)} ms cpu ` +
        `(target < ${target} ms); wasm vs ts reference: ${ratio(tsMc, wasmMc)}`,
      ],
    });
  }
  return tables;
}
