/**
 * `deno task bench indicators`: the whole indicator set over 1,000,000 bars of a seeded random
 * walk, ThetaForge against technicalindicators 3.1.0 and trading-signals 8.3.0 in one run.
 *
 * Inputs are prepared outside the timed region for every candidate (plain arrays for
 * technicalindicators, candle objects for trading-signals), so only the computation is timed.
 * @module
 */
import * as TI from "technicalindicators";
import * as TS from "trading-signals";
import { type BenchRow, type BenchTable, timeMedian } from "../bench/harness.ts";
import {
  adx,
  atr,
  bbands,
  donchian,
  ema,
  keltner,
  macd,
  obv,
  roc,
  rollingStd,
  rsi,
  sma,
  stoch,
  vwap,
  wma,
} from "./mod.ts";
import { type Columns, randomBars } from "./testing.ts";

const BARS = 1_000_000;

type Kernel = [name: string, run: (b: Columns) => unknown];

/** The indicator set with default parameters, as `computeIndicators` would run it. */
const OURS: Kernel[] = [
  ["sma20", (b) => sma(b.close, 20)],
  ["ema20", (b) => ema(b.close, 20)],
  ["wma20", (b) => wma(b.close, 20)],
  ["rsi14", (b) => rsi(b.close, 14)],
  ["macd12/26/9", (b) => macd(b.close)],
  ["bbands20/2", (b) => bbands(b.close, 20, 2)],
  ["atr14", (b) => atr(b.high, b.low, b.close, 14)],
  ["adx14", (b) => adx(b.high, b.low, b.close, 14)],
  ["stoch14/3/3", (b) => stoch(b.high, b.low, b.close)],
  ["donchian20", (b) => donchian(b.high, b.low, 20)],
  ["keltner20/10/2", (b) => keltner(b.high, b.low, b.close)],
  ["vwap", (b) => vwap(b.ts, b.high, b.low, b.close, b.volume)],
  ["obv", (b) => obv(b.close, b.volume)],
  ["std20", (b) => rollingStd(b.close, 20)],
  ["roc10", (b) => roc(b.close, 10)],
];

function runTechnicalIndicators(a: {
  close: number[];
  high: number[];
  low: number[];
  volume: number[];
}): unknown[] {
  const hlc = { high: a.high, low: a.low, close: a.close };
  return [
    TI.SMA.calculate({ period: 20, values: a.close }),
    TI.EMA.calculate({ period: 20, values: a.close }),
    TI.WMA.calculate({ period: 20, values: a.close }),
    TI.RSI.calculate({ period: 14, values: a.close }),
    TI.MACD.calculate({
      values: a.close,
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    }),
    TI.BollingerBands.calculate({ period: 20, stdDev: 2, values: a.close }),
    TI.ATR.calculate({ ...hlc, period: 14 }),
    TI.ADX.calculate({ ...hlc, period: 14 }),
    // TI's Stochastic is the fast one; slow %K is a further SMA3 of it
    TI.SMA.calculate({
      period: 3,
      values: TI.Stochastic.calculate({ ...hlc, period: 14, signalPeriod: 3 }).map((r) => r.k),
    }),
    TI.Highest.calculate({ period: 20, values: a.high }),
    TI.Lowest.calculate({ period: 20, values: a.low }),
    TI.KeltnerChannels.calculate({
      ...hlc,
      maPeriod: 20,
      atrPeriod: 10,
      useSMA: false,
      multiplier: 2,
    }),
    TI.VWAP.calculate({ ...hlc, volume: a.volume }), // cumulative, no session reset
    TI.OBV.calculate({ close: a.close, volume: a.volume }),
    TI.SD.calculate({ period: 20, values: a.close }),
    TI.ROC.calculate({ period: 10, values: a.close }),
  ];
}

type Candle = { open: number; high: number; low: number; close: number; volume: number };

