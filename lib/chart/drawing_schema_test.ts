import assert from "node:assert/strict";
import { Drawing, DrawingSet } from "./drawing_schema.ts";

const trend = { id: "d1", kind: "trend", a: { ts: 0, price: 1 }, b: { ts: 1, price: 2 } };

Deno.test("Drawing - drawings saved before widths existed (no width, no color) stay valid", () => {
  assert.deepEqual(Drawing.parse(trend), trend);
  assert.ok(
    DrawingSet.safeParse({ drawings: [trend, { id: "h", kind: "hline", price: 3 }] }).success,
  );
});

Deno.test("Drawing - width 1, 2 or 3 and a hex colour are kept on every kind", () => {
  for (const width of [1, 2, 3]) {
    assert.equal(Drawing.parse({ ...trend, width, color: "#dc2626" }).width, width);
  }
  const note = { id: "t", kind: "text", a: { ts: 0, price: 1 }, text: "hi", width: 2 };
  assert.deepEqual(Drawing.parse(note), note);
  assert.equal(Drawing.parse({ id: "h", kind: "hline", price: 3, width: 3 }).width, 3);
});

Deno.test("Drawing - other widths and non-hex colours are rejected", () => {
  for (const width of [0, 1.5, 4, "2", null]) {
    assert.equal(Drawing.safeParse({ ...trend, width }).success, false, String(width));
  }
  assert.equal(Drawing.safeParse({ ...trend, color: "red" }).success, false);
});
