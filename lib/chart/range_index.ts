/**
 * Block min/max index over low/high columns: the price range of any bar window in
 * O(block + n / block) time instead of O(n), so autoscaling 1,000,000 bars stays cheap on every
 * pan and zoom frame.
 * @module
 */

/** Per-block minimum of `low` and maximum of `high` (NaN ignored). */
export interface RangeIndex {
  readonly block: number;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly blockLow: Float64Array;
  readonly blockHigh: Float64Array;
}

/**
 * Builds the index in O(n). Blocks of `block` bars (default 256).
 *
 * @example
 * ```ts
 * const idx = buildRangeIndex(Float64Array.of(3, 1, 2), Float64Array.of(4, 5, 3), 2);
 * rangeOf(idx, 0, 2); // [1, 5]
 * ```
 */
export function buildRangeIndex(low: Float64Array, high: Float64Array, block = 256): RangeIndex {
  if (low.length !== high.length) {
    throw new RangeError(
      `buildRangeIndex: expected equal lengths, was ${low.length} and ${high.length}`,
    );
  }
  if (!(Number.isInteger(block) && block >= 1)) {
    throw new RangeError(`buildRangeIndex: expected a whole block >= 1, was ${block}`);
  }
  const nb = Math.ceil(low.length / block);
  const blockLow = new Float64Array(nb).fill(Infinity);
  const blockHigh = new Float64Array(nb).fill(-Infinity);
  for (let i = 0; i < low.length; i++) {
    const b = (i / block) | 0;
    if (low[i] < blockLow[b]) blockLow[b] = low[i];
    if (high[i] > blockHigh[b]) blockHigh[b] = high[i];
  }
  return { block, low, high, blockLow, blockHigh };
}

/**
 * `[min low, max high]` over bars `i0..i1` inclusive (clamped); `[Infinity, -Infinity]` when the
 * window holds no finite values.
 */
export function rangeOf(index: RangeIndex, i0: number, i1: number): [number, number] {
  const { block, low, high, blockLow, blockHigh } = index;
  let a = Math.max(0, Math.floor(i0));
  const b = Math.min(low.length - 1, Math.ceil(i1));
  let lo = Infinity;
  let hi = -Infinity;
  while (a <= b) {
    if (a % block === 0 && a + block - 1 <= b) {
      const k = a / block;
      if (blockLow[k] < lo) lo = blockLow[k];
      if (blockHigh[k] > hi) hi = blockHigh[k];
      a += block;
    } else {
      if (low[a] < lo) lo = low[a];
      if (high[a] > hi) hi = high[a];
      a++;
    }
  }
  return [lo, hi];
}
