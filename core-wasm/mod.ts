/**
 * Typed wrapper around static/build/core.wasm (AssemblyScript sources in core-wasm/assembly).
 * This is the only module that knows about pointers. It runs in Deno and in the browser (no
 * `Deno.*` here; see load_server.ts for reading the file on the server). Every kernel is one
 * call per batch over typed-array columns; when the module cannot load, {@link loadKernels}
 * falls back to the TypeScript references in lib/ and says so (`backend: "ts"` and a log line).
 * @module
 */
import {
  assertBatchLength,
  BSM_INPUT_COLUMNS,
  bsmBatch as bsmBatchTs,
  type BsmBatchInput,
  GREEKS_COLUMNS,
  type GreeksBatch,
} from "../lib/options/bsm.ts";
import { normCdf as normCdfTs } from "../lib/options/normal.ts";
import {
  assertIvBatchLength,
  IV_INPUT_COLUMNS,
  type IvBatch,
  ivBatch as ivBatchTs,
  type IvBatchInput,
} from "../lib/options/iv.ts";
import {
  americanBatch as americanBatchTs,
  type AmericanOptions,
  assertSteps,
} from "../lib/options/american.ts";
import { seedState, Xoshiro128ss } from "../lib/montecarlo/prng.ts";
import {
  CONFIG_FIELDS,
  fillCagr,
  type MonteCarloConfig,
  type MonteCarloResult,
  PER_PATH_KERNEL_ROWS,
  type PerPathResult,
  resolveConfig,
  simulate as simulateTs,
  SUMMARY_LENGTH,
  unpackResult,
} from "../lib/montecarlo/simulate.ts";

/** Which implementation a {@link Kernels} object runs. */
export type Backend = "wasm" | "ts";

/** The raw exports of core.wasm; see assembly/index.ts. */
interface KernelExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  resetHeap(): void;
  normCdf(x: number): number;
  bsmBatch(inPtr: number, outPtr: number, n: number): void;
  ivBatch(inPtr: number, outPtr: number, n: number): void;
  americanBatch(
    inPtr: number,
    outPtr: number,
    n: number,
    steps: number,
    controlVariate: number,
    scratch: number,
  ): void;
  monteCarlo(cfgPtr: number, tradesPtr: number, nTrades: number, outPtr: number): void;
  rngSeed(seed: number): void;
  rngNextU32(): number;
  rngNextFloat(): number;
  rngNextNormal(): number;
}

/** Batch kernels; the same interface whether WASM or the TypeScript fallback runs them. */
export interface Kernels {
  /** "wasm" when core.wasm loaded, "ts" when the TypeScript references run instead. */
  readonly backend: Backend;
  /** Why the fallback is in use (only when backend is "ts"). */
  readonly fallbackReason?: string;
  /** Standard normal CDF (exposed for parity tests). */
  normCdf(x: number): number;
  /**
   * Black-Scholes-Merton prices and Greeks for a batch; see lib/options/bsm.ts. Pass `out`
   * (columns of the batch's length) to have the results written there instead of new arrays.
   */
  bsmBatch(input: BsmBatchInput, out?: GreeksBatch): GreeksBatch;
  /** Implied vols for a batch (status 0 = ok); see lib/options/iv.ts. */
  ivBatch(input: IvBatchInput): IvBatch;
  /** American prices and Greeks (CRR tree, control variate); see lib/options/american.ts. */
  americanBatch(input: BsmBatchInput, options?: AmericanOptions): GreeksBatch;
  /** Monte Carlo paths and their statistics; see lib/montecarlo/simulate.ts. */
  monteCarlo(config: MonteCarloConfig): MonteCarloResult;
  /** The first `count` outputs of the seeded generator (nextU32 as unsigned), for parity tests. */
  rngStream(seed: number, count: number, kind: "u32" | "float" | "normal"): Float64Array;
}

/** Where the module comes from: a URL to fetch, the bytes, a fetch Response, or a compiled module. */
export type WasmSource = URL | string | BufferSource | Response | WebAssembly.Module;

/** Options of {@link loadKernels}. */
export interface LoadOptions {
  /** Receives the one-line notice when falling back to TypeScript (default console.warn). */
  log?: (message: string) => void;
  /** Skip WASM entirely and use the TypeScript references (tests, comparisons). */
  forceTs?: boolean;
}

