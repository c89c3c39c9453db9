import assert from "node:assert/strict";
import { barsFromCloses, barsFromRows, mulberry32, randomWalk, repeat } from "./test_bars.ts";
import { fourier, FourierParams } from "./fourier.ts";
import { hybrid, HybridParams } from "./hybrid.ts";
import { adaptiveKalman, hurstRs, normalizedEntropy, quantum, QuantumParams } from "./quantum.ts";
import { fairValueGaps, ictOte, OteParams } from "./ote.ts";

/** Closes = exp(drift·t + amp·cos(2π(t − last)/period + phase)): phase π puts a trough on the last bar. */
function cycleCloses(
  n: number,
  period: number,
  amp: number,
  phase: number,
  drift = 0.001,
): number[] {
  return Array.from(
    { length: n },
    (_, t) =>
      100 * Math.exp(drift * t + amp * Math.cos((2 * Math.PI * (t - (n - 1))) / period + phase)),
  );
}

Deno.test("fourier - a trough on the last bar is a cyclical low, a crest a cyclical high", () => {
  const p = FourierParams.parse({});
  const low = fourier.run({ bars: barsFromCloses(cycleCloses(504, 21, 0.05, Math.PI)) }, p);
  assert.equal(low.label, "CYCLICAL LOW (Bottoming)");
  assert.ok(Math.abs(Math.abs(low.values.phaseNorm as number) - 1) < 0.05);
  assert.ok(Math.abs((low.values.cycleStrengthPct as number) - 5) < 0.5);
  assert.equal(low.values.cyclePeriod, 21.3); // 64 / 3 on the 64-close spectrum
  const high = fourier.run({ bars: barsFromCloses(cycleCloses(504, 21, 0.05, 0)) }, p);
  assert.equal(high.label, "CYCLICAL HIGH (Topping)");
  assert.ok(high.stop! > high.price! && high.target! < high.price!);
});

Deno.test("fourier - weak cycles wait, short or non-positive history is not evaluated", () => {
  const p = FourierParams.parse({});
  const weak = fourier.run({ bars: barsFromCloses(cycleCloses(504, 21, 0.01, Math.PI)) }, p);
  assert.equal(weak.label, "WAIT (Weak Cycle)");
  assert.equal(fourier.run({ bars: barsFromCloses(repeat(10, 49)) }, p).signal, "not_evaluated");
  const zero = barsFromCloses([...repeat(10, 60), 0]);
  assert.equal(fourier.run({ bars: zero }, p).signal, "not_evaluated");
});

Deno.test("hybrid - uptrend at a cycle bottom with a green candle is the perfect buy", () => {
  const p = HybridParams.parse({});
  const closes = cycleCloses(504, 42, 0.03, Math.PI, 0.002);
  const buy = hybrid.run({ bars: barsFromCloses(closes) }, p);
  assert.equal(buy.values.cyclePhase, "BOTTOM");
  assert.equal(buy.values.trend, "BULLISH");
  assert.equal(buy.label, "PERFECT BUY (Confirmed Turn)");
  assert.equal(buy.score, 95);
  // The same bottom on a red candle (close below open but above yesterday's low) waits for green.
  const red = [...closes.slice(0, -1), closes[closes.length - 2] - 0.3];
  const watch = hybrid.run({ bars: barsFromCloses(red) }, p);
  assert.equal(watch.values.cyclePhase, "BOTTOM");
  assert.equal(watch.label, "WATCHING (Waiting for Green Candle)");
});

Deno.test("hybrid - a downtrend at a cycle top is the perfect short", () => {
  const p = HybridParams.parse({});
  const row = hybrid.run({ bars: barsFromCloses(cycleCloses(504, 42, 0.03, 0, -0.002)) }, p);
  assert.equal(row.label, "PERFECT SHORT (Rally in Downtrend)");
  assert.equal(row.signal, "sell");
  assert.ok(row.stop! > row.price!);
});

Deno.test("hurstRs - anti-persistent, white-noise and persistent series order as expected", () => {
  const rand = mulberry32(5);
  const noise = Array.from({ length: 2000 }, () => rand() - 0.5);
  const h = hurstRs(noise, 20);
  // Small-window R/S is biased up from 0.5 (Anis-Lloyd); it stays well inside (0.5, 0.75).
  assert.ok(h > 0.5 && h < 0.75, `white noise ${h}`);
  const alternating = Array.from(
    { length: 252 },
    (_, i) => (i % 2 ? 1 : -1) + 0.01 * (rand() - 0.5),
  );
  assert.ok(hurstRs(alternating, 20) < 0.2);
  let c = 0;
  const walk = noise.slice(0, 252).map((x) => (c += x));
  assert.ok(hurstRs(walk, 20) > 0.8);
  assert.ok(Number.isNaN(hurstRs([1, 1, 1, 1], 20)));
});

Deno.test("normalizedEntropy - 0 for one value, 1 for an even spread", () => {
  assert.equal(normalizedEntropy(repeat(3, 100)), 0);
  // 100 values, 10 bins, 10 per bin: entropy log(10) / log(10) = 1.
  const even = Array.from({ length: 100 }, (_, i) => (i % 10) + 0.5);
  assert.ok(Math.abs(normalizedEntropy(even) - 1) < 1e-12);
});

Deno.test("adaptiveKalman - holds a constant and converges to a step", () => {
  const flat = adaptiveKalman(repeat(2, 50));
  assert.ok(flat.every((x) => x === 2));
  const noisyStart = [...randomWalk(30, 2, 1, 0.01), ...repeat(5, 200)];
  const k = adaptiveKalman(noisyStart);
  assert.ok(Math.abs(k[k.length - 1] - 5) < 1e-3);
});

