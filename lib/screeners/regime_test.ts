import assert from "node:assert/strict";
import { barsFromCloses, linspace, repeat } from "./test_bars.ts";
import { cutlerRsi, regime, RegimeParams } from "./regime.ts";

const p = RegimeParams.parse({});
const up = barsFromCloses(linspace(100, 200, 220)); // close > SMA200 at the end
const down = barsFromCloses(linspace(200, 100, 220));
const vixAt = (v: number) => barsFromCloses(repeat(v, 220));

Deno.test("regime - universal rules: green, yellow, red by VIX and SMA200", () => {
  const green = regime.run({ bars: up, benchmark: up, vix: vixAt(15) }, p);
  assert.equal(green.signal, "buy");
  assert.equal(green.values.light, "green");
  assert.equal(green.label, "Bullish (VIX 15.0)");
  const yellow = regime.run({ bars: up, benchmark: up, vix: vixAt(22) }, p);
  assert.equal(yellow.values.light, "yellow");
  const red = regime.run({ bars: up, benchmark: up, vix: vixAt(30) }, p);
  assert.equal(red.values.light, "red");
  assert.equal(red.label, "High Volatility (VIX 30.0)");
  const bear = regime.run({ bars: down, benchmark: down, vix: vixAt(12) }, p);
  assert.equal(bear.values.light, "red");
  assert.match(bear.label, /^Bearish/);
});

Deno.test("regime - boundaries: VIX exactly 20 is yellow, exactly 25 is still yellow", () => {
  for (const v of [20, 25]) {
    const row = regime.run({ bars: up, benchmark: up, vix: vixAt(v) }, p);
    assert.equal(row.values.light, "yellow", `VIX ${v}`);
  }
});

Deno.test("regime - fortress and backtest variants", () => {
  const f = { ...p, variant: "fortress" as const };
  assert.equal(
    regime.run({ bars: up, benchmark: up, vix: vixAt(19) }, f).label,
    "BULLISH (Aggressive)",
  );
  assert.equal(regime.run({ bars: up, benchmark: up, vix: vixAt(20) }, f).values.light, "yellow");
  assert.equal(regime.run({ bars: down, benchmark: down, vix: vixAt(12) }, f).values.light, "red");
  const b = { ...p, variant: "backtest" as const };
  assert.equal(regime.run({ bars: up, benchmark: up, vix: vixAt(27) }, b).values.light, "yellow");
  assert.equal(regime.run({ bars: up, benchmark: up, vix: vixAt(28) }, b).values.light, "red");
});

Deno.test("regime - missing VIX or benchmark is not evaluated, never a pass", () => {
  const row = regime.run({ bars: up, benchmark: up }, p);
  assert.equal(row.signal, "not_evaluated");
  assert.match(row.reason, /VIX/);
  const row2 = regime.run({ bars: up, vix: vixAt(15) }, p);
  assert.equal(row2.signal, "not_evaluated");
  assert.match(row2.reason, /benchmark/);
});

Deno.test("regime - too little benchmark history is not evaluated", () => {
  const short = barsFromCloses(linspace(100, 120, 150));
  const row = regime.run({ bars: short, benchmark: short, vix: vixAt(15) }, p);
  assert.equal(row.signal, "not_evaluated");
  assert.match(row.reason, /200 bars/);
});

Deno.test("regime - uses the benchmark bar at the symbol's last date, not a later one", () => {
  // Symbol stops at bar 100 of the benchmark: SMA200 is undefined there.
  const sym = barsFromCloses(linspace(50, 60, 101));
  const row = regime.run({ bars: sym, benchmark: up, vix: vixAt(15) }, p);
  assert.equal(row.signal, "not_evaluated");
});

Deno.test("regime - dashboard variant: hand-computed RSI/ATR, bullish; a volatility burst is stormy", () => {
  const d = { ...p, variant: "dashboard" as const };
  // Zig-zag rise: changes alternate +1.5 / −0.5, so over 14 bars gains 10.5 and losses 3.5
  // (Cutler RSI 75) and true ranges alternate 3.5 / 2.5 (simple ATR 3).
  const closes = Array.from({ length: 260 }, (_, i) => 100 + i * 0.5 + (i % 2 ? 1 : 0));
  const bars = barsFromCloses(closes);
  const row = regime.run({ bars, benchmark: bars, vix: vixAt(16) }, d);
  assert.ok(Math.abs((row.values.rsi as number) - 75) < 1e-9);
  assert.ok(Math.abs((row.values.atr as number) - 3) < 1e-9);
  assert.equal(row.label, "Bullish (Safe)");
  assert.equal(row.values.climate, "Turbulent");
  // Ten ±15 swings at the end: the current ATR tops its history.
  const wild = [
    ...closes.slice(0, 250),
    ...Array.from({ length: 10 }, (_, i) => 225 + (i % 2 ? 15 : -15)),
  ];
  const w = barsFromCloses(wild);
  const stormy = regime.run({ bars: w, benchmark: w, vix: vixAt(30) }, d);
  assert.equal(stormy.label, "Stormy (High Risk)");
  assert.ok((stormy.values.atrPercentile as number) >= 90);
  assert.equal(stormy.values.climate, "Panic");
});

Deno.test("cutlerRsi - hand-computed value and flat window", () => {
  // changes: +1, +1, -1, +1 → over 4: gains 3/4, losses 1/4 → RS 3 → 75
  const r = cutlerRsi(Float64Array.of(10, 11, 12, 11, 12), 4);
  assert.ok(Number.isNaN(r[3]));
  assert.ok(Math.abs(r[4] - 75) < 1e-12);
  const flat = cutlerRsi(Float64Array.of(5, 5, 5, 5), 3);
  assert.equal(flat[3], 50);
});
