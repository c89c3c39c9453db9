// Hand-made series for the core technical screeners: each fixture is built so the signal is
// known in advance, and the preconditions are asserted from the indicator library before the
// screener's verdict is checked.
import assert from "node:assert/strict";
import { atr, ema, rsi } from "../indicators/mod.ts";
import { barsFromCloses, barsFromRows, linspace, repeat } from "./test_bars.ts";
import { marketRsi, MarketRsiParams } from "./market_rsi.ts";
import { IsaParams, isaTrend } from "./isa_trend.ts";
import { turtle, TurtleParams } from "./turtle.ts";
import { darvas, DarvasParams } from "./darvas.ts";
import { darvasRule } from "../rules/mod.ts";
import { emaCross, EmaCrossParams } from "./ema_cross.ts";
import { squeeze, SqueezeParams } from "./squeeze.ts";
import { medallion, MedallionParams } from "./medallion.ts";
import { meanReversion, MeanReversionParams } from "./mean_reversion.ts";
import { Alpha101Params, alpha101Screener } from "./alpha101.ts";
import { relativeReturnPct } from "./align.ts";

const close = (a: number, b: number, eps = 1e-9) =>
  assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `expected ${b}, was ${a}`);

// ---------------------------------------------------------------- market RSI dip
Deno.test("market_rsi - dip in an uptrend is a green light with the Wilder RSI", () => {
  const closes = [...linspace(100, 159, 60), 156, 153, 150, 147];
  const row = marketRsi.run({ bars: barsFromCloses(closes) }, MarketRsiParams.parse({}));
  // Wilder: 14 gains of 1 seed avgGain 1; four losses of 3 decay it by (13/14)^4.
  const g = (13 / 14) ** 4;
  const expected = 100 - 100 / (1 + g / (3 * (1 - g)));
  close(row.values.rsi as number, expected);
  assert.equal(row.signal, "buy");
  assert.equal(row.label, "GREEN LIGHT (Buy Dip)");
  const a = atr(
    barsFromCloses(closes).high,
    barsFromCloses(closes).low,
    Float64Array.from(closes),
    14,
  );
  close(row.stop!, 147 - 2 * a[a.length - 1]);
  close(row.target!, 147 + 4 * a[a.length - 1]);
  close(row.values.pctChange1d as number, 100 * (147 / 150 - 1));
  close(row.values.pctChange1w as number, 100 * (147 / closes[closes.length - 7] - 1));
});

Deno.test("market_rsi - steady rise is overbought, fall is oversold (bearish)", () => {
  const up = marketRsi.run(
    { bars: barsFromCloses(linspace(100, 160, 60)) },
    MarketRsiParams.parse({}),
  );
  assert.equal(up.label, "OVERBOUGHT");
  assert.equal(up.signal, "wait");
  const down = marketRsi.run(
    { bars: barsFromCloses(linspace(160, 100, 60)) },
    MarketRsiParams.parse({}),
  );
  assert.equal(down.label, "OVERSOLD (Bearish)");
  assert.equal(down.direction, "short");
});

Deno.test("market_rsi - edge cases: short history, thin volume, flat prices", () => {
  const p = MarketRsiParams.parse({});
  assert.equal(
    marketRsi.run({ bars: barsFromCloses(linspace(1, 2, 49)) }, p).signal,
    "not_evaluated",
  );
  const thin = marketRsi.run({ bars: barsFromCloses(linspace(1, 2, 60), { volume: 1000 }) }, p);
  assert.equal(thin.label, "FILTERED (Liquidity)");
  const flat = marketRsi.run({ bars: barsFromCloses(repeat(50, 60)) }, p);
  assert.equal(flat.values.rsi, 50);
  assert.equal(flat.values.trend, "BEARISH"); // close = SMA50 is not above it
  assert.notEqual(flat.signal, "buy");
});

// ---------------------------------------------------------------- ISA trend follower
const isaP = IsaParams.parse({});

Deno.test("isa_trend - 50-day breakout above SMA200 enters, sized by risk and capped at 20 %", () => {
  const closes = [...linspace(100, 200, 250), 205];
  const bars = barsFromCloses(closes);
  const row = isaTrend.run({ bars }, isaP);
  assert.equal(row.signal, "buy");
  assert.equal(row.label, "ENTER LONG (50d Breakout)");
  const a20 = atr(bars.high, bars.low, bars.close, 20).at(-1)!;
  close(row.stop!, 205 - 3 * a20);
  close(row.target!, 205 + 6 * a20);
  const byRisk = (76_000 * 0.01) / (3 * a20);
  const byCap = (0.2 * 76_000) / 205;
  assert.equal(row.values.shares, Math.floor(Math.min(byRisk, byCap)));
  assert.ok((row.values.positionValue as number) <= 0.2 * 76_000);
});

