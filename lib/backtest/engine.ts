/**
 * The bar-by-bar event loop: turns signal flags into orders, fills and trades over one or many
 * symbols sharing one cash balance. {@link simulate} is the reference engine; `runBacktest`
 * (run.ts) prepares its input and computes the stats.
 *
 * Order of events on bar `i`, per symbol in input order:
 * 1. Orders decided at the close of `i-1` fill at the open of `i`: exits first, then entries
 *    (market orders at the open; stop entries at `max(open, stop)` once `high ≥ stop`; limit
 *    entries at `min(open, limit)` once `low ≤ limit`; shorts mirrored), then pyramid adds.
 * 2. Protective orders of the open position, the entry bar included: stop-loss/trailing stop
 *    first (a stop the open gaps through fills at the open), then take-profit (a limit, filled
 *    at the better of the open and its price). When both are touched in one bar the stop wins.
 * 3. Equity at the close: `cash + Σ units × close`. Equity ≤ 0 closes everything ("out of
 *    money") and ends the run with equity 0.
 * 4. The strategy's flags at bar `i` become orders for bar `i+1`; trailing stops ratchet.
 *
 * Accounting: buying `u` units at `p` moves `u·p` plus commission out of cash (a short sale
 * moves the proceeds in), so `equity = cash + position value` holds at every bar.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import type { StrategySignals } from "../strategies/types.ts";
import { commission, type CostModel, sizeUnits, slippedPrice } from "./costs.ts";
import {
  type Direction,
  ENTER_LONG,
  ENTER_SHORT,
  EXIT_LONG,
  EXIT_SHORT,
  type ExitReason,
  type Sizing,
  type Trade,
} from "./types.ts";

/** One symbol ready for {@link simulate}. */
export interface PreparedSymbol {
  symbol: string;
  bars: BarSeries;
  signals: StrategySignals;
  /** ATR column for risk sizing, ATR slippage and ATR trailing stops (null when unused). */
  atr: Float64Array | null;
  /** Entries allowed at bar i when `entryMask[i] === 1` (regime filter); null: always. */
  entryMask: Uint8Array | null;
}

/** Resolved engine settings. */
export interface EngineSettings {
  cash: number;
  direction: Direction;
  sizing: Sizing;
  costs: CostModel;
  leverage: number;
  /** Fractions (0.05 = 5 %), NaN when unset. */
  stopLoss: number;
  takeProfit: number;
  trailingStop: number;
  /** ATR multiple, NaN when unset. */
  trailingStopAtr: number;
  finalizeTrades: boolean;
  onProgress?: (fraction: number) => void;
  progressEvery: number;
}

/** What {@link simulate} returns. */
export interface Simulation {
  /** Equity at each bar's close (the last bar after finalisation). */
  equity: Float64Array;
  trades: Trade[];
  /** First bar the loop processed (bars before it hold the initial cash). */
  start: number;
  commissionsPaid: number;
}

interface OpenUnit {
  size: number;
  entryPrice: number;
  entryBar: number;
  entryCommission: number;
}

/**
 * Marks equity at the close (`cash + p × close`) for quiet bars `i, i+1, …` before `end` and
 * returns the first bar it did not mark: one whose flags are evaluated and non-zero (bar ≥
 * `from`), one whose equity would be ≤ 0, or `end`. No state changes on such bars otherwise.
 */
function quietBars(
  equity: Float64Array,
  close: Float64Array,
  flags: Uint8Array,
  from: number,
  i: number,
  end: number,
  cash: number,
  p: number,
): number {
  if (p === 0) {
    if (!(cash > 0)) return i;
    for (; i < end; i++) {
      if (i >= from && flags[i] !== 0) break;
      equity[i] = cash;
    }
    return i;
  }
  for (; i < end; i++) {
    if (i >= from && flags[i] !== 0) break;
    const eq = cash + p * close[i];
    if (eq <= 0) break;
    equity[i] = eq;
  }
  return i;
}

/**
 * Runs the event loop. All symbols must share `ts` (the caller checks). No allocation happens
 * per bar; objects are created only on fills.
 */
