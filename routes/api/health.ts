/** `/api/v1/health` and the OpenAPI document. */
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../../lib/http/env.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";

/** The app version, shown by health and the OpenAPI document. */
export const VERSION = "0.1.0";

const Health = z.object({
  status: z.literal("ok"),
  version: z.string(),
  time: z.number(),
  kv: z.literal("ok"),
});

export const healthApi = new Hono<AppEnv>().get("/health", async (c) => {
  await c.var.deps.kv.get(["health_probe"]); // proves the store answers
  return c.json({ status: "ok", version: VERSION, time: c.var.deps.clock.now(), kv: "ok" });
});

export const healthDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/health",
    summary: "Liveness: the server and its KV store answer",
    tags: ["system"],
    response: Health,
    public: true,
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This OpenAPI 3.1 document",
    tags: ["system"],
    public: true,
  },
];