Deno.test("isa_trend - near breakout watches, dip holds, break of the 20-day low exits", () => {
  const base = linspace(100, 200, 250);
  assert.equal(isaTrend.run({ bars: barsFromCloses(base) }, isaP).label, "WATCH (Near Breakout)");
  const dip = isaTrend.run({ bars: barsFromCloses([...base, 193]) }, isaP);
  assert.equal(dip.label, "HOLD (Trend Active)");
  assert.equal(dip.signal, "hold");
  // Effective stop for a hold is the trailing 20-day low.
  assert.equal(dip.stop, dip.values.low20);
  const broke = isaTrend.run({ bars: barsFromCloses([...base, 185]) }, isaP);
  assert.equal(broke.label, "EXIT (Stop Hit)");
  const down = isaTrend.run({ bars: barsFromCloses(linspace(200, 100, 250)) }, isaP);
  assert.equal(down.label, "SELL/AVOID (Downtrend)");
  assert.equal(down.signal, "exit");
});

Deno.test("isa_trend - relative strength uses the supplied benchmark, null without one", () => {
  const closes = [...linspace(100, 200, 250), 205];
  const bars = barsFromCloses(closes);
  const bench = barsFromCloses(linspace(100, 110, 251));
  const row = isaTrend.run({ bars, benchmark: bench }, isaP);
  // 251 bars: lookback min(252, 250) = 250 bars back = index 0.
  close(row.values.rsRating as number, 100 * (205 / 100 - 1 - (110 / bench.close[0] - 1)));
  const none = isaTrend.run({ bars }, isaP);
  assert.equal(none.values.rsRating, null);
  assert.equal(none.values.rsNote, "no benchmark supplied");
});

Deno.test("isa_trend - edge cases: 199 bars, thin turnover", () => {
  assert.equal(
    isaTrend.run({ bars: barsFromCloses(linspace(100, 200, 199)) }, isaP).signal,
    "not_evaluated",
  );
  const thin = isaTrend.run(
    { bars: barsFromCloses(linspace(100, 200, 250), { volume: 1000 }) },
    isaP,
  );
  assert.equal(thin.label, "FILTERED (Liquidity)");
});

Deno.test("relativeReturnPct - hand-computed and date-aligned", () => {
  const a = barsFromCloses([10, 11, 12, 15]);
  const b = barsFromCloses([100, 100, 100, 110]);
  close(relativeReturnPct(a, b, 3), 100 * (15 / 10 - 1 - (110 / 100 - 1)));
  assert.ok(Number.isNaN(relativeReturnPct(a, b, 4)));
});

// ---------------------------------------------------------------- Turtle
const turtleP = TurtleParams.parse({});

Deno.test("turtle - breakout above the 20-day high with N = ATR20 and a 2N stop", () => {
  // Flat bars have TR 2 (spread 1), so ATR20 = 2; the breakout bar has TR 7 → N = (19·2 + 7)/20.
  const row = turtle.run({ bars: barsFromCloses([...repeat(100, 30), 105]) }, turtleP);
  assert.equal(row.label, "BREAKOUT (BUY)");
  close(row.values.n as number, 2.25);
  close(row.stop!, 105 - 4.5);
  close(row.target!, 105 + 9);
  close(row.values.riskReward as number, 2);
});

Deno.test("turtle - breakdown, near-high watch and inside-channel wait", () => {
  const down = turtle.run({ bars: barsFromCloses([...repeat(100, 30), 95]) }, turtleP);
  assert.equal(down.label, "BREAKDOWN (SELL)");
  close(down.stop!, 95 + 4.5);
  const near = turtle.run({ bars: barsFromCloses([...repeat(100, 30), 100.5]) }, turtleP);
  assert.equal(near.label, "WATCH (Near High)");
  assert.equal(near.entry, 101);
  close(near.values.n as number, (19 * 2 + 2.5) / 20);
  const wait = turtle.run({ bars: barsFromCloses(repeat(100, 31), { spread: 5 }) }, turtleP);
  assert.equal(wait.signal, "wait");
  assert.equal(
    turtle.run({ bars: barsFromCloses(repeat(100, 20)) }, turtleP).signal,
    "not_evaluated",
  );
});

