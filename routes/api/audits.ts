/**
 * `/api/v1/audits`: run a trade audit on uploaded broker exports (multipart) or JSON rows, save it
 * for the owner, list, reopen, export and delete saved audits. Open positions are priced from the
 * stored bars (last close by the as-of date); symbols without bars are reported "not priced".
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import {
  deleteAudit,
  getAudit,
  listAudits,
  MAX_STORED_BYTES,
  saveAudit,
} from "../../lib/audit/audits_repo.ts";
import { reportToCsv, reportToXlsx } from "../../lib/audit/export/report_tables.ts";
import { ManualRow } from "../../lib/audit/importers/manual.ts";
import { AuditOptions } from "../../lib/audit/options.ts";
import { openSymbols, storedPrices } from "../../lib/audit/prices.ts";
import type { AuditReport } from "../../lib/audit/report.ts";
import { type AuditFile, runAudit } from "../../lib/audit/run.ts";
import { AuditInputError } from "../../lib/audit/types.ts";
import { ApiError } from "../../lib/http/errors.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, requireOwner, validate } from "../../lib/http/validate.ts";

/** At most this many files in one audit. */
export const MAX_FILES = 20;

const AuditFileBody = z.object({ name: z.string().min(1).max(200), text: z.string() });

/** The JSON request: files as text and/or manual rows, options, a name. */
export const AuditRequest = z.object({
  name: z.string().max(120).optional(),
  files: z.array(AuditFileBody).max(MAX_FILES).default([]),
  rows: z.array(ManualRow).max(100_000).default([]),
  options: AuditOptions.default({ broker: "auto", style: "income", buyingPowerLimitPct: 50 }),
  save: z.boolean().default(true),
});

const IdParam = z.object({ auditId: z.string().min(1).max(100) });
const ExportQuery = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") });

const OPTION_FIELDS: Record<string, "string" | "number"> = {
  broker: "string",
  style: "string",
  asOf: "string",
  from: "string",
  to: "string",
  feePerContract: "number",
  accountSize: "number",
  netLiq: "number",
  buyingPower: "number",
  buyingPowerLimitPct: "number",
};

/** Reads a multipart form: `file` fields (repeatable), `rows` (JSON), option fields, `name`. */
async function fromMultipart(req: Request): Promise<unknown> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new ApiError(400, "invalid_request", "Body is not valid multipart/form-data");
  }
  const files: { name: string; text: string }[] = [];
  for (const v of form.getAll("file")) {
    if (typeof v === "string") continue;
    if (v.size === 0 && v.name === "") continue;
    files.push({ name: v.name || `file${files.length + 1}.csv`, text: await v.text() });
  }
  const options: Record<string, unknown> = {};
  for (const [k, type] of Object.entries(OPTION_FIELDS)) {
    const v = form.get(k);
    if (typeof v !== "string" || v.trim() === "") continue;
    options[k] = type === "number" ? Number(v) : v.trim();
  }
  let rows: unknown = [];
  const rowsText = form.get("rows");
  if (typeof rowsText === "string" && rowsText.trim() !== "") {
    try {
      rows = JSON.parse(rowsText);
    } catch {
      throw new ApiError(400, "invalid_request", "rows: not valid JSON", [{
        path: "rows",
        message: "not valid JSON",
      }]);
    }
  }
  const name = form.get("name");
  const save = form.get("save");
  return {
    name: typeof name === "string" && name.trim() ? name.trim() : undefined,
    files,
    rows,
    options,
    save: typeof save === "string" ? save !== "false" && save !== "0" : true,
  };
}

/**
 * Runs the audit for a parsed request, pricing open positions from `owner`'s stored bars.
 * Input errors become 400 `invalid_request` naming file, line and column.
 */
export async function auditForRequest(
  kv: Deno.Kv,
  owner: string,
  body: z.output<typeof AuditRequest>,
  now: number,
): Promise<AuditReport> {
  if (body.files.length === 0 && body.rows.length === 0) {
    throw new ApiError(400, "invalid_request", "Send at least one file or manual row", [
      { path: "files", message: "no files or rows" },
    ]);
  }
  const files: AuditFile[] = body.files;
  const run = (priceOf?: (s: string) => number | undefined) => {
    try {
      return runAudit(files, body.options, { manualRows: body.rows, priceOf, now: () => now });
    } catch (err) {
      if (err instanceof AuditInputError) {
        const path = `${err.file}${err.line > 0 ? `:${err.line}` : ""}${
          err.column ? `:${err.column}` : ""
        }`;
        throw new ApiError(400, "invalid_request", err.message, [{ path, message: err.detail }]);
      }
      throw err;
    }
  };
  const first = run();
  if (first.openPositions.length === 0) return first;
  const asOfMs = Date.parse(`${first.asOf}T23:59:59.999Z`);
  const prices = await storedPrices(kv, owner, openSymbols(first), asOfMs);
  return prices.size ? run((s) => prices.get(s)) : first;
}

