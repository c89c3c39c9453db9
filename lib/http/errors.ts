/**
 * The one JSON error shape of the API: `{ error: { code, message, issues } }`.
 * @module
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type * as z from "zod";

/** One problem with a request, addressed by a dotted path (`legs.0.strike`, `row 12`). */
export interface ApiIssue {
  path: string;
  message: string;
}

/** The error body every API route returns. */
export interface ApiErrorBody {
  error: { code: string; message: string; issues: ApiIssue[] };
}

/** Builds an error body. */
export function apiError(code: string, message: string, issues: ApiIssue[] = []): ApiErrorBody {
  return { error: { code, message, issues } };
}

/** A request failure a handler throws to stop with a given status, code and issues. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Maps zod issues to API issues. */
export function zodIssues(error: z.core.$ZodError): ApiIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message: i.message,
  }));
}

/** The 400 `invalid_request` body for a failed zod parse. */
export function validationError(error: z.core.$ZodError): ApiErrorBody {
  const issues = zodIssues(error);
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : "";
  return apiError(
    "invalid_request",
    `Invalid request: ${where}${first?.message ?? "failed"}`,
    issues,
  );
}

const CODES: Partial<Record<number, string>> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/** The error code for an HTTP status. */
export function codeFor(status: number): string {
  return CODES[status] ?? (status >= 500 ? "internal" : "http_error");
}

/** Converts anything thrown in a handler to a status and body; never leaks internals for 500s. */
export function toErrorResponse(
  err: unknown,
): { status: ContentfulStatusCode; body: ApiErrorBody } {
  if (err instanceof ApiError) {
    return { status: err.status, body: apiError(err.code, err.message, err.issues) };
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return { status, body: apiError(codeFor(status), err.message || "Request failed") };
  }
  return { status: 500, body: apiError("internal", "Internal server error") };
}

/** `app.onError` for JSON routes. */
export function onApiError(err: Error, c: Context): Response {
  const { status, body } = toErrorResponse(err);
  if (status >= 500) console.error(err);
  return c.json(body, status);
}
