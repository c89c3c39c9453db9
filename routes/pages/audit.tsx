/**
 * `/audit`: the trade auditor. Upload broker exports (or type rows), list saved audits, and
 * `/audit/{id}` shows a saved report. The upload island posts to the API; without JavaScript the
 * same form posts here and the server redirects to the report.
 * @module
 */
import { Hono } from "hono";
import { deleteAudit, getAudit, listAudits, saveAudit } from "../../lib/audit/audits_repo.ts";
import { ApiError } from "../../lib/http/errors.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { parseOr400 } from "../../lib/http/validate.ts";
import { Island } from "../../lib/ui/island.tsx";
import { fmtDate, htmlPage } from "../../lib/ui/page.tsx";
import AuditReport from "../../islands/AuditReport.tsx";
import AuditUpload from "../../islands/AuditUpload.tsx";
import { auditForRequest, AuditRequest } from "../api/audits.ts";

const STYLES = ["/static/build/uPlot.min.css"];

/** Reports up to this size (JSON bytes) are rendered into the page; larger ones load after. */
export const INLINE_REPORT_BYTES = 2_000_000;

function usd(x: number): string {
  return `${x < 0 ? "−" : ""}$${
    Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  }`;
}

/** `/audit` (upload and saved list), `/audit/{id}` (report) and the no-JS form posts. */
export const auditPage = new Hono<AppEnv>()
  .get("/audit", async (c) => {
    const owner = c.var.owner;
    if (!owner) return c.redirect("/login", 303);
    const { kv, clock } = c.var.deps;
    const saved = await listAudits(kv, owner);
    return htmlPage(
      c,
      "Trade audit",
      <section>
        <h1>Trade audit</h1>
        <p class="muted">
          Tastytrade (transaction history, legacy layout, orders export), IBKR (Flex query, Activity
          Statement) or manual rows. Opens and closes are matched per contract, legs grouped into
          strategies, rolls followed, and the result judged for your style.
        </p>
        <Island
          name="AuditUpload"
          component={AuditUpload}
          props={{ csrf: c.var.csrf, today: fmtDate(clock.now()) }}
        />
        <h2>Saved audits</h2>
        {saved.length === 0
          ? <p class="muted" id="audit-none">No saved audits yet.</p>
          : (
            <div class="table-wrap">
              <table id="audit-list">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Saved</th>
                    <th>As of</th>
                    <th class="num">Strategies</th>
                    <th class="num">Net PnL</th>
                    <th>Verdict</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  {saved.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <a href={`/audit/${encodeURIComponent(a.id)}`}>{a.name}</a>
                      </td>
                      <td>{fmtDate(a.createdAt, true)}</td>
                      <td>{a.asOf}</td>
                      <td class="num">{a.strategies}</td>
                      <td class={`num ${a.netPnl > 0 ? "pos" : a.netPnl < 0 ? "neg" : ""}`}>
                        {usd(a.netPnl)}
                      </td>
                      <td>
                        <span
                          class={`badge ${
                            {
                              green: "green",
                              amber: "amber",
                              red: "red",
                              insufficient: "",
                            }[a.verdict]
                          }`}
                        >
                          {a.headline}
                        </span>
                      </td>
                      <td>
                        <form method="post" action={`/audit/${encodeURIComponent(a.id)}/delete`}>
                          <input type="hidden" name="csrf" value={c.var.csrf} />
                          <button class="danger" type="submit">Delete</button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>,
      { styles: STYLES },
    );
  })
  .post("/audit", async (c) => {
    // the no-JavaScript path of the upload form
    const owner = c.var.owner;
    if (!owner) return c.redirect("/login", 303);
    const form = await c.req.parseBody({ all: true });
    const list = [form.file].flat().filter((f): f is File => f instanceof File && f.size > 0);
    const files = await Promise.all(
      list.map(async (f) => ({ name: f.name, text: await f.text() })),
    );
    const options: Record<string, unknown> = {};
    for (const k of ["broker", "style", "asOf", "from", "to"]) {
      if (typeof form[k] === "string" && form[k] !== "") options[k] = form[k];
    }
    for (
      const k of ["feePerContract", "accountSize", "netLiq", "buyingPower", "buyingPowerLimitPct"]
    ) {
      if (typeof form[k] === "string" && form[k] !== "") options[k] = Number(form[k]);
    }
    const { kv, clock, newId } = c.var.deps;
    try {
      const body = parseOr400(AuditRequest, {
        files,
        options,
        name: typeof form.name === "string" && form.name ? form.name : undefined,
      });
      const now = clock.now();
      const report = await auditForRequest(kv, owner, body, now);
      const id = newId();
      const names = files.map((f) => f.name);
      const saved = await saveAudit(kv, owner, id, {
        name: body.name ?? `Audit of ${names.join(", ")}`.slice(0, 120),
        createdAt: now,
        files: names,
      }, report);
      if (!saved.ok) {
        throw new ApiError(413, "payload_too_large", "The report is too large to save");
      }
      return c.redirect(`/audit/${encodeURIComponent(id)}`, 303);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return htmlPage(
        c,
        "Trade audit",
        <section>
          <h1>Trade audit</h1>
          <div class="alert error" role="alert" id="audit-error">
            <strong>{err.message}</strong>
          </div>
          <p>
            <a href="/audit">Back</a>
          </p>
        </section>,
        { status: err.status },
      );
    }
  })
  .get("/audit/:auditId", async (c) => {
    const owner = c.var.owner;
    if (!owner) return c.redirect("/login", 303);
    const id = c.req.param("auditId");
    const found = await getAudit(c.var.deps.kv, owner, id);
    if (!found) {
      return htmlPage(
        c,
        "Audit not found",
        <section>
          <h1>Audit not found</h1>
          <p>
            <a href="/audit">All audits</a>
          </p>
        </section>,
        { status: 404 },
      );
    }
    return htmlPage(
      c,
      found.summary.name,
      <section>
        <p>
          <a href="/audit">← All audits</a>
        </p>
        <h1>{found.summary.name}</h1>
        <p class="muted">
          As of {found.report.asOf} · {found.report.style} · {found.summary.files.join(", ")}
        </p>
        <Island
          name="AuditReport"
          component={AuditReport}
          props={{
            // a big report is fetched by the island rather than inlined twice (HTML and props)
            report: found.summary.bytes <= INLINE_REPORT_BYTES ? found.report : null,
            auditId: id,
            csrf: c.var.csrf,
          }}
        />
      </section>,
      { styles: STYLES },
    );
  })
  .post("/audit/:auditId/delete", async (c) => {
    const owner = c.var.owner;
    if (!owner) return c.redirect("/login", 303);
    await deleteAudit(c.var.deps.kv, owner, c.req.param("auditId"));
    return c.redirect("/audit", 303);
  });
