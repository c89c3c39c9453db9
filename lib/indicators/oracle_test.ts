/**
 * Agreement with two independent npm implementations on the GOOG daily fixture (2148 bars):
 * technicalindicators 3.1.0 (TI) and trading-signals 8.3.0 (TS).
 *
 * Convention differences, and how each comparison handles them:
 * - TI drops warm-up entries instead of padding with NaN: its output j is our index `offset + j`.
 * - TI rounds RSI to 2 decimals: compared within 0.005.
 * - TI's Stochastic is the fast one (%K unsmoothed, %D = SMA3): compared with ours at kSmooth 1.
 * - TI's and TS's VWAP never reset: compared with ours on one synthetic session (all ts equal).
 * - TS seeds EMA with the first price (not an SMA), and seeds ATR/ADX smoothing with TR[0..n-1]
 *   (ours: TR[1..n]); both decay geometrically, so EMA, MACD, ATR, Keltner and ADX are compared
 *   only from bar 500 on, where the seed's weight is below 1e-15.
 * - TS's ADX counts an equal up/down move for both +DM and -DM (Wilder and TI: neither); GOOG has
 *   one such bar (bar 2100-odd of 2148), so TS's ADX/DI are compared from bar 500 up to it.
 * - TS's ROC is a fraction and its DI are fractions: multiplied by 100.
 */
import assert from "node:assert/strict";
import * as TI from "technicalindicators";
import * as TS from "trading-signals";
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
import { readGoog } from "./testing.ts";

const g = readGoog();
const N = g.length;
const close = Array.from(g.close), high = Array.from(g.high), low = Array.from(g.low);
const volume = Array.from(g.volume);
const hlc = { high, low, close };
const candles = close.map((c, i) => ({
  open: g.open[i],
  high: high[i],
  low: low[i],
  close: c,
  volume: volume[i],
}));

/**
 * Asserts `ours[from..]` equals `theirs` aligned so that `theirs[j]` is bar `offset + j`, within
 * `tol` (relative above magnitude 1), and that ours is NaN before `offset`.
 */
function agree(
  label: string,
  ours: Float64Array,
  theirs: ArrayLike<number | null | undefined>,
  offset: number,
  tol: number,
  from = offset,
): void {
  assert.equal(ours.length, N, `${label}: length`);
  assert.equal(theirs.length + offset, N, `${label}: their output covers bars ${offset}..${N - 1}`);
  for (let i = 0; i < offset; i++) {
    assert.ok(Number.isNaN(ours[i]), `${label}: bar ${i} should be warm-up`);
  }
  let compared = 0;
  for (let i = from; i < N; i++) {
    const t = theirs[i - offset];
    if (t === null || t === undefined) continue;
    const d = Math.abs(ours[i] - t);
    assert.ok(
      d <= tol * Math.max(1, Math.abs(t)),
      `${label}: bar ${i}: ours ${ours[i]}, theirs ${t}`,
    );
    compared++;
  }
  assert.ok(compared > N / 2, `${label}: compared only ${compared} bars`);
}

/** Runs a trading-signals indicator over all bars, NaN where it has no result yet. */
function tsSeries<I, R>(
  ind: { update(input: I, replace: boolean): R | null },
  inputs: I[],
  pick: (r: R) => number,
): number[] {
  return inputs.map((x) => {
    const r = ind.update(x, false);
    return r === null || r === undefined ? NaN : pick(r);
  });
}
/** Runs a trading-signals indicator over all bars and keeps its raw results (null in warm-up). */
function tsRun<I, R>(
  ind: { update(input: I, replace: boolean): R | null },
  inputs: I[],
): (R | null)[] {
  return inputs.map((x) => ind.update(x, false));
}
const id = (x: number) => x;
const EXACT = 1e-10;

