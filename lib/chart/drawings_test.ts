import assert from "node:assert/strict";
import {
  distToSegment,
  type Drawing,
  fibLevels,
  hitTest,
  moveDrawing,
  type Projection,
  snapPrice,
} from "./drawings.ts";
import { DRAWING_COLORS } from "./drawing_style.ts";

// 1 px per ms horizontally, price 0 at y=200 and 2 px per price unit upwards.
const proj: Projection = {
  toPx: (a) => ({ x: a.ts, y: 200 - a.price * 2 }),
  yPx: (p) => 200 - p * 2,
  width: 400,
  textWidth: (t) => t.length * 7,
};

Deno.test("fibLevels - 61.8% retracement of a 100 to 200 move is 138.2", () => {
  const levels = fibLevels({ ts: 0, price: 100 }, { ts: 1, price: 200 });
  assert.deepEqual(levels.map((l) => l.ratio), [0, 0.236, 0.382, 0.5, 0.618, 0.786, 1]);
  assert.equal(levels[0].price, 200);
  assert.ok(Math.abs(levels[4].price - 138.2) < 1e-9);
  assert.equal(levels[3].price, 150);
  assert.equal(levels[6].price, 100);
  // a down move retraces upwards
  assert.ok(
    Math.abs(fibLevels({ ts: 0, price: 50 }, { ts: 1, price: 40 })[2].price - 43.82) < 1e-9,
  );
});

Deno.test("distToSegment - perpendicular inside, endpoint distance outside", () => {
  assert.equal(distToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 }), 3);
  assert.equal(distToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 }), 5);
  assert.equal(distToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 }), 5);
});

Deno.test("hitTest - anchors win over bodies, later drawings are on top, misses give null", () => {
  const ds: Drawing[] = [
    { id: "t", kind: "trend", a: { ts: 0, price: 0 }, b: { ts: 100, price: 50 } },
    { id: "h", kind: "hline", price: 25 },
  ];
  assert.deepEqual(hitTest(ds, proj, { x: 0, y: 200 }), { id: "t", handle: "a" });
  assert.deepEqual(hitTest(ds, proj, { x: 100, y: 102 }), { id: "t", handle: "b" });
  assert.deepEqual(hitTest(ds, proj, { x: 50, y: 152 }), { id: "h", handle: "body" });
  assert.deepEqual(hitTest(ds, proj, { x: 20, y: 180 }), { id: "t", handle: "body" });
  assert.equal(hitTest(ds, proj, { x: 300, y: 10 }), null);
});

Deno.test("hitTest - rectangles inside, fib level lines between anchors, text boxes", () => {
  const ds: Drawing[] = [
    { id: "r", kind: "rect", a: { ts: 10, price: 10 }, b: { ts: 50, price: 30 } },
    { id: "f", kind: "fib", a: { ts: 200, price: 0 }, b: { ts: 300, price: 100 } },
    { id: "x", kind: "text", a: { ts: 100, price: 0 }, text: "buy zone" },
  ];
  assert.equal(hitTest(ds, proj, { x: 30, y: 160 })?.id, "r");
  // the 50% level (price 50, y 100) inside the fib's x range; outside it there is nothing
  assert.equal(hitTest(ds, proj, { x: 250, y: 100 })?.id, "f");
  assert.equal(hitTest(ds, proj, { x: 350, y: 100 }), null);
  assert.equal(hitTest(ds, proj, { x: 120, y: 195 })?.id, "x");
  assert.equal(hitTest(ds, proj, { x: 170, y: 195 }), null);
});

Deno.test("moveDrawing - body moves both anchors, a handle moves one, input unchanged", () => {
  const d: Drawing = { id: "t", kind: "trend", a: { ts: 0, price: 1 }, b: { ts: 10, price: 2 } };
  const shift = (ts: number, dIdx: number) => ts + dIdx * 10;
  assert.deepEqual(moveDrawing(d, "body", 2, 0.5, shift), {
    ...d,
    a: { ts: 20, price: 1.5 },
    b: { ts: 30, price: 2.5 },
  });
  assert.deepEqual(moveDrawing(d, "b", -1, 1, shift), { ...d, b: { ts: 0, price: 3 } });
  assert.equal(d.a.ts, 0);
  const h: Drawing = { id: "h", kind: "hline", price: 5 };
  assert.deepEqual(moveDrawing(h, "body", 3, -1, shift), { ...h, price: 4 });
});

