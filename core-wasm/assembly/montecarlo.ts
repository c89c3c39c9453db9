// Monte Carlo equity paths with in-kernel statistics. Operation-for-operation port of
// lib/montecarlo/simulate.ts (simulateResolved): keep both in step; core-wasm/mod_test.ts
// checks that trade-based runs are bit-identical and GBM runs agree to 1e-12.
//
// cfg: 21 f64 (see CONFIG_FIELDS in simulate.ts). Output at outPtr: bands (5 rows of
// steps + 1), the 36-value summary (CAGR slots left for the host, which computes them
// from the final equities with JS Math.pow: see fillCagr), the final equity of every
// path, then `samples` paths of steps + 1, then, when cfg.perPath is set, 4 rows of P
// values: max drawdown (fraction), first ruin step (-1 never), deepest trough step (-1
// none), steps to recover (-1 censored, -2 no drawdown). Paths advance together step by
// step, so only per-path state and one row of P values are kept (no path matrix); the
// per-step bands are selected from that row. Scratch comes from the arena; the host resets it.
import { rngNextFloat, rngNextInt, rngNextNormal, rngSeed } from "./prng";
import { bandQuantilesFast } from "./quantile";

const SUMMARY_LENGTH: i32 = 36;

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
  const perPath = cfgAt(cfgPtr, 20) != 0;

  const W = N + 1;
  const n = nTrades;
  rngSeed(seed);
  const pBytes = (<usize>P) << 3;
  // per-path state; paths advance together one step at a time (step-major), the PRNG is
  // drawn for path 0..P-1 at step 1, then step 2, ... exactly as the reference does
  const equity = heap.alloc(pBytes);
  const peak = heap.alloc(pBytes);
  const worst = heap.alloc(pBytes);
  const ddPeak = heap.alloc(pBytes);
  const troughAt = heap.alloc((<usize>P) << 2);
  const recoveredAt = heap.alloc((<usize>P) << 2);
  const ruinAt = heap.alloc((<usize>P) << 2); // i32 first step of ruin, 0 = never
  const blockPos = heap.alloc(source == 2 ? (<usize>P) << 2 : 4);
  const blockLeft = heap.alloc(source == 2 ? (<usize>P) << 2 : 4);
  const pathWin = heap.alloc(source == 4 ? pBytes : 8);
  const row = heap.alloc(pBytes);
  const perms = heap.alloc(source == 1 ? (<usize>P * <usize>n) << 2 : 4); // i32 trade indices
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
  for (let p = 0; p < P; p++) {
    store<f64>(f64At(equity, p), initial);
    store<f64>(f64At(peak, p), initial);
    store<f64>(f64At(worst, p), 0);
    store<f64>(f64At(ddPeak, p), initial);
    store<i32>(troughAt + ((<usize>p) << 2), -1);
    store<i32>(recoveredAt + ((<usize>p) << 2), -1);
    store<i32>(ruinAt + ((<usize>p) << 2), 0);
  }
  if (source == 2) {
    memory.fill(blockPos, 0, (<usize>P) << 2);
    memory.fill(blockLeft, 0, (<usize>P) << 2);
  }
  if (source == 1) {
    for (let p = 0; p < P; p++) {
      const base = perms + ((<usize>p * <usize>n) << 2);
      for (let i = 0; i < n; i++) store<i32>(base + ((<usize>i) << 2), i);
      for (let i = n - 1; i > 0; i--) {
        const j = <i32>rngNextInt(<u32>(i + 1));
        const t = load<i32>(base + ((<usize>i) << 2));
        store<i32>(base + ((<usize>i) << 2), load<i32>(base + ((<usize>j) << 2)));
        store<i32>(base + ((<usize>j) << 2), t);
      }
    }
  } else if (source == 4) {
    for (let p = 0; p < P; p++) {
      let w = winRate;
      if (jitter > 0) {
        w = winRate + jitter * (2 * rngNextFloat() - 1);
        if (w < 0) w = 0;
        if (w > 1) w = 1;
      }
      store<f64>(f64At(pathWin, p), w);
    }
  }

  const wBytes = (<usize>W) << 3;
  const bandsOut = outPtr;
  const summary = outPtr + ((<usize>(5 * W)) << 3);
  const finalsOut = summary + ((<usize>SUMMARY_LENGTH) << 3);
  const samplesOut = finalsOut + ((<usize>P) << 3);
  for (let q = 0; q < 5; q++) store<f64>(bandsOut + <usize>q * wBytes, initial);
  for (let s = 0; s < S; s++) store<f64>(f64At(samplesOut, s * W), initial);

  for (let t = 1; t <= N; t++) {
    for (let p = 0; p < P; p++) {
      let x: f64 = stepFlat;
      if (source == 0) {
        x = load<f64>(f64At(steps, <i32>rngNextInt(<u32>n)));
      } else if (source == 1) {
        const idx = load<i32>(perms + ((<usize>p * <usize>n + <usize>(t - 1)) << 2));
        x = load<f64>(f64At(steps, idx));
      } else if (source == 2) {
        const bp = blockPos + ((<usize>p) << 2);
        const bl = blockLeft + ((<usize>p) << 2);
        let pos = load<i32>(bp);
        let left = load<i32>(bl);
        if (left == 0) {
          pos = <i32>rngNextInt(<u32>n);
          left = blockLength;
        }
        x = load<f64>(f64At(steps, pos));
        store<i32>(bp, pos + 1 == n ? 0 : pos + 1);
        store<i32>(bl, left - 1);
      } else if (source == 3) {
        x = rngNextFloat() < skipProb ? stepFlat : load<f64>(f64At(steps, t - 1));
      } else if (source == 4) {
        x = rngNextFloat() < load<f64>(f64At(pathWin, p)) ? stepWin : stepLoss;
      }
      const ep = f64At(equity, p);
      let e = load<f64>(ep);
      if (source == 5) {
        e = e * Math.exp(drift + diffusion * rngNextNormal());
      } else if (compounding) {
        e = e * x;
      } else {
        e = e + x;
      }
      store<f64>(ep, e);
      store<f64>(f64At(row, p), e);
      if (p < S) store<f64>(f64At(samplesOut, p * W + t), e);
      // at a new high the drawdown is exactly 0: skip the division
      let dd: f64 = 0;
      const pkp = f64At(peak, p);
      const pk = load<f64>(pkp);
      if (e >= pk) store<f64>(pkp, e);
      else dd = (pk - e) / pk;
      const wp = f64At(worst, p);
      const ta = troughAt + ((<usize>p) << 2);
      const ra = recoveredAt + ((<usize>p) << 2);
      if (dd > load<f64>(wp)) {
        store<f64>(wp, dd);
        store<f64>(f64At(ddPeak, p), pk);
        store<i32>(ta, t);
        store<i32>(ra, -1);
      } else if (load<i32>(ra) < 0 && load<i32>(ta) >= 0 && e >= load<f64>(f64At(ddPeak, p))) {
        store<i32>(ra, t);
      }
      if (ruinMode == 0 ? e <= ruinLevel : dd >= ruinDd) {
        const rp = ruinAt + ((<usize>p) << 2);
        if (load<i32>(rp) == 0) store<i32>(rp, t);
      }
    }
    bandQuantilesFast(row, 0, P, f64At(bandsOut, t), wBytes);
  }

  const finals = equity;
  const maxDd = worst; // rescaled to % in place
  const recovery = row; // reused: steps, -1 censored, -2 no drawdown
  // per-path rows (only when asked for), after the samples
  const ppOut = samplesOut + ((<usize>(S * W)) << 3);
  let ruined: i32 = 0;
  for (let p = 0; p < P; p++) {
    const ru = load<i32>(ruinAt + ((<usize>p) << 2));
    if (ru > 0) ruined++;
    const w = load<f64>(f64At(worst, p));
    store<f64>(f64At(maxDd, p), w * 100);
    const ta = load<i32>(troughAt + ((<usize>p) << 2));
    const ra = load<i32>(recoveredAt + ((<usize>p) << 2));
    const rec: f64 = ta < 0 ? -2 : ra < 0 ? -1 : <f64>(ra - ta);
    store<f64>(f64At(recovery, p), rec);
    if (perPath) {
      store<f64>(f64At(ppOut, p), w);
      store<f64>(f64At(ppOut, P + p), ru > 0 ? <f64>ru : -1);
      store<f64>(f64At(ppOut, 2 * P + p), <f64>ta);
      store<f64>(f64At(ppOut, 3 * P + p), rec);
    }
  }
  memory.copy(finalsOut, finals, pBytes);
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
