/**
 * JSON output that never contains NaN or Infinity: non-finite numbers become `null`, and typed
 * arrays become plain arrays.
 * @module
 */

/** `JSON.stringify` replacer: non-finite numbers to null, typed arrays to arrays. */
export function safeReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (value instanceof Float64Array || value instanceof Float32Array) {
    return Array.from(value, (x) => (Number.isFinite(x) ? x : null));
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  return value;
}

/** Serialises `value` as JSON with {@link safeReplacer}. */
export function toSafeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, safeReplacer, space);
}

/** A JSON response whose body went through {@link toSafeJson}. */
export function jsonResponse(value: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(toSafeJson(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}
