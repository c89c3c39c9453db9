/**
 * Monte Carlo of equity paths, with the summary statistics computed in the same pass. This is
 * the TypeScript reference; core-wasm/assembly/montecarlo.ts ports it operation for operation,
 * and resampling runs are bit-identical between the two (same PRNG stream, same arithmetic).
 *
 * Path sources:
 * - trade sequences from a list of trade results, compounding (`returnPct`: equity *= 1 + r/100)
 *   or additive (`pnl`: equity += r): `bootstrap` (draws with replacement), `reshuffle` (a fresh
 *   random permutation per path), `block` (circular block bootstrap: random start, `blockLength`
 *   consecutive trades), `skip` (the trades in order, each skipped with probability `skipPct`%);
 * - `parametric` trades: win with probability winRate (per path perturbed by a uniform draw in
 *   +- winRateJitter), +avgWin or -avgLoss, minus `slippage` per trade;
 * - `gbm` price paths: S *= exp((mu - sigma^2/2) dt + sigma sqrt(dt) z).
 *
 * Statistics (equity includes the starting value at step 0):
 * - bands: 5/25/50/75/95th percentiles of equity across paths at every step (numpy "linear");
 * - maximum drawdown per path, max over t of (peak_t - equity_t) / peak_t in %, the peak
 *   including the starting equity;
 * - ruin probability: `capital` mode, equity touches initial x (1 + threshold/100) at some step;
 *   `drawdown` mode, the drawdown from the running peak reaches |threshold| %;
 * - CAGR per path in %: (final / initial)^(periodsPerYear / steps) - 1 (-100 when final <= 0);
 * - time to recover the deepest drawdown: steps from its trough until equity is back at the
 *   peak before it; paths that never get back are censored, paths without drawdown are counted
 *   apart.
 *
 * With `perPath: true` the result also holds every path's own figures (final equity, maximum
 * drawdown and CAGR as fractions, the first step of ruin, the step of the deepest trough and the
 * steps to recover from it), for histograms: see {@link PerPathResult}.
 *
 * Random stream order (part of the contract with the WASM kernel): reshuffle permutations and
 * per-path win-rate jitter are drawn path by path first; then all paths advance together, the
 * draws for step t going to paths 0, 1, ..., P-1 in turn. Only one step of P values is held at
 * a time, so memory is O(paths), not O(paths x steps).
 * @module
 */
import { Xoshiro128ss } from "./prng.ts";
import { BAND_QUANTILES, quantilesInPlace } from "./quantile.ts";

/** Resampling schemes over a list of trade results. */
export type ResampleMode = "bootstrap" | "reshuffle" | "block" | "skip";
/** How ruin is judged: equity level versus start, or drawdown from the running peak. */
export type RuinMode = "capital" | "drawdown";

/** Paths built from observed trade results. */
export interface TradeSource {
  kind: "trades";
  /** Trade results: returns in % when compounding, PnL in currency when additive. */
  trades: Float64Array;
  mode: ResampleMode;
  /** Steps per path (bootstrap and block; default the number of trades; reshuffle and skip use it). */
  tradesPerPath?: number;
  /** Block length for `block` (default round(sqrt(n)), at least 1). */
  blockLength?: number;
  /** Probability in % that each trade is skipped in `skip` mode, 1 to 10 (default 5). */
  skipPct?: number;
}

/** Synthetic trades from a win rate and average win and loss. */
export interface ParametricSource {
  kind: "parametric";
  /** Probability of a winning trade, 0 to 1. */
  winRate: number;
  /** Average win (> 0): % when compounding, currency when additive. */
  avgWin: number;
  /** Average loss as a positive number, same units. */
  avgLoss: number;
  tradesPerPath: number;
  /** Each path's win rate is winRate + U(-jitter, +jitter), clamped to [0, 1] (default 0). */
  winRateJitter?: number;
  /** Cost subtracted from every trade, same units (default 0). */
  slippage?: number;
}

