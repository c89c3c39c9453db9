import assert from "node:assert/strict";
import fc from "fast-check";
import { american, americanBatch } from "./american.ts";
import { bsm, type BsmInput, toBatch } from "./bsm.ts";

const HULL_PUT = { type: "put", spot: 50, strike: 50, rate: 0.1, vol: 0.4, time: 5 / 12 } as const;

Deno.test("american - Hull's put: 4.49 with a 5-step CRR tree, about 4.28 with 500", () => {
  assert.equal(american(HULL_PUT, { steps: 5, controlVariate: false }).price.toFixed(2), "4.49");
  assert.equal(american(HULL_PUT, { steps: 500, controlVariate: false }).price.toFixed(2), "4.28");
  const cv = american(HULL_PUT).price; // control variate, 500 steps
  assert.ok(Math.abs(cv - 4.2844) < 2e-3, `cv ${cv}`);
  // converges: 500 and 5000 steps agree to a few thousandths
  assert.ok(Math.abs(cv - american(HULL_PUT, { steps: 5000 }).price) < 2e-3);
});

Deno.test("american - a call without dividends equals the European call exactly", () => {
  const c = { type: "call", spot: 100, strike: 95, rate: 0.05, vol: 0.3, time: 1 } as const;
  assert.deepEqual(american(c), bsm(c));
  assert.deepEqual(american({ ...c, dividend: 0 }, { steps: 50 }), bsm(c));
});

const contract = fc.record({
  type: fc.constantFrom<"call" | "put">("call", "put"),
  spot: fc.double({ min: 20, max: 200, noNaN: true }),
  moneyness: fc.double({ min: 0.6, max: 1.6, noNaN: true }),
  rate: fc.double({ min: 0, max: 0.12, noNaN: true }),
  vol: fc.double({ min: 0.1, max: 1, noNaN: true }),
  time: fc.double({ min: 0.05, max: 3, noNaN: true }),
  dividend: fc.double({ min: 0, max: 0.1, noNaN: true }),
}).map(({ moneyness, ...c }): BsmInput => ({ ...c, strike: c.spot * moneyness }));

Deno.test("american - early-exercise premium is never negative and price >= intrinsic", () => {
  fc.assert(
    fc.property(contract, (c) => {
      const am = american(c, { steps: 100 }).price;
      const eu = bsm(c).price;
      assert.ok(am >= eu, `american ${am} < european ${eu}`);
      const intrinsic = c.type === "call" ? c.spot - c.strike : c.strike - c.spot;
      assert.ok(am >= intrinsic);
    }),
    { numRuns: 150 },
  );
});

Deno.test("american - a dividend-paying call carries an early-exercise premium", () => {
  const c = {
    type: "call",
    spot: 100,
    strike: 80,
    rate: 0.02,
    vol: 0.2,
    time: 2,
    dividend: 0.08,
  } as const;
  assert.ok(american(c).price > bsm(c).price + 0.1);
});

Deno.test("american - tree Greeks agree with finite differences of the price", () => {
  const price = (d: Partial<BsmInput>) => american({ ...HULL_PUT, ...d }, { steps: 2000 }).price;
  const g = american(HULL_PUT, { steps: 2000 });
  const h = 0.5;
  const fdDelta = (price({ spot: 50 + h }) - price({ spot: 50 - h })) / (2 * h);
  // a tree price is bumpy in spot on the lattice scale, so the second difference needs a wide step
  const fdGamma = (price({ spot: 51 }) - 2 * g.price + price({ spot: 49 })) / 1;
  const fdTheta = -(price({ time: 5 / 12 + 0.01 }) - price({ time: 5 / 12 - 0.01 })) / 0.02;
  assert.ok(Math.abs(g.delta - fdDelta) < 2e-3, `delta ${g.delta} vs ${fdDelta}`);
  assert.ok(Math.abs(g.gamma - fdGamma) < 1e-3, `gamma ${g.gamma} vs ${fdGamma}`);
  assert.ok(Math.abs(g.theta - fdTheta) < 0.05, `theta ${g.theta} vs ${fdTheta}`);
  const fdVega = (price({ vol: 0.45 }) - price({ vol: 0.35 })) / 0.1;
  const fdRho = (price({ rate: 0.11 }) - price({ rate: 0.09 })) / 0.02;
  assert.ok(Math.abs(g.vega - fdVega) < 0.05, `vega ${g.vega} vs ${fdVega}`);
  assert.ok(Math.abs(g.rho - fdRho) < 0.05, `rho ${g.rho} vs ${fdRho}`);
  // an American put is less sensitive to rates than the European one (it can exercise)
  assert.ok(g.delta < 0 && g.gamma > 0 && g.vega > 0 && g.rho < 0);
});

Deno.test("american - expiry is intrinsic; bad steps and inputs throw RangeError", () => {
  assert.equal(american({ ...HULL_PUT, spot: 40, time: 0 }).price, 10);
  assert.throws(() => american(HULL_PUT, { steps: 1 }), /expected steps to be an integer/);
  assert.throws(() => american({ ...HULL_PUT, spot: -1 }), RangeError);
  const out = americanBatch(toBatch([HULL_PUT, { ...HULL_PUT, vol: 0 }]), { steps: 50 });
  assert.ok(out.price[0] > 4);
  // a zero-vol lattice has no valid up-probability: NaN rather than a wrong number
  assert.ok(Number.isNaN(out.price[1]));
});
