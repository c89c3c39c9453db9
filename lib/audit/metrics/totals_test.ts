import assert from "node:assert/strict";
import fc from "fast-check";
import { maxDrawdown } from "./totals.ts";

Deno.test("maxDrawdown - equals the brute-force max over i < j of cum_i − cum_j (cum_-1 = 0)", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 40 }), (xs) => {
      const cum = [0];
      for (const x of xs) cum.push(cum.at(-1)! + x);
      let brute = 0;
      for (let i = 0; i < cum.length; i++) {
        for (let j = i + 1; j < cum.length; j++) brute = Math.max(brute, cum[i] - cum[j]);
      }
      assert.equal(maxDrawdown(xs, null).dd, brute);
    }),
  );
});

Deno.test("maxDrawdown - percent of peak equity with an account size", () => {
  // 10 000 start, +1000 → peak 11 000, −2200 → 8 800: 20 %
  const { dd, pct } = maxDrawdown([1000, -2200, 500], 10_000);
  assert.equal(dd, 2200);
  assert.equal(pct, 20);
});