/** Geometric Brownian motion price paths starting at `initialEquity`. */
export interface GbmSource {
  kind: "gbm";
  /** Drift per year (decimal). */
  mu: number;
  /** Volatility per year (decimal, >= 0). */
  sigma: number;
  steps: number;
  /** Years per step (default 1/252). */
  dt?: number;
}

/** A full simulation request. */
export interface MonteCarloConfig {
  source: TradeSource | ParametricSource | GbmSource;
  paths: number;
  /** Integer in [0, 2^53). */
  seed: number;
  /** Starting equity (default 10,000). */
  initialEquity?: number;
  /** Trade results are % returns that compound (default) or additive PnL. */
  compounding?: boolean;
  /** Ruin threshold in %, in [-100, 0) (default -50). */
  ruinThresholdPct?: number;
  ruinMode?: RuinMode;
  /** Steps per year for CAGR (default 252; GBM uses 1/dt). */
  periodsPerYear?: number;
  /** How many raw paths to return for plotting (the first ones; default 0). */
  samplePaths?: number;
  /**
   * Also return every path's own statistics in `perPath` (default false): six Float64Arrays of
   * `paths` values, 48 bytes a path (480 KB for 10,000 paths).
   */
  perPath?: boolean;
}

/**
 * Each path's own statistics, in path order (index p is path p). Steps count from 1 (the first
 * trade); step 0 is the starting equity.
 */
export interface PerPathResult {
  /** Equity after the last step. */
  finalEquity: Float64Array;
  /**
   * Maximum drawdown as a fraction in [0, 1]: max over t of (peak_t - equity_t) / peak_t, the
   * peak including the starting equity (0 when equity never fell below a running peak).
   * `maxDrawdownPct` percentiles are these values x 100.
   */
  maxDrawdown: Float64Array;
  /**
   * CAGR as a fraction: (final / initial)^(periodsPerYear / steps) - 1, or -1 when final <= 0.
   * `cagrPct` percentiles are these values x 100.
   */
  cagr: Float64Array;
  /** First step at which the ruin condition held, or -1 when the path was never ruined. */
  ruinStep: Float64Array;
  /** Step of the deepest drawdown's trough (the first time it was reached), -1 without drawdown. */
  troughStep: Float64Array;
  /**
   * Steps from that trough until equity was back at the peak before it; -1 when it never got
   * back (censored), -2 without drawdown.
   */
  recoverySteps: Float64Array;
}