function quantumCloses(sign: 1 | -1): number[] {
  const closes = [100];
  for (let t = 1; t < 300; t++) {
    const r = 0.01 + 0.002 * Math.sin(t / 15) + (t % 37 === 0 ? -0.03 : 0);
    closes.push(closes[t - 1] * Math.exp(sign * r));
  }
  return closes;
}

Deno.test("quantum - orderly persistent rise buys, its mirror shorts, noise does not trade", () => {
  const p = QuantumParams.parse({});
  const up = quantum.run({ bars: barsFromCloses(quantumCloses(1)) }, p);
  assert.ok((up.values.hurst as number) > 0.65 && (up.values.entropy as number) < 0.85);
  assert.equal(up.label, "BUY (Strong)");
  const down = quantum.run({ bars: barsFromCloses(quantumCloses(-1)) }, p);
  assert.equal(down.label, "SHORT (Strong)");
  const noise = quantum.run({ bars: barsFromCloses(randomWalk(300, 11)) }, p);
  assert.notEqual(noise.signal, "buy");
  assert.equal(quantum.run({ bars: barsFromCloses(repeat(5, 300)) }, p).signal, "not_evaluated");
  assert.equal(
    quantum.run({ bars: barsFromCloses(randomWalk(252, 1)) }, p).signal,
    "not_evaluated",
  );
});

type Row = [number, number, number, number, number];

/** Filler, a fall to a trough at bar 25, a displacement up to bar 40, a retrace to `last`. */
function oteRows(last: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 21; i++) rows.push([100, i === 10 ? 102 : 101, 99, 100, 1e6]);
  for (const c of [98, 96, 94, 92, 90.5]) rows.push([c + 1, c + 0.5, c - 0.5, c, 1e6]);
  for (let i = 1; i <= 15; i++) {
    const c = 90.5 + (i * (120 - 90.5)) / 15;
    rows.push([c - 1, c + 0.5, c - 0.5, c, 1e6]);
  }
  const steps = 19;
  for (let i = 1; i <= steps; i++) {
    const c = 120 + (i * (last - 120)) / steps;
    rows.push([c + 0.5, c + 0.5, c - 0.5, c, 1e6]);
  }
  return rows;
}

const mirror = (rows: Row[]): Row[] =>
  rows.map(([o, h, l, c, v]) => [200 - o, 200 - l, 200 - h, 200 - c, v]);

Deno.test("fairValueGaps - gaps between bar i−2 and bar i", () => {
  const bars = barsFromRows([[10, 11, 9, 10, 1], [12, 14, 11, 13, 1], [15, 16, 12, 15, 1]]);
  assert.deepEqual(fairValueGaps(bars, 0, 2), [{ index: 2, kind: "bullish", top: 12, bottom: 11 }]);
});

Deno.test("ict_ote - a 70 % retrace of a structure-breaking up leg buys at the OTE", () => {
  const p = OteParams.parse({});
  const row = ictOte.run({ bars: barsFromRows(oteRows(99)) }, p);
  assert.equal(row.label, "BULLISH OTE (Buy)");
  assert.equal(row.stop, 90);
  assert.equal(row.target, 120.5 + 30.5);
  assert.ok(Math.abs((row.values.retracement as number) - (120.5 - 99) / 30.5) < 1e-12);
  // A shallow retrace (to 110, 34 %) is no OTE.
  assert.equal(ictOte.run({ bars: barsFromRows(oteRows(110)) }, p).signal, "wait");
});

Deno.test("ict_ote - the mirror image is a bearish OTE with a fair-value gap", () => {
  const row = ictOte.run({ bars: barsFromRows(mirror(oteRows(99))) }, OteParams.parse({}));
  assert.equal(row.label, "BEARISH OTE (Sell)");
  assert.equal(row.stop, 110);
  assert.ok(typeof row.values.fvgTop === "number");
  assert.equal(row.values.structureLevel, 98);
});

Deno.test("hurstRs and normalizedEntropy - agree with a numpy implementation", () => {
  // numpy: chunks of s = 2..20, population std, mean R/S over chunks with S > 0,
  // np.polyfit(log s, log R/S, 1)[0] = 0.9761599336666384 for this series.
  const x = Array.from({ length: 252 }, (_, i) => Math.sin(i * 0.37) + 0.3 * Math.cos(i * 1.7));
  assert.ok(Math.abs(hurstRs(x, 20) - 0.9761599336666384) < 1e-12);
  // np.histogram(pc, bins=16) entropy / log(16) = 0.9358822791253419, pc = diff(x) / |x[:-1] + 3|
  const pc = x.slice(1).map((v, i) => (v - x[i]) / Math.abs(x[i] + 3));
  assert.ok(Math.abs(normalizedEntropy(pc) - 0.9358822791253419) < 1e-12);
});

Deno.test("adaptiveKalman - agrees with a numpy implementation of the same recursion", () => {
  // numpy: R = var(diff(z[:30]), ddof=0); P0 = 1, Q0 = 1e-5; P += Q; K = P/(P+R);
  // x += K·e; P *= 1 − K; Q = 0.9·Q + 0.1·(K·e)²  →  x[30] = 4.856797816635685, x[59] = 5.236195230651168
  const z = Array.from(
    { length: 60 },
    (_, i) => Math.log(100 * Math.exp(0.01 * i + 0.05 * Math.sin(i / 7))),
  );
  const k = adaptiveKalman(z);
  assert.ok(Math.abs(k[30] - 4.856797816635685) < 1e-12);
  assert.ok(Math.abs(k[59] - 5.236195230651168) < 1e-12);
});
