/**
 * The OpenAPI 3.1 document, built from zod schemas. Each route module exports a `RouteDoc[]`
 * next to its handlers; `createApp` collects them and serves `/api/v1/openapi.json`.
 * @module
 */
import * as z from "zod";

/** How one route is documented. Paths use OpenAPI's `{param}` syntax, relative to `/api/v1`. */
export interface RouteDoc {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** JSON body schema; use `bodyContentTypes` for CSV or multipart bodies. */
  body?: z.ZodType;
  bodyContentTypes?: string[];
  /** Success response schema (200 unless `status` says otherwise). */
  response?: z.ZodType;
  status?: number;
  /** True when anonymous callers may use it (health, docs, shared links). */
  public?: boolean;
}

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

function schemaOf(s: z.ZodType): unknown {
  return z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
}

function parametersOf(where: "path" | "query", obj?: z.ZodObject) {
  if (!obj) return [];
  return Object.entries(obj.shape).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || !(s as z.ZodType).safeParse(undefined).success,
    schema: schemaOf(s as z.ZodType),
  }));
}

/** Builds the OpenAPI document for `docs`. */
export function buildOpenApi(docs: readonly RouteDoc[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of docs) {
    const responses: Record<string, unknown> = {
      [String(d.status ?? 200)]: {
        description: "Success",
        ...(d.response && { content: { "application/json": { schema: schemaOf(d.response) } } }),
      },
      "400": { $ref: "#/components/responses/Error" },
    };
    if (!d.public) responses["401"] = { $ref: "#/components/responses/Error" };
    const content: Record<string, unknown> = {};
    if (d.body) content["application/json"] = { schema: schemaOf(d.body) };
    for (const t of d.bodyContentTypes ?? []) content[t] = { schema: { type: "string" } };
    (paths[`/api/v1${d.path}`] ??= {})[d.method] = {
      summary: d.summary,
      ...(d.description && { description: d.description }),
      tags: d.tags ?? [],
      parameters: [...parametersOf("path", d.params), ...parametersOf("query", d.query)],
      ...(Object.keys(content).length > 0 && { requestBody: { required: true, content } }),
      responses,
      ...(d.public ? { security: [] } : {}),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "ThetaForge API",
      version: info.version,
      description:
        "JSON API of ThetaForge. Errors are `{ error: { code, message, issues } }`; NaN and Infinity are sent as null; times are unix milliseconds.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "tf_session" },
      },
      responses: {
        Error: {
          description: "Error",
          content: { "application/json": { schema: schemaOf(ErrorBody) } },
        },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
