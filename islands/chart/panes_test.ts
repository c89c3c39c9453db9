import assert from "node:assert/strict";
import { toBarSeries } from "../../lib/domain/bar.ts";
import { bbands, macd, rsi } from "../../lib/indicators/mod.ts";
import { buildStudy, studyRange } from "./panes.ts";

const bars = toBarSeries(
  Array.from({ length: 120 }, (_, i) => {
    const c = 100 + 10 * Math.sin(i / 7) + i * 0.1;
    return {
      ts: i * 86_400_000,
      open: c - 0.5,
      high: c + 1,
      low: c - 1,
      close: c,
      volume: 1000 + i,
    };
  }),
);
const theme = { up: "#00aa00", down: "#aa0000", accent: "#0000aa" };

Deno.test("buildStudy - lines are the indicator library's outputs, keyed by spec", () => {
  const r = buildStudy("rsi:14", bars, 0, theme);
  assert.deepEqual(r.lines.map((l) => l.key), ["rsi:14"]);
  assert.deepEqual(Array.from(r.lines[0].values), Array.from(rsi(bars.close, 14)));
  assert.deepEqual(r.fixed, [0, 100]);
  assert.deepEqual(r.guides, [30, 70]);

  const b = buildStudy("bbands:20:2", bars, 1, theme);
  assert.deepEqual(b.lines.map((l) => l.name), ["upper", "middle", "lower"]);
  assert.deepEqual(Array.from(b.lines[0].values), Array.from(bbands(bars.close, 20, 2).upper));

  const m = buildStudy("macd:12:26:9", bars, 2, theme);
  assert.equal(m.lines.find((l) => l.name === "hist")?.hist, "macd");
  assert.deepEqual(Array.from(m.lines[2].values), Array.from(macd(bars.close).hist));
  assert.equal(buildStudy("volume", bars, 0, theme).lines[0].hist, "volume");
  assert.throws(() => buildStudy("nope:1", bars, 0, theme), RangeError);
});

Deno.test("studyRange - brute-force min/max of the visible window plus 8% padding", () => {
  const b = buildStudy("bbands:20:2", bars, 0, theme);
  const { upper, lower } = bbands(bars.close, 20, 2);
  const lo = Math.min(...Array.from(lower.subarray(40, 81)));
  const hi = Math.max(...Array.from(upper.subarray(40, 81)));
  const [a, z] = studyRange(b, 40, 80);
  assert.ok(Math.abs(a - (lo - (hi - lo) * 0.08)) < 1e-9);
  assert.ok(Math.abs(z - (hi + (hi - lo) * 0.08)) < 1e-9);
  // a histogram's range always includes zero
  const m = buildStudy("macd:12:26:9", bars, 0, theme);
  const [mlo, mhi] = studyRange(m, 60, 119);
  assert.ok(mlo <= 0 && mhi >= 0);
});
