// Backtest event loop for one symbol: the WASM twin of lib/backtest/engine.ts `simulate` for the
// subset lib/backtest/wasm_engine.ts sends here (market orders; all-in, fixed-unit or
// fraction sizing; percent/per-share/per-order commission, bps slippage, entry spread;
// percent stop-loss, take-profit and trailing stop; leverage; direction; entry mask;
// finalisation). Same float operations in the same order, so results are bit-identical.
// Memory comes from the shared arena (memory.ts): the host allocates, calls once, resets.

// config block: f64 fields at these indices
const C_N = 0;
const C_EVAL_START = 1;
const C_CASH = 2;
const C_COMMISSION_RATE = 3;
const C_PER_SHARE = 4;
const C_PER_ORDER = 5;
const C_SLIPPAGE = 6;
const C_SPREAD = 7;
const C_LEVERAGE = 8;
const C_STOP_LOSS = 9; // fraction or NaN
const C_TAKE_PROFIT = 10;
const C_TRAILING = 11;
const C_FINALIZE = 12; // 1 or 0
const C_ALLOW_LONG = 13;
const C_ALLOW_SHORT = 14;
const C_SIZING_KIND = 15; // 0 all_in, 1 units, 2 fraction
const C_SIZING_VALUE = 16;
const C_HAS_MASK = 17;

// trade record: f64 fields
const T_ENTRY_BAR = 0;
const T_EXIT_BAR = 1;
const T_SIZE = 2; // signed units
const T_ENTRY_PRICE = 3;
const T_EXIT_PRICE = 4;
const T_ENTRY_FEE = 5;
const T_EXIT_FEE = 6;
const T_REASON = 7; // 0 signal, 1 stop_loss, 2 take_profit, 3 trailing_stop, 4 end, 5 out_of_money
const T_FAVOURABLE = 8; // most favourable high/low over the bars before the exit bar, NaN if none
const T_ADVERSE = 9;
const T_FIELDS = 10;

const FULL: f64 = 1.0 - f64.EPSILON;

// loop state (module globals keep the helpers small; one run at a time)
let cash: f64 = 0;
let pos: f64 = 0;
let entryPrice: f64 = 0;
let entryBar: i32 = 0;
let entryFee: f64 = 0;
let fav: f64 = NaN;
let adv: f64 = NaN;
let sl: f64 = NaN;
let tp: f64 = NaN;
let trail: f64 = NaN;
let nTrades: i32 = 0;
let commissionRate: f64 = 0;
let perShare: f64 = 0;
let perOrder: f64 = 0;
let tradesOut: usize = 0;

@inline function cfg(ptr: usize, i: i32): f64 {
  return load<f64>(ptr + (<usize>i << 3));
}

@inline function col(ptr: usize, i: i32): f64 {
  return load<f64>(ptr + (<usize>i << 3));
}

function commission(units: f64, price: f64): f64 {
  if (units == 0) return 0;
  return perOrder + units * perShare + units * price * commissionRate;
}

function closePosition(i: i32, price: f64, reason: i32): void {
  const sign: f64 = pos > 0 ? 1 : -1;
  const size = abs(pos);
  const fee = commission(size, price);
  cash += sign * size * price - fee;
  const t = tradesOut + (<usize>nTrades * T_FIELDS << 3);
  store<f64>(t + (T_ENTRY_BAR << 3), <f64>entryBar);
  store<f64>(t + (T_EXIT_BAR << 3), <f64>i);
  store<f64>(t + (T_SIZE << 3), pos);
  store<f64>(t + (T_ENTRY_PRICE << 3), entryPrice);
  store<f64>(t + (T_EXIT_PRICE << 3), price);
  store<f64>(t + (T_ENTRY_FEE << 3), entryFee);
  store<f64>(t + (T_EXIT_FEE << 3), fee);
  store<f64>(t + (T_REASON << 3), <f64>reason);
  store<f64>(t + (T_FAVOURABLE << 3), fav);
  store<f64>(t + (T_ADVERSE << 3), adv);
  nTrades++;
  pos = 0;
  sl = NaN;
  tp = NaN;
  trail = NaN;
}

