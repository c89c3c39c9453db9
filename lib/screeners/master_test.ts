import assert from "node:assert/strict";
import { resample } from "../data/resample.ts";
import { sma } from "../indicators/mod.ts";
import { barsFromCloses, linspace, repeat } from "./test_bars.ts";
import { fortressMaster, FortressMasterParams, grandmaster, GrandmasterParams } from "./master.ts";
import { quality200, Quality200Params } from "./quality200.ts";

const gmP = GrandmasterParams.parse({});
const trend = linspace(100, 200, 260);

Deno.test("grandmaster - trend template plus a 20-day breakout on volume buys", () => {
  const vol = [...repeat(1e6, 260), 3e6];
  const row = grandmaster.run({ bars: barsFromCloses([...trend, 205], { volume: vol }) }, gmP);
  assert.equal(row.label, "BUY BREAKOUT");
  assert.equal(row.values.trendOk, true);
  const rvol = 3e6 / ((19 * 1e6 + 3e6) / 20);
  assert.ok(Math.abs((row.values.rvol as number) - rvol) < 1e-12);
  assert.ok(Math.abs(row.score! - (rvol * 10 + 100)) < 1e-9);
  assert.ok(Math.abs(row.stop! - (205 - 2.5 * (row.values.atr as number))) < 1e-9);
});

Deno.test("grandmaster - no volume is a watchlist name; a break of the 20-day low avoids", () => {
  const quiet = grandmaster.run({ bars: barsFromCloses([...trend, 205]) }, gmP);
  assert.equal(quiet.label, "WATCHLIST");
  const down = grandmaster.run({ bars: barsFromCloses([...linspace(200, 100, 260), 90]) }, gmP);
  assert.equal(down.label, "SELL/AVOID");
  assert.equal(down.signal, "exit");
  assert.equal(
    grandmaster.run({ bars: barsFromCloses(trend.slice(0, 199)) }, gmP).signal,
    "not_evaluated",
  );
});

const fmP = FortressMasterParams.parse({});
const vixAt = (v: number, n: number) => barsFromCloses(repeat(v, n));

Deno.test("fortress_master - bullish regime and a Grandmaster breakout is a sized Turtle breakout", () => {
  const vol = [...repeat(1e6, 260), 3e6];
  const bars = barsFromCloses([...trend, 205], { volume: vol });
  const bench = barsFromCloses(linspace(300, 330, 261));
  const row = fortressMaster.run(
    { bars, benchmark: bench, vix: vixAt(15, 261), symbol: "ABC" },
    fmP,
  );
  assert.equal(row.label, "Turtle Breakout");
  const rs = 100 * ((205 / 330) / (trend[260 - 63] / bench.close[260 - 63]) - 1);
  assert.ok(Math.abs((row.values.rsRating as number) - rs) < 1e-9);
  assert.equal(row.score, Math.min(99, 85 + rs));
  const atr = row.values.atr as number;
  assert.equal(row.values.shares, Math.floor((100_000 * 0.0125) / 0.79 / (2.5 * atr)));
  assert.equal(row.values.action, `BUY ~${row.values.shares} (ISA)`);
  // The same name in London is priced in pence: risk per share is divided by 100.
  const uk = fortressMaster.run(
    { bars, benchmark: bench, vix: vixAt(15, 261), symbol: "ABC.L" },
    fmP,
  );
  assert.equal(uk.label, "Leader Breakout");
  assert.equal(uk.values.shares, Math.floor((100_000 * 0.0125) / ((2.5 * atr) / 100)));
});