function runTradingSignals(close: number[], candles: Candle[]): number {
  const onClose = [
    new TS.SMA(20),
    new TS.EMA(20),
    new TS.WMA(20),
    new TS.RSI(14),
    new TS.MACD(new TS.EMA(12), new TS.EMA(26), new TS.EMA(9)),
    new TS.BollingerBands(20, 2),
    new TS.ROC(10),
  ];
  const onCandle = [
    new TS.ATR(14),
    new TS.ADX(14),
    new TS.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 }),
    new TS.DonchianChannels(20),
    new TS.KeltnerChannels({ emaInterval: 20, atrInterval: 10, multiplier: 2 }),
    new TS.VWAP(),
    new TS.OBV(2),
  ];
  // trading-signals has no rolling standard deviation series; BollingerBands computes one inside
  let results = 0;
  for (let i = 0; i < close.length; i++) {
    for (const ind of onClose) if (ind.update(close[i], false) !== null) results++;
    for (const ind of onCandle) if (ind.update(candles[i], false) !== null) results++;
  }
  return results;
}

/** The suite: one table comparing the whole set, one with ThetaForge's per-indicator times. */
export default function indicatorsBench(): Promise<BenchTable[]> {
  const bars = randomBars(BARS, 20260101, 60_000); // one-minute bars: VWAP resets every 1440
  const plain = {
    close: Array.from(bars.close),
    high: Array.from(bars.high),
    low: Array.from(bars.low),
    volume: Array.from(bars.volume),
  };
  const candles: Candle[] = plain.close.map((c, i) => ({
    open: bars.open[i],
    high: plain.high[i],
    low: plain.low[i],
    close: c,
    volume: plain.volume[i],
  }));

  // the first call of each indicator is timed on its own (it also serves as a warm-up run):
  // it includes compiling the kernels, except those shared with an indicator earlier in OURS
  const perIndicator: BenchRow[] = OURS.map(([name, run]) => {
    const t0 = performance.now();
    run(bars);
    const first = performance.now() - t0;
    const ms = timeMedian(() => run(bars), { runs: 7, warmup: 1 });
    return {
      name,
      ms,
      note: `${(BARS / ms / 1000).toFixed(1)} M bars/s; first call ${first.toFixed(1)} ms`,
    };
  });
  const oursMs = timeMedian(() => OURS.map(([, run]) => run(bars)), { runs: 5, warmup: 1 });
  const tiMs = timeMedian(() => runTechnicalIndicators(plain), { runs: 3, warmup: 1 });
  const tsMs = timeMedian(() => runTradingSignals(plain.close, candles), { runs: 3, warmup: 1 });
  const ratio = tiMs / oursMs;
  return Promise.resolve([
    {
      title: `Indicators: whole set (${OURS.length} indicators) over ${
        BARS.toLocaleString("en")
      } bars`,
      baseline: "technicalindicators",
      rows: [
        { name: "technicalindicators", ms: tiMs, note: "3.1.0, arrays in, generator-based" },
        { name: "trading-signals", ms: tsMs, note: "8.3.0, streaming update() per bar" },
        { name: "thetaforge", ms: oursMs, note: "Float64Array kernels" },
      ],
      notes: [
        `target: thetaforge ≥ 10x faster than technicalindicators: ${ratio.toFixed(1)}x (${
          ratio >= 10 ? "met" : "NOT met"
        })`,
        "same parameters for all: SMA/EMA/WMA 20, RSI 14, MACD 12/26/9, BB 20/2, ATR/ADX 14, stoch 14/3/3, Donchian 20, Keltner 20/10/2, VWAP, OBV, std 20, ROC 10",
      ],
    },
    {
      title: `Indicators: ThetaForge per indicator over ${BARS.toLocaleString("en")} bars`,
      rows: perIndicator,
      notes: [
        "ratios are relative to sma20; medians of 7 runs after the first call and one warm-up",
        "first call: the indicator's first run in this process (kernels shared with an earlier row are already compiled)",
      ],
    },
  ]);
}
