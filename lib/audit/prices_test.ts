import assert from "node:assert/strict";
import { toBarSeries } from "../domain/bar.ts";
import { importCsv } from "../data/market.ts";
import type { MarketDataProvider } from "../data/providers/provider.ts";
import { providerPrices, storedPrices } from "./prices.ts";

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

Deno.test("storedPrices - last stored close at or before the as-of time; unknown symbols absent", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const imported = await importCsv(
      kv,
      "me",
      "SPY",
      "ts,open,high,low,close,volume\n2024-02-29,450,450,450,450,1\n2024-03-01,455,455,455,455,1\n2024-03-04,470,470,470,470,1\n",
    );
    assert.equal(imported.ok, true);
    const p = await storedPrices(kv, "me", ["SPY", "NOPE"], day("2024-03-02"));
    assert.deepEqual([...p], [["SPY", 455]]);
  } finally {
    kv.close();
  }
});

Deno.test("providerPrices - last close by the as-of time; a failing symbol is simply unpriced", async () => {
  const provider: MarketDataProvider = {
    name: "fake",
    fetchDaily(symbol, range) {
      if (symbol !== "QQQ") return Promise.reject(new Error("not found"));
      const rows = [["2024-02-28", 400], ["2024-02-29", 401], ["2024-03-01", 402]] as const;
      return Promise.resolve(toBarSeries(
        rows.map(([d, c]) => ({ ts: day(d), open: c, high: c, low: c, close: c, volume: 1 }))
          .filter((b) => b.ts >= range.from && b.ts <= range.to),
      ));
    },
  };
  const p = await providerPrices(provider, ["QQQ", "ZZZ"], day("2024-02-29") + 1);
  assert.deepEqual([...p], [["QQQ", 401]]);
});
