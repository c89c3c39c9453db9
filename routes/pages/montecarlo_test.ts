import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { importCsv } from "../../lib/data/market.ts";
import { LOCAL_OWNER } from "../../lib/http/env.ts";
import { saveAudit } from "../../lib/audit/audits_repo.ts";
import type { AuditReport } from "../../lib/audit/report.ts";
import { auditTradeLists, backtestTradeLists } from "./montecarlo.tsx";

const GOOG = Deno.readTextFileSync(new URL("../../tests/fixtures/GOOG.csv", import.meta.url));

Deno.test("montecarlo page - inlines saved backtests' trade returns and saved audits' PnL", async () => {
  using t = await testApp();
  assert.ok((await importCsv(t.kv, LOCAL_OWNER, "GOOG", GOOG)).ok);
  const run = await (await t.app.request(
    "/api/v1/backtests",
    jsonBody({ symbols: ["GOOG"], strategy: "sma_cross", name: "mc source" }),
  )).json();
  const report = {
    style: "income",
    asOf: "2024-06-01",
    accountSize: 50_000,
    totals: { strategies: 3, netPnl: 150, winRate: 2 / 3 },
    verdict: { level: "ok", headline: "fine" },
    tradePnls: [100, -50, 100],
  } as unknown as AuditReport;
  const saved = await saveAudit(t.kv, LOCAL_OWNER, "a1", {
    name: "my audit",
    createdAt: 1,
    files: ["x.csv"],
  }, report);
  assert.ok(saved.ok);

  const bts = await backtestTradeLists(t.kv, LOCAL_OWNER);
  assert.equal(bts.length, 1);
  assert.equal(bts[0].name, "mc source");
  assert.deepEqual(bts[0].returns, run.trades.map((x: { returnPct: number }) => x.returnPct));
  const audits = await auditTradeLists(t.kv, LOCAL_OWNER);
  assert.deepEqual(audits, [{
    id: "audit-a1",
    name: "my audit",
    returns: [100, -50, 100],
    kind: "audit",
    compounding: false,
    initialEquity: 50_000,
  }]);
  const html = await (await t.app.request("/montecarlo")).text();
  assert.match(html, /data-island="MonteCarloSandbox"/);
  assert.match(html, /mc source/);
  assert.match(html, /my audit/);
  // ?source= starts the sandbox on that saved source (the audit report links here)
  const chosen = await (await t.app.request("/montecarlo?source=audit-a1")).text();
  assert.match(chosen, /<option selected value="bt:audit-a1"/);
  assert.doesNotMatch(html, /<option selected value="bt:audit-a1"/);
  const unknown = await (await t.app.request("/montecarlo?source=nope")).text();
  assert.match(unknown, /<option selected value="parametric"/);
});