const F64 = 8;

/** The default place of core.wasm: /static/build/core.wasm in a browser, else beside this repo. */
export function defaultWasmUrl(): URL {
  const loc = (globalThis as { location?: { origin: string } }).location;
  if (loc?.origin && loc.origin !== "null") return new URL("/static/build/core.wasm", loc.origin);
  return new URL("../static/build/core.wasm", import.meta.url);
}

/**
 * Instantiates core.wasm and returns its batch kernels. If the module cannot be fetched,
 * compiled or instantiated, returns the TypeScript reference kernels instead with
 * `backend: "ts"` and logs one line saying why.
 *
 * @example
 * ```ts ignore
 * const k = await loadKernels(); // browser: fetches /static/build/core.wasm
 * k.backend; // "wasm"
 * ```
 */
export async function loadKernels(
  source: WasmSource = defaultWasmUrl(),
  options: LoadOptions = {},
): Promise<Kernels> {
  if (options.forceTs) return tsKernels("forced by caller");
  try {
    const instance = await instantiate(source);
    return wasmKernels(instance.exports as unknown as KernelExports);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    (options.log ?? console.warn)(
      `core-wasm: WASM unavailable (${reason}); using the TypeScript reference kernels`,
    );
    return tsKernels(reason);
  }
}

async function instantiate(source: WasmSource): Promise<WebAssembly.Instance> {
  const imports = { env: { abort } };
  if (source instanceof WebAssembly.Module) return await WebAssembly.instantiate(source, imports);
  let bytes: BufferSource;
  if (source instanceof URL || typeof source === "string") {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`fetch ${String(source)}: HTTP ${res.status}`);
    bytes = await res.arrayBuffer();
  } else if (source instanceof Response) {
    if (!source.ok) throw new Error(`core.wasm response: HTTP ${source.status}`);
    bytes = await source.arrayBuffer();
  } else {
    bytes = source;
  }
  return (await WebAssembly.instantiate(bytes, imports)).instance;
}

/** The TypeScript reference kernels (the fallback, and the specification). */
export function tsKernels(reason = "forced by caller"): Kernels {
  return {
    backend: "ts",
    fallbackReason: reason,
    normCdf: normCdfTs,
    bsmBatch: (input, out) => bsmBatchTs(input, out),
    ivBatch: (input) => ivBatchTs(input),
    americanBatch: (input, options) => americanBatchTs(input, options),
    monteCarlo: (config) => simulateTs(config),
    rngStream(seed, count, kind) {
      const rng = new Xoshiro128ss(seed);
      const draw = kind === "u32"
        ? () => rng.nextU32()
        : kind === "float"
        ? () => rng.nextFloat()
        : () => rng.nextNormal();
      return Float64Array.from({ length: count }, draw);
    },
  };
}

