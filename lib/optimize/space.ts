/**
 * Parameter spaces: numeric ranges or explicit value lists per parameter, enumerated as a grid
 * or sampled at random (seeded) from the same grid.
 * @module
 */
import { z } from "zod";
import { mulberry32 } from "../data/synthetic.ts";

/** A numeric range `min..max` by `step` (default 1), both ends included. */
export const ParamRange = z.object({
  min: z.number().finite(),
  max: z.number().finite(),
  step: z.number().positive().finite().optional(),
}).refine((r) => r.max >= r.min, { message: "max must be at least min" });
/** An explicit list of values. */
export const ParamValues = z.object({
  values: z.array(z.union([z.number().finite(), z.string(), z.boolean()])).min(1).max(10_000),
});
/** One searched parameter. */
export const ParamAxis = z.union([ParamRange, ParamValues]);
export type ParamAxis = z.infer<typeof ParamAxis>;
/** The searched parameters by name. */
export const ParamSpace = z.record(z.string().min(1), ParamAxis);
export type ParamSpace = z.infer<typeof ParamSpace>;

/** A value a searched parameter can take. */
export type ParamValue = number | string | boolean;

/** Largest number of points a grid may have. */
export const MAX_GRID_POINTS = 200_000;

/**
 * The values of one axis. Range values are rounded to 10 significant digits so `0.1` steps do
 * not accumulate float noise.
 *
 * @example
 * ```ts
 * axisValues({ min: 2, max: 10, step: 4 }); // [2, 6, 10]
 * ```
 */
export function axisValues(axis: ParamAxis): ParamValue[] {
  if ("values" in axis) return [...axis.values];
  const step = axis.step ?? 1;
  const count = Math.floor((axis.max - axis.min) / step + 1e-9) + 1;
  if (count > MAX_GRID_POINTS) {
    throw new RangeError(`axisValues: range has ${count} values, at most ${MAX_GRID_POINTS}`);
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(Number((axis.min + i * step).toPrecision(10)));
  return out;
}

/** Number of grid points of a space (product of the axis sizes). */
export function gridSize(space: ParamSpace): number {
  let n = 1;
  for (const axis of Object.values(space)) n *= axisValues(axis).length;
  return n;
}

/**
 * The `index`-th grid point (the last parameter varies fastest).
 */
export function gridPoint(
  names: readonly string[],
  values: readonly ParamValue[][],
  index: number,
): Record<string, ParamValue> {
  const picked: ParamValue[] = new Array(names.length);
  let rest = index;
  for (let k = names.length - 1; k >= 0; k--) {
    const len = values[k].length;
    picked[k] = values[k][rest % len];
    rest = Math.floor(rest / len);
  }
  const out: Record<string, ParamValue> = {};
  for (let k = 0; k < names.length; k++) out[names[k]] = picked[k];
  return out;
}

/**
 * Indices of the grid points a search visits: all of them (`grid`), or `samples` distinct ones
 * drawn uniformly with `seed` (`random`; all of them when samples ≥ grid size).
 */
export function searchIndices(
  size: number,
  method: "grid" | "random",
  samples = 100,
  seed = 1,
): Int32Array {
  if (size > MAX_GRID_POINTS) {
    throw new RangeError(`searchIndices: grid has ${size} points, at most ${MAX_GRID_POINTS}`);
  }
  if (method === "grid" || samples >= size) return Int32Array.from({ length: size }, (_, i) => i);
  const rand = mulberry32(seed);
  // partial Fisher–Yates over 0..size-1
  const all = Int32Array.from({ length: size }, (_, i) => i);
  for (let i = 0; i < samples; i++) {
    const j = i + Math.floor(rand() * (size - i));
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, samples);
}
