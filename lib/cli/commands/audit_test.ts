import assert from "node:assert/strict";
import { cliHarness } from "../testing.ts";
import { readZip } from "../../audit/export/zip.ts";

const FIX = new URL("../../../tests/fixtures/audit/", import.meta.url);
const read = (n: string) => Deno.readTextFileSync(new URL(n, FIX));

const harness = (files: Record<string, string>) =>
  cliHarness(files, { now: Date.UTC(2024, 2, 1, 12) });

Deno.test("cli audit - --json prints the report for several files with duplicates dropped", async () => {
  using h = await harness({ "a.csv": read("tasty_core.csv"), "b.csv": read("tasty_core.csv") });
  const r = await h.run(
    "audit",
    "--file",
    "a.csv",
    "--file",
    "b.csv",
    "--as-of",
    "2024-03-01",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  for (const k of ["strategies", "totals", "behaviour", "openPositions", "verdict"]) {
    assert.ok(k in j, k);
  }
  assert.equal(j.totals.netPnl, 2228.94);
  assert.equal(j.imports.duplicatesDropped, 31);
  // the default as-of is "now" from the injected clock
  const d = await h.run("audit", "--file", "a.csv", "--json");
  assert.equal(JSON.parse(d.stdout).asOf, "2024-03-01");
});

Deno.test("cli audit - options reach the audit: broker, style, fees, prices, account", async () => {
  using h = await harness({ "f.csv": read("ibkr_flex_core.csv") });
  const r = await h.run(
    "audit",
    "--file",
    "f.csv",
    "--broker",
    "ibkr-flex",
    "--style",
    "speculation",
    "--as-of",
    "2024-03-01",
    "--fee-per-contract",
    "0",
    "--account-size",
    "10000",
    "--price",
    "SPY=460",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.style, "speculation");
  assert.equal(j.totals.fees, 0);
  assert.equal(j.totals.netPnl, 2250);
  assert.equal(j.openPositions[0].underlyingPrice, 460);
  assert.ok(j.totals.maxDrawdownPct > 0);
});

Deno.test("cli audit - text output and export to xlsx/csv", async () => {
  using h = await harness({ "t.csv": read("tasty_core.csv") });
  const r = await h.run(
    "audit",
    "--file",
    "t.csv",
    "--as-of",
    "2024-03-01",
    "--export",
    "out.xlsx",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Net PnL\s+\$2228\.94/);
  const entries = await readZip(h.written.get("out.xlsx")!);
  assert.ok(entries.some((e) => e.name === "xl/worksheets/sheet2.xml"));
  await h.run("audit", "--file", "t.csv", "--as-of", "2024-03-01", "--export", "out.csv");
  assert.match(new TextDecoder().decode(h.written.get("out.csv")!), /^Id,Account,Symbol,Strategy/);
});

Deno.test("cli audit - bad input: one line naming the file, line and column", async () => {
  using h = await harness({ "bad.csv": read("tasty_malformed.csv") });
  const r = await h.run("audit", "--file", "bad.csv");
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'error: bad.csv line 4, column "Value": expected a number, was "3OO.OO"\n',
  );
  assert.equal(
    (await h.run("audit")).stderr,
    "error: --file is required (repeat it for several files)\n",
  );
  assert.match(
    (await h.run("audit", "--file", "bad.csv", "--broker", "schwab")).stderr,
    /--broker/,
  );
  assert.match((await h.run("audit", "--file", "nope.csv")).stderr, /cannot read "nope.csv"/);
  assert.match(
    (await h.run("audit", "--file", "bad.csv", "--as-of", "03/01/2024")).stderr,
    /--as-of/,
  );
});
