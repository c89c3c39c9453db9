/**
 * Transaction costs and position sizing: pure helpers the engine calls at each fill.
 * @module
 */
import type { Sizing } from "./types.ts";

/** Cost settings resolved from {@link import("./types.ts").BacktestOptions}. */
export interface CostModel {
  /** Commission as a fraction of traded value (0.002 = 0.2 %). */
  commissionRate: number;
  commissionPerShare: number;
  commissionPerOrder: number;
  /** Slippage as a fraction of price (bps / 10,000). */
  slippageRate: number;
  /** Slippage in ATR multiples. */
  slippageAtr: number;
  /** Spread as a fraction of price, charged at entry only. */
  spreadRate: number;
}

/**
 * Commission of one fill: `perOrder + units × perShare + units × price × rate`.
 *
 * @example
 * ```ts
 * commission(costs, 10, 100); // with rate 0.001 and nothing else: 1
 * ```
 */
export function commission(costs: CostModel, units: number, price: number): number {
  if (units === 0) return 0;
  return costs.commissionPerOrder + units * costs.commissionPerShare +
    units * price * costs.commissionRate;
}

/**
 * The price a market or stop order fills at: `raw × (1 + sign × slippage) + sign × k × ATR`
 * where `sign` is +1 for a buy and -1 for a sell, so slippage always costs. An `entry` also
 * pays the spread: `× (1 + sign × spread)`.
 */
export function slippedPrice(
  costs: CostModel,
  raw: number,
  sign: number,
  atrValue: number,
  entry: boolean,
): number {
  let p = raw * (1 + sign * costs.slippageRate);
  if (costs.slippageAtr !== 0 && atrValue === atrValue) p += sign * costs.slippageAtr * atrValue;
  if (entry && costs.spreadRate !== 0) p *= 1 + sign * costs.spreadRate;
  return p;
}

/** Largest float below 1, backtesting.py's default order size (`1 − ε`). */
const FULL = 1 - Number.EPSILON;

/**
 * Whole units for an entry at `price`.
 *
 * `buyingPower` is the available margin times leverage; `equity` is marked at the fill bar's
 * open. Every kind is capped by what the buying power pays for, commission included; the result
 * is 0 when not even one unit is affordable.
 *
 * @example
 * ```ts
 * sizeUnits({ kind: "all_in" }, costs, { price: 100, buyingPower: 1_050, equity: 1_050, atr: NaN });
 * // 10 (no costs)
 * ```
 */
export function sizeUnits(
  sizing: Sizing,
  costs: CostModel,
  at: { price: number; buyingPower: number; equity: number; atr: number },
): number {
  const perUnit = at.price * (1 + costs.commissionRate) + costs.commissionPerShare;
  if (!(perUnit > 0)) return 0;
  const spendable = at.buyingPower - costs.commissionPerOrder;
  if (!(spendable > 0)) return 0;
  const affordable = Math.floor(spendable / perUnit);
  let units: number;
  switch (sizing.kind) {
    case "all_in":
      units = Math.floor((spendable * FULL) / perUnit);
      break;
    case "units":
      units = Math.floor(sizing.units);
      break;
    case "fraction":
      units = Math.floor((sizing.fraction * at.equity) / perUnit);
      break;
    case "risk": {
      const risk = (sizing.atrMult ?? 1) * at.atr;
      units = risk > 0 ? Math.floor((sizing.riskPct / 100) * at.equity / risk) : 0;
      break;
    }
  }
  if (!(units > 0)) return 0;
  return Math.min(units, affordable);
}
