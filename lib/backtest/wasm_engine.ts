/**
 * The WASM event loop (core-wasm/assembly/backtest.ts) behind the same contract as
 * {@link simulate}: {@link wasmIneligibility} says whether a run fits the kernel's subset, and
 * {@link BacktestKernel.simulate} runs it with results bit-identical to the TypeScript engine
 * (core-wasm parity test: lib/backtest/wasm_engine_test.ts). Runs outside the subset, or without a
 * loaded kernel, use the TypeScript engine. Browser-safe (no `Deno.*`); see wasm_server.ts.
 * @module
 */
import { type EngineSettings, type PreparedSymbol, simulate, type Simulation } from "./engine.ts";
import type { ExitReason, Trade } from "./types.ts";

/** The raw exports the backtest kernel needs from core.wasm. */
interface BacktestExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  resetHeap(): void;
  backtestRun(
    cfgPtr: number,
    openPtr: number,
    highPtr: number,
    lowPtr: number,
    closePtr: number,
    flagsPtr: number,
    maskPtr: number,
    equityOut: number,
    tradesOut: number,
  ): number;
  backtestOpenEntryFee(): number;
}

/** A loaded kernel. */
export interface BacktestKernel {
  /** Runs an eligible single-symbol simulation (see {@link wasmIneligibility}). */
  simulate(symbols: readonly PreparedSymbol[], settings: EngineSettings): Simulation;
}

const CONFIG_FIELDS = 18;
const TRADE_FIELDS = 10;
const REASONS: readonly ExitReason[] = [
  "signal",
  "stop_loss",
  "take_profit",
  "trailing_stop",
  "end",
  "out_of_money",
];

/**
 * Why a run cannot use the WASM loop, or null when it can. The kernel covers one symbol with
 * market entries, `all_in`/`units`/`fraction` sizing, commissions, bps slippage, spread,
 * percent stop-loss/take-profit/trailing stop, leverage, direction and a regime mask.
 */
export function wasmIneligibility(
  symbols: readonly PreparedSymbol[],
  settings: EngineSettings,
): string | null {
  if (symbols.length !== 1) return "several symbols";
  const sig = symbols[0].signals;
  if (sig.entryStop || sig.entryLimit) return "stop/limit entries";
  if (sig.stopPrice || sig.stopDistance || sig.takeProfitPrice) return "strategy stop levels";
  if (sig.pyramid) return "pyramiding";
  if (sig.sizing || settings.sizing.kind === "risk") return "risk sizing";
  if (settings.costs.slippageAtr !== 0) return "ATR slippage";
  if (settings.trailingStopAtr === settings.trailingStopAtr) return "ATR trailing stop";
  return null;
}

/** Instantiates the kernel from core.wasm bytes; null when the module lacks the backtest exports. */
export async function loadBacktestKernel(bytes: BufferSource): Promise<BacktestKernel | null> {
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: {
      abort(_m: number, _f: number, line: number, column: number) {
        throw new Error(`core-wasm backtest: abort at ${line}:${column}`);
      },
    },
  });
  const w = instance.exports as unknown as Partial<BacktestExports>;
  if (typeof w.backtestRun !== "function" || typeof w.alloc !== "function" || !w.memory) {
    return null;
  }
  const exports = w as BacktestExports;
  return { simulate: (symbols, settings) => simulateWasm(exports, symbols, settings) };
}

/**
 * Runs with `kernel` when the run is eligible, else with the TypeScript engine; says which.
 */
export function simulateAuto(
  kernel: BacktestKernel | null | undefined,
  symbols: readonly PreparedSymbol[],
  settings: EngineSettings,
): Simulation & { engine: "wasm" | "ts" } {
  if (kernel && wasmIneligibility(symbols, settings) === null) {
    return { ...kernel.simulate(symbols, settings), engine: "wasm" };
  }
  return { ...simulate(symbols, settings), engine: "ts" };
}

