/**
 * Decoding of the packed bars that `GET /api/v1/bars/{symbol}?format=f64` returns: little-endian
 * Float64 `[n, ts..., open..., high..., low..., close..., volume...]` (6n + 1 values). The columns
 * are views into the response buffer, so nothing is copied.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";

/**
 * Views a packed buffer as a {@link BarSeries}. Throws RangeError when the length does not match
 * the count in the header.
 *
 * @example
 * ```ts
 * const buf = Float64Array.of(1, 86_400_000, 10, 11, 9, 10.5, 1000).buffer;
 * unpackF64(buf).close; // Float64Array [10.5]
 * ```
 */
export function unpackF64(buf: ArrayBuffer): BarSeries {
  if (buf.byteLength % 8 !== 0 || buf.byteLength < 8) {
    throw new RangeError(
      `unpackF64: expected a whole number of float64 values, was ${buf.byteLength} bytes`,
    );
  }
  const all = new Float64Array(buf);
  const n = all[0];
  if (!(Number.isInteger(n) && n >= 0 && all.length === 1 + 6 * n)) {
    throw new RangeError(
      `unpackF64: header says ${n} bars but the buffer holds ${all.length} values`,
    );
  }
  const col = (k: number) => all.subarray(1 + k * n, 1 + (k + 1) * n);
  return {
    length: n,
    ts: col(0),
    open: col(1),
    high: col(2),
    low: col(3),
    close: col(4),
    volume: col(5),
  };
}

/** Plain-array columns (as inlined in page props) to a {@link BarSeries}. */
export function fromColumns(c: {
  ts: readonly number[];
  open: readonly number[];
  high: readonly number[];
  low: readonly number[];
  close: readonly number[];
  volume: readonly (number | null)[];
}): BarSeries {
  const f = (a: readonly (number | null)[]) => Float64Array.from(a, (x) => x ?? NaN);
  return {
    length: c.ts.length,
    ts: f(c.ts),
    open: f(c.open),
    high: f(c.high),
    low: f(c.low),
    close: f(c.close),
    volume: f(c.volume),
  };
}
