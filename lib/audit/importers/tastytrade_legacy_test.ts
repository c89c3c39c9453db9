import assert from "node:assert/strict";
import { parseCsv } from "../csv.ts";
import { runAudit } from "../run.ts";
import { AuditInputError } from "../types.ts";
import { importTastytradeLegacy } from "./tastytrade_legacy.ts";

const FIX = new URL("../../../tests/fixtures/audit/", import.meta.url);
const text = Deno.readTextFileSync(new URL("tasty_legacy.csv", FIX));

Deno.test("tastytrade legacy - signs from Action, delivery rows close what is open", () => {
  const { legs } = importTastytradeLegacy(parseCsv(text), { file: "l", asOfMs: 0 });
  assert.equal(legs.length, 8);
  assert.deepEqual(legs.slice(0, 2).map((l) => [l.qty, l.proceeds]), [[-2, 300], [-2, 240]]);
  assert.equal(legs[4].signFromPosition, true); // Expiration
  assert.equal(legs[4].event, "expiration");
  assert.equal(legs[6].assetType, "stock");
  assert.equal(legs[6].proceeds, -5000);
});

Deno.test("tastytrade legacy - audited: short strangle and a wheel", () => {
  const r = runAudit([{ name: "legacy.csv", text }], { asOf: "2023-12-01" });
  assert.equal(r.imports.files[0].broker, "tastytrade-legacy");
  const byName = Object.fromEntries(r.strategies.map((s) => [`${s.symbol} ${s.name}`, s]));
  // 2 × (150 + 120) − 80 = 460, fees 2.28 + 2.28 + 0.28 = 4.84
  assert.equal(byName["SPY Short Strangle"].grossPnl, 460);
  assert.equal(byName["SPY Short Strangle"].netPnl, 455.16);
  // put 200, stock −5000 + 4900, fees 1.14 + 0.50
  assert.equal(byName["XYZ Wheel"].grossPnl, 100);
  assert.equal(byName["XYZ Wheel"].netPnl, 98.36);
  assert.equal(r.imports.orphanCloses, 0);
});

Deno.test("tastytrade legacy - an unknown action names its row", () => {
  const bad = text.replace("Buy to Close", "Hold");
  assert.throws(
    () => importTastytradeLegacy(parseCsv(bad), { file: "l", asOfMs: 0 }),
    (e: unknown) => e instanceof AuditInputError && e.line === 5 && e.column === "Action",
  );
});
