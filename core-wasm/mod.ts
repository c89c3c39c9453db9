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

/** Which implementation a {@link Kernels} object runs. */
export type Backend = "wasm" | "ts";

/** The raw exports of core.wasm; see assembly/index.ts. */
interface KernelExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  resetHeap(): void;
  normCdf(x: number): number;
  bsmBatch(inPtr: number, outPtr: number, n: number): void;
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
  };
}

function wasmKernels(wasm: KernelExports): Kernels {
  return {
    backend: "wasm",
    normCdf: (x) => wasm.normCdf(x),
    bsmBatch(input) {
      const n = assertBatchLength(input, "bsmBatch");
      const out = newGreeksBatch(n);
      if (n === 0) return out;
      try {
        const inPtr = wasm.alloc(BSM_INPUT_COLUMNS.length * n * F64);
        const outPtr = wasm.alloc(GREEKS_COLUMNS.length * n * F64);
        // take the view after allocating: growing memory detaches older views
        let heap = new Float64Array(wasm.memory.buffer);
        BSM_INPUT_COLUMNS.forEach((name, c) => heap.set(input[name], inPtr / F64 + c * n));
        wasm.bsmBatch(inPtr, outPtr, n);
        heap = new Float64Array(wasm.memory.buffer);
        GREEKS_COLUMNS.forEach((name, c) => {
          const start = outPtr / F64 + c * n;
          out[name].set(heap.subarray(start, start + n));
        });
        return out;
      } finally {
        wasm.resetHeap();
      }
    },
  };
}

function abort(_message: number, _file: number, line: number, column: number): never {
  throw new Error(`core-wasm: abort at ${line}:${column}`);
}
