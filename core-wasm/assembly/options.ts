// Black-Scholes-Merton prices and Greeks over columns. Line-for-line port of
// lib/options/bsm.ts (bsmRow): keep both in step; core-wasm/mod_test.ts checks parity.
// Input block (7 columns of n f64, column-major): type (+1 call, -1 put), spot, strike,
// rate, vol, time, dividend. Output block (6 columns of n f64): price, delta, gamma,
// theta (per year), vega (per 1.00 vol), rho (per 1.00 rate).
import { INV_SQRT_2PI, normCdf } from "./normal";

/** Number of f64 input columns of `bsmBatch`. */
export const BSM_IN_COLUMNS: i32 = 7;
/** Number of f64 output columns of `bsmBatch`. */
export const BSM_OUT_COLUMNS: i32 = 6;

/**
 * Evaluates n contracts: reads the 7 input columns at `inPtr`, writes the 6 output
 * columns at `outPtr`. Invalid rows (spot or strike <= 0, time or vol < 0, |type| != 1,
 * non-finite) are NaN. See lib/options/bsm.ts for the formulas and units.
 */
export function bsmBatch(inPtr: usize, outPtr: usize, n: i32): void {
  const col = (<usize>n) << 3;
  for (let i = 0; i < n; i++) {
    const at = (<usize>i) << 3;
    const ip = inPtr + at;
    const op = outPtr + at;
    bsmOne(
      load<f64>(ip),
      load<f64>(ip + col),
      load<f64>(ip + 2 * col),
      load<f64>(ip + 3 * col),
      load<f64>(ip + 4 * col),
      load<f64>(ip + 5 * col),
      load<f64>(ip + 6 * col),
      op,
      col,
    );
  }
}

// @ts-ignore: decorator
@inline function bsmOne(
  phi: f64,
  s: f64,
  k: f64,
  r: f64,
  v: f64,
  t: f64,
  q: f64,
  op: usize,
  col: usize,
): void {
  // x - x == 0 holds exactly for finite x (NaN and +-Infinity give NaN)
  if (
    !(s > 0 && k > 0 && t >= 0 && v >= 0 && (phi == 1 || phi == -1) && s - s == 0 &&
      k - k == 0 && r - r == 0 && v - v == 0 && t - t == 0 && q - q == 0)
  ) {
    store<f64>(op, NaN);
    store<f64>(op + col, NaN);
    store<f64>(op + 2 * col, NaN);
    store<f64>(op + 3 * col, NaN);
    store<f64>(op + 4 * col, NaN);
    store<f64>(op + 5 * col, NaN);
    return;
  }
  const dq = Math.exp(-q * t);
  const dr = Math.exp(-r * t);
  const f = s * dq;
  const d = k * dr;
  const sqrtT = Math.sqrt(t);
  const vst = v * sqrtT;
  let nd1: f64;
  let nd2: f64;
  let pdf: f64;
  if (vst > 0) {
    const d1 = (Math.log(s / k) + (r - q) * t) / vst + 0.5 * vst;
    const d2 = d1 - vst;
    nd1 = normCdf(phi * d1);
    nd2 = normCdf(phi * d2);
    pdf = INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
    store<f64>(op + 2 * col, dq * pdf / (s * vst));
    store<f64>(op + 4 * col, f * pdf * sqrtT);
    store<f64>(op + 3 * col, -f * pdf * v / (2 * sqrtT) - phi * r * d * nd2 + phi * q * f * nd1);
  } else {
    const m = phi * (f - d);
    nd1 = m > 0 ? 1 : m < 0 ? 0 : 0.5;
    nd2 = nd1;
    store<f64>(op + 2 * col, 0);
    store<f64>(op + 4 * col, 0);
    store<f64>(op + 3 * col, -phi * r * d * nd2 + phi * q * f * nd1);
  }
  const price = phi * (f * nd1 - d * nd2);
  store<f64>(op, price > 0 ? price : 0);
  store<f64>(op + col, phi * dq * nd1);
  store<f64>(op + 5 * col, phi * k * t * dr * nd2);
}