/** Percentiles (5/25/50/75/95), mean, min and max of a per-path statistic. */
export interface Distribution {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** What a simulation returns. */
export interface MonteCarloResult {
  paths: number;
  /** Steps per path; every band has steps + 1 values (step 0 is the start). */
  steps: number;
  bands: {
    p5: Float64Array;
    p25: Float64Array;
    p50: Float64Array;
    p75: Float64Array;
    p95: Float64Array;
  };
  finalEquity: Distribution;
  /** Maximum drawdown per path, in % (positive). */
  maxDrawdownPct: Distribution;
  /** CAGR per path, in %. */
  cagrPct: Distribution;
  ruin: { thresholdPct: number; mode: RuinMode; probability: number; paths: number };
  /** Steps from the deepest trough back to its peak, over the paths that recovered. */
  recovery: Distribution & { recovered: number; censored: number; noDrawdown: number };
  /** The first `samplePaths` paths, each steps + 1 values. */
  samples: Float64Array[];
  /** Every path's own statistics; present only when the config asked for `perPath`. */
  perPath?: PerPathResult;
}

/** Numeric codes shared with the WASM kernel. */
export const SOURCE_CODES = {
  bootstrap: 0,
  reshuffle: 1,
  block: 2,
  skip: 3,
  parametric: 4,
  gbm: 5,
} as const;

/** The resolved, validated parameters, in the order of the kernel's f64 config block. */
export const CONFIG_FIELDS = [
  "source",
  "paths",
  "steps",
  "seed",
  "initial",
  "compounding",
  "blockLength",
  "skipProb",
  "winRate",
  "avgWin",
  "avgLoss",
  "jitter",
  "slippage",
  "mu",
  "sigma",
  "dt",
  "ruinPct",
  "ruinMode",
  "periodsPerYear",
  "samples",
  "perPath",
] as const;

/** A resolved config: every field a number. */
export type ResolvedConfig = Record<(typeof CONFIG_FIELDS)[number], number>;

/** Size limits that keep one run within memory (paths x (steps + 1) doubles). */
export const LIMITS = {
  maxPaths: 100_000,
  maxSteps: 10_000,
  maxCells: 20_000_000,
  maxTrades: 1 << 21,
};

function fail(field: string, expected: string, was: unknown): never {
  throw new RangeError(`monteCarlo: expected ${field} ${expected}, was ${String(was)}`);
}

/** Validates a config and resolves defaults; throws RangeError naming the field. */
export function resolveConfig(
  config: MonteCarloConfig,
): { cfg: ResolvedConfig; trades: Float64Array } {
  const src = config.source;
  const int = (x: unknown, min: number, max: number) =>
    typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;
  const num = (x: unknown) => typeof x === "number" && Number.isFinite(x);
  if (!int(config.paths, 1, LIMITS.maxPaths)) {
    fail("paths", `an integer in [1, ${LIMITS.maxPaths}]`, config.paths);
  }
  if (!int(config.seed, 0, Number.MAX_SAFE_INTEGER)) {
    fail("seed", "an integer in [0, 2^53)", config.seed);
  }
  const initial = config.initialEquity ?? 10_000;
  if (!(num(initial) && initial > 0)) fail("initialEquity", "> 0", initial);
  const ruinPct = config.ruinThresholdPct ?? -50;
  if (!(num(ruinPct) && ruinPct >= -100 && ruinPct < 0)) {
    fail("ruinThresholdPct", "in [-100, 0)", ruinPct);
  }
  const ruinMode = config.ruinMode ?? "capital";
  if (ruinMode !== "capital" && ruinMode !== "drawdown") {
    fail("ruinMode", '"capital" or "drawdown"', ruinMode);
  }
  const samples = config.samplePaths ?? 0;
  if (config.perPath !== undefined && typeof config.perPath !== "boolean") {
    fail("perPath", "a boolean", config.perPath);
  }
  if (!int(samples, 0, Math.min(100, config.paths))) {
    fail("samplePaths", "an integer in [0, min(100, paths)]", samples);
  }
  const cfg: ResolvedConfig = {
    source: 0,
    paths: config.paths,
    steps: 0,
    seed: config.seed,
    initial,
    compounding: config.compounding === false ? 0 : 1,
    blockLength: 1,
    skipProb: 0,
    winRate: 0,
    avgWin: 0,
    avgLoss: 0,
    jitter: 0,
    slippage: 0,
    mu: 0,
    sigma: 0,
    dt: 1 / 252,
    ruinPct,
    ruinMode: ruinMode === "capital" ? 0 : 1,
    periodsPerYear: config.periodsPerYear ?? 252,
    samples,
    perPath: config.perPath ? 1 : 0,
  };
  let trades: Float64Array = new Float64Array(0);
  if (src.kind === "trades") {
    trades = src.trades;
    const n = trades.length;
    if (n < 1 || n > LIMITS.maxTrades) fail("trades", `1 to ${LIMITS.maxTrades} values`, n);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(trades[i])) fail(`trades[${i}]`, "a finite number", trades[i]);
      if (cfg.compounding && trades[i] <= -100) fail(`trades[${i}]`, "> -100 (%)", trades[i]);
    }
    if (
      !(src.mode in SOURCE_CODES) || src.mode === ("parametric" as string) ||
      src.mode === ("gbm" as string)
    ) {
      fail("mode", "bootstrap, reshuffle, block or skip", src.mode);
    }
    cfg.source = SOURCE_CODES[src.mode];
    const fixed = src.mode === "reshuffle" || src.mode === "skip";
    const steps = src.tradesPerPath ?? n;
    if (fixed && steps !== n) {
      fail("tradesPerPath", `${n} (the number of trades) in ${src.mode} mode`, steps);
    }
    if (!int(steps, 1, LIMITS.maxSteps)) {
      fail("tradesPerPath", `an integer in [1, ${LIMITS.maxSteps}]`, steps);
    }
    cfg.steps = steps;
    const block = src.blockLength ?? Math.max(1, Math.round(Math.sqrt(n)));
    if (!int(block, 1, n)) fail("blockLength", `an integer in [1, ${n}]`, block);
    cfg.blockLength = block;
    const skipPct = src.skipPct ?? 5;
    if (!(num(skipPct) && skipPct >= 1 && skipPct <= 10)) fail("skipPct", "in [1, 10]", skipPct);
    cfg.skipProb = skipPct / 100;
  } else if (src.kind === "parametric") {
    cfg.source = SOURCE_CODES.parametric;
    if (!(num(src.winRate) && src.winRate >= 0 && src.winRate <= 1)) {
      fail("winRate", "in [0, 1]", src.winRate);
    }
    if (!(num(src.avgWin) && src.avgWin >= 0)) fail("avgWin", ">= 0", src.avgWin);
    if (!(num(src.avgLoss) && src.avgLoss >= 0)) {
      fail("avgLoss", ">= 0 (a positive loss size)", src.avgLoss);
    }
    if (cfg.compounding && src.avgLoss + (src.slippage ?? 0) >= 100) {
      fail("avgLoss", "+ slippage < 100 (%)", src.avgLoss);
    }
    if (!int(src.tradesPerPath, 1, LIMITS.maxSteps)) {
      fail("tradesPerPath", `an integer in [1, ${LIMITS.maxSteps}]`, src.tradesPerPath);
    }
    const jitter = src.winRateJitter ?? 0;
    if (!(num(jitter) && jitter >= 0 && jitter <= 0.5)) {
      fail("winRateJitter", "in [0, 0.5]", jitter);
    }
    const slippage = src.slippage ?? 0;
    if (!(num(slippage) && slippage >= 0)) fail("slippage", ">= 0", slippage);
    Object.assign(cfg, {
      winRate: src.winRate,
      avgWin: src.avgWin,
      avgLoss: src.avgLoss,
      steps: src.tradesPerPath,
      jitter,
      slippage,
    });
  } else if (src.kind === "gbm") {
    cfg.source = SOURCE_CODES.gbm;
    if (!num(src.mu)) fail("mu", "a finite number", src.mu);
    if (!(num(src.sigma) && src.sigma >= 0)) fail("sigma", ">= 0", src.sigma);
    if (!int(src.steps, 1, LIMITS.maxSteps)) {
      fail("steps", `an integer in [1, ${LIMITS.maxSteps}]`, src.steps);
    }
    const dt = src.dt ?? 1 / 252;
    if (!(num(dt) && dt > 0)) fail("dt", "> 0 (years)", dt);
    Object.assign(cfg, { mu: src.mu, sigma: src.sigma, steps: src.steps, dt });
    cfg.compounding = 1;
    cfg.periodsPerYear = config.periodsPerYear ?? 1 / dt;
  } else {
    fail("source.kind", '"trades", "parametric" or "gbm"', (src as { kind: unknown }).kind);
  }
  if (!(num(cfg.periodsPerYear) && cfg.periodsPerYear > 0)) {
    fail("periodsPerYear", "> 0", cfg.periodsPerYear);
  }
  if (cfg.paths * (cfg.steps + 1) > LIMITS.maxCells) {
    fail("paths x (steps + 1)", `<= ${LIMITS.maxCells}`, cfg.paths * (cfg.steps + 1));
  }
  return { cfg, trades };
}

