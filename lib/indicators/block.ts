/**
 * How the indicator kernels run their per-bar loops, so that they are fast from the first call.
 *
 * Measured with Deno 2.9.6 (V8 15.0): Maglev, V8's mid-tier compiler, keeps every floating-point
 * phi boxed (`--maglev-untagged-phis` is off by default), so a loop running in Maglev code
 * allocates a heap number per bar for each float it carries (about 15 MB per million bars each),
 * and so did the on-stack-replaced code of the old one-loop `sma` (30 young-generation collections
 * per 1M-bar call, still at the 20th call). So every indicator runs its loop as a module-level
 * kernel over blocks of {@link BLOCK} bars, with the running state (sums, counters) passed from
 * block to block; V8 compiles the kernel with TurboFan after a few blocks, and from the second or
 * third call on the kernels allocate nothing. The operations and their order are those of one
 * loop over all bars, so the results are bit-identical (reference_test.ts checks this across
 * block edges).
 *
 * Three more habits keep the compiled kernels free of boxed floats:
 * - outputs are written with `if (…) out[i] = a; else out[i] = NaN;`, not as
 *   `out[i] = cond ? a : NaN` (a float-valued conditional is a phi, which Maglev boxes);
 * - the occasional exact re-summation of a window (every `RESYNC_EVERY` bars, checks.ts) runs in
 *   its own function rather than as a loop nested in the kernel;
 * - a small kernel that carries a float (the EMA and Wilder recursions) is unrolled by two, which
 *   keeps it above Maglev's inlining limit (100 bytes of bytecode): inlined into the Maglev code
 *   of its caller's block loop, it would box its float at every bar again.
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
