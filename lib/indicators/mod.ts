/**
 * ThetaForge's indicator library: pure functions over `Float64Array` columns. Every function
 * returns new arrays of the input's length with NaN during warm-up, and states its formula,
 * warm-up and conventions in its JSDoc. {@link parseIndicatorSpecs} and
 * {@link computeIndicators} evaluate the `ind=sma:20` specs of the API and CLI.
 *
 * @example
 * ```ts
 * import { rsi, sma } from "./mod.ts";
 * const close = Float64Array.of(1, 2, 3, 2);
 * sma(close, 2); // [NaN, 1.5, 2.5, 2.5]
 * rsi(close, 2); // [NaN, NaN, 100, 50]
 * ```
 * @module
 */
export { ema, sma, wma } from "./moving_average.ts";
export { rsi } from "./rsi.ts";
export { macd, type MacdResult } from "./macd.ts";
export { type BandsResult, bbands } from "./bbands.ts";
export { atr, trueRange } from "./atr.ts";
export { adx, type AdxResult } from "./adx.ts";
export { stoch, type StochResult } from "./stoch.ts";
export { donchian, keltner } from "./channels.ts";
export { obv, vwap } from "./volume.ts";
export { highest, lowest, roc, rollingStd } from "./rolling.ts";
export {
  computeIndicators,
  type IndicatorName,
  INDICATORS,
  type IndicatorSpec,
  IndicatorSpecError,
  type IndicatorSpecIssue,
  MAX_SPECS,
  outputKeys,
  parseIndicatorSpec,
  parseIndicatorSpecs,
  splitSpecList,
} from "./spec.ts";
export { indicatorTable, type TableRange } from "./table.ts";