Deno.test("oracle (technicalindicators) - moving averages, RSI, MACD, Bollinger, std, ROC", () => {
  agree("SMA20", sma(g.close, 20), TI.SMA.calculate({ period: 20, values: close }), 19, EXACT);
  agree("EMA20", ema(g.close, 20), TI.EMA.calculate({ period: 20, values: close }), 19, EXACT);
  agree("WMA20", wma(g.close, 20), TI.WMA.calculate({ period: 20, values: close }), 19, EXACT);
  agree("RSI14", rsi(g.close, 14), TI.RSI.calculate({ period: 14, values: close }), 14, 0.005);
  const m = macd(g.close);
  const tiM = TI.MACD.calculate({
    values: close,
    fastPeriod: 12,
    slowPeriod: 26,
    signalPeriod: 9,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  });
  agree("MACD line", m.macd, tiM.map((r) => r.MACD), 25, EXACT);
  agree("MACD signal", m.signal, tiM.map((r) => r.signal), 25, EXACT, 33);
  agree("MACD hist", m.hist, tiM.map((r) => r.histogram), 25, EXACT, 33);
  assert.ok(Number.isNaN(m.signal[32]) && tiM[32 - 25].signal === undefined);
  const b = bbands(g.close, 20, 2);
  const tiB = TI.BollingerBands.calculate({ period: 20, stdDev: 2, values: close });
  agree("BB upper", b.upper, tiB.map((r) => r.upper), 19, EXACT);
  agree("BB middle", b.middle, tiB.map((r) => r.middle), 19, EXACT);
  agree("BB lower", b.lower, tiB.map((r) => r.lower), 19, EXACT);
  agree("SD20", rollingStd(g.close, 20), TI.SD.calculate({ period: 20, values: close }), 19, EXACT);
  agree("ROC10", roc(g.close, 10), TI.ROC.calculate({ period: 10, values: close }), 10, EXACT);
});

Deno.test("oracle (technicalindicators) - TR, ATR, ADX, stochastic, channels, OBV, VWAP", () => {
  agree(
    "TR",
    trueRange(g.high, g.low, g.close).map((x, i) => (i === 0 ? NaN : x)),
    TI.TrueRange.calculate(hlc),
    1,
    EXACT,
  );
  agree(
    "ATR14",
    atr(g.high, g.low, g.close, 14),
    TI.ATR.calculate({ ...hlc, period: 14 }),
    14,
    EXACT,
  );
  const a = adx(g.high, g.low, g.close, 14);
  const tiA = TI.ADX.calculate({ ...hlc, period: 14 });
  agree("ADX14", a.adx, tiA.map((r) => r.adx), 27, EXACT);
  agree("+DI14", a.plusDi.map((x, i) => (i < 27 ? NaN : x)), tiA.map((r) => r.pdi), 27, EXACT);
  agree("-DI14", a.minusDi.map((x, i) => (i < 27 ? NaN : x)), tiA.map((r) => r.mdi), 27, EXACT);
  const fast = stoch(g.high, g.low, g.close, { k: 14, kSmooth: 1, d: 3 });
  const tiS = TI.Stochastic.calculate({ ...hlc, period: 14, signalPeriod: 3 });
  agree("fast %K", fast.k, tiS.map((r) => r.k), 13, EXACT);
  agree("fast %D", fast.d, tiS.map((r) => r.d), 13, EXACT, 15);
  agree(
    "highest20",
    highest(g.high, 20),
    TI.Highest.calculate({ period: 20, values: high }),
    19,
    0,
  );
  agree("lowest20", lowest(g.low, 20), TI.Lowest.calculate({ period: 20, values: low }), 19, 0);
  const k = keltner(g.high, g.low, g.close);
  const tiK = TI.KeltnerChannels.calculate({
    ...hlc,
    maPeriod: 20,
    atrPeriod: 10,
    useSMA: false,
    multiplier: 2,
  });
  agree("Keltner upper", k.upper, tiK.map((r) => r.upper), 19, EXACT);
  agree("Keltner middle", k.middle, tiK.map((r) => r.middle), 19, EXACT);
  agree("Keltner lower", k.lower, tiK.map((r) => r.lower), 19, EXACT);
  agree(
    "OBV",
    obv(g.close, g.volume).map((x, i) => (i === 0 ? NaN : x)),
    TI.OBV.calculate({ close, volume }),
    1,
    0,
  );
  // one session: TI's VWAP never resets
  const oneDay = vwap(new Float64Array(N), g.high, g.low, g.close, g.volume);
  agree("VWAP", oneDay, TI.VWAP.calculate({ ...hlc, volume }), 0, EXACT);
});

