import assert from "node:assert/strict";
import { fundamentalsLookup, FundamentalsMap } from "./fundamentals.ts";

Deno.test("fundamentals map - parses dates, keeps unknown apart from none, upper-cases symbols", async () => {
  const m = FundamentalsMap.parse({
    aapl: { revenueGrowth: 0.05, nextEarnings: "2024-07-30" },
    MSFT: { annualRevenue: [1, 2, 3, 4], nextEarnings: null },
    X: {},
  });
  assert.deepEqual(m.AAPL, { revenueGrowth: 0.05, nextEarningsTs: Date.UTC(2024, 6, 30) });
  assert.deepEqual(m.MSFT, { annualRevenue: [1, 2, 3, 4], nextEarningsTs: null });
  assert.deepEqual(m.X, {});
  const get = fundamentalsLookup(m);
  assert.equal((await get("aapl"))?.revenueGrowth, 0.05);
  assert.equal(await get("NONE"), null);
});

Deno.test("fundamentals map - bad fields are rejected with their path", () => {
  const r = FundamentalsMap.safeParse({ A: { nextEarnings: "soon" } });
  assert.equal(r.success, false);
  if (!r.success) assert.deepEqual(r.error.issues[0].path, ["A", "nextEarnings"]);
  assert.equal(FundamentalsMap.safeParse({ A: { pe: 3 } }).success, false);
});
