/**
 * Serves files below `static/` with the right content types (`.wasm` as application/wasm so
 * streaming instantiation works) and revalidation through ETags.
 * @module
 */
import type { Context } from "hono";

const TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  map: "application/json",
  json: "application/json",
  wasm: "application/wasm",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  csv: "text/csv; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  webmanifest: "application/manifest+json",
};

const ROOT = new URL("../../static/", import.meta.url);

/** Handler for `GET /static/*`. */
export async function serveStaticFile(c: Context): Promise<Response> {
  const rel = decodeURIComponent(c.req.path.replace(/^\/static\//, ""));
  if (rel === "" || rel.split("/").some((p) => p === ".." || p.startsWith("."))) {
    return c.text("Not found", 404);
  }
  const url = new URL(rel, ROOT);
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(url);
  } catch {
    return c.text("Not found", 404);
  }
  if (!info.isFile) return c.text("Not found", 404);
  const etag = `W/"${info.size.toString(36)}-${(info.mtime?.getTime() ?? 0).toString(36)}"`;
  const headers = {
    "content-type": TYPES[rel.split(".").pop() ?? ""] ?? "application/octet-stream",
    "cache-control": "no-cache",
    etag,
  };
  if (c.req.header("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(await Deno.readFile(url), { headers });
}
