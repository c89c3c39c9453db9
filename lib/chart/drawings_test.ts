import assert from "node:assert/strict";
import {
  distToSegment,
  type Drawing,
  fibLevels,
  hitTest,
  moveDrawing,
  type Projection,
} from "./drawings.ts";

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