export function simulate(symbols: readonly PreparedSymbol[], settings: EngineSettings): Simulation {
  const k = symbols.length;
  if (k === 0) throw new RangeError("simulate: expected at least one symbol, was 0");
  const ts = symbols[0].bars.ts;
  const n = ts.length;
  const equity = new Float64Array(n);
  const trades: Trade[] = [];
  const costs = settings.costs;
  const leverage = settings.leverage;
  const allowLong = settings.direction !== "short_only";
  const allowShort = settings.direction !== "long_only";

  // per-symbol state
  const pos = new Float64Array(k); // signed units
  const units: OpenUnit[][] = symbols.map(() => []);
  const sl = new Float64Array(k).fill(NaN);
  const tp = new Float64Array(k).fill(NaN);
  const trail = new Float64Array(k).fill(NaN);
  const addLevel = new Float64Array(k).fill(NaN);
  const unitStopDist = new Float64Array(k).fill(NaN);
  const pendingExit = new Uint8Array(k);
  const pendingEntry = new Int8Array(k); // +1 long, -1 short, 0 none
  const pendingStop = new Float64Array(k).fill(NaN);
  const pendingLimit = new Float64Array(k).fill(NaN);
  const pendingBar = new Int32Array(k); // signal bar of the pending entry
  const evalStart = new Int32Array(k);
  let start = n;
  for (let s = 0; s < k; s++) {
    if (symbols[s].bars.length !== n) {
      throw new RangeError(
        `simulate: ${symbols[s].symbol} has ${symbols[s].bars.length} bars, expected ${n}`,
      );
    }
    evalStart[s] = Math.max(1, symbols[s].signals.warmup + 1);
    if (evalStart[s] < start) start = evalStart[s];
  }
  let cash = settings.cash;
  let commissionsPaid = 0;
  let stopped = false;
  const progressEvery = Math.max(1, settings.progressEvery);
  let nextProgress = start + progressEvery;

  for (let i = 0; i < start && i < n; i++) equity[i] = cash;

  /** Equity and buying power marked at the open of bar `i`. */
  function markAtOpen(i: number): { equity: number; buyingPower: number } {
    let eq = cash;
    let used = 0;
    for (let s = 0; s < k; s++) {
      if (pos[s] !== 0) {
        const v = pos[s] * symbols[s].bars.open[i];
        eq += v;
        used += Math.abs(v);
      }
    }
    const available = Math.max(0, eq - used / leverage);
    return { equity: eq, buyingPower: available * leverage };
  }

  function closePosition(s: number, i: number, price: number, reason: ExitReason): void {
    const sym = symbols[s];
    const sign = pos[s] > 0 ? 1 : -1;
    const list = units[s];
    const high = sym.bars.high;
    const low = sym.bars.low;
    for (let u = 0; u < list.length; u++) {
      const unit = list[u];
      const exitCommission = commission(costs, unit.size, price);
      cash += sign * unit.size * price - exitCommission;
      commissionsPaid += exitCommission;
      const totalCommission = unit.entryCommission + exitCommission;
      const pnl = sign * unit.size * (price - unit.entryPrice) - totalCommission;
      const returnPct = 100 *
        (sign * (price / unit.entryPrice - 1) - totalCommission / (unit.size * unit.entryPrice));
      // excursions over the bars the unit was open before the exit bar, plus the exit fill
      // (for finite or infinite prices `sign·(a − b) > 0` is `a > b` for longs and `a < b` for
      // shorts, and NaN fails both, so the two loops pick what the signed test would)
      let best = price;
      let worst = price;
      if (sign > 0) {
        for (let j = unit.entryBar; j < i; j++) {
          const hi = high[j];
          const lo = low[j];
          if (hi > best) best = hi;
          if (lo < worst) worst = lo;
        }
      } else {
        for (let j = unit.entryBar; j < i; j++) {
          const hi = low[j];
          const lo = high[j];
          if (hi < best) best = hi;
          if (lo > worst) worst = lo;
        }
      }
      const mfePct = Math.max(0, 100 * sign * (best / unit.entryPrice - 1));
      const maePct = Math.min(0, 100 * sign * (worst / unit.entryPrice - 1));
      trades.push({
        symbol: sym.symbol,
        side: sign > 0 ? "long" : "short",
        size: unit.size,
        entryBar: unit.entryBar,
        exitBar: i,
        entryTime: ts[unit.entryBar],
        exitTime: ts[i],
        entryPrice: unit.entryPrice,
        exitPrice: price,
        pnl,
        returnPct,
        commission: totalCommission,
        durationDays: (ts[i] - ts[unit.entryBar]) / 86_400_000,
        exitReason: reason,
        mfePct,
        maePct: maePct === 0 ? 0 : maePct,
      });
    }
    list.length = 0;
    pos[s] = 0;
    sl[s] = NaN;
    tp[s] = NaN;
    trail[s] = NaN;
    addLevel[s] = NaN;
    unitStopDist[s] = NaN;
  }

  /** Opens (or adds) a unit at fill price `price`; returns false when sized to 0 units. */
  function openUnit(s: number, i: number, sign: number, price: number, signalBar: number): boolean {
    const sym = symbols[s];
    const sig = sym.signals;
    const atrValue = sig.atr ? sig.atr[signalBar] : sym.atr ? sym.atr[signalBar] : NaN;
    const mark = markAtOpen(i);
    const size = sizeUnits(sig.sizing ?? settings.sizing, costs, {
      price,
      buyingPower: mark.buyingPower,
      equity: mark.equity,
      atr: atrValue,
    });
    if (size <= 0) return false;
    const fee = commission(costs, size, price);
    cash -= sign * size * price + fee;
    commissionsPaid += fee;
    const first = pos[s] === 0;
    pos[s] += sign * size;
    units[s].push({ size, entryPrice: price, entryBar: i, entryCommission: fee });

    // protective levels: the tightest candidate, never loosened by an add
    let stop = NaN;
    if (settings.stopLoss === settings.stopLoss) stop = price * (1 - sign * settings.stopLoss);
    if (first) {
      if (sig.stopDistance) unitStopDist[s] = sig.stopDistance[signalBar];
      const abs = sig.stopPrice ? sig.stopPrice[signalBar] : NaN;
      if (abs === abs && !(sign * (abs - stop) <= 0)) stop = abs;
    }
    const dist = unitStopDist[s];
    if (dist === dist) {
      const d = price - sign * dist;
      if (!(sign * (d - stop) <= 0)) stop = d;
    }
    if (stop === stop && (sl[s] !== sl[s] || sign * (stop - sl[s]) > 0)) sl[s] = stop;
    if (first) {
      let target = NaN;
      if (settings.takeProfit === settings.takeProfit) {
        target = price * (1 + sign * settings.takeProfit);
      }
      const absTp = sig.takeProfitPrice ? sig.takeProfitPrice[signalBar] : NaN;
      if (absTp === absTp && !(sign * (absTp - target) >= 0)) target = absTp;
      tp[s] = target;
      let t = NaN;
      if (settings.trailingStop === settings.trailingStop) {
        t = price * (1 - sign * settings.trailingStop);
      }
      if (settings.trailingStopAtr === settings.trailingStopAtr) {
        const a = sym.atr ? sym.atr[signalBar] : NaN;
        if (a === a) {
          const ta = price - sign * settings.trailingStopAtr * a;
          if (!(sign * (ta - t) <= 0)) t = ta;
        }
      }
      trail[s] = t;
    }
    if (sig.pyramid && units[s].length < sig.pyramid.maxUnits) {
      const step = sig.pyramid.step[signalBar];
      addLevel[s] = step === step && step > 0 ? price + sign * step : NaN;
    } else {
      addLevel[s] = NaN;
    }
    return true;
  }

  // Quiet bars: one symbol, no trailing stop, no pending order and no protective order. Such a
  // bar only marks equity at the close until a flag is evaluated, so a tight loop does exactly
  // that and hands the first bar that may act (a flag, equity ≤ 0, the last bar) to the full
  // loop below, which then processes it from step 1 as usual.
  const quietPath = k === 1 && settings.trailingStop !== settings.trailingStop &&
    settings.trailingStopAtr !== settings.trailingStopAtr;
  const onProgress = settings.onProgress;
  for (let i = start; i < n && !stopped; i++) {
    if (
      quietPath && pendingExit[0] === 0 && pendingEntry[0] === 0 &&
      (pos[0] === 0 ||
        (sl[0] !== sl[0] && tp[0] !== tp[0] && trail[0] !== trail[0] &&
          addLevel[0] !== addLevel[0]))
    ) {
      const p = pos[0];
      const close = symbols[0].bars.close;
      const flags = symbols[0].signals.flags;
      const from = evalStart[0];
      const last = n - 1;
      for (;;) {
        // stop after bar `nextProgress` to report progress exactly where the full loop would
        const end = onProgress ? Math.min(last, nextProgress + 1) : last;
        const j = quietBars(equity, close, flags, from, i, end, cash, p);
        if (onProgress && j === nextProgress + 1) {
          nextProgress += progressEvery;
          onProgress(j / n);
        }
        i = j;
        if (j < end || j >= last) break;
      }
    }
    // 1-2. fills at the open, then protective orders inside the bar
    for (let s = 0; s < k; s++) {
      const bars = symbols[s].bars;
      const open = bars.open[i];
      const atrCol = symbols[s].atr;
      const atrPrev = atrCol === null ? NaN : atrCol[i - 1];
      if (pendingExit[s] !== 0) {
        pendingExit[s] = 0;
        if (pos[s] !== 0) {
          const sign = pos[s] > 0 ? -1 : 1;
          closePosition(s, i, slippedPrice(costs, open, sign, atrPrev, false), "signal");
        }
      }
      const want = pendingEntry[s];
      if (want !== 0) {
        let raw = NaN;
        let limitFill = false;
        const stopPx = pendingStop[s];
        const limitPx = pendingLimit[s];
        if (stopPx === stopPx) {
          if (want > 0 ? bars.high[i] >= stopPx : bars.low[i] <= stopPx) {
            raw = want > 0 ? Math.max(open, stopPx) : Math.min(open, stopPx);
          }
        } else if (limitPx === limitPx) {
          if (want > 0 ? bars.low[i] <= limitPx : bars.high[i] >= limitPx) {
            raw = want > 0 ? Math.min(open, limitPx) : Math.max(open, limitPx);
            limitFill = true;
          }
        } else {
          raw = open;
        }
        if (raw === raw) {
          pendingEntry[s] = 0;
          if (pos[s] === 0) {
            const price = limitFill
              ? (costs.spreadRate !== 0 ? raw * (1 + want * costs.spreadRate) : raw)
              : slippedPrice(costs, raw, want, atrPrev, true);
            openUnit(s, i, want, price, pendingBar[s]);
          }
        }
      }
      let p = pos[s];
      if (p === 0) continue;
      const side = p > 0 ? 1 : -1;
      const high = bars.high[i];
      const low = bars.low[i];
      const add = addLevel[s];
      if (add === add && (side > 0 ? high >= add : low <= add)) {
        const raw = side > 0 ? Math.max(open, add) : Math.min(open, add);
        if (!openUnit(s, i, side, slippedPrice(costs, raw, side, atrPrev, true), i - 1)) {
          addLevel[s] = NaN;
        }
      }
      // stop-loss / trailing stop, then take-profit
      const stopA = sl[s];
      const stopB = trail[s];
      let stop = stopA;
      let reason: ExitReason = "stop_loss";
      if (stopB === stopB && (stop !== stop || side * (stopB - stop) > 0)) {
        stop = stopB;
        reason = "trailing_stop";
      }
      if (stop === stop && (side > 0 ? low <= stop : high >= stop)) {
        const raw = side > 0 ? Math.min(open, stop) : Math.max(open, stop);
        closePosition(s, i, slippedPrice(costs, raw, -side, atrPrev, false), reason);
        p = 0;
      } else {
        const target = tp[s];
        if (target === target && (side > 0 ? high >= target : low <= target)) {
          const raw = side > 0 ? Math.max(open, target) : Math.min(open, target);
          closePosition(s, i, raw, "take_profit");
          p = 0;
        }
      }
    }

    // 3. equity at the close
    let eq = cash;
    for (let s = 0; s < k; s++) if (pos[s] !== 0) eq += pos[s] * symbols[s].bars.close[i];
    if (eq <= 0) {
      for (let s = 0; s < k; s++) {
        if (pos[s] !== 0) closePosition(s, i, symbols[s].bars.close[i], "out_of_money");
      }
      cash = 0;
      for (let j = i; j < n; j++) equity[j] = 0;
      stopped = true;
      break;
    }
    equity[i] = eq;

    // 4. decisions at the close become orders for the next bar
    if (i < n - 1) {
      for (let s = 0; s < k; s++) {
        const sym = symbols[s];
        const side = pos[s] > 0 ? 1 : pos[s] < 0 ? -1 : 0;
        if (side !== 0) {
          const close = sym.bars.close[i];
          let cand = NaN;
          if (settings.trailingStop === settings.trailingStop) {
            cand = close * (1 - side * settings.trailingStop);
          }
          if (settings.trailingStopAtr === settings.trailingStopAtr) {
            const a = sym.atr ? sym.atr[i] : NaN;
            if (a === a) {
              const ca = close - side * settings.trailingStopAtr * a;
              if (!(side * (ca - cand) <= 0)) cand = ca;
            }
          }
          if (cand === cand && (trail[s] !== trail[s] || side * (cand - trail[s]) > 0)) {
            trail[s] = cand;
          }
        }
        if (i < evalStart[s]) continue;
        let f = sym.signals.flags[i];
        if (f === 0) continue;
        if (!allowLong) f &= ~ENTER_LONG;
        if (!allowShort) f &= ~ENTER_SHORT;
        if (sym.entryMask !== null && sym.entryMask[i] !== 1) f &= ~(ENTER_LONG | ENTER_SHORT);
        let wantLong = (f & ENTER_LONG) !== 0 && (f & EXIT_LONG) === 0;
        let wantShort = (f & ENTER_SHORT) !== 0 && (f & EXIT_SHORT) === 0;
        if (wantLong && wantShort) wantLong = wantShort = false;
        if (side > 0 && ((f & EXIT_LONG) !== 0 || wantShort)) pendingExit[s] = 1;
        if (side < 0 && ((f & EXIT_SHORT) !== 0 || wantLong)) pendingExit[s] = 1;
        if (pendingEntry[s] > 0 && ((f & EXIT_LONG) !== 0 || wantShort)) pendingEntry[s] = 0;
        if (pendingEntry[s] < 0 && ((f & EXIT_SHORT) !== 0 || wantLong)) pendingEntry[s] = 0;
        const want = wantLong && side <= 0 ? 1 : wantShort && side >= 0 ? -1 : 0;
        if (want !== 0) {
          pendingEntry[s] = want;
          pendingBar[s] = i;
          const sig = sym.signals;
          pendingStop[s] = sig.entryStop ? sig.entryStop[i] : NaN;
          pendingLimit[s] = sig.entryLimit ? sig.entryLimit[i] : NaN;
        }
      }
    }
    if (settings.onProgress && i >= nextProgress) {
      nextProgress += progressEvery;
      settings.onProgress((i + 1) / n);
    }
  }

  if (!stopped && settings.finalizeTrades && start < n) {
    const last = n - 1;
    for (let s = 0; s < k; s++) {
      if (pos[s] !== 0) closePosition(s, last, symbols[s].bars.open[last], "end");
    }
    let eq = cash;
    for (let s = 0; s < k; s++) if (pos[s] !== 0) eq += pos[s] * symbols[s].bars.close[last];
    equity[last] = eq;
  }
  settings.onProgress?.(1);
  return { equity, trades, start: Math.min(start, n), commissionsPaid };
}