/**
 * Runs the loop. `cfgPtr` points at the config block (see C_* indices); columns are f64 except
 * `flagsPtr` (u8) and `maskPtr` (u8, read only when C_HAS_MASK is 1). Writes n equity values
 * and up to the host-sized capacity of trade records; returns the number of trades.
 */
export function backtestRun(
  cfgPtr: usize,
  openPtr: usize,
  highPtr: usize,
  lowPtr: usize,
  closePtr: usize,
  flagsPtr: usize,
  maskPtr: usize,
  equityOut: usize,
  tradesPtr: usize,
): i32 {
  const n = <i32>cfg(cfgPtr, C_N);
  const evalStart = <i32>cfg(cfgPtr, C_EVAL_START);
  const slippage = cfg(cfgPtr, C_SLIPPAGE);
  const spread = cfg(cfgPtr, C_SPREAD);
  const leverage = cfg(cfgPtr, C_LEVERAGE);
  const stopLoss = cfg(cfgPtr, C_STOP_LOSS);
  const takeProfit = cfg(cfgPtr, C_TAKE_PROFIT);
  const trailing = cfg(cfgPtr, C_TRAILING);
  const finalize = cfg(cfgPtr, C_FINALIZE) != 0;
  const allowLong = cfg(cfgPtr, C_ALLOW_LONG) != 0;
  const allowShort = cfg(cfgPtr, C_ALLOW_SHORT) != 0;
  const sizingKind = <i32>cfg(cfgPtr, C_SIZING_KIND);
  const sizingValue = cfg(cfgPtr, C_SIZING_VALUE);
  const hasMask = cfg(cfgPtr, C_HAS_MASK) != 0;
  cash = cfg(cfgPtr, C_CASH);
  commissionRate = cfg(cfgPtr, C_COMMISSION_RATE);
  perShare = cfg(cfgPtr, C_PER_SHARE);
  perOrder = cfg(cfgPtr, C_PER_ORDER);
  tradesOut = tradesPtr;
  pos = 0;
  nTrades = 0;
  sl = NaN;
  tp = NaN;
  trail = NaN;
  fav = NaN;
  adv = NaN;
  let pendingExit = false;
  let pendingEntry: i32 = 0;
  let stopped = false;
  const start = evalStart < n ? evalStart : n;
  for (let i = 0; i < start; i++) store<f64>(equityOut + (<usize>i << 3), cash);

  for (let i = start; i < n; i++) {
    const open = col(openPtr, i);
    // excursions: the bar before this one, while the position was open through it
    if (pos != 0) {
      const hi = pos > 0 ? col(highPtr, i - 1) : col(lowPtr, i - 1);
      const lo = pos > 0 ? col(lowPtr, i - 1) : col(highPtr, i - 1);
      const s: f64 = pos > 0 ? 1 : -1;
      if (fav != fav || s * (hi - fav) > 0) fav = hi;
      if (adv != adv || s * (lo - adv) < 0) adv = lo;
    }
    if (pendingExit) {
      pendingExit = false;
      if (pos != 0) {
        const sign: f64 = pos > 0 ? -1 : 1;
        closePosition(i, open * (1 + sign * slippage), 0);
      }
    }
    if (pendingEntry != 0 && open == open) {
      const want = <f64>pendingEntry;
      pendingEntry = 0;
      if (pos == 0) {
        let price = open * (1 + want * slippage);
        if (spread != 0) price *= 1 + want * spread;
        // sizing (flat, so equity = cash)
        const bp = max(0, cash) * leverage;
        const perUnit = price * (1 + commissionRate) + perShare;
        const spendable = bp - perOrder;
        let units: f64 = 0;
        if (perUnit > 0 && spendable > 0) {
          const affordable = floor(spendable / perUnit);
          if (sizingKind == 0) units = floor((spendable * FULL) / perUnit);
          else if (sizingKind == 1) units = floor(sizingValue);
          else units = floor((sizingValue * cash) / perUnit);
          if (!(units > 0)) units = 0;
          else if (affordable < units) units = affordable;
        }
        if (units > 0) {
          const fee = commission(units, price);
          cash -= want * units * price + fee;
          pos = want * units;
          entryPrice = price;
          entryBar = i;
          entryFee = fee;
          fav = NaN;
          adv = NaN;
          sl = stopLoss == stopLoss ? price * (1 - want * stopLoss) : NaN;
          tp = takeProfit == takeProfit ? price * (1 + want * takeProfit) : NaN;
          trail = trailing == trailing ? price * (1 - want * trailing) : NaN;
        }
      }
    }
    if (pos != 0) {
      const side: f64 = pos > 0 ? 1 : -1;
      const high = col(highPtr, i);
      const low = col(lowPtr, i);
      let stop = sl;
      let reason: i32 = 1;
      if (trail == trail && (stop != stop || side * (trail - stop) > 0)) {
        stop = trail;
        reason = 3;
      }
      if (stop == stop && (side > 0 ? low <= stop : high >= stop)) {
        const raw = side > 0 ? min(open, stop) : max(open, stop);
        closePosition(i, raw * (1 + -side * slippage), reason);
      } else if (tp == tp && (side > 0 ? high >= tp : low <= tp)) {
        closePosition(i, side > 0 ? max(open, tp) : min(open, tp), 2);
      }
    }

    const close = col(closePtr, i);
    let eq = cash;
    if (pos != 0) eq += pos * close;
    if (eq <= 0) {
      if (pos != 0) closePosition(i, close, 5);
      cash = 0;
      for (let j = i; j < n; j++) store<f64>(equityOut + (<usize>j << 3), 0);
      stopped = true;
      break;
    }
    store<f64>(equityOut + (<usize>i << 3), eq);

    if (i < n - 1) {
      if (pos != 0 && trailing == trailing) {
        const side: f64 = pos > 0 ? 1 : -1;
        const cand = close * (1 - side * trailing);
        if (trail != trail || side * (cand - trail) > 0) trail = cand;
      }
      if (i >= evalStart) {
        let f = <i32>load<u8>(flagsPtr + <usize>i);
        if (f != 0) {
          if (!allowLong) f &= ~1;
          if (!allowShort) f &= ~4;
          if (hasMask && load<u8>(maskPtr + <usize>i) != 1) f &= ~5;
          let wantLong = (f & 1) != 0 && (f & 2) == 0;
          let wantShort = (f & 4) != 0 && (f & 8) == 0;
          if (wantLong && wantShort) {
            wantLong = false;
            wantShort = false;
          }
          const side: i32 = pos > 0 ? 1 : pos < 0 ? -1 : 0;
          if (side > 0 && ((f & 2) != 0 || wantShort)) pendingExit = true;
          if (side < 0 && ((f & 8) != 0 || wantLong)) pendingExit = true;
          if (pendingEntry > 0 && ((f & 2) != 0 || wantShort)) pendingEntry = 0;
          if (pendingEntry < 0 && ((f & 8) != 0 || wantLong)) pendingEntry = 0;
          if (wantLong && side <= 0) pendingEntry = 1;
          else if (wantShort && side >= 0) pendingEntry = -1;
        }
      }
    }
  }

  if (!stopped && finalize && start < n) {
    const last = n - 1;
    if (pos != 0) closePosition(last, col(openPtr, last), 4);
    let eq = cash;
    if (pos != 0) eq += pos * col(closePtr, last);
    store<f64>(equityOut + (<usize>last << 3), eq);
  }
  return nTrades;
}

/** Entry commission of the position still open after the last `backtestRun` (0 when flat). */
export function backtestOpenEntryFee(): f64 {
  return pos != 0 ? entryFee : 0;
}