function simulateWasm(
  w: BacktestExports,
  symbols: readonly PreparedSymbol[],
  settings: EngineSettings,
): Simulation {
  const why = wasmIneligibility(symbols, settings);
  if (why !== null) throw new RangeError(`simulateWasm: not supported by the kernel: ${why}`);
  const { symbol, bars, signals, entryMask } = symbols[0];
  const n = bars.length;
  const flags = signals.flags;
  if (flags.length !== n) {
    throw new RangeError(`simulateWasm: ${flags.length} flags for ${n} bars`);
  }
  let entries = 0;
  for (let i = 0; i < n; i++) if (flags[i] & 5) entries++;
  const capacity = entries + 1;
  const F64 = 8;
  try {
    const cfgPtr = w.alloc(CONFIG_FIELDS * F64);
    const openPtr = w.alloc(n * F64);
    const highPtr = w.alloc(n * F64);
    const lowPtr = w.alloc(n * F64);
    const closePtr = w.alloc(n * F64);
    const equityPtr = w.alloc(n * F64);
    const tradesPtr = w.alloc(capacity * TRADE_FIELDS * F64);
    const flagsPtr = w.alloc(n);
    const maskPtr = entryMask ? w.alloc(n) : 0;
    // views after every alloc: growing memory detaches older ones
    const buf = w.memory.buffer;
    const sizing = settings.sizing;
    new Float64Array(buf, cfgPtr, CONFIG_FIELDS).set([
      n,
      Math.max(1, signals.warmup + 1),
      settings.cash,
      settings.costs.commissionRate,
      settings.costs.commissionPerShare,
      settings.costs.commissionPerOrder,
      settings.costs.slippageRate,
      settings.costs.spreadRate,
      settings.leverage,
      settings.stopLoss,
      settings.takeProfit,
      settings.trailingStop,
      settings.finalizeTrades ? 1 : 0,
      settings.direction !== "short_only" ? 1 : 0,
      settings.direction !== "long_only" ? 1 : 0,
      sizing.kind === "all_in" ? 0 : sizing.kind === "units" ? 1 : 2,
      sizing.kind === "units" ? sizing.units : sizing.kind === "fraction" ? sizing.fraction : 0,
      entryMask ? 1 : 0,
    ]);
    new Float64Array(buf, openPtr, n).set(bars.open);
    new Float64Array(buf, highPtr, n).set(bars.high);
    new Float64Array(buf, lowPtr, n).set(bars.low);
    new Float64Array(buf, closePtr, n).set(bars.close);
    new Uint8Array(buf, flagsPtr, n).set(flags);
    if (entryMask) new Uint8Array(buf, maskPtr, n).set(entryMask);
    const count = w.backtestRun(
      cfgPtr,
      openPtr,
      highPtr,
      lowPtr,
      closePtr,
      flagsPtr,
      maskPtr,
      equityPtr,
      tradesPtr,
    );
    const equity = new Float64Array(w.memory.buffer, equityPtr, n).slice();
    const rec = new Float64Array(w.memory.buffer, tradesPtr, count * TRADE_FIELDS);
    const ts = bars.ts;
    const trades: Trade[] = new Array(count);
    const openEntryFee = w.backtestOpenEntryFee();
    let commissionsPaid = 0; // summed in the order the TypeScript engine pays them
    for (let t = 0; t < count; t++) {
      const o = t * TRADE_FIELDS;
      const entryBar = rec[o];
      const exitBar = rec[o + 1];
      const signed = rec[o + 2];
      const entryPrice = rec[o + 3];
      const price = rec[o + 4];
      const entryFee = rec[o + 5];
      const exitFee = rec[o + 6];
      const favourable = rec[o + 8];
      const adverse = rec[o + 9];
      const sign = signed > 0 ? 1 : -1;
      const size = Math.abs(signed);
      const totalCommission = entryFee + exitFee;
      commissionsPaid += entryFee;
      commissionsPaid += exitFee;
      let best = price;
      let worst = price;
      if (favourable === favourable && sign * (favourable - best) > 0) best = favourable;
      if (adverse === adverse && sign * (adverse - worst) < 0) worst = adverse;
      const maePct = Math.min(0, 100 * sign * (worst / entryPrice - 1));
      trades[t] = {
        symbol,
        side: sign > 0 ? "long" : "short",
        size,
        entryBar,
        exitBar,
        entryTime: ts[entryBar],
        exitTime: ts[exitBar],
        entryPrice,
        exitPrice: price,
        pnl: sign * size * (price - entryPrice) - totalCommission,
        returnPct: 100 *
          (sign * (price / entryPrice - 1) - totalCommission / (size * entryPrice)),
        commission: totalCommission,
        durationDays: (ts[exitBar] - ts[entryBar]) / 86_400_000,
        exitReason: REASONS[rec[o + 7]],
        mfePct: Math.max(0, 100 * sign * (best / entryPrice - 1)),
        maePct: maePct === 0 ? 0 : maePct,
      };
    }
    commissionsPaid += openEntryFee;
    settings.onProgress?.(1);
    return { equity, trades, start: Math.min(Math.max(1, signals.warmup + 1), n), commissionsPaid };
  } finally {
    w.resetHeap();
  }
}