/**
 * Per-path rows the WASM kernel writes after the samples when `perPath` is set: max drawdown
 * (fraction), ruin step, trough step, recovery steps (final equity is already in the output and
 * CAGR is computed on the host by {@link fillCagr}).
 */
export const PER_PATH_KERNEL_ROWS = 4;

/** Number of f64 summary values after the bands: 3 distributions x 8, recovery 8 + 3, ruin 1. */
export const SUMMARY_LENGTH = 3 * 8 + 8 + 3 + 1;

/**
 * Runs a simulation in TypeScript. Same results as the WASM kernel (bit-identical for the
 * trade sources; GBM within 1e-12 relative because exp and log may differ in the last bit).
 *
 * @example
 * ```ts
 * const r = simulate({
 *   source: { kind: "trades", trades: Float64Array.of(2, -1, 3, -2, 1.5), mode: "bootstrap" },
 *   paths: 1000,
 *   seed: 7,
 * });
 * r.bands.p50.length; // 6: the start plus 5 trades
 * ```
 */
export function simulate(config: MonteCarloConfig): MonteCarloResult {
  const { cfg, trades } = resolveConfig(config);
  const { bands, summary, samples, perPath } = simulateResolved(cfg, trades);
  return unpackResult(cfg, bands, summary, samples, perPath);
}