function wasmKernels(wasm: KernelExports): Kernels {
  /**
   * Copies the input columns into one block, runs `call`, and returns `outputs` columns sliced
   * out of the output block (slice allocates and copies in one step); resets the arena.
   */
  function runColumns(
    n: number,
    inputs: readonly Float64Array[],
    outputs: number,
    call: (inPtr: number, outPtr: number) => void,
    scratchBytes = 0,
    into?: readonly Float64Array[],
  ): Float64Array[] {
    if (n === 0) return Array.from({ length: outputs }, () => new Float64Array(0));
    try {
      const inPtr = wasm.alloc(inputs.length * n * F64);
      const outPtr = wasm.alloc(outputs * n * F64 + scratchBytes);
      // take the view after allocating: growing memory detaches older views
      let heap = new Float64Array(wasm.memory.buffer);
      inputs.forEach((col, c) => heap.set(col, inPtr / F64 + c * n));
      call(inPtr, outPtr);
      heap = new Float64Array(wasm.memory.buffer);
      return Array.from({ length: outputs }, (_, c) => {
        const start = outPtr / F64 + c * n;
        if (!into) return heap.slice(start, start + n);
        into[c].set(heap.subarray(start, start + n));
        return into[c];
      });
    } finally {
      wasm.resetHeap();
    }
  }

  function toGreeks(cols: Float64Array[]): GreeksBatch {
    const [price, delta, gamma, theta, vega, rho] = cols;
    return { price, delta, gamma, theta, vega, rho };
  }

  return {
    backend: "wasm",
    normCdf: (x) => wasm.normCdf(x),
    bsmBatch(input, out) {
      const n = assertBatchLength(input, "bsmBatch");
      const into = out && GREEKS_COLUMNS.map((name) => out[name]);
      if (into?.some((col) => col.length !== n)) {
        throw new RangeError(`bsmBatch: expected every out column to have ${n} values`);
      }
      return toGreeks(runColumns(
        n,
        BSM_INPUT_COLUMNS.map((name) => input[name]),
        GREEKS_COLUMNS.length,
        (inPtr, outPtr) => wasm.bsmBatch(inPtr, outPtr, n),
        0,
        into,
      ));
    },
    ivBatch(input) {
      const n = assertIvBatchLength(input, "ivBatch");
      const [iv, status] = runColumns(
        n,
        IV_INPUT_COLUMNS.map((name) => input[name]),
        2,
        (inPtr, outPtr) => wasm.ivBatch(inPtr, outPtr, n),
      );
      return { iv, status };
    },
    americanBatch(input, { steps = 500, controlVariate = true } = {}) {
      assertSteps("americanBatch", steps);
      const n = assertBatchLength(input, "americanBatch");
      const outCols = GREEKS_COLUMNS.length;
      return toGreeks(runColumns(
        n,
        BSM_INPUT_COLUMNS.map((name) => input[name]),
        outCols,
        (inPtr, outPtr) =>
          wasm.americanBatch(
            inPtr,
            outPtr,
            n,
            steps,
            controlVariate ? 1 : 0,
            outPtr + outCols * n * F64,
          ),
        2 * (steps + 1) * F64,
      ));
    },
    monteCarlo(config) {
      const { cfg, trades } = resolveConfig(config);
      const P = cfg.paths;
      const W = cfg.steps + 1;
      const finalsAt = 5 * W + SUMMARY_LENGTH;
      const samplesAt = finalsAt + P;
      const perPathAt = samplesAt + cfg.samples * W;
      const outLength = perPathAt + (cfg.perPath ? PER_PATH_KERNEL_ROWS * P : 0);
      try {
        const cfgPtr = wasm.alloc(CONFIG_FIELDS.length * F64);
        const tradesPtr = wasm.alloc(Math.max(1, trades.length) * F64);
        const outPtr = wasm.alloc(outLength * F64);
        let heap = new Float64Array(wasm.memory.buffer);
        CONFIG_FIELDS.forEach((name, i) => (heap[cfgPtr / F64 + i] = cfg[name]));
        heap.set(trades, tradesPtr / F64);
        wasm.monteCarlo(cfgPtr, tradesPtr, trades.length, outPtr);
        // the kernel allocates its per-path scratch, so memory may have grown
        heap = new Float64Array(wasm.memory.buffer);
        const out = heap.slice(outPtr / F64, outPtr / F64 + outLength);
        const summary = out.subarray(5 * W, finalsAt);
        const finals = out.subarray(finalsAt, samplesAt);
        let perPath: PerPathResult | undefined;
        if (cfg.perPath) {
          const row = (r: number) => out.slice(perPathAt + r * P, perPathAt + (r + 1) * P);
          perPath = {
            finalEquity: finals.slice(),
            maxDrawdown: row(0),
            cagr: new Float64Array(P),
            ruinStep: row(1),
            troughStep: row(2),
            recoverySteps: row(3),
          };
        }
        fillCagr(cfg, finals, summary, perPath?.cagr);
        return unpackResult(
          cfg,
          out.subarray(0, 5 * W),
          summary,
          out.subarray(samplesAt, perPathAt),
          perPath,
        );
      } finally {
        wasm.resetHeap();
      }
    },
    rngStream(seed, count, kind) {
      seedState(seed); // validates
      wasm.rngSeed(seed);
      const draw = kind === "u32"
        ? () => wasm.rngNextU32() >>> 0
        : kind === "float"
        ? () => wasm.rngNextFloat()
        : () => wasm.rngNextNormal();
      return Float64Array.from({ length: count }, draw);
    },
  };
}

function abort(_message: number, _file: number, line: number, column: number): never {
  throw new Error(`core-wasm: abort at ${line}:${column}`);
}
