import assert from "node:assert/strict";
import { rsi } from "../indicators/mod.ts";
import { barsFromCloses, barsFromRows } from "./test_bars.ts";
import { fractalSwings, liquidityGrab, LiquidityGrabParams } from "./liquidity_grab.ts";
import { relativeExtrema, rsiDivergence, RsiDivergenceParams } from "./rsi_divergence.ts";

type Row = [number, number, number, number, number];

function grabFixture(
  swing: { at: number; low?: number; high?: number },
  lastBar: Row,
): Row[] {
  const rows: Row[] = Array.from({ length: 59 }, () => [100, 101, 99, 100, 1e6] as Row);
  rows[swing.at] = [100, swing.high ?? 101, swing.low ?? 99, 100, 1e6];
  rows.push(lastBar);
  return rows;
}

Deno.test("fractalSwings - strict 1-bar fractals only", () => {
  const bars = barsFromRows(grabFixture({ at: 40, low: 95 }, [100, 101, 99, 100, 1e6]));
  assert.deepEqual(fractalSwings(bars, 0, 58, 1), { highs: [], lows: [40] });
});

Deno.test("liquidity_grab - sweep of a swing low that closes back above is bullish", () => {
  const p = LiquidityGrabParams.parse({});
  const bars = barsFromRows(grabFixture({ at: 40, low: 95 }, [100, 101, 94, 100, 1e6]));
  const row = liquidityGrab.run({ bars }, p);
  assert.equal(row.label, "BULLISH SWEEP");
  assert.equal(row.values.breakoutLevel, 95);
  assert.ok(Math.abs(row.score! - (5 / 95) * 1e4) < 1e-9);
  assert.ok(Math.abs(row.stop! - (94 - (row.values.atr as number))) < 1e-12);
});

Deno.test("liquidity_grab - bearish sweep, volume spike, and no sweep", () => {
  const p = LiquidityGrabParams.parse({});
  const bear = liquidityGrab.run({
    bars: barsFromRows(grabFixture({ at: 40, high: 105 }, [100, 106, 99, 100, 3e6])),
  }, p);
  assert.equal(bear.label, "BEARISH SWEEP (Vol Spike)"); // 3e6 / mean(19e6 + 3e6)/20 = 2.7x
  assert.equal(bear.values.breakoutLevel, 105);
  // A low that pierces the swing but closes below it is no grab.
  const through = liquidityGrab.run({
    bars: barsFromRows(grabFixture({ at: 40, low: 95 }, [100, 101, 93, 94, 1e6])),
  }, p);
  assert.equal(through.signal, "wait");
  // A swing older than the 50-bar window does not count.
  const old = liquidityGrab.run({
    bars: barsFromRows(grabFixture({ at: 5, low: 95 }, [100, 101, 94, 100, 1e6])),
  }, p);
  assert.equal(old.signal, "wait");
  assert.equal(liquidityGrab.run({ bars: barsFromCloses([1, 2, 3]) }, p).signal, "not_evaluated");
});

Deno.test("relativeExtrema - matches scipy argrelextrema(order=3, mode='clip')", () => {
  // scipy 1.x: argrelextrema(np.array([1,2,3,9,3,2,1,0,5,0,0]), np.greater, order=3) -> [3, 8]
  // (index 8 qualifies because its right neighbours clip to index 10)
  const a = [1, 2, 3, 9, 3, 2, 1, 0, 5, 0, 0];
  assert.deepEqual(relativeExtrema(a, "max", 3), [3, 8]);
  assert.deepEqual(relativeExtrema(a, "min", 3), []);
  assert.deepEqual(relativeExtrema([3, 2, 1], "min", 1), []); // the last index never qualifies
  assert.deepEqual(relativeExtrema([5, 5, 5, 5], "max", 1), []); // plateaus are not strict
});

function divergenceCloses(): number[] {
  const filler = Array.from({ length: 30 }, (_, i) => 100 + (i % 2));
  const sharp = [100, 100, 96, 92, 88]; // A = 88 after a fast fall: RSI low
  const bounce = [92, 96, 99, 100, 101, 100];
  const grind = [99, 100, 98, 99, 97, 98, 96, 97, 95, 96, 94, 95, 87]; // B = 87, lower low
  const after = [88, 89, 90, 91];
  return [...filler, ...sharp, ...bounce, ...grind, ...after];
}

Deno.test("rsi_divergence - lower price low with a higher RSI low is bullish", () => {
  const closes = divergenceCloses();
  const r = rsi(Float64Array.from(closes), 14);
  const a = 34;
  const b = closes.length - 5;
  assert.equal(closes[a], 88);
  assert.equal(closes[b], 87);
  assert.ok(r[b] > r[a], `fixture needs RSI ${r[b]} > ${r[a]}`);
  const row = rsiDivergence.run({ bars: barsFromCloses(closes) }, RsiDivergenceParams.parse({}));
  assert.equal(row.label, "BULLISH DIVERGENCE");
  assert.equal(row.values.firstPrice, 88);
  assert.equal(row.values.secondPrice, 87);
  assert.ok(row.stop! < 91 && row.target! > 91);
});

Deno.test("rsi_divergence - mirror image is bearish; a stale extremum is ignored", () => {
  const closes = divergenceCloses().map((c) => 200 - c);
  const row = rsiDivergence.run({ bars: barsFromCloses(closes) }, RsiDivergenceParams.parse({}));
  assert.equal(row.label, "BEARISH DIVERGENCE");
  const stale = [...divergenceCloses(), 92, 93, 94];
  const old = rsiDivergence.run({ bars: barsFromCloses(stale) }, RsiDivergenceParams.parse({}));
  assert.equal(old.signal, "wait");
});
