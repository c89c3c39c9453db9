import assert from "node:assert/strict";
import fc from "fast-check";
import { bsm } from "./bsm.ts";
import { impliedVol, IV_REASONS, ivBatch, toIvBatch } from "./iv.ts";

// The robustness domain: vol in [0.01, 3], T in [1 hour, 5 years], K/S in [0.5, 2].
const spec = fc.record({
  type: fc.constantFrom<"call" | "put">("call", "put"),
  spot: fc.double({ min: 1, max: 1000, noNaN: true }),
  moneyness: fc.double({ min: 0.5, max: 2, noNaN: true }),
  vol: fc.double({ min: 0.01, max: 3, noNaN: true }),
  time: fc.double({ min: 1 / 8760, max: 5, noNaN: true }),
  rate: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
  dividend: fc.double({ min: 0, max: 0.05, noNaN: true }),
});

Deno.test("impliedVol - round trips: |iv - vol| <= 1e-8 where vega >= 1e-6 S, else reprices to 1e-12 S", () => {
  fc.assert(
    fc.property(spec, ({ moneyness, vol, ...c }) => {
      const contract = { ...c, strike: c.spot * moneyness };
      const g = bsm({ ...contract, vol });
      const res = impliedVol({ ...contract, price: g.price });
      assert.ok(res.iv !== null, res.reason ?? "");
      if (g.vega >= 1e-6 * c.spot) {
        assert.ok(Math.abs(res.iv - vol) <= 1e-8, `iv ${res.iv} vs ${vol}`);
      } else {
        const repriced = bsm({ ...contract, vol: res.iv }).price;
        assert.ok(
          Math.abs(repriced - g.price) <= 1e-12 * c.spot,
          `repriced ${repriced} vs ${g.price}`,
        );
      }
    }),
    { numRuns: 3000 },
  );
});

Deno.test("impliedVol - corner cases of the domain round trip", () => {
  for (const type of ["call", "put"] as const) {
    for (const moneyness of [0.5, 1, 2]) {
      for (const vol of [0.01, 3]) {
        for (const time of [1 / 8760, 5]) {
          const c = { type, spot: 100, strike: 100 * moneyness, rate: 0.05, time, dividend: 0.02 };
          const g = bsm({ ...c, vol });
          const res = impliedVol({ ...c, price: g.price });
          assert.ok(res.iv !== null);
          const ok = g.vega >= 1e-4
            ? Math.abs(res.iv - vol) <= 1e-8
            : Math.abs(bsm({ ...c, vol: res.iv }).price - g.price) <= 1e-10;
          assert.ok(ok, `${type} K/S=${moneyness} vol=${vol} T=${time}: iv ${res.iv}`);
        }
      }
    }
  }
});

Deno.test("impliedVol - Hull's example prices give back 20 %", () => {
  const c = { spot: 42, strike: 40, rate: 0.1, time: 0.5 };
  const call = impliedVol({ type: "call", price: 4.759422392871533, ...c });
  const put = impliedVol({ type: "put", price: 0.8085993729000936, ...c });
  assert.ok(Math.abs(call.iv! - 0.2) < 1e-14);
  assert.ok(Math.abs(put.iv! - 0.2) < 1e-14);
});

Deno.test("impliedVol - prices outside the no-arbitrage bounds give null and a reason", () => {
  const c = { spot: 100, strike: 90, rate: 0.05, time: 1, dividend: 0 };
  const lower = 100 - 90 * Math.exp(-0.05);
  assert.deepEqual(impliedVol({ type: "call", price: lower - 0.01, ...c }), {
    iv: null,
    reason: IV_REASONS[3],
  });
  assert.deepEqual(impliedVol({ type: "call", price: 100, ...c }), {
    iv: null,
    reason: IV_REASONS[4],
  });
  assert.deepEqual(impliedVol({ type: "put", price: 90, ...c }), {
    iv: null,
    reason: IV_REASONS[4],
  });
  assert.deepEqual(impliedVol({ type: "put", price: -1, ...c }), {
    iv: null,
    reason: IV_REASONS[3],
  });
  assert.deepEqual(impliedVol({ type: "put", price: 1, ...c, time: 0 }), {
    iv: null,
    reason: IV_REASONS[2],
  });
  assert.deepEqual(impliedVol({ type: "put", price: NaN, ...c }), {
    iv: null,
    reason: IV_REASONS[1],
  });
  // exactly at the lower bound: zero volatility reproduces the price
  assert.deepEqual(impliedVol({ type: "call", price: lower, ...c }), { iv: 0 });
});

Deno.test("impliedVol - batch matches the one-at-a-time API", () => {
  const inputs = [
    { type: "call" as const, price: 4.76, spot: 42, strike: 40, rate: 0.1, time: 0.5 },
    { type: "put" as const, price: 200, spot: 42, strike: 40, rate: 0.1, time: 0.5 },
  ];
  const out = ivBatch(toIvBatch(inputs));
  assert.equal(out.iv[0], impliedVol(inputs[0]).iv);
  assert.ok(Number.isNaN(out.iv[1]));
  assert.deepEqual(Array.from(out.status), [0, 4]);
});
