/**
 * `deno task bench backtest`: one sma_cross run over 1,000,000 bars, and a 1,000-combination
 * sma_cross sweep on GOOG daily sharing one indicator cache. Targets (issue 6): ≥ 20 M bars/s
 * for the single run, < 1 s for the sweep.
 * @module
 */
import { type BenchTable, timeMedian } from "../bench/harness.ts";
import { IndicatorCache } from "./indicator_cache.ts";
import { runBacktest } from "./run.ts";
import { computeStats } from "./stats.ts";
import { simulate } from "./engine.ts";
import { randomWalk, readFixture } from "./testing.ts";
import { smaCross } from "../strategies/ma_cross.ts";
import { resolveSettings } from "./run.ts";
import { serverBacktestKernel } from "./wasm_server.ts";

const N = 1_000_000;

/** Main-thread CPU time in ms (Linux schedstat), NaN where unavailable. */
function threadCpuMs(): number {
  try {
    return Number(Deno.readTextFileSync("/proc/thread-self/schedstat").split(" ")[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/**
 * Median wall time (as timeMedian) and median main-thread CPU time of `fn`: on a shared machine
 * the wall time also counts time spent waiting for a core, the CPU time does not.
 */
function timeWallCpu(
  fn: () => unknown,
  { runs, warmup }: { runs: number; warmup: number },
): { wall: number; cpu: number } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = threadCpuMs();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    cpu.push(threadCpuMs() - c0);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(wall), cpu: median(cpu) };
}

export default async function bench(): Promise<BenchTable[]> {
  const kernel = await serverBacktestKernel();
  const big = randomWalk(N, 42);
  const symbols = [{ symbol: "RW", bars: big }];
  const params = { fast: 10, slow: 30 };

  // single run, cold: no indicator cached. The very first call in the process also pays for
  // compiling the code (the JIT); the next ones reuse the compiled code.
  const c0 = threadCpuMs();
  const t0 = performance.now();
  runBacktest({ symbols, strategy: "sma_cross", params });
  const first = { wall: performance.now() - t0, cpu: threadCpuMs() - c0 };
  // as measured before: 5 runs after 1 warm-up (the first call above), same series, so the
  // market's log returns for beta are cached per close column after the first run
  const cold = timeWallCpu(() => runBacktest({ symbols, strategy: "sma_cross", params }), {
    runs: 5,
    warmup: 0,
  });
  // nothing cached at all: a new close column each run (copies made outside the timing)
  const copies = Array.from({ length: 12 }, () => ({ ...big, close: big.close.slice() }));
  let next = 0;
  const fresh = timeWallCpu(
    () =>
      runBacktest({
        symbols: [{ symbol: "RW", bars: copies[next++] }],
        strategy: "sma_cross",
        params,
      }),
    { runs: 9, warmup: 3 },
  );
  copies.length = 0;
  const cache = new IndicatorCache();
  const warm = timeMedian(
    () => runBacktest({ symbols, strategy: "sma_cross", params }, { cache }),
    { runs: 9, warmup: 5 },
  );
  const signals = smaCross.signals({ bars: big, aux: {}, cache }, params);
  const settings = resolveSettings({});
  const prepared = [{ symbol: "RW", bars: big, signals, atr: null, entryMask: null }];
  const loop = timeMedian(() => simulate(prepared, settings), { runs: 9, warmup: 5 });
  const wasmLoop = kernel
    ? timeMedian(() => kernel.simulate(prepared, settings), { runs: 9, warmup: 5 })
    : NaN;
  const wasmWarm = kernel
    ? timeMedian(
      () => runBacktest({ symbols, strategy: "sma_cross", params }, { cache, kernel }),
      { runs: 9, warmup: 5 },
    )
    : NaN;
  const sim = simulate(prepared, settings);
  const stats = timeMedian(
    () =>
      computeStats({
        ts: big.ts,
        equity: sim.equity,
        trades: sim.trades,
        closes: [big.close],
        warmups: [signals.warmup],
        commissionsPaid: 0,
      }),
    { runs: 9, warmup: 5 },
  );
  const rate = (ms: number) => `${(N / ms / 1000).toFixed(1)} M bars/s`;

  // sweep: fast 2..51 × slow 60..155 step 5 = 1,000 combinations, one shared cache
  const goog = readFixture("GOOG.csv");
  const combos: { fast: number; slow: number }[] = [];
  for (let fast = 2; fast <= 51; fast++) {
    for (let slow = 60; slow <= 155; slow += 5) combos.push({ fast, slow });
  }
  let useKernel = false;
  const sweep = () => {
    const c = new IndicatorCache();
    let best = -Infinity;
    for (const p of combos) {
      const r = runBacktest({
        symbols: [{ symbol: "GOOG", bars: goog }],
        strategy: "sma_cross",
        params: p,
      }, { cache: c, kernel: useKernel ? kernel : null });
      if (r.stats.sqn > best) best = r.stats.sqn;
    }
    return best;
  };
  const sweepMs = timeMedian(sweep, { runs: 3, warmup: 1 });
  useKernel = kernel !== null;
  const sweepWasmMs = kernel ? timeMedian(sweep, { runs: 3, warmup: 1 }) : NaN;

  const sweepNote = (ms: number) =>
    `${(combos.length * goog.length / ms / 1000).toFixed(1)} M bars/s, ${
      (ms / combos.length * 1000).toFixed(0)
    } µs/run`;
  return [
    {
      title: `sma_cross 10/30, one run over ${N.toLocaleString("en")} bars`,
      rows: [
        {
          name: "runBacktest (cold: SMAs + signals + loop + stats)",
          ms: cold.wall,
          note: `${rate(cold.wall)}; main-thread CPU ${cold.cpu.toFixed(1)} ms = ${rate(cold.cpu)}`,
        },
        {
          name: "runBacktest (cold, new series each run: nothing cached)",
          ms: fresh.wall,
          note: `${rate(fresh.wall)}; main-thread CPU ${fresh.cpu.toFixed(1)} ms = ${
            rate(fresh.cpu)
          }`,
        },
        {
          name: "runBacktest (first call in the process, JIT cold)",
          ms: first.wall,
          note: `${rate(first.wall)}; main-thread CPU ${first.cpu.toFixed(1)} ms`,
        },
        { name: "runBacktest (warm indicator cache)", ms: warm, note: rate(warm) },
        { name: "event loop only (simulate)", ms: loop, note: rate(loop) },
        {
          name: "runBacktest (warm cache, WASM loop)",
          ms: wasmWarm,
          note: kernel ? rate(wasmWarm) : "core.wasm not built",
        },
        {
          name: "event loop only, WASM (copies in/out included)",
          ms: wasmLoop,
          note: kernel ? rate(wasmLoop) : "core.wasm not built",
        },
        { name: "stats only (computeStats)", ms: stats, note: rate(stats) },
      ],
      notes: [
        "target: ≥ 20 M bars/s for one run",
        "cold rows: a new IndicatorCache each run; 'cold' as measured before (5 runs after 1 warm-up,",
        "same series, so beta's market log returns are cached per close column after the first run)",
      ],
    },
    {
      title: `sma_cross sweep on GOOG daily (${goog.length} bars), ${combos.length} combinations`,
      rows: [
        { name: "sweep, shared indicator cache", ms: sweepMs, note: sweepNote(sweepMs) },
        {
          name: "sweep, shared cache, WASM loop",
          ms: sweepWasmMs,
          note: kernel ? sweepNote(sweepWasmMs) : "core.wasm not built",
        },
      ],
      notes: ["target: < 1,000 ms for the whole sweep"],
    },
  ];
}
