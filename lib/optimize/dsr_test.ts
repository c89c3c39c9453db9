import assert from "node:assert/strict";
import fc from "fast-check";
import {
  deflatedSharpe,
  EULER_GAMMA,
  expectedMaxSharpe,
  finiteVariance,
  normInv,
  probabilisticSharpe,
  returnMoments,
} from "./dsr.ts";

/** Independent normal CDF: Abramowitz–Stegun 7.1.26 erf (|error| < 1.5e-7). */
function phiAs(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 -
    t * (0.254829592 +
        t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

Deno.test("normInv - inverts the normal CDF at textbook quantiles", () => {
  assert.equal(normInv(0.5), 0);
  assert.ok(Math.abs(normInv(0.975) - 1.959963984540054) < 1e-12);
  assert.ok(Math.abs(normInv(0.99) - 2.3263478740408408) < 1e-12);
  assert.ok(Math.abs(normInv(0.001) + 3.090232306167813) < 1e-12);
  assert.equal(normInv(0), -Infinity);
  assert.equal(normInv(1), Infinity);
  assert.ok(Number.isNaN(normInv(1.5)));
  fc.assert(fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
    assert.ok(Math.abs(phiAs(normInv(p)) - p) < 2e-7);
  }));
});

Deno.test("returnMoments - hand-computed mean, std, skew and kurtosis", () => {
  const m = returnMoments([0.01, -0.02, 0.03]);
  // mean 0.00667; deviations 0.00333, -0.02667, 0.02333; m2 = 0.0012667/3
  assert.ok(Math.abs(m.mean - 0.02 / 3) < 1e-15);
  assert.ok(Math.abs(m.std - Math.sqrt(0.0012666666666666666 / 2)) < 1e-15);
  assert.ok(Math.abs(m.sharpe - (0.02 / 3) / Math.sqrt(0.0012666666666666666 / 2)) < 1e-12);
  // symmetric data has zero skew; two-point ±1 has kurtosis 1
  assert.ok(Math.abs(returnMoments([-1, 0, 1]).skew) < 1e-15);
  assert.ok(Math.abs(returnMoments([-1, 1, -1, 1]).kurtosis - 1) < 1e-15);
  // uniform on many points: kurtosis → 1.8
  const u = Array.from({ length: 100_001 }, (_, i) => i / 100_000);
  assert.ok(Math.abs(returnMoments(u).kurtosis - 1.8) < 1e-4);
});

Deno.test("probabilisticSharpe - equals a direct normal-CDF computation", () => {
  fc.assert(fc.property(
    fc.double({ min: -0.3, max: 0.3, noNaN: true }),
    fc.double({ min: -0.2, max: 0.2, noNaN: true }),
    fc.integer({ min: 10, max: 5000 }),
    fc.double({ min: -2, max: 2, noNaN: true }),
    fc.double({ min: 1.5, max: 20, noNaN: true }),
    (sr, bench, t, skew, kurt) => {
      const v = 1 - skew * sr + ((kurt - 1) / 4) * sr * sr;
      fc.pre(v > 0.01);
      const direct = phiAs(((sr - bench) * Math.sqrt(t - 1)) / Math.sqrt(v));
      const psr = probabilisticSharpe({
        sharpe: sr,
        benchmark: bench,
        count: t,
        skew,
        kurtosis: kurt,
      });
      assert.ok(Math.abs(psr - direct) < 2e-7, `${psr} vs ${direct}`);
    },
  ));
});

Deno.test("probabilisticSharpe - rises with Sharpe and track length, falls with the benchmark", () => {
  const base = { sharpe: 0.08, benchmark: 0.02, count: 500, skew: -0.5, kurtosis: 5 };
  const p = probabilisticSharpe(base);
  assert.ok(probabilisticSharpe({ ...base, sharpe: 0.1 }) > p);
  assert.ok(probabilisticSharpe({ ...base, count: 1000 }) > p);
  assert.ok(probabilisticSharpe({ ...base, benchmark: 0.04 }) < p);
  // fatter tails and more negative skew widen the error band of a positive Sharpe
  assert.ok(probabilisticSharpe({ ...base, kurtosis: 10 }) < p);
  assert.ok(probabilisticSharpe({ ...base, skew: -2 }) < p);
  // SR equal to the benchmark gives exactly one half
  assert.equal(probabilisticSharpe({ ...base, benchmark: 0.08 }), 0.5);
});

Deno.test("expectedMaxSharpe - Euler–Mascheroni approximation, hand-computed", () => {
  // N = 100: Φ⁻¹(0.99) = 2.3263478740408408, Φ⁻¹(1 − 1/(100e)) = 2.680210444966887 (both from
  // Python's statistics.NormalDist().inv_cdf)
  const z1 = 2.3263478740408408, z2 = normInv(1 - 1 / (100 * Math.E));
  assert.ok(Math.abs(z2 - 2.680210444966887) < 1e-12);
  const expected = Math.sqrt(0.5) * ((1 - EULER_GAMMA) * z1 + EULER_GAMMA * z2);
  assert.ok(Math.abs(expectedMaxSharpe(100, 0.5) - expected) < 1e-12);
  assert.ok(Math.abs(expectedMaxSharpe(100, 0.5) - 1.7894064662732079) < 1e-12);
  assert.equal(expectedMaxSharpe(1, 0.5), 0);
  // grows with N and with the variance
  assert.ok(expectedMaxSharpe(1000, 0.5) > expectedMaxSharpe(100, 0.5));
  assert.ok(expectedMaxSharpe(100, 1) > expectedMaxSharpe(100, 0.5));
  assert.throws(() => expectedMaxSharpe(0, 1), RangeError);
});

Deno.test("expectedMaxSharpe - close to the simulated maximum of N standard normals", () => {
  // E[max of 100 iid N(0,1)] = 2.5076 (tables); the approximation is within 1%
  assert.ok(Math.abs(expectedMaxSharpe(100, 1) - 2.5076) / 2.5076 < 0.01);
});

Deno.test("deflatedSharpe - reproduces Bailey & López de Prado (2014)'s example: 0.9004", () => {
  // annual SR 2.5 from daily data over 5 years (T = 1250), N = 100 trials, V[annual SR] = 0.5,
  // skew −3, kurtosis 10; per-period values divide by √250 (and V by 250)
  const d = deflatedSharpe({
    sharpe: 2.5 / Math.sqrt(250),
    trials: 100,
    sharpeVariance: 0.5 / 250,
    count: 1250,
    skew: -3,
    kurtosis: 10,
  });
  assert.ok(Math.abs(d.expectedMaxSharpe * Math.sqrt(250) - 1.7894064662732079) < 1e-12);
  assert.ok(Math.abs(d.dsr - 0.9004) < 5e-5, `dsr ${d.dsr}`);
  assert.ok(d.psr > d.dsr);
  // more trials deflate more
  assert.ok(deflatedSharpe({ ...d, trials: 1000 }).dsr < d.dsr);
});

Deno.test("finiteVariance - skips NaN and needs two values", () => {
  assert.equal(finiteVariance([1, NaN, 3]), 2);
  assert.ok(Number.isNaN(finiteVariance([1, NaN])));
});
