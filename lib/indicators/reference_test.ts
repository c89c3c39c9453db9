import assert from "node:assert/strict";
import { BLOCK } from "./block.ts";
import {
  adx,
  atr,
  bbands,
  donchian,
  ema,
  highest,
  keltner,
  lowest,
  macd,
  obv,
  roc,
  rollingStd,
  rsi,
  sma,
  stoch,
  trueRange,
  vwap,
  wma,
} from "./mod.ts";
import * as plain from "./reference.ts";
import { type Columns, randomBars } from "./testing.ts";

/** Asserts the same length and the same value at every index, NaN = NaN but 0 ≠ -0. */
function sameBits(actual: Float64Array, expected: Float64Array, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`${label}: index ${i}: expected ${expected[i]}, was ${actual[i]}`);
    }
  }
}

/** Every column of a result object (or the array itself). */
function columns(x: Float64Array | object): [string, Float64Array][] {
  return x instanceof Float64Array ? [["", x]] : Object.entries(x) as [string, Float64Array][];
}

type Variant = "clean" | "edge-nans" | "leading-nans" | "flat-zeros";

/**
 * Random hourly bars of length `n`, changed by `variant`: NaNs in every column on the bars
 * around the block edges (BLOCK - 2 … BLOCK + 1, 2·BLOCK - 1, 2·BLOCK) and in the middle of the
 * first block; NaNs on the first 30 bars only (another indicator's warm-up, as EMA seeds skip);
 * or runs of equal prices and of +0 / -0 across the first block edge (ties for highest/lowest).
 */
function bars(n: number, variant: Variant, seed: number): Columns {
  const b = randomBars(n, seed);
  const cols = [b.open, b.high, b.low, b.close, b.volume];
  const set = (i: number, v: number) => {
    if (i < n) { for (const c of cols) c[i] = v; }
  };
  if (variant === "edge-nans") {
    for (const i of [1000, BLOCK - 2, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK - 1, 2 * BLOCK]) {
      set(i, NaN);
    }
  } else if (variant === "leading-nans") {
    for (let i = 0; i < 30; i++) set(i, NaN);
  } else if (variant === "flat-zeros") {
    for (let i = BLOCK - 40; i < BLOCK + 40; i++) set(i, i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : 5);
    for (let i = 2 * BLOCK - 20; i < 2 * BLOCK + 20; i++) set(i, 7);
  }
  return b;
}

const LENGTHS = [0, 1, 2, BLOCK - 1, BLOCK, BLOCK + 1, 10_000];
// 1100 and 5000: windows longer than the resync interval (1024) and than a block
const PERIODS = [1, 2, 14, 1100, 5000];
const VARIANTS: Variant[] = ["clean", "edge-nans", "leading-nans", "flat-zeros"];

type Indicator = (b: Columns, p: number) => object;
type Case = [name: string, ours: Indicator, ref: Indicator];
const CASES: Case[] = [
  ["sma", (b, p) => sma(b.close, p), (b, p) => plain.smaPlain(b.close, p)],
  ["wma", (b, p) => wma(b.close, p), (b, p) => plain.wmaPlain(b.close, p)],
  ["ema", (b, p) => ema(b.close, p), (b, p) => plain.emaPlain(b.close, p)],
  ["rollingStd", (b, p) => rollingStd(b.close, p), (b, p) => plain.rollingStdPlain(b.close, p)],
  ["highest", (b, p) => highest(b.high, p), (b, p) => plain.highestPlain(b.high, p)],
  ["lowest", (b, p) => lowest(b.low, p), (b, p) => plain.lowestPlain(b.low, p)],
  ["roc", (b, p) => roc(b.close, p), (b, p) => plain.rocPlain(b.close, p)],
  [
    "trueRange",
    (b) => trueRange(b.high, b.low, b.close),
    (b) => plain.trueRangePlain(b.high, b.low, b.close),
  ],
  [
    "atr",
    (b, p) => atr(b.high, b.low, b.close, p),
    (b, p) => plain.atrPlain(b.high, b.low, b.close, p),
  ],
  ["rsi", (b, p) => rsi(b.close, p), (b, p) => plain.rsiPlain(b.close, p)],
  [
    "adx",
    (b, p) => adx(b.high, b.low, b.close, p),
    (b, p) => plain.adxPlain(b.high, b.low, b.close, p),
  ],
  [
    "macd",
    (b, p) => macd(b.close, { fast: p, slow: p + 3, signal: 9 }),
    (b, p) => plain.macdPlain(b.close, { fast: p, slow: p + 3, signal: 9 }),
  ],
  ["bbands", (b, p) => bbands(b.close, p, 2), (b, p) => plain.bbandsPlain(b.close, p, 2)],
  [
    "keltner",
    (b, p) => keltner(b.high, b.low, b.close, { emaPeriod: p, atrPeriod: 10, mult: 2 }),
    (b, p) => plain.keltnerPlain(b.high, b.low, b.close, { emaPeriod: p, atrPeriod: 10, mult: 2 }),
  ],
  [
    "donchian",
    (b, p) => donchian(b.high, b.low, p),
    (b, p) => plain.donchianPlain(b.high, b.low, p),
  ],
  [
    "stoch",
    (b, p) => stoch(b.high, b.low, b.close, { k: p, kSmooth: 3, d: 3 }),
    (b, p) => plain.stochPlain(b.high, b.low, b.close, { k: p, kSmooth: 3, d: 3 }),
  ],
  [
    "vwap",
    (b) => vwap(b.ts, b.high, b.low, b.close, b.volume),
    (b) => plain.vwapPlain(b.ts, b.high, b.low, b.close, b.volume),
  ],
  ["obv", (b) => obv(b.close, b.volume), (b) => plain.obvPlain(b.close, b.volume)],
];

for (const [name, ours, ref] of CASES) {
  Deno.test(`${name} - the block kernels equal the one-loop reference bit for bit across block edges`, () => {
    let checked = 0;
    for (const variant of VARIANTS) {
      for (const n of LENGTHS) {
        const b = bars(n, variant, n + 1);
        for (const p of PERIODS) {
          const got = columns(ours(b, p));
          const want = columns(ref(b, p));
          assert.equal(got.length, want.length);
          for (let c = 0; c < got.length; c++) {
            sameBits(got[c][1], want[c][1], `${name} ${got[c][0]} ${variant} n=${n} period=${p}`);
            checked++;
          }
        }
      }
    }
    assert.ok(checked >= VARIANTS.length * LENGTHS.length * PERIODS.length);
  });
}

Deno.test("reference - the test series really put NaNs and signed zeros at the block edges", () => {
  const e = bars(10_000, "edge-nans", 1).close;
  for (const i of [BLOCK - 1, BLOCK, 2 * BLOCK]) assert.ok(Number.isNaN(e[i]));
  const z = bars(10_000, "flat-zeros", 1).high;
  assert.ok(Object.is(z[BLOCK - 1], -0) || Object.is(z[BLOCK], -0) || Object.is(z[BLOCK + 1], -0));
  // and a kernel output that changes inside a block is caught: sma with NaNs is not all NaN
  const s = sma(e, 14);
  assert.ok(!Number.isNaN(s[BLOCK + 20]) && Number.isNaN(s[BLOCK + 5]));
});