Deno.test("oracle (trading-signals) - same-seed indicators agree from the first value", () => {
  agree("SMA20", sma(g.close, 20), tsSeries(new TS.SMA(20), close, id).slice(19), 19, EXACT);
  agree("WMA20", wma(g.close, 20), tsSeries(new TS.WMA(20), close, id).slice(19), 19, EXACT);
  agree("RSI14", rsi(g.close, 14), tsSeries(new TS.RSI(14), close, id).slice(14), 14, EXACT);
  const b = bbands(g.close, 20, 2);
  const tsB = tsRun(new TS.BollingerBands(20, 2), close).slice(19);
  agree("BB upper", b.upper, tsB.map((r) => r?.upper), 19, EXACT);
  agree("BB lower", b.lower, tsB.map((r) => r?.lower), 19, EXACT);
  const s = stoch(g.high, g.low, g.close);
  const tsS = tsRun(
    new TS.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 }),
    candles,
  ).slice(15);
  agree("slow %K", s.k, tsS.map((r) => r?.stochK), 15, EXACT);
  agree("slow %D", s.d, tsS.map((r) => r?.stochD), 15, EXACT, 17);
  const d = donchian(g.high, g.low, 20);
  const tsD = tsRun(new TS.DonchianChannels(20), candles).slice(19);
  agree("Donchian upper", d.upper, tsD.map((r) => r?.upper), 19, 0);
  agree("Donchian middle", d.middle, tsD.map((r) => r?.middle), 19, EXACT);
  agree("Donchian lower", d.lower, tsD.map((r) => r?.lower), 19, 0);
  agree(
    "OBV",
    obv(g.close, g.volume).map((x, i) => (i === 0 ? NaN : x)),
    tsSeries(new TS.OBV(2), candles, id).slice(1),
    1,
    0,
  );
  agree(
    "ROC10",
    roc(g.close, 10),
    tsSeries(new TS.ROC(10), close, (x) => 100 * x).slice(10),
    10,
    EXACT,
  );
  agree(
    "VWAP",
    vwap(new Float64Array(N), g.high, g.low, g.close, g.volume),
    tsSeries(new TS.VWAP(), candles, id),
    0,
    EXACT,
  );
});

Deno.test("oracle (trading-signals) - differently seeded indicators agree after convergence", () => {
  const FROM = 500;
  agree("EMA20", ema(g.close, 20), tsSeries(new TS.EMA(20), close, id).slice(19), 19, EXACT, FROM);
  const m = macd(g.close);
  const tsM = tsRun(new TS.MACD(new TS.EMA(12), new TS.EMA(26), new TS.EMA(9)), close)
    .slice(33);
  agree(
    "MACD line",
    m.macd.map((x, i) => (i < 33 ? NaN : x)),
    tsM.map((r) => r?.macd),
    33,
    EXACT,
    FROM,
  );
  agree("MACD signal", m.signal, tsM.map((r) => r?.signal), 33, EXACT, FROM);
  agree("MACD hist", m.hist, tsM.map((r) => r?.histogram), 33, EXACT, FROM);
  agree(
    "ATR14",
    atr(g.high, g.low, g.close),
    tsSeries(new TS.ATR(14), candles, id).slice(14),
    14,
    EXACT,
    FROM,
  );
  const k = keltner(g.high, g.low, g.close);
  const tsK = tsRun(
    new TS.KeltnerChannels({ emaInterval: 20, atrInterval: 10, multiplier: 2 }),
    candles,
  ).slice(19);
  agree("Keltner upper", k.upper, tsK.map((r) => r?.upper), 19, EXACT, FROM);
  agree("Keltner lower", k.lower, tsK.map((r) => r?.lower), 19, EXACT, FROM);
  const a = adx(g.high, g.low, g.close, 14);
  const tsAdx = new TS.ADX(14);
  // compare up to GOOG's one equal-move bar, where TS's DM convention departs from Wilder's
  const tie = close.findIndex((_, i) =>
    i > 0 && high[i] - high[i - 1] === low[i - 1] - low[i] && high[i] > high[i - 1]
  );
  assert.ok(tie > FROM + 1000, `the equal-move bar is ${tie}`);
  const tsA = candles.map((c, i) => {
    const v = tsAdx.update(c, false);
    if (i >= tie) return undefined;
    return { adx: v ?? NaN, pdi: 100 * (tsAdx.pdi ?? NaN), mdi: 100 * (tsAdx.mdi ?? NaN) };
  }).slice(27);
  agree("ADX14", a.adx, tsA.map((r) => r?.adx), 27, EXACT, FROM);
  agree(
    "+DI14",
    a.plusDi.map((x, i) => (i < 27 ? NaN : x)),
    tsA.map((r) => r?.pdi),
    27,
    EXACT,
    FROM,
  );
  agree(
    "-DI14",
    a.minusDi.map((x, i) => (i < 27 ? NaN : x)),
    tsA.map((r) => r?.mdi),
    27,
    EXACT,
    FROM,
  );
});
