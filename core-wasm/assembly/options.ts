// Black-Scholes-Merton prices and Greeks over columns. Line-for-line port of
// lib/options/bsm.ts (bsmRow): keep both in step; core-wasm/mod_test.ts checks parity.
// Input block (7 columns of n f64, column-major): type (+1 call, -1 put), spot, strike,
// rate, vol, time, dividend. Output block (6 columns of n f64): price, delta, gamma,
// theta (per year), vega (per 1.00 vol), rho (per 1.00 rate).
import { bsmOne } from "./bsm_one";

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