/** The audits router, mounted under `/api/v1`. */
export const auditsApi = new Hono<AppEnv>()
  .post("/audits", async (c) => {
    const owner = requireOwner(c);
    const type = c.req.header("content-type") ?? "";
    let raw: unknown;
    if (type.includes("multipart/form-data")) raw = await fromMultipart(c.req.raw);
    else {
      try {
        raw = await c.req.raw.json();
      } catch {
        throw new ApiError(400, "invalid_request", "Body is not valid JSON");
      }
    }
    const body = parseOr400(AuditRequest, raw);
    const { deps } = c.var;
    const now = deps.clock.now();
    const report = await auditForRequest(deps.kv, owner, body, now);
    const names = [...body.files.map((f) => f.name), ...(body.rows.length ? ["manual rows"] : [])];
    if (!body.save) return jsonResponse({ id: null, report });
    const id = deps.newId();
    const name = body.name ?? `Audit of ${names.join(", ")}`.slice(0, 120);
    const saved = await saveAudit(
      deps.kv,
      owner,
      id,
      { name, createdAt: now, files: names },
      report,
    );
    if (!saved.ok) {
      if (saved.reason === "too_large") {
        throw new ApiError(
          413,
          "payload_too_large",
          `The report is larger than ${MAX_STORED_BYTES / 1048576} MB; audit with save=false`,
        );
      }
      throw new ApiError(409, "conflict", `An audit with id ${id} already exists`);
    }
    return jsonResponse({ ...saved.summary, report }, 201);
  })
  .get("/audits", async (c) => {
    const owner = requireOwner(c);
    return jsonResponse({ audits: await listAudits(c.var.deps.kv, owner) });
  })
  .get("/audits/:auditId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const found = await getAudit(c.var.deps.kv, owner, c.req.valid("param").auditId);
    if (!found) throw new ApiError(404, "not_found", "No such audit");
    return jsonResponse({ ...found.summary, report: found.report });
  })
  .get(
    "/audits/:auditId/export",
    validate("param", IdParam),
    validate("query", ExportQuery),
    async (c) => {
      const owner = requireOwner(c);
      const { auditId } = c.req.valid("param");
      const found = await getAudit(c.var.deps.kv, owner, auditId);
      if (!found) throw new ApiError(404, "not_found", "No such audit");
      const { format } = c.req.valid("query");
      const base = `audit-${auditId}`.replace(/[^A-Za-z0-9_-]/g, "_");
      if (format === "xlsx") {
        return new Response((await reportToXlsx(found.report)) as BodyInit, {
          headers: {
            "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "content-disposition": `attachment; filename="${base}.xlsx"`,
          },
        });
      }
      return new Response(reportToCsv(found.report), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${base}.csv"`,
        },
      });
    },
  )
  .delete("/audits/:auditId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const { auditId } = c.req.valid("param");
    const deleted = await deleteAudit(c.var.deps.kv, owner, auditId);
    if (!deleted) throw new ApiError(404, "not_found", "No such audit");
    return jsonResponse({ id: auditId, deleted: true });
  });

const Summary = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.number(),
  files: z.array(z.string()),
  style: z.string(),
  asOf: z.string(),
  strategies: z.number(),
  netPnl: z.number(),
  winRate: z.number().nullable(),
  verdict: z.string(),
  headline: z.string(),
});
const WithReport = Summary.extend({
  report: z.record(z.string(), z.unknown()).describe(
    "{ strategies, totals, behaviour, openPositions, openRisk, verdict, imports, tradePnls, ... }",
  ),
});

/** OpenAPI entries for {@link auditsApi}. */
export const auditsDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/audits",
    summary: "Audit broker exports or manual rows and save the report",
    description:
      "multipart/form-data: `file` (repeatable: Tastytrade transaction history, legacy or orders export; IBKR Flex or Activity Statement; manual CSV), optional `rows` (JSON array of manual rows), `name`, `save`, and option fields broker, style, asOf, from, to, feePerContract, accountSize, netLiq, buyingPower, buyingPowerLimitPct. Or JSON { files: [{name, text}], rows, options, name, save }. A file that fails validation saves nothing; the 400 names file, line and column. With save=false the report is returned with id null.",
    tags: ["audits"],
    body: AuditRequest,
    bodyContentTypes: ["multipart/form-data"],
    response: WithReport,
    status: 201,
  },
  {
    method: "get",
    path: "/audits",
    summary: "Your saved audits, newest first",
    tags: ["audits"],
    response: z.object({ audits: z.array(Summary) }),
  },
  {
    method: "get",
    path: "/audits/{auditId}",
    summary: "One saved audit with its report",
    tags: ["audits"],
    params: IdParam,
    response: WithReport,
  },
  {
    method: "get",
    path: "/audits/{auditId}/export",
    summary: "Download a saved audit: strategies as CSV, or the whole report as XLSX",
    tags: ["audits"],
    params: IdParam,
    query: ExportQuery,
  },
  {
    method: "delete",
    path: "/audits/{auditId}",
    summary: "Delete a saved audit",
    tags: ["audits"],
    params: IdParam,
    response: z.object({ id: z.string(), deleted: z.boolean() }),
  },
];