/**
 * The kernel in TypeScript over resolved parameters: returns bands (5 rows of steps + 1),
 * the summary block, the final equity of every path (path order) and the sample paths
 * (row-major), laid out like the WASM output.
 */
export function simulateResolved(cfg: ResolvedConfig, trades: Float64Array): {
  bands: Float64Array;
  summary: Float64Array;
  samples: Float64Array;
  finals: Float64Array;
  perPath?: PerPathResult;
} {
  const P = cfg.paths;
  const N = cfg.steps;
  const W = N + 1;
  const n = trades.length;
  const initial = cfg.initial;
  const compounding = cfg.compounding !== 0;
  const rng = new Xoshiro128ss(cfg.seed);
  const S = cfg.samples;
  const samples = new Float64Array(S * W);
  const bands = new Float64Array(5 * W);
  const row = new Float64Array(P); // one step across all paths, reordered by the selection
  // per-path state: paths advance together one step at a time (step-major), so no path
  // matrix is kept; the PRNG is drawn for path 0, 1, ..., P-1 at step 1, then step 2, ...
  const equity = new Float64Array(P).fill(initial);
  const peak = new Float64Array(P).fill(initial);
  const worst = new Float64Array(P);
  const ddPeak = new Float64Array(P).fill(initial);
  const troughAt = new Int32Array(P).fill(-1);
  const recoveredAt = new Int32Array(P).fill(-1);
  const ruinAt = new Int32Array(P); // first step of ruin, 0 = never
  const blockPos = new Int32Array(cfg.source === SOURCE_CODES.block ? P : 0);
  const blockLeft = new Int32Array(cfg.source === SOURCE_CODES.block ? P : 0);
  const pathWin = new Float64Array(cfg.source === SOURCE_CODES.parametric ? P : 0).fill(
    cfg.winRate,
  );
  // reshuffle: one random permutation per path, drawn path by path before the first step
  // (trade indices, 4 bytes each: P x n of them)
  const perms = new Int32Array(cfg.source === SOURCE_CODES.reshuffle ? P * n : 0);
  const ruinLevel = initial * (1 + cfg.ruinPct / 100);
  const ruinDd = -cfg.ruinPct / 100;
  const drift = (cfg.mu - 0.5 * cfg.sigma * cfg.sigma) * cfg.dt;
  const diffusion = cfg.sigma * Math.sqrt(cfg.dt);

  if (cfg.source === SOURCE_CODES.reshuffle) {
    for (let p = 0; p < P; p++) {
      const at = p * n;
      for (let i = 0; i < n; i++) perms[at + i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = rng.nextInt(i + 1);
        const t = perms[at + i];
        perms[at + i] = perms[at + j];
        perms[at + j] = t;
      }
    }
  } else if (cfg.source === SOURCE_CODES.parametric && cfg.jitter > 0) {
    for (let p = 0; p < P; p++) {
      let w = cfg.winRate + cfg.jitter * (2 * rng.nextFloat() - 1);
      if (w < 0) w = 0;
      if (w > 1) w = 1;
      pathWin[p] = w;
    }
  }
  for (let q = 0; q < 5; q++) bands[q * W] = initial; // step 0: every path at the start
  for (let s = 0; s < S; s++) samples[s * W] = initial;

  for (let t = 1; t <= N; t++) {
    for (let p = 0; p < P; p++) {
      let x = 0;
      switch (cfg.source) {
        case 0:
          x = trades[rng.nextInt(n)];
          break;
        case 1:
          x = trades[perms[p * n + t - 1]];
          break;
        case 2:
          if (blockLeft[p] === 0) {
            blockPos[p] = rng.nextInt(n);
            blockLeft[p] = cfg.blockLength;
          }
          x = trades[blockPos[p]];
          blockPos[p] = blockPos[p] + 1 === n ? 0 : blockPos[p] + 1;
          blockLeft[p]--;
          break;
        case 3:
          x = rng.nextFloat() < cfg.skipProb ? 0 : trades[t - 1];
          break;
        case 4:
          x = (rng.nextFloat() < pathWin[p] ? cfg.avgWin : -cfg.avgLoss) - cfg.slippage;
          break;
        default:
          x = 0;
      }
      let e = equity[p];
      if (cfg.source === SOURCE_CODES.gbm) {
        e = e * Math.exp(drift + diffusion * rng.nextNormal());
      } else if (compounding) {
        e = e * (1 + x / 100);
      } else {
        e = e + x;
      }
      equity[p] = e;
      row[p] = e;
      if (p < S) samples[p * W + t] = e;
      // at a new high the drawdown is exactly 0: skip the division
      let dd = 0;
      const pk = peak[p];
      if (e >= pk) peak[p] = e;
      else dd = (pk - e) / pk;
      if (dd > worst[p]) {
        worst[p] = dd;
        ddPeak[p] = pk;
        troughAt[p] = t;
        recoveredAt[p] = -1;
      } else if (recoveredAt[p] < 0 && troughAt[p] >= 0 && e >= ddPeak[p]) {
        recoveredAt[p] = t;
      }
      if ((cfg.ruinMode === 0 ? e <= ruinLevel : dd >= ruinDd) && ruinAt[p] === 0) ruinAt[p] = t;
    }
    quantilesInPlace(row, 0, P, BAND_QUANTILES, bands, t, W);
  }

  const finals = equity;
  const maxDd = new Float64Array(P);
  const recovery = new Float64Array(P); // steps, or -1 censored, -2 no drawdown
  let ruined = 0;
  for (let p = 0; p < P; p++) {
    if (ruinAt[p] > 0) ruined++;
    maxDd[p] = worst[p] * 100;
    recovery[p] = troughAt[p] < 0 ? -2 : recoveredAt[p] < 0 ? -1 : recoveredAt[p] - troughAt[p];
  }

  const summary = new Float64Array(SUMMARY_LENGTH);
  const finalsInOrder = finals.slice();
  let perPath: PerPathResult | undefined;
  if (cfg.perPath) {
    perPath = {
      finalEquity: finalsInOrder,
      maxDrawdown: worst.slice(),
      cagr: new Float64Array(P),
      ruinStep: Float64Array.from(ruinAt, (t) => (t > 0 ? t : -1)),
      troughStep: Float64Array.from(troughAt),
      recoverySteps: recovery.slice(),
    };
  }
  fillCagr(cfg, finalsInOrder, summary, perPath?.cagr);
  distribution(finals, P, summary, 0);
  distribution(maxDd, P, summary, 8);
  let recovered = 0;
  let censored = 0;
  let none = 0;
  for (let p = 0; p < P; p++) {
    const r = recovery[p];
    if (r >= 0) recovery[recovered++] = r;
    else if (r === -1) censored++;
    else none++;
  }
  distribution(recovery, recovered, summary, 24);
  summary[32] = recovered;
  summary[33] = censored;
  summary[34] = none;
  summary[35] = ruined;
  return { bands, summary, samples, finals: finalsInOrder, perPath };
}

