/**
 * `zValidator` with ThetaForge's error policy: 400 `invalid_request` with every issue listed.
 * @module
 */
import { zValidator } from "@hono/zod-validator";
import type { Context, ValidationTargets } from "hono";
import type * as z from "zod";
import { ApiError, validationError } from "./errors.ts";
import type { AppEnv } from "./env.ts";

/** Validates a request part with a zod schema; failures answer 400 `invalid_request`. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) return c.json(validationError(result.error), 400);
  });
}

/** The current owner, or a 401 when the request is anonymous. */
export function requireOwner(c: Context<AppEnv>): string {
  const owner = c.var.owner;
  if (!owner) throw new ApiError(401, "unauthorized", "Sign in or send an API token");
  return owner;
}

/** Parses `value` with `schema` or throws a 400 `invalid_request` ApiError listing the issues. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const body = validationError(r.error);
    throw new ApiError(400, "invalid_request", body.error.message, body.error.issues);
  }
  return r.data;
}

/** The request's JSON body, or a 400 `invalid_request` ApiError when it is not valid JSON. */
export async function readJsonBody(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new ApiError(400, "invalid_request", "Body is not valid JSON");
  }
}
