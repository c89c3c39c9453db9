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
  newGreeksBatch,
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
}

/** Batch kernels; the same interface whether WASM or the TypeScript fallback runs them. */
export interface Kernels {
  /** "wasm" when core.wasm loaded, "ts" when the TypeScript references run instead. */
  readonly backend: Backend;
  /** Why the fallback is in use (only when backend is "ts"). */
  readonly fallbackReason?: string;
  /** Standard normal CDF (exposed for parity tests). */
  normCdf(x: number): number;
  /** Black-Scholes-Merton prices and Greeks for a batch; see lib/options/bsm.ts. */
  bsmBatch(input: BsmBatchInput): GreeksBatch;
  /** Implied vols for a batch (status 0 = ok); see lib/options/iv.ts. */
  ivBatch(input: IvBatchInput): IvBatch;
  /** American prices and Greeks (CRR tree, control variate); see lib/options/american.ts. */
  americanBatch(input: BsmBatchInput, options?: AmericanOptions): GreeksBatch;
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
    bsmBatch: (input) => bsmBatchTs(input),
    ivBatch: (input) => ivBatchTs(input),
    americanBatch: (input, options) => americanBatchTs(input, options),
  };
}

function wasmKernels(wasm: KernelExports): Kernels {
  /** Copies `columns` into one block, runs `call`, copies `outColumns` back; resets the arena. */
  function runColumns(
    n: number,
    inputs: readonly Float64Array[],
    outputs: readonly Float64Array[],
    call: (inPtr: number, outPtr: number) => void,
    scratchBytes = 0,
  ): void {
    if (n === 0) return;
    try {
      const inPtr = wasm.alloc(inputs.length * n * F64);
      const outPtr = wasm.alloc(outputs.length * n * F64 + scratchBytes);
      // take the view after allocating: growing memory detaches older views
      let heap = new Float64Array(wasm.memory.buffer);
      inputs.forEach((col, c) => heap.set(col, inPtr / F64 + c * n));
      call(inPtr, outPtr);
      heap = new Float64Array(wasm.memory.buffer);
      outputs.forEach((col, c) => {
        const start = outPtr / F64 + c * n;
        col.set(heap.subarray(start, start + n));
      });
    } finally {
      wasm.resetHeap();
    }
  }

  return {
    backend: "wasm",
    normCdf: (x) => wasm.normCdf(x),
    bsmBatch(input) {
      const n = assertBatchLength(input, "bsmBatch");
      const out = newGreeksBatch(n);
      runColumns(
        n,
        BSM_INPUT_COLUMNS.map((name) => input[name]),
        GREEKS_COLUMNS.map((name) => out[name]),
        (inPtr, outPtr) => wasm.bsmBatch(inPtr, outPtr, n),
      );
      return out;
    },
    ivBatch(input) {
      const n = assertIvBatchLength(input, "ivBatch");
      const out: IvBatch = { iv: new Float64Array(n), status: new Float64Array(n) };
      runColumns(
        n,
        IV_INPUT_COLUMNS.map((name) => input[name]),
        [out.iv, out.status],
        (inPtr, outPtr) => wasm.ivBatch(inPtr, outPtr, n),
      );
      return out;
    },
    americanBatch(input, { steps = 500, controlVariate = true } = {}) {
      assertSteps("americanBatch", steps);
      const n = assertBatchLength(input, "americanBatch");
      const out = newGreeksBatch(n);
      const outCols = GREEKS_COLUMNS.map((name) => out[name]);
      runColumns(
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
            outPtr + outCols.length * n * F64,
          ),
        2 * (steps + 1) * F64,
      );
      return out;
    },
  };
}

function abort(_message: number, _file: number, line: number, column: number): never {
  throw new Error(`core-wasm: abort at ${line}:${column}`);
}
