/**
 * Black-Scholes-Merton prices and Greeks for European options on an asset with a continuous
 * dividend yield. This is the reference implementation: core-wasm/assembly/options.ts is a
 * line-for-line port and core-wasm/mod_test.ts checks the two agree.
 *
 * Units: `rate`, `vol` and `dividend` are decimals per year (0.05 = 5 %), `time` is in years
 * (ACT/365: calendar days / 365). Greeks are per 1.00 of the input: `vega` per 1.00 of
 * volatility (`vegaPerPct` per vol point = vega / 100), `rho` per 1.00 of rate, `theta` is the
 * change in value per year of calendar time passing (`thetaPerDay` = theta / 365).
 * @module
 */
import { INV_SQRT_2PI, lastPdf, normCdf } from "./normal.ts";

/** Call or put. */
export type OptionType = "call" | "put";

/** One contract's inputs. */
export interface BsmInput {
  type: OptionType;
  /** Underlying price, > 0. */
  spot: number;
  /** Strike, > 0. */
  strike: number;
  /** Continuously compounded risk-free rate, decimal per year. */
  rate: number;
  /** Volatility, decimal per year, >= 0. */
  vol: number;
  /** Time to expiry in years (ACT/365), >= 0. */
  time: number;
  /** Continuous dividend yield, decimal per year (default 0). */
  dividend?: number;
}

/** Price and Greeks of one contract (see the module doc for units). */
export interface Greeks {
  price: number;
  /** dV/dS. */
  delta: number;
  /** d2V/dS2. */
  gamma: number;
  /** -dV/dT: value change per year of calendar time passing. */
  theta: number;
  /** dV/d(vol) per 1.00 of volatility. */
  vega: number;
  /** dV/d(rate) per 1.00 of rate. */
  rho: number;
  /** theta / 365: per calendar day. */
  thetaPerDay: number;
  /** vega / 100: per volatility point. */
  vegaPerPct: number;
}

/** Columns for a batch of contracts; all the same length. `type` is +1 for a call, -1 for a put. */
export interface BsmBatchInput {
  type: Float64Array;
  spot: Float64Array;
  strike: Float64Array;
  rate: Float64Array;
  vol: Float64Array;
  time: Float64Array;
  dividend: Float64Array;
}

/** Output columns of a batch; row i holds contract i. Invalid rows are NaN. */
export interface GreeksBatch {
  price: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  theta: Float64Array;
  vega: Float64Array;
  rho: Float64Array;
}

/** Names of the batch input columns in the order the WASM kernel lays them out. */
export const BSM_INPUT_COLUMNS = [
  "type",
  "spot",
  "strike",
  "rate",
  "vol",
  "time",
  "dividend",
] as const;

/** Names of the batch output columns in the order the WASM kernel lays them out. */
export const GREEKS_COLUMNS = ["price", "delta", "gamma", "theta", "vega", "rho"] as const;

/**
 * Evaluates contract `i` of the columns and writes its price and Greeks into `out` at row `i`.
 * With phi = +1 (call) or -1 (put), F = S e^{-qT}, D = K e^{-rT}, d1 = (ln(S/K) + (r - q +
 * vol^2/2) T) / (vol sqrt T), d2 = d1 - vol sqrt T:
 * price = phi (F N(phi d1) - D N(phi d2)), delta = phi e^{-qT} N(phi d1),
 * gamma = e^{-qT} n(d1) / (S vol sqrt T), vega = F n(d1) sqrt T,
 * theta = -F n(d1) vol / (2 sqrt T) - phi r D N(phi d2) + phi q F N(phi d1),
 * rho = phi K T e^{-rT} N(phi d2).
 * At T = 0 or vol = 0 the option is worth its discounted forward intrinsic value
 * max(phi (F - D), 0); delta and rho are then step functions (half at the money) and gamma and
 * vega, singular at the money, are reported as 0. Rows with spot or strike <= 0, time or vol
 * < 0, |type| != 1 or any NaN give NaN everywhere.
 */
export function bsmRow(input: BsmBatchInput, out: GreeksBatch, i: number): void {
  const phi = input.type[i];
  const s = input.spot[i];
  const k = input.strike[i];
  const r = input.rate[i];
  const v = input.vol[i];
  const t = input.time[i];
  const q = input.dividend[i];
  // x - x === 0 holds exactly for finite x (NaN and +-Infinity give NaN)
  if (
    !(s > 0 && k > 0 && t >= 0 && v >= 0 && (phi === 1 || phi === -1) && s - s === 0 &&
      k - k === 0 && r - r === 0 && v - v === 0 && t - t === 0 && q - q === 0)
  ) {
    out.price[i] = NaN;
    out.delta[i] = NaN;
    out.gamma[i] = NaN;
    out.theta[i] = NaN;
    out.vega[i] = NaN;
    out.rho[i] = NaN;
    return;
  }
  const dq = q === 0 ? 1 : Math.exp(-q * t); // exp(-0) is 1: skip it
  const dr = Math.exp(-r * t);
  const f = s * dq;
  const d = k * dr;
  const sqrtT = Math.sqrt(t);
  const vst = v * sqrtT;
  let nd1: number;
  let nd2: number;
  let pdf: number;
  if (vst > 0) {
    const d1 = (Math.log(s / k) + (r - q) * t) / vst + 0.5 * vst;
    const d2 = d1 - vst;
    nd1 = normCdf(phi * d1);
    pdf = lastPdf; // n(d1) from the CDF's own exp when it had one
    if (pdf !== pdf) pdf = INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
    nd2 = normCdf(phi * d2);
    out.gamma[i] = dq * pdf / (s * vst);
    out.vega[i] = f * pdf * sqrtT;
    out.theta[i] = -f * pdf * v / (2 * sqrtT) - phi * r * d * nd2 + phi * q * f * nd1;
  } else {
    const m = phi * (f - d);
    nd1 = m > 0 ? 1 : m < 0 ? 0 : 0.5;
    nd2 = nd1;
    out.gamma[i] = 0;
    out.vega[i] = 0;
    out.theta[i] = -phi * r * d * nd2 + phi * q * f * nd1;
  }
  const price = phi * (f * nd1 - d * nd2);
  out.price[i] = price > 0 ? price : 0;
  out.delta[i] = phi * dq * nd1;
  out.rho[i] = phi * k * t * dr * nd2;
}

