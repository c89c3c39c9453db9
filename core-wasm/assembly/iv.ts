// Implied volatility over columns. Line-for-line port of lib/options/iv.ts (ivRow):
// keep both in step; core-wasm/mod_test.ts checks parity.
// Input block (7 columns of n f64): type (+1 call, -1 put), price, spot, strike, rate,
// time, dividend. Output block (2 columns of n f64): iv (NaN when none), status
// (0 ok, 1 invalid input, 2 no time, 3 below lower bound, 4 at/above upper bound,
// 5 no convergence).
import { INV_SQRT_2PI, lastPdf, normCdf } from "./normal";

const MAX_ITER: i32 = 100;

// derivative in s of the last otmValue
let vegaS: f64 = 0;

function otmValue(theta: f64, f: f64, d: f64, x: f64, s: f64): f64 {
  const d1 = x / s + 0.5 * s;
  const d2 = d1 - s;
  const n1 = normCdf(theta * d1);
  let pdf = lastPdf; // n(d1) from the CDF's own exp when it had one
  if (pdf != pdf) pdf = INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
  vegaS = f * pdf;
  const v = theta * (f * n1 - d * normCdf(theta * d2));
  return v > 0 ? v : 0;
}

/** Solves n contracts: 7 input columns at `inPtr`, 2 output columns at `outPtr`. */
export function ivBatch(inPtr: usize, outPtr: usize, n: i32): void {
  const col = (<usize>n) << 3;
  for (let i = 0; i < n; i++) {
    const at = (<usize>i) << 3;
    const ip = inPtr + at;
    const op = outPtr + at;
    store<f64>(op + col, ivOne(
      load<f64>(ip),
      load<f64>(ip + col),
      load<f64>(ip + 2 * col),
      load<f64>(ip + 3 * col),
      load<f64>(ip + 4 * col),
      load<f64>(ip + 5 * col),
      load<f64>(ip + 6 * col),
      op,
    ));
  }
}

// writes iv at op and returns the status code
function ivOne(phi: f64, price: f64, sp: f64, k: f64, r: f64, t: f64, q: f64, op: usize): f64 {
  store<f64>(op, NaN);
  if (
    !(sp > 0 && k > 0 && t >= 0 && (phi == 1 || phi == -1) && price - price == 0 &&
      sp - sp == 0 && k - k == 0 && r - r == 0 && t - t == 0 && q - q == 0)
  ) {
    return 1;
  }
  if (t == 0) return 2;
  const f = sp * Math.exp(-q * t);
  const d = k * Math.exp(-r * t);
  const intrinsic = phi * (f - d);
  const lower = intrinsic > 0 ? intrinsic : 0;
  const upper = phi > 0 ? f : d;
  const tol = 1e-12 * sp;
  if (price < lower - tol) return 3;
  if (price >= upper) return 4;
  const target = price - lower;
  if (target <= 0) {
    store<f64>(op, 0);
    return 0;
  }
  const theta: f64 = f > d ? -1 : 1;
  const x = Math.log(f / d);
  const sInfl = Math.sqrt(2 * Math.abs(x));
  const vInfl = sInfl > 0 ? otmValue(theta, f, d, x, sInfl) : 0;
  const useLog = target < vInfl;
  let s = sInfl > 0 ? sInfl : target * 2.5066282746310002 / f;
  let lo: f64 = 0;
  let hi: f64 = Infinity;
  let converged = false;
  for (let it = 0; it < MAX_ITER; it++) {
    const v = otmValue(theta, f, d, x, s);
    if (v == target) {
      converged = true;
      break;
    }
    if (v > target) hi = s;
    else lo = s;
    let next = useLog && v > 0
      ? s - (Math.log(v) - Math.log(target)) * v / vegaS
      : s - (v - target) / vegaS;
    if (!(next > lo && next < hi)) next = hi == Infinity ? 2 * s + 1 : 0.5 * (lo + hi);
    if (Math.abs(next - s) <= 1e-15 * next || (hi - lo <= 4e-16 * hi && hi < Infinity)) {
      s = next;
      converged = true;
      break;
    }
    s = next;
  }
  if (!converged && Math.abs(otmValue(theta, f, d, x, s) - target) > tol) return 5;
  store<f64>(op, s / Math.sqrt(t));
  return 0;
}
