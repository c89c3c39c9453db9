import assert from "node:assert/strict";
import fc from "fast-check";
import { candleBuffer, decimateMarkers, decimateOhlc } from "./decimate.ts";

function bars(n: number, seed: number) {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    open[i] = p;
    p *= 1 + (rand() - 0.5) * 0.04;
    close[i] = p;
    high[i] = Math.max(open[i], close[i]) * (1 + rand() * 0.01);
    low[i] = Math.min(open[i], close[i]) * (1 - rand() * 0.01);
    volume[i] = Math.round(rand() * 1000);
  }
  return { open, high, low, close, volume };
}

Deno.test("decimateOhlc - aggregates per pixel column like a brute-force group-by", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 400 }),
      fc.integer({ min: 1, max: 1000 }),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      (n, seed, pxPerBar) => {
        const b = bars(n, seed);
        const c = decimateOhlc(b, 0, n - 1, 0, pxPerBar);
        const groups = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
          const col = Math.floor(i * pxPerBar);
          groups.set(col, [...(groups.get(col) ?? []), i]);
        }
        assert.equal(c.n, groups.size);
        let k = 0;
        for (const [col, idx] of groups) {
          assert.equal(c.px[k], col);
          assert.equal(c.open[k], b.open[idx[0]]);
          assert.equal(c.close[k], b.close[idx[idx.length - 1]]);
          assert.equal(c.high[k], Math.max(...idx.map((i) => b.high[i])));
          assert.equal(c.low[k], Math.min(...idx.map((i) => b.low[i])));
          assert.equal(c.volume[k], idx.reduce((a, i) => a + b.volume[i], 0));
          k++;
        }
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("decimateOhlc - one entry per bar, centred, when bars are wider than a pixel", () => {
  const b = bars(10, 3);
  const c = decimateOhlc(b, 2, 5, 2, 8);
  assert.equal(c.n, 4);
  assert.deepEqual(Array.from(c.px.subarray(0, 4)), [0, 8, 16, 24]);
  assert.equal(c.open[1], b.open[3]);
});

Deno.test("decimateOhlc - 1,000,000 bars on 1,000 pixels give at most 1,000 columns", () => {
  const b = bars(1_000_000, 11);
  const c = decimateOhlc(b, 0, 999_999, 0, 1000 / 1_000_000, candleBuffer(1200));
  assert.ok(c.n <= 1000 && c.n >= 999, `columns: ${c.n}`);
  assert.equal(c.open[0], b.open[0]);
  assert.equal(c.close[c.n - 1], b.close[999_999]);
});

Deno.test("decimateOhlc - skips NaN closes and clamps the window to the data", () => {
  const b = bars(5, 1);
  b.close[2] = NaN;
  const c = decimateOhlc(b, -10, 99, 0, 10);
  assert.equal(c.n, 4);
  assert.throws(() => decimateOhlc(b, 0, 4, 0, 0), RangeError);
});

Deno.test("decimateMarkers - at most one marker per side per cell, all taken from the input", () => {
  const m = 10_000;
  const idx = new Float64Array(m);
  const price = new Float64Array(m);
  const side = new Int8Array(m);
  for (let j = 0; j < m; j++) {
    idx[j] = j * 100;
    price[j] = 100 + (j % 37);
    side[j] = j % 3 === 0 ? -1 : 1;
  }
  const view = {
    xMin: 0,
    xMax: 1_000_000,
    pxPerBar: 500 / 1_000_000,
    width: 500,
    height: 200,
    yPx: (p: number) => 200 - (p - 100) * 5,
  };
  const out = decimateMarkers({ idx, price, side }, view, 4);
  assert.ok(out.n > 0 && out.n <= 2 * (500 / 4) * (200 / 4));
  assert.ok(out.n < m, `${out.n} glyphs`);
  const cells = new Set<string>();
  for (let k = 0; k < out.n; k++) {
    const key = `${Math.floor(out.x[k] / 4)}:${Math.floor(out.y[k] / 4)}:${out.side[k]}`;
    assert.ok(!cells.has(key), "two markers of one side in a cell");
    cells.add(key);
  }
  // a window shows only markers inside it
  const part = decimateMarkers({ idx, price, side }, { ...view, xMin: 500, xMax: 1000 }, 4);
  assert.ok(part.n >= 1 && part.n <= 12);
});
