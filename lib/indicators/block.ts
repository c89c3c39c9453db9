/**
 * How the indicator kernels run their per-bar loops, so that they are fast from the first call.
 *
 * V8 compiles a function that runs one long loop per call by on-stack replacement (OSR), and in
 * the first calls of a process that code, or Maglev code, keeps floating-point loop variables
 * boxed: one heap number per bar and variable (about 15 MB of garbage per million bars each).
 * So every indicator runs its loop as a module-level kernel over blocks of {@link BLOCK} bars,
 * with the running state (sums, counters) passed from block to block; V8 then compiles the
 * kernel as an ordinary function after a few blocks. The operations and their order are those of
 * one loop over all bars, so the results are bit-identical (reference_test.ts checks this across
 * block edges).
 *
 * Two more habits keep the compiled kernels free of boxed floats:
 * - outputs are written with `if (…) out[i] = a; else out[i] = NaN;`, not as
 *   `out[i] = cond ? a : NaN` (a float-valued conditional is a phi that Maglev boxes);
 * - the occasional exact re-summation of a window (every `RESYNC_EVERY` bars, checks.ts) runs in its
 *   own function rather than as a loop nested in the kernel.
 * @module
 */

/** Bars per kernel call (the same block size as lib/backtest/stats.ts). */
export const BLOCK = 4096;

/** `out[i] = a[i] - b[i]` for every bar, in blocks (`out` may be `a` or `b`). */
export function differenceInto(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  const n = out.length;
  for (let i = 0; i < n; i += BLOCK) differenceBlock(a, b, out, i, Math.min(n, i + BLOCK));
  return out;
}

function differenceBlock(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) out[i] = a[i] - b[i];
}

/**
 * Bands around a middle line: with `w = mult · width[i]`, `lower[i] = middle[i] - w` and
 * `upper[i] = middle[i] + w`, where `upper` may be `width` itself (it is read before written).
 */
export function bandsInto(
  middle: Float64Array,
  width: Float64Array,
  mult: number,
  upper: Float64Array,
  lower: Float64Array,
): void {
  const n = middle.length;
  for (let i = 0; i < n; i += BLOCK) {
    bandsBlock(middle, width, mult, upper, lower, i, Math.min(n, i + BLOCK));
  }
}

function bandsBlock(
  middle: Float64Array,
  width: Float64Array,
  mult: number,
  upper: Float64Array,
  lower: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const w = mult * width[i];
    lower[i] = middle[i] - w;
    upper[i] = middle[i] + w;
  }
}