// y = 200 - 2 * price, as in `proj` above.
const yPx = (p: number) => 200 - p * 2;
const bar = { open: 100, high: 110, low: 95, close: 105 };

Deno.test("snapPrice - a pointer 3 px below the high snaps to the high", () => {
  // high 110 -> y = -20, close 105 -> y = -10: at y = -17 the high is 3 px away, the close 7
  assert.equal(snapPrice(bar, -17, yPx), 110);
  assert.equal(snapPrice(bar, -14, yPx), 105, "the close is nearer (4 px) than the high (6 px)");
});

Deno.test("snapPrice - snaps to the low, and returns null beyond the tolerance", () => {
  // low 95 -> y = 10; open 100 -> y = 0
  assert.equal(snapPrice(bar, 12, yPx), 95);
  assert.equal(snapPrice(bar, 18, yPx), 95, "8 px is inside the tolerance (inclusive)");
  assert.equal(snapPrice(bar, 18.5, yPx), null, "8.5 px is outside");
  assert.equal(snapPrice(bar, 40, yPx, 30), 95, "a wider tolerance reaches further");
});

Deno.test("snapPrice - nearest of the four wins; ties go to open, high, low, close order", () => {
  // open 100 at y = 0, close 105 at y = -10: the midpoint y = -5 is a tie -> open
  assert.equal(snapPrice(bar, -5, yPx), 100);
  assert.equal(snapPrice(bar, -5.1, yPx), 105);
  // a doji (all four equal) snaps to that price
  assert.equal(snapPrice({ open: 50, high: 50, low: 50, close: 50 }, 101, yPx), 50);
});

Deno.test("snapPrice - skips non-finite prices and rejects a bad tolerance", () => {
  assert.equal(snapPrice({ open: NaN, high: 110, low: NaN, close: NaN }, 0, yPx), null);
  assert.equal(snapPrice({ open: NaN, high: 110, low: NaN, close: NaN }, -20, yPx), 110);
  assert.throws(() => snapPrice(bar, 0, yPx, -1), RangeError);
  assert.throws(() => snapPrice(bar, 0, yPx, NaN), RangeError);
});

Deno.test("snapPrice - property: the result is one of the bar's prices and within tolerance", () => {
  for (let k = 0; k < 500; k++) {
    const o = 50 + ((k * 37) % 100);
    const b = { open: o, high: o + (k % 7), low: o - (k % 5), close: o + (k % 3) - 1 };
    const y = ((k * 53) % 400) - 200;
    const r = snapPrice(b, y, yPx);
    if (r === null) {
      for (const p of [b.open, b.high, b.low, b.close]) assert.ok(Math.abs(yPx(p) - y) > 8);
    } else {
      assert.ok([b.open, b.high, b.low, b.close].includes(r));
      assert.ok(Math.abs(yPx(r) - y) <= 8);
      for (const p of [b.open, b.high, b.low, b.close]) {
        assert.ok(Math.abs(yPx(p) - y) >= Math.abs(yPx(r) - y));
      }
    }
  }
});

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

Deno.test("DRAWING_COLORS - 6-8 distinct swatches, each >= 3:1 against both chart backgrounds", () => {
  assert.ok(DRAWING_COLORS.length >= 6 && DRAWING_COLORS.length <= 8);
  assert.equal(new Set(DRAWING_COLORS).size, DRAWING_COLORS.length);
  // white on black is 21:1 (the WCAG formula's maximum); sanity-check the helper first
  assert.ok(Math.abs((luminance("#ffffff") + 0.05) / (luminance("#000000") + 0.05) - 21) < 1e-9);
  for (const c of DRAWING_COLORS) {
    for (const bg of ["#f7f8fa", "#0d1117"]) {
      const [hi, lo] = [luminance(c), luminance(bg)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      assert.ok(ratio >= 3, `${c} on ${bg}: ${ratio.toFixed(2)}:1`);
    }
  }
});