/** Allocates the output columns for `n` contracts. */
export function newGreeksBatch(n: number): GreeksBatch {
  return {
    price: new Float64Array(n),
    delta: new Float64Array(n),
    gamma: new Float64Array(n),
    theta: new Float64Array(n),
    vega: new Float64Array(n),
    rho: new Float64Array(n),
  };
}

/** Checks that every input column has `n` values. */
export function assertBatchLength(input: BsmBatchInput, fn: string): number {
  const n = input.spot.length;
  for (const name of BSM_INPUT_COLUMNS) {
    if (input[name].length !== n) {
      throw new RangeError(
        `${fn}: expected every column to have ${n} values, ${name} had ${input[name].length}`,
      );
    }
  }
  return n;
}

/**
 * Prices and Greeks for a batch of contracts in plain TypeScript (the reference for the WASM
 * kernel `bsmBatch`). See {@link bsmRow} for formulas and for how invalid rows are handled.
 *
 * @example
 * ```ts
 * const one = (x: number) => Float64Array.of(x);
 * const g = bsmBatch({ type: one(1), spot: one(42), strike: one(40), rate: one(0.1),
 *   vol: one(0.2), time: one(0.5), dividend: one(0) });
 * g.price[0]; // 4.759422392871532 (Hull: 4.76)
 * ```
 */
export function bsmBatch(input: BsmBatchInput, out?: GreeksBatch): GreeksBatch {
  const n = assertBatchLength(input, "bsmBatch");
  const o = out ?? newGreeksBatch(n);
  for (let i = 0; i < n; i++) bsmRow(input, o, i);
  return o;
}

/** Builds the row object (with thetaPerDay and vegaPerPct) for contract `i` of a batch. */
export function greeksAt(batch: GreeksBatch, i: number): Greeks {
  return {
    price: batch.price[i],
    delta: batch.delta[i],
    gamma: batch.gamma[i],
    theta: batch.theta[i],
    vega: batch.vega[i],
    rho: batch.rho[i],
    thetaPerDay: batch.theta[i] / 365,
    vegaPerPct: batch.vega[i] / 100,
  };
}

/** Validates one contract, throwing RangeError naming the bad field. */
export function assertBsmInput(fn: string, input: BsmInput): void {
  const { spot, strike, rate, vol, time, dividend = 0 } = input;
  const check = (name: string, x: number, ok: boolean, what: string) => {
    if (!ok) throw new RangeError(`${fn}: expected ${name} ${what}, was ${x}`);
  };
  check("spot", spot, spot > 0 && Number.isFinite(spot), "> 0");
  check("strike", strike, strike > 0 && Number.isFinite(strike), "> 0");
  check("rate", rate, Number.isFinite(rate), "finite");
  check("vol", vol, vol >= 0 && Number.isFinite(vol), ">= 0");
  check("time", time, time >= 0 && Number.isFinite(time), ">= 0 (years)");
  check("dividend", dividend, Number.isFinite(dividend), "finite");
  if (input.type !== "call" && input.type !== "put") {
    throw new RangeError(`${fn}: expected type "call" or "put", was ${String(input.type)}`);
  }
}

/** Packs one contract into single-row batch columns. */
export function toBatch(inputs: readonly BsmInput[]): BsmBatchInput {
  const n = inputs.length;
  const b: BsmBatchInput = {
    type: new Float64Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    rate: new Float64Array(n),
    vol: new Float64Array(n),
    time: new Float64Array(n),
    dividend: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = inputs[i];
    b.type[i] = c.type === "call" ? 1 : c.type === "put" ? -1 : NaN;
    b.spot[i] = c.spot;
    b.strike[i] = c.strike;
    b.rate[i] = c.rate;
    b.vol[i] = c.vol;
    b.time[i] = c.time;
    b.dividend[i] = c.dividend ?? 0;
  }
  return b;
}

/**
 * Price and Greeks of one European option (Black-Scholes-Merton with dividend yield).
 * Throws RangeError for invalid inputs.
 *
 * @example
 * ```ts
 * // Hull, Options, Futures and Other Derivatives, example 15.6
 * bsm({ type: "put", spot: 42, strike: 40, rate: 0.1, vol: 0.2, time: 0.5 }).price; // 0.8085993729000922
 * ```
 */
export function bsm(input: BsmInput): Greeks {
  assertBsmInput("bsm", input);
  const batch = bsmBatch(toBatch([input]));
  return greeksAt(batch, 0);
}
