import assert from "node:assert/strict";
import {
  businessDays,
  marketPath,
  mulberry32,
  normals,
  stockBars,
  volatilityIndexBars,
} from "./synthetic.ts";
import { sampleSymbols } from "./sample.ts";

Deno.test("synthetic - business days skip weekends", () => {
  const days = businessDays("2024-01-05", "2024-01-09"); // Fri .. Tue
  assert.deepEqual(Array.from(days), [
    Date.UTC(2024, 0, 5),
    Date.UTC(2024, 0, 8),
    Date.UTC(2024, 0, 9),
  ]);
});

Deno.test("synthetic - normal draws have mean 0 and variance 1", () => {
  const z = normals(mulberry32(7));
  let s = 0, s2 = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const x = z();
    s += x;
    s2 += x * x;
  }
  assert.ok(Math.abs(s / n) < 0.01);
  assert.ok(Math.abs(s2 / n - 1) < 0.01);
});

Deno.test("synthetic - bars are valid OHLC, seeded and reproducible", () => {
  const m = marketPath(businessDays("2020-01-01", "2021-12-31"), 3);
  const a = stockBars(m, { start: 50, beta: 1.2, alpha: 0, idioVol: 0.2, volume: 1e6, seed: 9 });
  const b = stockBars(m, { start: 50, beta: 1.2, alpha: 0, idioVol: 0.2, volume: 1e6, seed: 9 });
  assert.deepEqual(a.close, b.close);
  const v = volatilityIndexBars(m, 4);
  for (const s of [a, v]) {
    for (let i = 0; i < s.length; i++) {
      assert.ok(s.low[i] > 0);
      assert.ok(
        s.high[i] >= Math.max(s.open[i], s.close[i]) && s.low[i] <= Math.min(s.open[i], s.close[i]),
      );
    }
  }
  // The volatility index lives in a VIX-like range.
  const closes = Array.from(v.close).sort((x, y) => x - y);
  assert.ok(
    closes[Math.floor(closes.length / 2)] > 9 && closes[Math.floor(closes.length / 2)] < 40,
  );
});

Deno.test("sample - at least 10 symbols with 5+ years of daily bars, SPY and ^VIX labelled synthetic", async () => {
  const list = sampleSymbols();
  let longDaily = 0;
  for (const s of list) {
    const bars = await s.bars();
    const years = (bars.ts[bars.length - 1] - bars.ts[0]) / (365.25 * 86_400_000);
    const daily = (bars.ts[1] - bars.ts[0]) <= 4 * 86_400_000;
    if (daily && years >= 5) longDaily++;
    if (s.synthetic) assert.match(s.description, /[Ss]ynthetic/);
  }
  assert.ok(longDaily >= 10, `only ${longDaily} long daily histories`);
  assert.ok(list.find((s) => s.symbol === "SPY")?.synthetic);
  assert.ok(list.find((s) => s.symbol === "^VIX")?.synthetic);
});
