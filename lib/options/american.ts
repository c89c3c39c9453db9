/**
 * American options on an asset with a continuous dividend yield: a Cox-Ross-Rubinstein binomial
 * tree (default 500 steps) with the European tree as a control variate (Hull, "Options, Futures
 * and Other Derivatives", ch. 21): price = BSM European + (American tree - European tree) on
 * the same lattice. The early-exercise premium (American tree - European tree) is never
 * negative node by node, so the price is never below the European value. A call with no
 * dividend (q <= 0) and r >= 0 is never exercised early and is priced as the European call
 * exactly. The reference for core-wasm/assembly/american.ts (a line-for-line port).
 *
 * Greeks: delta, gamma and theta from the first tree nodes (Hull's formulas), vega and rho by
 * central differences of the premium (vol +- 0.01, rate +- 0.001) added to the BSM Greeks.
 * Units as in bsm.ts. A lattice whose up-probability falls outside [0, 1] (vol near 0 relative
 * to |r - q| sqrt(dt)) gives NaN.
 * @module
 */
import {
  assertBatchLength,
  assertBsmInput,
  type BsmBatchInput,
  type BsmInput,
  bsmRow,
  type Greeks,
  greeksAt,
  type GreeksBatch,
  newGreeksBatch,
  toBatch,
} from "./bsm.ts";

/** Options of the American pricer. */
export interface AmericanOptions {
  /** Binomial steps (integer >= 2, default 500). */
  steps?: number;
  /** Add the tree's early-exercise premium to the analytic European value (default true). */
  controlVariate?: boolean;
}

/** Bump sizes of the finite-difference vega and rho. */
export const VEGA_BUMP = 0.01;
export const RHO_BUMP = 0.001;

// Results of the last crrTree call (the WASM port uses globals the same way).
let treeA = 0;
let treeE = 0;
let deltaA = 0;
let deltaE = 0;
let gammaA = 0;
let gammaE = 0;
let thetaA = 0;
let thetaE = 0;

let bufA = new Float64Array(0);
let bufE = new Float64Array(0);

/**
 * Runs the American and European CRR trees together; returns false when the lattice is invalid.
 * Node (i, j) has price s u^(2j - i); Greeks follow Hull from nodes at steps 0, 1 and 2.
 */
