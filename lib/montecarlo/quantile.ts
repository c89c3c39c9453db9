/**
 * Quantiles by in-place selection, with numpy's default "linear" interpolation
 * (`np.percentile(x, q)`): h = (n - 1) q, result = x(floor h) + (h - floor h)(x(floor h + 1) -
 * x(floor h)), evaluated exactly as numpy's `_lerp` does. Selection (quickselect, median-of-3)
 * replaces sorting; core-wasm/assembly/montecarlo.ts ports it so both give the same bits.
 * @module
 */

/** The percentiles reported everywhere: 5, 25, 50, 75, 95. */
export const BAND_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/**
 * Rearranges `x[from, to)` so that `x[k]` holds the value a sort would put there, everything
 * before it is <= and everything after it is >=. NaN-free input expected.
 */
export function selectInPlace(x: Float64Array, from: number, to: number, k: number): void {
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    // median of three as pivot
    const mid = lo + ((hi - lo) >> 1);
    let a = x[lo];
    let b = x[mid];
    const c = x[hi];
    if (a > b) {
      const t = a;
      a = b;
      b = t;
    }
    if (b > c) {
      b = c;
      if (a > b) b = a;
    }
    const pivot = b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (x[i] < pivot) i++;
      while (x[j] > pivot) j--;
      if (i <= j) {
        const t = x[i];
        x[i] = x[j];
        x[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** numpy's `_lerp(a, b, t)`: a + (b - a) t, or b - (b - a)(1 - t) when t >= 0.5. */
export function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Writes the `qs` quantiles (ascending, in [0, 1]) of `x[from, from + n)` into `out` at
 * `outAt`, `outAt + stride`, ...; reorders that range. n = 0 writes NaN.
 */
export function quantilesInPlace(
  x: Float64Array,
  from: number,
  n: number,
  qs: readonly number[],
  out: Float64Array,
  outAt: number,
  stride: number,
): void {
  let start = from; // everything before `start` is <= the values still needed
  for (let qi = 0; qi < qs.length; qi++) {
    if (n === 0) {
      out[outAt + qi * stride] = NaN;
      continue;
    }
    const h = (n - 1) * qs[qi];
    const lo = Math.floor(h);
    const k = from + lo;
    selectInPlace(x, start, from + n, k);
    const a = x[k];
    let b = a;
    if (lo + 1 < n) {
      // the next order statistic is the minimum of what lies above k
      b = x[k + 1];
      for (let i = k + 2; i < from + n; i++) if (x[i] < b) b = x[i];
    }
    out[outAt + qi * stride] = lerp(a, b, h - lo);
    start = k;
  }
}

/** Quantiles of a copy of `values` (numpy "linear"), for callers that keep their data. */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const x = Float64Array.from(values);
  const out = new Float64Array(qs.length);
  quantilesInPlace(x, 0, x.length, qs, out, 0, 1);
  return Array.from(out);
}