Deno.test("fortress_master - a dip in a volatile uptrend is a bull-put income idea", () => {
  const closes = [...trend, 199, 197, 198, 195, 196, 193, 194, 191];
  const bars = barsFromCloses(closes);
  // Benchmark = the stock: relative strength 0, so no growth setup in a yellow regime.
  const row = fortressMaster.run({ bars, benchmark: bars, vix: vixAt(22, closes.length) }, fmP);
  const rsi = row.values.rsi as number;
  assert.ok(rsi > 30 && rsi < 45, `fixture RSI ${rsi}`);
  assert.equal(row.label, "OPT: BULL PUT");
  assert.ok(Math.abs(row.score! - (80 + 50 - rsi)) < 1e-9);
  const s50 = sma(Float64Array.from(closes), 50).at(-1)!;
  const s200 = sma(Float64Array.from(closes), 200).at(-1)!;
  assert.ok(191 < s50, "fixture closes below SMA50, so the strike comes from SMA200");
  assert.equal(row.values.shortStrike, Math.round(s200 * 10) / 10);
  // The same dip with the benchmark below its SMA200 (red regime) gives nothing.
  const bear = barsFromCloses(linspace(330, 300, closes.length));
  const red = fortressMaster.run({ bars, benchmark: bear, vix: vixAt(22, closes.length) }, fmP);
  assert.equal(red.signal, "wait");
});

Deno.test("fortress_master - missing VIX, thin volume and short common history", () => {
  const bars = barsFromCloses(trend);
  assert.equal(fortressMaster.run({ bars, benchmark: bars }, fmP).signal, "not_evaluated");
  const thin = barsFromCloses(trend, { volume: 10 });
  assert.equal(
    fortressMaster.run({ bars: thin, benchmark: thin, vix: vixAt(15, 260) }, fmP).label,
    "FILTERED (Liquidity)",
  );
  const late = barsFromCloses(linspace(300, 310, 30), { startTs: bars.ts[230] });
  const r = fortressMaster.run({ bars, benchmark: late, vix: vixAt(15, 260) }, fmP);
  assert.equal(r.signal, "not_evaluated");
});

// ---------------------------------------------------------------- quality 200-week
function qualityCloses(): number[] {
  // 9 years up from 50 to 150, a slide back towards the 200-week mean, then a bounce.
  return [...linspace(50, 150, 1300), ...linspace(150, 96, 150), ...linspace(96, 99, 30)];
}

Deno.test("quality_200w - at the 200-week SMA, above SMA50, growing revenue buys", () => {
  const closes = qualityCloses();
  const bars = barsFromCloses(closes);
  const w = resample(bars, "1w");
  const smaW = sma(w.close, 200).at(-1)!;
  const c = closes.at(-1)!;
  assert.ok(c <= 1.01 * smaW, `fixture close ${c} vs 200w SMA ${smaW}`);
  assert.ok(c > sma(bars.close, 50).at(-1)!);
  const p = Quality200Params.parse({});
  const row = quality200.run({ bars, fundamentals: { revenueGrowth: 0.08 } }, p);
  assert.equal(row.label, "BUY (Quality Dip)");
  assert.ok(Math.abs((row.values.distancePct as number) - (100 * (c - smaW)) / smaW) < 1e-9);
  const byHistory = quality200.run(
    { bars, fundamentals: { annualRevenue: [100, 105, 99, 120] } },
    p,
  );
  assert.equal(byHistory.signal, "buy");
  const shrinking = quality200.run({ bars, fundamentals: { revenueGrowth: -0.02 } }, p);
  assert.equal(shrinking.signal, "wait");
  assert.match(shrinking.reason, /revenue not growing/);
});

Deno.test("quality_200w - no revenue data or under 200 weeks is not evaluated", () => {
  const p = Quality200Params.parse({});
  const bars = barsFromCloses(qualityCloses());
  assert.equal(quality200.run({ bars, fundamentals: {} }, p).signal, "not_evaluated");
  assert.equal(
    quality200.run({ bars, fundamentals: { annualRevenue: [1, 2] } }, p).signal,
    "not_evaluated",
  );
  const short = barsFromCloses(linspace(50, 60, 1000));
  const r = quality200.run({ bars: short, fundamentals: { revenueGrowth: 0.1 } }, p);
  assert.equal(r.signal, "not_evaluated");
  assert.match(r.reason, /200 weeks/);
});