// ---------------------------------------------------------------- Darvas
function darvasFixture(lastClose: number, lastVolume: number, prevClose = 99) {
  const rows: [number, number, number, number, number][] = [];
  for (let i = 0; i < 40; i++) {
    const c = 80 + i * 0.25;
    rows.push([c, c + 0.5, c - 0.5, c, 1e6]);
  }
  const closes = [92, 94, 96, 98, 100, 97, 95, 93, 91, 94, 95, 96, 97, 98, prevClose];
  const lows = [91, 93, 95, 97, 99, 96, 94, 92, 90, 93, 94, 95, 96, 97, 98];
  closes.forEach((c, k) => rows.push([c, c + 1, lows[k], c, 1e6]));
  rows.push([prevClose, lastClose + 1, Math.min(prevClose, lastClose) - 1, lastClose, lastVolume]);
  return barsFromRows(rows);
}

Deno.test("darvas - box ceiling and floor are the pivots the fixture was built with", () => {
  const rule = darvasRule(darvasFixture(103, 2e6));
  assert.equal(rule.ceiling[54], 101);
  assert.equal(rule.floor[54], 90);
});

Deno.test("darvas - breakout on volume buys with stop at the floor, target one box up", () => {
  const row = darvas.run({ bars: darvasFixture(103, 2e6) }, DarvasParams.parse({}));
  assert.equal(row.label, "DARVAS BREAKOUT");
  assert.equal(row.stop, 90);
  assert.equal(row.target, 112);
  const quiet = darvas.run({ bars: darvasFixture(103, 1e6) }, DarvasParams.parse({}));
  assert.equal(quiet.label, "BREAKOUT (Low Volume)");
  assert.equal(quiet.signal, "wait");
  const noFilter = darvas.run(
    { bars: darvasFixture(103, 1e6) },
    DarvasParams.parse({ volumeMult: 0 }),
  );
  assert.equal(noFilter.signal, "buy");
});

Deno.test("darvas - momentum after the breakout, breakdown through the floor", () => {
  const mom = darvas.run({ bars: darvasFixture(103, 1e6, 102) }, DarvasParams.parse({}));
  assert.equal(mom.label, "MOMENTUM (Post-Breakout)");
  const bd = darvas.run({ bars: darvasFixture(89, 1e6, 95) }, DarvasParams.parse({}));
  assert.equal(bd.label, "BOX BREAKDOWN");
  assert.equal(bd.stop, 101);
  assert.equal(
    darvas.run({ bars: barsFromCloses(repeat(10, 49)) }, DarvasParams.parse({})).signal,
    "not_evaluated",
  );
});

// ---------------------------------------------------------------- EMA 5/13/21
const emaP = EmaCrossParams.parse({});

Deno.test("ema_5_13_21 - a fresh 5/21 cross after a decline is the top priority", () => {
  const closes = [...linspace(100, 80, 40), 100];
  const c = Float64Array.from(closes);
  const [e5, e21] = [ema(c, 5), ema(c, 21)];
  assert.ok(e5.at(-2)! <= e21.at(-2)! && e5.at(-1)! > e21.at(-1)!, "fixture must cross 5 over 21");
  const row = emaCross.run({ bars: barsFromCloses(closes) }, emaP);
  assert.equal(row.label, "FRESH 5/21 BREAKOUT");
  close(row.stop!, e21.at(-1)! * 0.99);
  close(row.target!, 100 + 2 * (100 - e21.at(-1)! * 0.99));
});

Deno.test("ema_5_13_21 - trend holds, a sharp drop dumps, flat waits, decline exits", () => {
  const trend = emaCross.run({ bars: barsFromCloses(linspace(50, 90, 40)) }, emaP);
  assert.equal(trend.label, "5/21 TRENDING");
  assert.equal(trend.signal, "hold");
  const dump = emaCross.run({ bars: barsFromCloses([...linspace(50, 90, 40), 60]) }, emaP);
  assert.equal(dump.label, "5/13 DUMP (Sell Signal)");
  assert.equal(dump.signal, "sell");
  assert.ok(dump.stop! > 60 && dump.target! < 60);
  assert.equal(
    emaCross.run({ bars: barsFromCloses(repeat(10, 30)) }, emaP).label,
    "WAIT (EMAs flat)",
  );
  assert.equal(emaCross.run({ bars: barsFromCloses(linspace(90, 50, 40)) }, emaP).signal, "exit");
  assert.equal(
    emaCross.run({ bars: barsFromCloses(linspace(90, 50, 21)) }, emaP).signal,
    "not_evaluated",
  );
});

