/**
 * Argument checks shared by the indicator kernels. Programmer errors throw `RangeError` with the
 * message `"fn: what was expected, was X"`.
 * @module
 */

/** Throws unless `value` is a positive integer. */
export function checkPeriod(fn: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${fn}: ${name} must be a positive integer, was ${value}`);
  }
}

/** Throws unless `value` is a finite number (multipliers such as Bollinger's `k`). */
export function checkFinite(fn: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, was ${value}`);
  }
}

/** Throws unless every column has the length of the first one. */
export function checkSameLength(fn: string, columns: Record<string, ArrayLike<number>>): number {
  const entries = Object.entries(columns);
  const n = entries[0][1].length;
  for (const [name, col] of entries) {
    if (col.length !== n) {
      throw new RangeError(
        `${fn}: all columns must have length ${n} (that of ${
          entries[0][0]
        }), ${name} was ${col.length}`,
      );
    }
  }
  return n;
}

/**
 * Rolling sums are recomputed from scratch every `max(RESYNC_EVERY, period)` bars so that rounding
 * error from add-one/remove-one updates cannot accumulate over millions of bars. The extra work is
 * at most `period / RESYNC_EVERY` per bar.
 */
export const RESYNC_EVERY = 1024;

/** A Float64Array of length `n` filled with NaN. */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}
