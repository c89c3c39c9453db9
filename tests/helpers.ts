/**
 * In-process test helpers: an app over an in-memory KV with a fixed clock, and request shortcuts.
 * @module
 */
import { createApp } from "../app.tsx";
import { DEFAULT_CONFIG, type Deps, localOwner } from "../lib/http/env.ts";

/** The fixed "now" of test apps: 2024-06-03T12:00:00Z. */
export const TEST_NOW = Date.UTC(2024, 5, 3, 12);

/** An app over a fresh `:memory:` KV; dispose it with `using`. */
export async function testApp(overrides: Partial<Deps> = {}) {
  const kv = await Deno.openKv(":memory:");
  let n = 0;
  const deps: Deps = {
    kv,
    clock: { now: () => TEST_NOW },
    config: { ...DEFAULT_CONFIG, seedSampleData: false },
    currentOwner: localOwner,
    newId: () => `id-${++n}`,
    ...overrides,
  };
  const app = createApp(deps);
  return { app, kv, deps, [Symbol.dispose]: () => kv.close() };
}

/** RequestInit for a JSON body. */
export function jsonBody(body: unknown, method = "POST"): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** RequestInit for a CSV body. */
export function csvBody(text: string, method = "POST"): RequestInit {
  return { method, headers: { "content-type": "text/csv" }, body: text };
}