function crrTree(
  phi: number,
  s: number,
  k: number,
  r: number,
  q: number,
  v: number,
  t: number,
  n: number,
): boolean {
  if (bufA.length < n + 1) {
    bufA = new Float64Array(n + 1);
    bufE = new Float64Array(n + 1);
  }
  const a = bufA;
  const e = bufE;
  const dt = t / n;
  const vsd = v * Math.sqrt(dt);
  const u = Math.exp(vsd);
  const d = Math.exp(-vsd);
  const p = (Math.exp((r - q) * dt) - d) / (u - d);
  if (!(p >= 0 && p <= 1)) return false;
  const disc = Math.exp(-r * dt);
  const pu = disc * p;
  const pd = disc * (1 - p);
  const u2 = u * u;
  let sj = s * Math.exp(-n * vsd);
  for (let j = 0; j <= n; j++) {
    const ex = phi * (sj - k);
    a[j] = ex > 0 ? ex : 0;
    e[j] = a[j];
    sj *= u2;
  }
  let f20 = 0, f21 = 0, f22 = 0, e20 = 0, e21 = 0, e22 = 0;
  let f10 = 0, f11 = 0, e10 = 0, e11 = 0;
  for (let i = n - 1; i >= 0; i--) {
    sj = s * Math.exp(-i * vsd);
    for (let j = 0; j <= i; j++) {
      const cont = pu * a[j + 1] + pd * a[j];
      const ex = phi * (sj - k);
      a[j] = cont > ex ? cont : ex;
      e[j] = pu * e[j + 1] + pd * e[j];
      sj *= u2;
    }
    if (i === 2) {
      f20 = a[0];
      f21 = a[1];
      f22 = a[2];
      e20 = e[0];
      e21 = e[1];
      e22 = e[2];
    } else if (i === 1) {
      f10 = a[0];
      f11 = a[1];
      e10 = e[0];
      e11 = e[1];
    }
  }
  treeA = a[0];
  treeE = e[0];
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

/** Early-exercise premium of the tree at (vol, rate); NaN for an invalid lattice. */
function premium(
  phi: number,
  s: number,
  k: number,
  r: number,
  q: number,
  v: number,
  t: number,
  n: number,
  cv: boolean,
): number {
  if (!crrTree(phi, s, k, r, q, v, t, n)) return NaN;
  return cv ? treeA - treeE : treeA;
}

/**
 * Prices contract `i` of the columns as an American option and writes its Greeks at row `i`
 * of `out` (same layout and invalid-row rules as bsmRow). `steps` >= 2.
 */
export function americanRow(
  input: BsmBatchInput,
  out: GreeksBatch,
  i: number,
  steps: number,
  controlVariate: boolean,
): void {
  bsmRow(input, out, i); // European value and Greeks (or NaN for invalid rows)
  const phi = input.type[i];
  const s = input.spot[i];
  const k = input.strike[i];
  const r = input.rate[i];
  const v = input.vol[i];
  const t = input.time[i];
  const q = input.dividend[i];
  if (out.price[i] !== out.price[i] || t === 0) return; // invalid, or at expiry: intrinsic
  if (phi === 1 && q <= 0 && r >= 0) return; // never exercised early: the European call
  const cv = controlVariate;
  if (!crrTree(phi, s, k, r, q, v, t, steps)) {
    out.price[i] = NaN;
    out.delta[i] = NaN;
    out.gamma[i] = NaN;
    out.theta[i] = NaN;
    out.vega[i] = NaN;
    out.rho[i] = NaN;
    return;
  }
  const ex = phi * (s - k);
  if (cv) {
    out.price[i] += treeA - treeE;
    out.delta[i] += deltaA - deltaE;
    out.gamma[i] += gammaA - gammaE;
    out.theta[i] += thetaA - thetaE;
  } else {
    out.price[i] = treeA;
    out.delta[i] = deltaA;
    out.gamma[i] = gammaA;
    out.theta[i] = thetaA;
  }
  // never worth less than immediate exercise
  if (out.price[i] < ex) out.price[i] = ex;
  const lo = v > VEGA_BUMP ? v - VEGA_BUMP : v;
  const dv = premium(phi, s, k, r, q, v + VEGA_BUMP, t, steps, cv) -
    premium(phi, s, k, r, q, lo, t, steps, cv);
  const dr = premium(phi, s, k, r + RHO_BUMP, q, v, t, steps, cv) -
    premium(phi, s, k, r - RHO_BUMP, q, v, t, steps, cv);
  out.vega[i] = (cv ? out.vega[i] : 0) + dv / (v + VEGA_BUMP - lo);
  out.rho[i] = (cv ? out.rho[i] : 0) + dr / (2 * RHO_BUMP);
}

/** Validates `steps`, throwing RangeError. */
export function assertSteps(fn: string, steps: number): void {
  if (!Number.isInteger(steps) || steps < 2 || steps > 100_000) {
    throw new RangeError(`${fn}: expected steps to be an integer in [2, 100000], was ${steps}`);
  }
}

/** American prices and Greeks for a batch (the reference for the WASM kernel). */
export function americanBatch(input: BsmBatchInput, options: AmericanOptions = {}): GreeksBatch {
  const { steps = 500, controlVariate = true } = options;
  assertSteps("americanBatch", steps);
  const n = assertBatchLength(input, "americanBatch");
  const out = newGreeksBatch(n);
  for (let i = 0; i < n; i++) americanRow(input, out, i, steps, controlVariate);
  return out;
}

/**
 * Price and Greeks of one American option.
 *
 * @example
 * ```ts
 * // Hull's American put: 4.49 with 5 CRR steps, about 4.28 with 500
 * const put = { type: "put", spot: 50, strike: 50, rate: 0.1, vol: 0.4, time: 5 / 12 } as const;
 * american(put, { steps: 5, controlVariate: false }).price; // 4.488...
 * american(put).price; // 4.28...
 * ```
 */
export function american(input: BsmInput, options: AmericanOptions = {}): Greeks {
  assertBsmInput("american", input);
  return greeksAt(americanBatch(toBatch([input]), options), 0);
}
