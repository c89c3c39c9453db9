// Monte Carlo equity paths with in-kernel statistics. Operation-for-operation port of
// lib/montecarlo/simulate.ts (simulateResolved): keep both in step; core-wasm/mod_test.ts
// checks that trade-based runs are bit-identical and GBM runs agree to 1e-12.
//
// cfg: 20 f64 (see CONFIG_FIELDS in simulate.ts). Output at outPtr: bands (5 rows of
// steps + 1), the 36-value summary (CAGR slots left for the host, which computes them
// from the final equities with JS Math.pow: see fillCagr), the final equity of every
// path, then `samples` paths of steps + 1. The path
// matrix and per-path arrays are allocated here from the arena; the host resets it.
import { rngNextFloat, rngNextInt, rngNextNormal, rngSeed } from "./prng";
import { bandQuantilesFast } from "./quantile";

const SUMMARY_LENGTH: i32 = 36;
// steps gathered per pass when turning path-major paths into per-step rows
const ROWS: i32 = 8;

// @ts-ignore: decorator
@inline function cfgAt(cfg: usize, i: i32): f64 {
  return load<f64>(cfg + ((<usize>i) << 3));
}

// @ts-ignore: decorator
@inline function f64At(base: usize, i: i32): usize {
  return base + ((<usize>i) << 3);
}

