/**
 * Implied volatility of European options under Black-Scholes-Merton with dividend yield. The
 * reference for the WASM kernel `ivBatch` (core-wasm/assembly/iv.ts is a line-for-line port).
 *
 * Method: the price is reduced to the out-of-the-money option's value t = price - max(phi (F -
 * D), 0) (put-call parity; F = S e^{-qT}, D = K e^{-rT}), which depends on the total volatility
 * s = vol sqrt(T) only and is increasing in s from 0 to min(F, D). The root is found by Newton
 * steps, on the price above the inflection point s* = sqrt(2 |ln(F/D)|) and on log(price) below
 * it (where the price is convex and tiny), safeguarded by a bracket that falls back to
 * bisection; iteration stops when the step is below 1e-15 s.
 * @module
 */
import { type BsmInput, type OptionType } from "./bsm.ts";
import { INV_SQRT_2PI, lastPdf, normCdf } from "./normal.ts";

/** Why no implied volatility exists; codes match the WASM kernel's status column. */
export const IV_REASONS = {
  1: "invalid input: price must be finite, spot and strike > 0, time finite",
  2: "no time value: time to expiry must be > 0",
  3: "price is below the no-arbitrage lower bound max(phi (S e^-qT - K e^-rT), 0)",
  4: "price is at or above the no-arbitrage upper bound (S e^-qT for a call, K e^-rT for a put)",
  5: "the solver did not converge",
} as const;

/** Status codes of {@link ivRow}: 0 is success, others index {@link IV_REASONS}. */
export type IvStatus = 0 | keyof typeof IV_REASONS;

/** One contract for {@link impliedVol}: the BSM inputs without vol, plus the observed price. */
export interface IvInput extends Omit<BsmInput, "vol"> {
  /** Observed option price. */
  price: number;
}

/** `iv` is null when no volatility reproduces the price; `reason` says why. */
export interface IvResult {
  iv: number | null;
  reason?: string;
}

/** Columns for a batch of implied vols; `type` is +1 call, -1 put. */
export interface IvBatchInput {
  type: Float64Array;
  price: Float64Array;
  spot: Float64Array;
  strike: Float64Array;
  rate: Float64Array;
  time: Float64Array;
  dividend: Float64Array;
}

/** Batch output: implied vols (NaN where none) and status codes (0 = ok). */
export interface IvBatch {
  iv: Float64Array;
  status: Float64Array;
}

/** Input column order of the WASM kernel. */
export const IV_INPUT_COLUMNS = [
  "type",
  "price",
  "spot",
  "strike",
  "rate",
  "time",
  "dividend",
] as const;

const MAX_ITER = 100;

// The out-of-the-money value at total vol s and its derivative in s (set by otmValue).
let vegaS = 0;

/** theta (F N(theta d1) - D N(theta d2)) with d1,2 = x / s +- s / 2; sets vegaS = F n(d1). */
function otmValue(theta: number, f: number, d: number, x: number, s: number): number {
  const d1 = x / s + 0.5 * s;
  const d2 = d1 - s;
  const n1 = normCdf(theta * d1);
  let pdf = lastPdf; // n(d1) from the CDF's own exp when it had one
  if (pdf !== pdf) pdf = INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
  vegaS = f * pdf;
  const v = theta * (f * n1 - d * normCdf(theta * d2));
  return v > 0 ? v : 0;
}

/**
 * Solves contract `i` of the columns, writing `iv` (NaN when none) and `status` at row `i`.
 * A price below the lower bound by more than 1e-12 S is rejected (status 3); a price within
 * that tolerance of the bound gives iv 0.
 */
