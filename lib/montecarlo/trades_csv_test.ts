import assert from "node:assert/strict";
import { parseTradesCsv } from "./trades_csv.ts";

Deno.test("parseTradesCsv - returnPct (any spelling) compounds, pnl adds; quotes and % allowed", () => {
  const r = parseTradesCsv(
    'Date,"Return %",Return_Pct\r\n"2024-01-02","x",1.5\r\n2024-01-03,y,-2%\r\n\r\n',
  );
  assert.deepEqual(r, {
    ok: true,
    trades: { column: "returnPct", compounding: true, values: Float64Array.of(1.5, -2) },
  });
  const p = parseTradesCsv("symbol,PnL\nAAPL,120.5\nMSFT,-40\n");
  assert.ok(p.ok && p.trades.column === "pnl" && !p.trades.compounding);
});

Deno.test("parseTradesCsv - errors name the row", () => {
  assert.deepEqual(parseTradesCsv("pnl\n1\n\n2\nx\n"), {
    ok: false,
    message: 'row 5: pnl "x" is not a number',
  });
  assert.deepEqual(parseTradesCsv("returnPct\n-100\n"), {
    ok: false,
    message: "row 2: returnPct -100 would lose more than everything",
  });
  assert.deepEqual(parseTradesCsv("pnl\n"), { ok: false, message: "no trades after the header" });
  assert.equal(parseTradesCsv("a,b\n1,2").ok, false);
});
