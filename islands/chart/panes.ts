// What each overlay and lower pane draws: its series (indicator outputs from lib/indicators),
// colours, fixed ranges and guide lines. Pure data; the engine turns these into uPlot series.
import type { BarSeries } from "../../lib/domain/bar.ts";
import { computeIndicators, outputKeys, parseIndicatorSpec } from "../../lib/indicators/spec.ts";
import { buildRangeIndex, type RangeIndex, rangeOf } from "../../lib/chart/range_index.ts";
import { specLabel } from "../../lib/chart/layout.ts";
import { PALETTE, withAlpha } from "./theme.ts";

/** One line or histogram of an overlay or pane. */
export interface LineDef {
  /** Output key, e.g. `bbands:20:2.upper`. */
  key: string;
  /** Short legend name of the output (`upper`, `signal`) or the spec label for one output. */
  name: string;
  values: Float64Array;
  color: string;
  width: number;
  dash?: number[];
  /** Drawn as a histogram (MACD hist, volume). */
  hist?: "macd" | "volume";
}

/** An overlay's or pane's lines plus how its y range is chosen. */
export interface StudyDef {
  spec: string;
  label: string;
  lines: LineDef[];
  /** Fixed y range (RSI, stochastic). */
  fixed?: [number, number];
  /** Horizontal guide lines (RSI 30/70, MACD 0). */
  guides: number[];
  /** Range index over all lines, for autoscaling. */
  range: RangeIndex;
}

const OUTPUT_STYLE: Record<string, (c: string, theme: { up: string; down: string }) => string> = {
  upper: (c) => withAlpha(c, 0.8),
  lower: (c) => withAlpha(c, 0.8),
  middle: (c) => withAlpha(c, 0.6),
  signal: () => "#f59e0b",
  d: () => "#f59e0b",
  plusDi: (_c, t) => t.up,
  minusDi: (_c, t) => t.down,
};

/** Computes one study over `bars`; `slot` picks its colour. */
export function buildStudy(
  spec: string,
  bars: BarSeries,
  slot: number,
  theme: { up: string; down: string; accent: string },
): StudyDef {
  const color = PALETTE[slot % PALETTE.length];
  let lines: LineDef[];
  if (spec === "volume") {
    lines = [{ key: "volume", name: "Vol", values: bars.volume, color, width: 1, hist: "volume" }];
  } else {
    const parsed = parseIndicatorSpec(spec);
    if (!parsed.ok) throw new RangeError(`buildStudy: ${parsed.issue.message}`);
    const cols = computeIndicators(bars, [parsed.spec]);
    const keys = outputKeys(parsed.spec);
    lines = keys.map((key) => {
      const out = key.includes(".") ? key.slice(key.lastIndexOf(".") + 1) : "";
      return {
        key,
        name: out || specLabel(spec),
        values: cols[key],
        color: OUTPUT_STYLE[out]?.(color, theme) ?? color,
        width: out === "middle" ? 1 : 1.5,
        dash: out === "middle" ? [4, 3] : undefined,
        hist: out === "hist" ? "macd" as const : undefined,
      };
    });
  }
  const name = spec.split(":")[0];
  const fixed: [number, number] | undefined = name === "rsi" || name === "stoch"
    ? [0, 100]
    : undefined;
  const guides = name === "rsi"
    ? [30, 70]
    : name === "stoch"
    ? [20, 80]
    : name === "macd"
    ? [0]
    : [];
  const n = bars.length;
  const lo = new Float64Array(n).fill(Infinity);
  const hi = new Float64Array(n).fill(-Infinity);
  for (const l of lines) {
    const v = l.values;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x < lo[i]) lo[i] = x;
      if (x > hi[i]) hi[i] = x;
    }
  }
  if (lines.some((l) => l.hist)) {
    for (let i = 0; i < n; i++) {
      if (lo[i] > 0) lo[i] = 0;
      if (hi[i] < 0) hi[i] = 0;
    }
  }
  return { spec, label: specLabel(spec), lines, fixed, guides, range: buildRangeIndex(lo, hi) };
}

/** The y range of a study over bars i0..i1, padded by 8%. */
export function studyRange(s: StudyDef, i0: number, i1: number): [number, number] {
  if (s.fixed) return s.fixed;
  let [lo, hi] = rangeOf(s.range, i0, i1);
  if (!(lo <= hi)) return [0, 1];
  if (s.spec.startsWith("adx")) {
    lo = 0;
    hi = Math.max(hi, 50);
  }
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.01 || 1;
  return [lo - (lo === 0 ? 0 : pad), hi + pad];
}
