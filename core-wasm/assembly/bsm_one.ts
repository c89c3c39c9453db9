// Black-Scholes-Merton for one contract, shared by options.ts and american.ts. Not listed
// in index.ts (an internal helper, not a wasm export). Port of lib/options/bsm.ts bsmRow.
import { INV_SQRT_2PI, lastPdf, normCdf } from "./normal";

/** One contract: writes its 6 outputs at op, op + col, ... (shared with american.ts). */
// @ts-ignore: decorator
@inline export function bsmOne(
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
  const dq = q == 0 ? 1 : Math.exp(-q * t); // exp(-0) is 1: skip it
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
    pdf = lastPdf; // n(d1) from the CDF's own exp when it had one
    if (pdf != pdf) pdf = INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
    nd2 = normCdf(phi * d2);
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
