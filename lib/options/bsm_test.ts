import assert from "node:assert/strict";
import fc from "fast-check";
import { bsm, bsmBatch, type BsmInput, toBatch } from "./bsm.ts";

function close(actual: number, expected: number, tol: number, label = "") {
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${label} ${actual} vs ${expected} (|diff| ${Math.abs(actual - expected)} > ${tol})`,
  );
}

Deno.test("bsm - Hull's European example (S=42, K=40, r=10%, vol=20%, T=0.5)", () => {
  const base = { spot: 42, strike: 40, rate: 0.1, vol: 0.2, time: 0.5 };
  const call = bsm({ type: "call", ...base });
  const put = bsm({ type: "put", ...base });
  assert.equal(call.price.toFixed(2), "4.76");
  assert.equal(put.price.toFixed(2), "0.81");
  // 50-digit mpmath values
  close(call.price, 4.759422392871533, 1e-13);
  close(put.price, 0.8085993729000936, 1e-13);
});

Deno.test("bsm - textbook Greeks at S=K=100, T=1, r=5%, vol=20%", () => {
  const base = { spot: 100, strike: 100, rate: 0.05, vol: 0.2, time: 1 };
  const c = bsm({ type: "call", ...base });
  const p = bsm({ type: "put", ...base });
  close(c.price, 10.450583572185568, 1e-12);
  close(p.price, 5.573526022256968, 1e-12);
  close(c.delta, 0.6368, 5e-5);
  close(p.delta, -0.3632, 5e-5);
  close(c.gamma, 0.01876, 5e-6);
  close(c.vegaPerPct, 0.3752, 5e-5);
  close(c.vega, 37.52, 5e-3);
  close(c.thetaPerDay, -0.01757, 5e-6);
  close(p.thetaPerDay, -0.00454, 5e-6);
  close(c.rho / 100, 0.5323, 5e-5);
  close(p.rho / 100, -0.4189, 5e-5);
  assert.equal(c.gamma, p.gamma);
  assert.equal(c.vega, p.vega);
});

Deno.test("bsm - dividend yield and far tails match 50-digit values", () => {
  const base = { spot: 100, strike: 95, rate: 0.03, vol: 0.25, time: 0.75, dividend: 0.02 };
  close(bsm({ type: "call", ...base }).price, 11.363171865840117, 1e-12);
  close(bsm({ type: "put", ...base }).price, 5.738345438900805, 1e-12);
  const tail = bsm({ type: "put", spot: 100, strike: 50, rate: 0.03, vol: 0.1, time: 0.1 });
  // both terms of the put formula are ~1e-108 and partly cancel, and N'(d)/N(d) ~ |d| = 22
  // amplifies the rounding of d, so only ~11 digits survive (the IV spec needs 1e-12 * S)
  close(tail.price, 1.0654361562369914e-108, 1e-9 * 1.0654361562369914e-108);
});

const contract = fc.record({
  type: fc.constantFrom<"call" | "put">("call", "put"),
  spot: fc.double({ min: 10, max: 500, noNaN: true }),
  moneyness: fc.double({ min: 0.5, max: 2, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
  vol: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
  time: fc.double({ min: 0.02, max: 5, noNaN: true }),
  dividend: fc.double({ min: 0, max: 0.08, noNaN: true }),
}).map(({ moneyness, ...c }): BsmInput => ({ ...c, strike: c.spot * moneyness }));

Deno.test("bsm - put-call parity C - P = S e^{-qT} - K e^{-rT}", () => {
  fc.assert(
    fc.property(contract, (c) => {
      const call = bsm({ ...c, type: "call" });
      const put = bsm({ ...c, type: "put" });
      const q = c.dividend ?? 0;
      const fwd = c.spot * Math.exp(-q * c.time) - c.strike * Math.exp(-c.rate * c.time);
      close(call.price - put.price, fwd, 1e-12 * c.spot * 4, "parity");
      close(call.delta - put.delta, Math.exp(-q * c.time), 1e-14, "delta parity");
    }),
    { numRuns: 300 },
  );
});

Deno.test("bsm - Greeks agree with central finite differences", () => {
  fc.assert(
    fc.property(contract, (c) => {
      const g = bsm(c);
      const price = (d: Partial<BsmInput>) => bsm({ ...c, ...d }).price;
      const hs = c.spot * 1e-5;
      const scale = Math.max(1, g.price);
      const fdDelta = (price({ spot: c.spot + hs }) - price({ spot: c.spot - hs })) / (2 * hs);
      const hg = c.spot * 1e-4; // wider step for the second difference
      const fdGamma = (price({ spot: c.spot + hg }) - 2 * g.price + price({ spot: c.spot - hg })) /
        (hg * hg);
      const fdVega = (price({ vol: c.vol + 1e-5 }) - price({ vol: c.vol - 1e-5 })) / 2e-5;
      const fdRho = (price({ rate: c.rate + 1e-5 }) - price({ rate: c.rate - 1e-5 })) / 2e-5;
      const fdTheta = -(price({ time: c.time + 1e-6 }) - price({ time: c.time - 1e-6 })) / 2e-6;
      close(g.delta, fdDelta, 1e-6, "delta");
      // truncation error plus rounding noise of the second difference (a few ulps of V / h^2)
      close(g.gamma, fdGamma, 1e-3 * g.gamma + 1e-14 * scale / (hg * hg), "gamma");
      close(g.vega, fdVega, 1e-6 * scale * 10, "vega");
      close(g.rho, fdRho, 1e-6 * scale * 10, "rho");
      close(g.theta, fdTheta, 1e-4 * scale, "theta");
      close(g.thetaPerDay * 365, g.theta, 1e-12 * Math.max(1, Math.abs(g.theta)), "thetaPerDay");
      close(g.vegaPerPct * 100, g.vega, 1e-12 * Math.max(1, g.vega), "vegaPerPct");
    }),
    { numRuns: 200 },
  );
});

Deno.test("bsm - T -> 0 converges to intrinsic value, and T = 0 is intrinsic", () => {
  assert.equal(
    bsm({ type: "call", spot: 110, strike: 100, rate: 0.05, vol: 0.3, time: 0 }).price,
    10,
  );
  assert.equal(
    bsm({ type: "put", spot: 90, strike: 100, rate: 0.05, vol: 0.3, time: 0 }).price,
    10,
  );
  const atExpiry = bsm({ type: "call", spot: 110, strike: 100, rate: 0.05, vol: 0.3, time: 0 });
  assert.deepEqual([atExpiry.delta, atExpiry.gamma, atExpiry.vega], [1, 0, 0]);
  assert.ok(
    bsm({ type: "put", spot: 110, strike: 100, rate: 0.05, vol: 0.3, time: 0 }).delta === 0,
  );
  for (const [type, spot] of [["call", 110], ["put", 90], ["call", 90], ["put", 110]] as const) {
    const g = bsm({ type, spot, strike: 100, rate: 0.05, vol: 0.3, time: 1e-9 });
    const intrinsic = Math.max(type === "call" ? spot - 100 : 100 - spot, 0);
    close(g.price, intrinsic, 1e-6, `${type} ${spot}`);
  }
});

Deno.test("bsm - vol -> 0 converges to the discounted forward intrinsic value", () => {
  const base = { spot: 100, strike: 100, rate: 0.05, time: 1, dividend: 0.01 };
  const fwdIntrinsic = 100 * Math.exp(-0.01) - 100 * Math.exp(-0.05);
  for (const vol of [1e-6, 1e-9]) {
    close(bsm({ type: "call", vol, ...base }).price, fwdIntrinsic, 1e-9);
    close(bsm({ type: "put", vol, ...base }).price, 0, 1e-9);
  }
  const zero = bsm({ type: "call", vol: 0, ...base });
  close(zero.price, fwdIntrinsic, 1e-12);
  close(zero.delta, Math.exp(-0.01), 1e-15);
  close(zero.rho, 100 * Math.exp(-0.05), 1e-12);
  // theta of a deterministic forward: q S e^{-qT} - r K e^{-rT}
  close(zero.theta, 0.01 * 100 * Math.exp(-0.01) - 0.05 * 100 * Math.exp(-0.05), 1e-12);
  const near = bsm({ type: "call", vol: 1e-7, ...base });
  close(near.theta, zero.theta, 1e-9);
  close(near.delta, zero.delta, 1e-12);
});

Deno.test("bsm - invalid inputs throw RangeError naming the field; batch rows become NaN", () => {
  const ok = { type: "call" as const, spot: 100, strike: 100, rate: 0.05, vol: 0.2, time: 1 };
  assert.throws(() => bsm({ ...ok, spot: 0 }), /bsm: expected spot > 0, was 0/);
  assert.throws(() => bsm({ ...ok, vol: -0.1 }), /expected vol >= 0, was -0.1/);
  assert.throws(() => bsm({ ...ok, time: NaN }), /expected time/);
  assert.throws(() => bsm({ ...ok, type: "straddle" as "call" }), RangeError);
  const out = bsmBatch(toBatch([ok, { ...ok, strike: -1 }, { ...ok, rate: Infinity }]));
  assert.ok(out.price[0] > 0);
  assert.ok(Number.isNaN(out.price[1]) && Number.isNaN(out.rho[1]));
  assert.ok(Number.isNaN(out.delta[2]));
});