/** Runs the simulation described by `cfgPtr` over `nTrades` trades; see the header. */
export function monteCarlo(cfgPtr: usize, tradesPtr: usize, nTrades: i32, outPtr: usize): void {
  const source = <i32>cfgAt(cfgPtr, 0);
  const P = <i32>cfgAt(cfgPtr, 1);
  const N = <i32>cfgAt(cfgPtr, 2);
  const seed = cfgAt(cfgPtr, 3);
  const initial = cfgAt(cfgPtr, 4);
  const compounding = cfgAt(cfgPtr, 5) != 0;
  const blockLength = <i32>cfgAt(cfgPtr, 6);
  const skipProb = cfgAt(cfgPtr, 7);
  const winRate = cfgAt(cfgPtr, 8);
  const avgWin = cfgAt(cfgPtr, 9);
  const avgLoss = cfgAt(cfgPtr, 10);
  const jitter = cfgAt(cfgPtr, 11);
  const slippage = cfgAt(cfgPtr, 12);
  const mu = cfgAt(cfgPtr, 13);
  const sigma = cfgAt(cfgPtr, 14);
  const dt = cfgAt(cfgPtr, 15);
  const ruinPct = cfgAt(cfgPtr, 16);
  const ruinMode = <i32>cfgAt(cfgPtr, 17);
  const S = <i32>cfgAt(cfgPtr, 19);

  const W = N + 1;
  const n = nTrades;
  rngSeed(seed);
  // path-major while generating (sequential writes); rows are gathered per step later
  const matrix = heap.alloc((<usize>P * <usize>W) << 3);
  const finals = heap.alloc((<usize>P) << 3);
  const maxDd = heap.alloc((<usize>P) << 3);
  const recovery = heap.alloc((<usize>P) << 3);
  const perm = heap.alloc(source == 1 ? (<usize>n) << 3 : 8);
  // Per-trade step values: the growth factor 1 + x / 100 when compounding (computed once,
  // the same double the reference computes per step), else x itself.
  const steps = heap.alloc(((<usize>n) << 3) + 8);
  for (let i = 0; i < n; i++) {
    const x = load<f64>(f64At(tradesPtr, i));
    store<f64>(f64At(steps, i), compounding ? 1 + x / 100 : x);
  }
  const stepWin = compounding ? 1 + (avgWin - slippage) / 100 : avgWin - slippage;
  const stepLoss = compounding ? 1 + (-avgLoss - slippage) / 100 : -avgLoss - slippage;
  const stepFlat: f64 = compounding ? 1 : 0;
  const ruinLevel = initial * (1 + ruinPct / 100);
  const ruinDd = -ruinPct / 100;
  const drift = (mu - 0.5 * sigma * sigma) * dt;
  const diffusion = sigma * Math.sqrt(dt);
  let ruined: i32 = 0;

  for (let p = 0; p < P; p++) {
    let equity = initial;
    let peak = initial;
    let worst: f64 = 0;
    let ddPeak = initial;
    let troughAt: i32 = -1;
    let recoveredAt: i32 = -1;
    let ruin = false;
    let blockPos: i32 = 0;
    let blockLeft: i32 = 0;
    let pathWin = winRate;
    if (source == 1) {
      memory.copy(perm, steps, (<usize>n) << 3);
      for (let i = n - 1; i > 0; i--) {
        const j = <i32>rngNextInt(<u32>(i + 1));
        const t = load<f64>(f64At(perm, i));
        store<f64>(f64At(perm, i), load<f64>(f64At(perm, j)));
        store<f64>(f64At(perm, j), t);
      }
    } else if (source == 4 && jitter > 0) {
      pathWin = winRate + jitter * (2 * rngNextFloat() - 1);
      if (pathWin < 0) pathWin = 0;
      if (pathWin > 1) pathWin = 1;
    }
    let cell = matrix + ((<usize>p * <usize>W) << 3);
    store<f64>(cell, equity);
    for (let t = 1; t <= N; t++) {
      let x: f64 = stepFlat;
      if (source == 0) {
        x = load<f64>(f64At(steps, <i32>rngNextInt(<u32>n)));
      } else if (source == 1) {
        x = load<f64>(f64At(perm, t - 1));
      } else if (source == 2) {
        if (blockLeft == 0) {
          blockPos = <i32>rngNextInt(<u32>n);
          blockLeft = blockLength;
        }
        x = load<f64>(f64At(steps, blockPos));
        blockPos = blockPos + 1 == n ? 0 : blockPos + 1;
        blockLeft--;
      } else if (source == 3) {
        x = rngNextFloat() < skipProb ? stepFlat : load<f64>(f64At(steps, t - 1));
      } else if (source == 4) {
        x = rngNextFloat() < pathWin ? stepWin : stepLoss;
      }
      if (source == 5) {
        equity = equity * Math.exp(drift + diffusion * rngNextNormal());
      } else if (compounding) {
        equity = equity * x;
      } else {
        equity = equity + x;
      }
      cell += 8;
      store<f64>(cell, equity);
      // at a new high the drawdown is exactly 0: skip the division
      let dd: f64 = 0;
      if (equity >= peak) peak = equity;
      else dd = (peak - equity) / peak;
      if (dd > worst) {
        worst = dd;
        ddPeak = peak;
        troughAt = t;
        recoveredAt = -1;
      } else if (recoveredAt < 0 && troughAt >= 0 && equity >= ddPeak) {
        recoveredAt = t;
      }
      if (ruinMode == 0 ? equity <= ruinLevel : dd >= ruinDd) ruin = true;
    }
    if (ruin) ruined++;
    store<f64>(f64At(finals, p), equity);
    store<f64>(f64At(maxDd, p), worst * 100);
    store<f64>(
      f64At(recovery, p),
      troughAt < 0 ? -2 : recoveredAt < 0 ? -1 : <f64>(recoveredAt - troughAt),
    );
  }

  const wBytes = (<usize>W) << 3;
  const bandsOut = outPtr;
  const summary = outPtr + ((<usize>(5 * W)) << 3);
  const finalsOut = summary + ((<usize>SUMMARY_LENGTH) << 3);
  const samplesOut = finalsOut + ((<usize>P) << 3);
  memory.copy(finalsOut, finals, (<usize>P) << 3);
  memory.copy(samplesOut, matrix, (<usize>S * <usize>W) << 3);
  // gather ROWS steps at a time: per path one cache line in, ROWS sequential streams out
  const rows = heap.alloc((<usize>ROWS * <usize>P) << 3);
  for (let t0 = 0; t0 < W; t0 += ROWS) {
    const nr = W - t0 < ROWS ? W - t0 : ROWS;
    for (let p = 0; p < P; p++) {
      const src = matrix + ((<usize>p * <usize>W + <usize>t0) << 3);
      for (let r = 0; r < nr; r++) {
        store<f64>(rows + ((<usize>r * <usize>P + <usize>p) << 3), load<f64>(src + ((<usize>r) << 3)));
      }
    }
    for (let r = 0; r < nr; r++) {
      bandQuantilesFast(rows + ((<usize>r * <usize>P) << 3), 0, P, f64At(bandsOut, t0 + r), wBytes);
    }
  }
  distribution(finals, P, summary);
  distribution(maxDd, P, summary + 64);
  let recovered: i32 = 0;
  let censored: i32 = 0;
  let none: i32 = 0;
  for (let p = 0; p < P; p++) {
    const r = load<f64>(f64At(recovery, p));
    if (r >= 0) {
      store<f64>(f64At(recovery, recovered), r);
      recovered++;
    } else if (r == -1) censored++;
    else none++;
  }
  distribution(recovery, recovered, summary + 192);
  store<f64>(summary + 256, <f64>recovered);
  store<f64>(summary + 264, <f64>censored);
  store<f64>(summary + 272, <f64>none);
  store<f64>(summary + 280, <f64>ruined);
}

function distribution(x: usize, m: i32, out: usize): void {
  let sum: f64 = 0;
  let min: f64 = Infinity;
  let max: f64 = -Infinity;
  for (let i = 0; i < m; i++) {
    const v = load<f64>(f64At(x, i));
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  bandQuantilesFast(x, 0, m, out, 8);
  store<f64>(out + 40, m > 0 ? sum / <f64>m : NaN);
  store<f64>(out + 48, m > 0 ? min : NaN);
  store<f64>(out + 56, m > 0 ? max : NaN);
}
