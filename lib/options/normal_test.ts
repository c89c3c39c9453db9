import assert from "node:assert/strict";
import { normCdf, normPdf } from "./normal.ts";

// Reference values from mpmath.ncdf at 40 digits, rounded to double.
const REFERENCE: [number, number][] = [
  [-37.5, 4.605353009581955e-308],
  [-20, 2.7536241186062337e-89],
  [-10, 7.619853024160525e-24],
  [-8, 6.220960574271784e-16],
  [-5, 2.866515718791939e-7],
  [-3, 0.0013498980316300946],
  [-1, 0.15865525393145705],
  [-0.5, 0.3085375387259869],
  [0, 0.5],
  [0.3, 0.6179114221889527],
  [1.96, 0.9750021048517795],
  [5, 0.9999997133484281],
];

Deno.test("normCdf - matches 40-digit reference values to about 1e-15 relative", () => {
  for (const [x, ref] of REFERENCE) {
    const got = normCdf(x);
    assert.ok(Math.abs(got - ref) <= 1e-15 * ref, `normCdf(${x}) = ${got}, expected ${ref}`);
  }
});

Deno.test("normCdf - symmetry N(x) + N(-x) = 1 and monotone", () => {
  let prev = 0;
  for (let x = -9; x <= 9; x += 0.01) {
    assert.ok(Math.abs(normCdf(x) + normCdf(-x) - 1) <= 2e-16);
    const y = normCdf(x);
    assert.ok(y >= prev);
    prev = y;
  }
});

Deno.test("normCdf - limits and NaN", () => {
  assert.equal(normCdf(-40), 0);
  assert.equal(normCdf(40), 1);
  assert.equal(normCdf(-Infinity), 0);
  assert.equal(normCdf(Infinity), 1);
  assert.ok(Number.isNaN(normCdf(NaN)));
});

Deno.test("normPdf - is the derivative of normCdf", () => {
  for (const x of [-4, -1.3, 0, 0.7, 2.5]) {
    const h = 1e-5;
    const fd = (normCdf(x + h) - normCdf(x - h)) / (2 * h);
    assert.ok(Math.abs(fd - normPdf(x)) < 1e-10);
  }
});
