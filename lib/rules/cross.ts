/**
 * Crossing rules shared by strategies and screeners.
 * @module
 */

/**
 * True when `a` crosses above `b` at bar `i`: `a[i-1] < b[i-1]` and `a[i] > b[i]`, strict on both
 * sides as backtesting.py's `crossover`. NaN on either side is never a cross.
 *
 * @example
 * ```ts
 * crossedAbove(Float64Array.of(1, 3), Float64Array.of(2, 2), 1); // true
 * ```
 */
export function crossedAbove(a: Float64Array, b: Float64Array, i: number): boolean {
  return i > 0 && a[i - 1] < b[i - 1] && a[i] > b[i];
}

/** True when `a` crosses below `b` at bar `i` (see {@link crossedAbove}). */
export function crossedBelow(a: Float64Array, b: Float64Array, i: number): boolean {
  return i > 0 && a[i - 1] > b[i - 1] && a[i] < b[i];
}

/**
 * Index of the first bar on which every column is defined (not NaN): the largest per-column
 * first-defined index. A column that is never defined gives `length` (no bar qualifies).
 *
 * @example
 * ```ts
 * firstDefined([Float64Array.of(NaN, 1, 2), Float64Array.of(NaN, NaN, 3)]); // 2
 * ```
 */
export function firstDefined(columns: readonly Float64Array[]): number {
  let w = 0;
  for (const c of columns) {
    let i = 0;
    while (i < c.length && c[i] !== c[i]) i++;
    if (i > w) w = i;
  }
  return w;
}