// ---------------------------------------------------------------- squeeze
Deno.test("squeeze - quiet drift is a bullish squeeze; a strong trend is not", () => {
  const p = SqueezeParams.parse({});
  const quiet = squeeze.run({ bars: barsFromCloses(linspace(100, 100.4, 40)) }, p);
  assert.equal(quiet.label, "BULLISH SQUEEZE");
  assert.ok((quiet.values.widthRatio as number) < 1);
  const quietDown = squeeze.run({ bars: barsFromCloses(linspace(100.4, 100, 40)) }, p);
  assert.equal(quietDown.label, "BEARISH SQUEEZE");
  const trend = squeeze.run({ bars: barsFromCloses(linspace(100, 300, 40)) }, p);
  assert.equal(trend.label, "NO SQUEEZE");
  assert.equal(squeeze.run({ bars: barsFromCloses(repeat(1, 20)) }, p).signal, "not_evaluated");
});

// ---------------------------------------------------------------- Medallion
Deno.test("medallion - RSI3 below 15 in an uptrend buys, below 30 watches", () => {
  const p = MedallionParams.parse({});
  const base = linspace(100, 224.5, 250); // step 0.5
  const buy = medallion.run({ bars: barsFromCloses([...base, 223, 221.5, 220]) }, p);
  const g = (2 / 3) ** 3;
  close(buy.values.rsi3 as number, 100 - 100 / (1 + (0.5 * g) / (1.5 * (1 - g))));
  assert.equal(buy.label, "MEDALLION BUY");
  assert.equal(buy.score, 85);
  const vol = [...repeat(1e6, 252), 3e6];
  const aggressive = medallion.run({
    bars: barsFromCloses([...base, 223, 221.5, 220], { volume: vol }),
  }, p);
  assert.equal(aggressive.score, 95);
  const watch = medallion.run({ bars: barsFromCloses([...base, 223.5, 222.5]) }, p);
  assert.equal(watch.label, "WATCH (Oversold)");
  const avoid = medallion.run({ bars: barsFromCloses(linspace(200, 100, 250)) }, p);
  assert.equal(avoid.label, "AVOID (Downtrend)");
  assert.equal(avoid.signal, "exit");
});

// ---------------------------------------------------------------- mean reversion
Deno.test("mean_reversion - a washout below the lower band with RSI < 30 buys", () => {
  const p = MeanReversionParams.parse({});
  const closes = [...Array.from({ length: 40 }, (_, i) => 100 + (i % 2) * 0.5), 97, 94, 91, 86];
  const r = rsi(Float64Array.from(closes), 14).at(-1)!;
  assert.ok(r < 30, `fixture RSI ${r}`);
  const row = meanReversion.run({ bars: barsFromCloses(closes) }, p);
  assert.equal(row.signal, "buy");
  close(row.stop!, 0.95 * 86);
  assert.equal(row.target, row.values.bbMiddle);
  const calm = meanReversion.run({ bars: barsFromCloses(closes.slice(0, 40)) }, p);
  assert.equal(calm.signal, "wait");
});

// ---------------------------------------------------------------- Alpha#101
Deno.test("alpha101 - body share of the range, with the 0.001 guard", () => {
  const p = Alpha101Params.parse({});
  const strong = alpha101Screener.run({ bars: barsFromRows([[100, 110, 99, 109, 1]]) }, p);
  close(strong.values.alpha as number, 9 / 11.001);
  assert.equal(strong.signal, "buy");
  assert.equal(strong.stop, null); // ATR14 needs 15 bars
  const flat = alpha101Screener.run({ bars: barsFromRows([[5, 5, 5, 5, 1]]) }, p);
  assert.equal(flat.values.alpha, 0);
  assert.equal(flat.signal, "wait");
  const bear = alpha101Screener.run({ bars: barsFromRows([[110, 111, 100, 101, 1]]) }, p);
  assert.equal(bear.label, "STRONG SELL (Alpha < -0.5)");
  const mild = alpha101Screener.run({ bars: barsFromRows([[100, 110, 100, 103, 1]]) }, p);
  assert.equal(mild.label, "BULLISH MOMENTUM");
});
