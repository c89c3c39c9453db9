// American options: CRR binomial tree with the European tree as control variate.
// Line-for-line port of lib/options/american.ts (americanRow); keep both in step.
// Same 7 input / 6 output columns as bsmBatch; `scratch` must hold 2 * (steps + 1) f64.
import { bsmOne } from "./bsm_one";

const VEGA_BUMP: f64 = 0.01;
const RHO_BUMP: f64 = 0.001;

let treeA: f64 = 0;
let treeE: f64 = 0;
let deltaA: f64 = 0;
let deltaE: f64 = 0;
let gammaA: f64 = 0;
let gammaE: f64 = 0;
let thetaA: f64 = 0;
let thetaE: f64 = 0;

function crrTree(
  phi: f64,
  s: f64,
  k: f64,
  r: f64,
  q: f64,
  v: f64,
  t: f64,
  n: i32,
  a: usize,
  e: usize,
): bool {
  const dt = t / <f64>n;
  const vsd = v * Math.sqrt(dt);
  const u = Math.exp(vsd);
  const d = Math.exp(-vsd);
  const p = (Math.exp((r - q) * dt) - d) / (u - d);
  if (!(p >= 0 && p <= 1)) return false;
  const disc = Math.exp(-r * dt);
  const pu = disc * p;
  const pd = disc * (1 - p);
  const u2 = u * u;
  let sj = s * Math.exp(-<f64>n * vsd);
  for (let j = 0; j <= n; j++) {
    const ex = phi * (sj - k);
    const at = (<usize>j) << 3;
    const x: f64 = ex > 0 ? ex : 0;
    store<f64>(a + at, x);
    store<f64>(e + at, x);
    sj *= u2;
  }
  let f20: f64 = 0, f21: f64 = 0, f22: f64 = 0, e20: f64 = 0, e21: f64 = 0, e22: f64 = 0;
  let f10: f64 = 0, f11: f64 = 0, e10: f64 = 0, e11: f64 = 0;
  for (let i = n - 1; i >= 0; i--) {
    sj = s * Math.exp(-<f64>i * vsd);
    for (let j = 0; j <= i; j++) {
      const at = (<usize>j) << 3;
      const cont = pu * load<f64>(a + at + 8) + pd * load<f64>(a + at);
      const ex = phi * (sj - k);
      store<f64>(a + at, cont > ex ? cont : ex);
      store<f64>(e + at, pu * load<f64>(e + at + 8) + pd * load<f64>(e + at));
      sj *= u2;
    }
    if (i == 2) {
      f20 = load<f64>(a);
      f21 = load<f64>(a + 8);
      f22 = load<f64>(a + 16);
      e20 = load<f64>(e);
      e21 = load<f64>(e + 8);
      e22 = load<f64>(e + 16);
    } else if (i == 1) {
      f10 = load<f64>(a);
      f11 = load<f64>(a + 8);
      e10 = load<f64>(e);
      e11 = load<f64>(e + 8);
    }
  }
  treeA = load<f64>(a);
  treeE = load<f64>(e);
  const su = s * u;
  const sd = s * d;
  const su2 = s * u2;
  const sd2 = s * d * d;
  deltaA = (f11 - f10) / (su - sd);
  deltaE = (e11 - e10) / (su - sd);
  gammaA = ((f22 - f21) / (su2 - s) - (f21 - f20) / (s - sd2)) / (0.5 * (su2 - sd2));
  gammaE = ((e22 - e21) / (su2 - s) - (e21 - e20) / (s - sd2)) / (0.5 * (su2 - sd2));
  thetaA = (f21 - treeA) / (2 * dt);
  thetaE = (e21 - treeE) / (2 * dt);
  return true;
}

function premium(
  phi: f64, s: f64, k: f64, r: f64, q: f64, v: f64, t: f64, n: i32, cv: bool, a: usize, e: usize,
): f64 {
  if (!crrTree(phi, s, k, r, q, v, t, n, a, e)) return NaN;
  return cv ? treeA - treeE : treeA;
}

/**
 * American prices and Greeks for n contracts (7 input columns at `inPtr`, 6 output
 * columns at `outPtr`), `steps` >= 2, `controlVariate` 0 or 1.
 */
export function americanBatch(
  inPtr: usize,
  outPtr: usize,
  n: i32,
  steps: i32,
  controlVariate: i32,
  scratch: usize,
): void {
  const col = (<usize>n) << 3;
  const a = scratch;
  const e = scratch + (((<usize>steps) + 1) << 3);
  const cv = controlVariate != 0;
  for (let i = 0; i < n; i++) {
    const at = (<usize>i) << 3;
    const ip = inPtr + at;
    const op = outPtr + at;
    const phi = load<f64>(ip);
    const s = load<f64>(ip + col);
    const k = load<f64>(ip + 2 * col);
    const r = load<f64>(ip + 3 * col);
    const v = load<f64>(ip + 4 * col);
    const t = load<f64>(ip + 5 * col);
    const q = load<f64>(ip + 6 * col);
    bsmOne(phi, s, k, r, v, t, q, op, col);
    const price = load<f64>(op);
    if (price != price || t == 0) continue;
    if (phi == 1 && q <= 0 && r >= 0) continue;
    if (!crrTree(phi, s, k, r, q, v, t, steps, a, e)) {
      store<f64>(op, NaN);
      store<f64>(op + col, NaN);
      store<f64>(op + 2 * col, NaN);
      store<f64>(op + 3 * col, NaN);
      store<f64>(op + 4 * col, NaN);
      store<f64>(op + 5 * col, NaN);
      continue;
    }
    const ex = phi * (s - k);
    let p: f64;
    if (cv) {
      p = price + (treeA - treeE);
      store<f64>(op + col, load<f64>(op + col) + (deltaA - deltaE));
      store<f64>(op + 2 * col, load<f64>(op + 2 * col) + (gammaA - gammaE));
      store<f64>(op + 3 * col, load<f64>(op + 3 * col) + (thetaA - thetaE));
    } else {
      p = treeA;
      store<f64>(op + col, deltaA);
      store<f64>(op + 2 * col, gammaA);
      store<f64>(op + 3 * col, thetaA);
    }
    store<f64>(op, p < ex ? ex : p);
    const lo = v > VEGA_BUMP ? v - VEGA_BUMP : v;
    const dv = premium(phi, s, k, r, q, v + VEGA_BUMP, t, steps, cv, a, e) -
      premium(phi, s, k, r, q, lo, t, steps, cv, a, e);
    const dr = premium(phi, s, k, r + RHO_BUMP, q, v, t, steps, cv, a, e) -
      premium(phi, s, k, r - RHO_BUMP, q, v, t, steps, cv, a, e);
    store<f64>(op + 4 * col, (cv ? load<f64>(op + 4 * col) : 0) + dv / (v + VEGA_BUMP - lo));
    store<f64>(op + 5 * col, (cv ? load<f64>(op + 5 * col) : 0) + dr / (2 * RHO_BUMP));
  }
}
