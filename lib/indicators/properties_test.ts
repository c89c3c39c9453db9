import assert from "node:assert/strict";
import fc from "fast-check";
import { adx, bbands, computeIndicators, donchian, rsi, sma, stoch } from "./mod.ts";
import { type IndicatorName, INDICATORS } from "./spec.ts";
import { type Columns, randomBars } from "./testing.ts";

const seed = fc.integer({ min: 1, max: 1_000_000 });
const period = fc.integer({ min: 1, max: 40 });

function slice(b: Columns, m: number): Columns {
  return {
    length: m,
    ts: b.ts.slice(0, m),
    open: b.open.slice(0, m),
    high: b.high.slice(0, m),
    low: b.low.slice(0, m),
    close: b.close.slice(0, m),
    volume: b.volume.slice(0, m),
  };
}

Deno.test("properties - the SMA of a constant is that constant", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      period,
      fc.integer({ min: 0, max: 300 }),
      (c, n, len) => {
        const out = sma(new Float64Array(len).fill(c), n);
        for (let i = n - 1; i < len; i++) {
          assert.ok(
            Math.abs(out[i] - c) <= 1e-12 * Math.max(1, Math.abs(c)),
          );
        }
      },
    ),
  );
});

Deno.test("properties - RSI stays within [0, 100]", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0.01, max: 1e4, noNaN: true }), { maxLength: 200 }),
      period,
      (xs, n) => {
        for (const v of rsi(Float64Array.from(xs), n)) {
          assert.ok(
            Number.isNaN(v) || (v >= 0 && v <= 100),
            `${v}`,
          );
        }
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("properties - Bollinger middle equals the SMA, upper ≥ middle ≥ lower", () => {
  fc.assert(
    fc.property(seed, period, fc.double({ min: 0, max: 5, noNaN: true }), (s, n, k) => {
      const close = randomBars(150, s).close;
      const b = bbands(close, n, k);
      assert.deepEqual(b.middle, sma(close, n));
      for (let i = n - 1; i < close.length; i++) {
        assert.ok(b.upper[i] >= b.middle[i] && b.middle[i] >= b.lower[i]);
      }
    }),
  );
});

Deno.test("properties - bounded outputs: stoch and ADX in [0, 100], Donchian ordered", () => {
  fc.assert(
    fc.property(seed, period, (s, n) => {
      const b = randomBars(200, s);
      const st = stoch(b.high, b.low, b.close, { k: n });
      const a = adx(b.high, b.low, b.close, n);
      for (const xs of [st.k, st.d, a.adx, a.plusDi, a.minusDi]) {
        for (const v of xs) assert.ok(Number.isNaN(v) || (v >= 0 && v <= 100), `${v}`);
      }
      const d = donchian(b.high, b.low, n);
      for (let i = n - 1; i < b.length; i++) {
        assert.ok(d.lower[i] <= b.low[i] && b.high[i] <= d.upper[i] && d.lower[i] <= d.middle[i]);
      }
    }),
  );
});

// Every indicator with random parameters: its values on a truncated input equal the prefix of
// its values on the full input, bit for bit, so no value depends on later bars.
const specArb = fc.constantFrom(...(Object.keys(INDICATORS) as IndicatorName[])).chain((name) =>
  fc.tuple(
    ...INDICATORS[name].params.map((p) =>
      p.kind === "period"
        ? fc.integer({ min: 1, max: 30 })
        : fc.double({ min: 0, max: 4, noNaN: true })
    ),
  ).map((ps) => [name, ...ps].join(":"))
);

Deno.test("properties - no value depends on later bars (truncated input = prefix)", () => {
  fc.assert(
    fc.property(
      seed,
      fc.array(specArb, { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 0, max: 120 }),
      (s, specs, m) => {
        const full = randomBars(120, s);
        const a = computeIndicators(full, specs);
        const b = computeIndicators(slice(full, m), specs);
        assert.deepEqual(Object.keys(a), Object.keys(b));
        for (const key of Object.keys(a)) {
          assert.equal(a[key].length, 120, key);
          assert.deepEqual(b[key], a[key].slice(0, m), key);
        }
      },
    ),
    { numRuns: 200 },
  );
});