/**
 * CAGR per path in % from the final equities (path order), summarised into summary[16..24).
 * Shared by the reference and the WASM wrapper: Math.pow is not correctly rounded and WASM's
 * pow may differ from V8's in the last bit, so this one step always runs in JS, keeping
 * results bit-identical. When `out` is given, each path's CAGR as a fraction,
 * (final / initial)^(periodsPerYear / steps) - 1 (-1 when final <= 0), is written there in path
 * order; the percent values summarised are exactly those fractions x 100.
 */
export function fillCagr(
  cfg: ResolvedConfig,
  finals: Float64Array,
  summary: Float64Array,
  out?: Float64Array,
): void {
  const exponent = cfg.periodsPerYear / cfg.steps;
  const cagr = new Float64Array(finals.length);
  for (let p = 0; p < finals.length; p++) {
    const f = finals[p];
    const c = f > 0 ? Math.pow(f / cfg.initial, exponent) - 1 : -1;
    if (out) out[p] = c;
    cagr[p] = c * 100;
  }
  distribution(cagr, cagr.length, summary, 16);
}

/** Writes p5..p95, mean, min, max of x[0, m) at summary[at..at + 8); reorders x. */
function distribution(x: Float64Array, m: number, summary: Float64Array, at: number): void {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < m; i++) {
    const v = x[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  quantilesInPlace(x, 0, m, BAND_QUANTILES, summary, at, 1);
  summary[at + 5] = m > 0 ? sum / m : NaN;
  summary[at + 6] = m > 0 ? min : NaN;
  summary[at + 7] = m > 0 ? max : NaN;
}

function toDistribution(s: Float64Array, at: number): Distribution {
  return {
    p5: s[at],
    p25: s[at + 1],
    p50: s[at + 2],
    p75: s[at + 3],
    p95: s[at + 4],
    mean: s[at + 5],
    min: s[at + 6],
    max: s[at + 7],
  };
}

/** Builds the result object from the kernel's output layout. */
export function unpackResult(
  cfg: ResolvedConfig,
  bands: Float64Array,
  summary: Float64Array,
  samples: Float64Array,
  perPath?: PerPathResult,
): MonteCarloResult {
  const W = cfg.steps + 1;
  const row = (i: number) => bands.slice(i * W, (i + 1) * W);
  return {
    paths: cfg.paths,
    steps: cfg.steps,
    bands: { p5: row(0), p25: row(1), p50: row(2), p75: row(3), p95: row(4) },
    finalEquity: toDistribution(summary, 0),
    maxDrawdownPct: toDistribution(summary, 8),
    cagrPct: toDistribution(summary, 16),
    recovery: {
      ...toDistribution(summary, 24),
      recovered: summary[32],
      censored: summary[33],
      noDrawdown: summary[34],
    },
    ruin: {
      thresholdPct: cfg.ruinPct,
      mode: cfg.ruinMode === 0 ? "capital" : "drawdown",
      probability: summary[35] / cfg.paths,
      paths: summary[35],
    },
    samples: Array.from({ length: cfg.samples }, (_, s) => samples.slice(s * W, (s + 1) * W)),
    ...(perPath && { perPath }),
  };
}
