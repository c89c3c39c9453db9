/** `/data`: the data manager (upload CSV with progress, list and delete symbols). */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { Island } from "../../lib/ui/island.tsx";
import { htmlPage } from "../../lib/ui/page.tsx";
import { listManifests } from "../../lib/storage/bars_repo.ts";
import { deleteBars } from "../../lib/storage/bars_repo.ts";
import { importCsv } from "../../lib/data/market.ts";
import { formatIssues } from "../../lib/data/csv.ts";
import { Symbol } from "../../lib/domain/symbol.ts";
import { symbolInfo } from "../api/market.ts";
import DataManager from "../../islands/DataManager.tsx";

export const dataPage = new Hono<AppEnv>()
  .get("/data", async (c) => {
    const symbols = (await listManifests(c.var.deps.kv, c.var.owner)).map(symbolInfo);
    const flash = c.req.query("ok") ?? c.req.query("error");
    return htmlPage(
      c,
      "Data",
      <>
        <h1>Market data</h1>
        <p class="muted">
          Upload daily, intraday or monthly OHLCV files: pandas-style{" "}
          <code>,Open,High,Low,Close,Volume</code> with a date index, Yahoo's{" "}
          <code>Date,Open,High,Low,Close,Adj Close,Volume</code>, or any CSV with a{" "}
          <code>timestamp</code>/<code>date</code>/<code>time</code>{" "}
          column. Times without a zone are UTC. A file with any bad row saves nothing and the report
          names the line.
        </p>
        {flash && (
          <div class={`alert ${c.req.query("ok") ? "ok" : "error"}`} role="status">
            <pre>{flash}</pre>
          </div>
        )}
        <Island
          name="DataManager"
          component={DataManager}
          props={{ symbols, csrf: c.get("csrf" as never) as string | undefined }}
        />
      </>,
    );
  })
  // No-JS fallbacks for the island's form posts.
  .post("/data/upload", async (c) => {
    const owner = c.var.owner;
    if (!owner) return c.redirect("/login", 303);
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) {
      return c.redirect(`/data?error=${encodeURIComponent("Choose a CSV file first.")}`, 303);
    }
    const parsedSymbol = Symbol.safeParse(
      String(form.symbol ?? "").trim() || file.name.replace(/\.[^.]*$/, ""),
    );
    if (!parsedSymbol.success) {
      return c.redirect(
        `/data?error=${encodeURIComponent(parsedSymbol.error.issues[0].message)}`,
        303,
      );
    }
    const result = await importCsv(c.var.deps.kv, owner, parsedSymbol.data, await file.text(), {
      mode: form.mode === "replace" ? "replace" : "merge",
      sort: form.sort === "true",
      dedupe: form.dedupe === "true",
      adjust: form.adjust === "true",
      now: c.var.deps.clock.now(),
    });
    const msg = result.ok
      ? `ok=${
        encodeURIComponent(`Imported ${result.imported} bars into ${result.manifest.symbol}.`)
      }`
      : `error=${encodeURIComponent("Nothing saved.\n" + formatIssues(result.issues))}`;
    return c.redirect(`/data?${msg}`, 303);
  })
  .post("/data/delete/:symbol", async (c) => {
    const owner = c.var.owner;
    if (!owner) return c.redirect("/login", 303);
    const sym = Symbol.safeParse(c.req.param("symbol"));
    const ok = sym.success && await deleteBars(c.var.deps.kv, owner, sym.data);
    return c.redirect(
      ok ? `/data?ok=${encodeURIComponent("Deleted.")}` : "/data?error=Not%20found",
      303,
    );
  });
