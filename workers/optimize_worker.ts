/**
 * Browser web worker for the optimiser: runs grid/random searches and walk-forward analyses
 * (lib/optimize) off the main thread, posting progress, and answers with the same JSON shapes
 * as the API (lib/optimize/serialize.ts). Bundled by esbuild to static/build/optimize_worker.js.
 *
 * Messages in: {@link WorkerRequest}; out: {@link WorkerReply}.
 * @module
 */
import * as z from "zod";
import type { BarSeries } from "../lib/domain/bar.ts";
import { combineSearch, Search, type SearchPart, SearchSpec } from "../lib/optimize/search.ts";
import { type SearchJson, searchToJson, walkForwardToJson } from "../lib/optimize/serialize.ts";
import type { WalkForwardJson } from "../lib/optimize/serialize.ts";
import { WalkForwardSpec, walkForwardSteps } from "../lib/optimize/walkforward.ts";

const Columns = z.object({
  symbol: z.string(),
  ts: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
});

/** What the page sends. */
export const WorkerRequest = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("search"),
    id: z.int(),
    symbols: z.array(Columns).min(1),
    spec: z.unknown(),
    /** Only this share of the points; the reply is a `part` for a later `combine`. */
    shard: z.object({ index: z.int().min(0), count: z.int().min(1) }).optional(),
  }),
  z.object({
    type: z.literal("combine"),
    id: z.int(),
    spec: z.unknown(),
    parts: z.array(z.object({
      points: z.int(),
      trials: z.array(z.any()),
      blocks: z.instanceof(Float64Array),
      invalid: z.int(),
      invalidExample: z.string().nullable(),
    })),
    durationMs: z.number().default(0),
  }),
  z.object({
    type: z.literal("walkforward"),
    id: z.int(),
    symbols: z.array(Columns).min(1),
    spec: z.unknown(),
  }),
]);
export type WorkerRequest = z.input<typeof WorkerRequest>;

/** What the worker answers. */
export type WorkerReply =
  | { type: "progress"; id: number; done: number; total: number }
  | { type: "result"; id: number; result: SearchJson | WalkForwardJson; ms: number }
  | { type: "part"; id: number; part: SearchPart; ms: number }
  | { type: "error"; id: number; message: string };

function toSeries(c: z.infer<typeof Columns>): BarSeries {
  return {
    length: c.ts.length,
    ts: Float64Array.from(c.ts),
    open: Float64Array.from(c.open),
    high: Float64Array.from(c.high),
    low: Float64Array.from(c.low),
    close: Float64Array.from(c.close),
    volume: Float64Array.from(c.volume),
  };
}

/** Runs one request, reporting through `post` at most every `everyMs` milliseconds. */
export function handle(raw: unknown, post: (r: WorkerReply) => void, everyMs = 100): void {
  const req = WorkerRequest.safeParse(raw);
  if (!req.success) {
    post({ type: "error", id: -1, message: z.prettifyError(req.error) });
    return;
  }
  const { id } = req.data;
  const t0 = performance.now();
  let last = 0;
  const progress = (done: number, total: number) => {
    const now = performance.now();
    if (now - last >= everyMs || done === total) {
      last = now;
      post({ type: "progress", id, done, total });
    }
  };
  try {
    if (req.data.type === "combine") {
      const spec = SearchSpec.parse(req.data.spec);
      const r = combineSearch(spec, req.data.parts as SearchPart[], {
        durationMs: req.data.durationMs,
      });
      post({ type: "result", id, result: searchToJson(r), ms: performance.now() - t0 });
      return;
    }
    const symbols = req.data.symbols.map((c) => ({ symbol: c.symbol, bars: toSeries(c) }));
    if (req.data.type === "search") {
      const spec = SearchSpec.parse(req.data.spec);
      const s = new Search({ symbols }, spec, req.data.shard);
      while (!s.step(200)) progress(s.done, s.total);
      progress(s.total, s.total);
      if (req.data.shard) {
        post({ type: "part", id, part: s.part(), ms: performance.now() - t0 });
        return;
      }
      post({
        type: "result",
        id,
        result: searchToJson(s.result()),
        ms: performance.now() - t0,
      });
    } else {
      const spec = WalkForwardSpec.parse(req.data.spec);
      const it = walkForwardSteps(symbols, spec, 200);
      for (;;) {
        const r = it.next();
        if (r.done) {
          post({
            type: "result",
            id,
            result: walkForwardToJson(r.value),
            ms: performance.now() - t0,
          });
          break;
        }
        progress(r.value[0], r.value[1]);
      }
    }
  } catch (err) {
    const message = err instanceof z.ZodError
      ? z.prettifyError(err)
      : (err as Error).message ?? String(err);
    post({ type: "error", id, message });
  }
}

// In a worker: answer messages. (Importing this module elsewhere, e.g. in tests, does nothing.)
const scope = globalThis as unknown as {
  WorkerGlobalScope?: unknown;
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(m: unknown): void;
};
if (typeof scope.WorkerGlobalScope !== "undefined") {
  scope.onmessage = (e: MessageEvent) => handle(e.data, (r) => scope.postMessage(r));
}
