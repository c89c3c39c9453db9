/**
 * A memo for indicator columns keyed by the bar series they were computed from, so a
 * parameter sweep computes `sma(close, 10)` once and every combination reuses it.
 * @module
 */

/**
 * Caches values per (owner object, key). Owners are held weakly, so a cache can live across
 * runs without pinning old series in memory.
 *
 * @example
 * ```ts
 * const cache = new IndicatorCache();
 * const a = cache.get(bars, "sma:10", () => sma(bars.close, 10));
 * const b = cache.get(bars, "sma:10", () => sma(bars.close, 10)); // same array, not recomputed
 * ```
 */
export class IndicatorCache {
  #store = new WeakMap<object, Map<string, unknown>>();

  /** The cached value for `(owner, key)`, computing it with `compute` on a miss. */
  get<T>(owner: object, key: string, compute: () => T): T {
    let byKey = this.#store.get(owner);
    if (byKey === undefined) {
      byKey = new Map();
      this.#store.set(owner, byKey);
    }
    if (byKey.has(key)) return byKey.get(key) as T;
    const value = compute();
    byKey.set(key, value);
    return value;
  }
}