export function ivRow(input: IvBatchInput, out: IvBatch, i: number): void {
  const phi = input.type[i];
  const price = input.price[i];
  const sp = input.spot[i];
  const k = input.strike[i];
  const r = input.rate[i];
  const t = input.time[i];
  const q = input.dividend[i];
  out.iv[i] = NaN;
  if (
    !(sp > 0 && k > 0 && t >= 0 && (phi === 1 || phi === -1) && price - price === 0 &&
      sp - sp === 0 && k - k === 0 && r - r === 0 && t - t === 0 && q - q === 0)
  ) {
    out.status[i] = 1;
    return;
  }
  if (t === 0) {
    out.status[i] = 2;
    return;
  }
  const f = sp * Math.exp(-q * t);
  const d = k * Math.exp(-r * t);
  const intrinsic = phi * (f - d);
  const lower = intrinsic > 0 ? intrinsic : 0;
  const upper = phi > 0 ? f : d;
  const tol = 1e-12 * sp;
  if (price < lower - tol) {
    out.status[i] = 3;
    return;
  }
  if (price >= upper) {
    out.status[i] = 4;
    return;
  }
  const target = price - lower;
  if (target <= 0) {
    out.iv[i] = 0;
    out.status[i] = 0;
    return;
  }
  const theta = f > d ? -1 : 1;
  const x = Math.log(f / d);
  const sInfl = Math.sqrt(2 * Math.abs(x));
  const vInfl = sInfl > 0 ? otmValue(theta, f, d, x, sInfl) : 0;
  const useLog = target < vInfl;
  let s = sInfl > 0 ? sInfl : target * 2.5066282746310002 / f; // ATM: v ~ F s / sqrt(2 pi)
  let lo = 0;
  let hi = Infinity;
  let converged = false;
  for (let it = 0; it < MAX_ITER; it++) {
    const v = otmValue(theta, f, d, x, s);
    if (v === target) {
      converged = true;
      break;
    }
    if (v > target) hi = s;
    else lo = s;
    let next = useLog && v > 0
      ? s - (Math.log(v) - Math.log(target)) * v / vegaS
      : s - (v - target) / vegaS;
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * s + 1 : 0.5 * (lo + hi);
    if (Math.abs(next - s) <= 1e-15 * next || (hi - lo <= 4e-16 * hi && hi < Infinity)) {
      s = next;
      converged = true;
      break;
    }
    s = next;
  }
  if (!converged && Math.abs(otmValue(theta, f, d, x, s) - target) > tol) {
    out.status[i] = 5;
    return;
  }
  out.iv[i] = s / Math.sqrt(t);
  out.status[i] = 0;
}

/** Checks that every input column has the same length. */
export function assertIvBatchLength(input: IvBatchInput, fn: string): number {
  const n = input.price.length;
  for (const name of IV_INPUT_COLUMNS) {
    if (input[name].length !== n) {
      throw new RangeError(
        `${fn}: expected every column to have ${n} values, ${name} had ${input[name].length}`,
      );
    }
  }
  return n;
}

/** Implied vols for a batch of contracts (the reference for the WASM kernel). */
export function ivBatch(input: IvBatchInput): IvBatch {
  const n = assertIvBatchLength(input, "ivBatch");
  const out = { iv: new Float64Array(n), status: new Float64Array(n) };
  for (let i = 0; i < n; i++) ivRow(input, out, i);
  return out;
}

/** Turns row `i` of a batch result into `{ iv, reason? }`. */
export function ivResultAt(batch: IvBatch, i: number): IvResult {
  const status = batch.status[i] as IvStatus;
  if (status === 0) return { iv: batch.iv[i] };
  return { iv: null, reason: IV_REASONS[status] };
}

/** Packs contracts into batch columns (unknown types become NaN, i.e. invalid rows). */
export function toIvBatch(inputs: readonly IvInput[]): IvBatchInput {
  const n = inputs.length;
  const b: IvBatchInput = {
    type: new Float64Array(n),
    price: new Float64Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    rate: new Float64Array(n),
    time: new Float64Array(n),
    dividend: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = inputs[i];
    b.type[i] = typeCode(c.type);
    b.price[i] = c.price;
    b.spot[i] = c.spot;
    b.strike[i] = c.strike;
    b.rate[i] = c.rate;
    b.time[i] = c.time;
    b.dividend[i] = c.dividend ?? 0;
  }
  return b;
}

function typeCode(type: OptionType): number {
  return type === "call" ? 1 : type === "put" ? -1 : NaN;
}

/**
 * Implied volatility (decimal per year) of one European option; `{ iv: null, reason }` when the
 * price is outside the no-arbitrage bounds or the inputs are invalid.
 *
 * @example
 * ```ts
 * impliedVol({ type: "call", price: 4.759422392871533, spot: 42, strike: 40, rate: 0.1, time: 0.5 });
 * // { iv: 0.2 } (to about 1e-15)
 * impliedVol({ type: "call", price: 1, spot: 42, strike: 40, rate: 0.1, time: 0.5 }).reason;
 * // "price is below the no-arbitrage lower bound ..."
 * ```
 */
export function impliedVol(input: IvInput): IvResult {
  return ivResultAt(ivBatch(toIvBatch([input])), 0);
}
