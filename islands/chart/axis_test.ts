import assert from "node:assert/strict";
import {
  axisValues,
  barSplits,
  compact,
  price,
  priceDecimals,
  stepDecimals,
  tickLabel,
  yearSplits,
} from "./axis.ts";

Deno.test("barSplits - nice bar steps inside the window, at least `space` px apart", () => {
  const s = barSplits(-3.5, 997.2, 1000, 900, 90);
  assert.ok(s.length >= 5 && s.length <= 11, String(s.length));
  const step = s[1] - s[0];
  assert.ok([100, 150, 200].includes(step), `step ${step}`);
  assert.ok(
    s.every((v, i) => v % step === 0 && v >= 0 && v <= 899 && (i === 0 || v - s[i - 1] === step)),
  );
  assert.ok((step / (997.2 + 3.5)) * 1000 >= 90);
  assert.deepEqual(barSplits(0, 4, 1000, 5, 90), [0, 1, 2, 3, 4]);
});

Deno.test("tickLabel - time of day for short intraday spans, months and years for long ones", () => {
  const t = Date.UTC(2024, 2, 5, 14, 30);
  assert.equal(tickLabel(t, 86_400_000, true), "14:30");
  assert.equal(tickLabel(t, 20 * 86_400_000, true), "5 Mar 14:30");
  assert.equal(tickLabel(t, 200 * 86_400_000, false), "5 Mar");
  assert.equal(tickLabel(t, 3 * 365 * 86_400_000, false), "Mar 2024");
  assert.equal(tickLabel(t, 20 * 365 * 86_400_000, false), "2024");
});

Deno.test("compact - suffixes by magnitude, dash for non-finite", () => {
  assert.equal(compact(65_450_000), "65.45M");
  assert.equal(compact(12_345), "12.3K");
  assert.equal(compact(2.5e9), "2.50B");
  assert.equal(compact(NaN), "–");
});

Deno.test("compact - whole numbers below 10,000 print without decimals", () => {
  assert.equal(compact(6143), "6143");
  assert.equal(compact(0), "0");
  assert.equal(compact(55.234), "55.23");
  assert.equal(compact(1.22906), "1.2291");
});

Deno.test("price - 2 decimals from 10 up, 4 between 1 and 10, ~5 significant digits below 1", () => {
  assert.equal(price(452.314), "452.31");
  assert.equal(price(12_345.678), "12345.68");
  assert.equal(price(1.229), "1.2290");
  assert.equal(price(9.99994), "9.9999");
  assert.equal(price(0.6123), "0.61230");
  assert.equal(price(0.012345), "0.012345");
  assert.equal(price(-1.5), "-1.5000");
  assert.equal(price(Infinity), "–");
  assert.deepEqual([0, 10, 1, 0.1, 0.01, 1e-12].map(priceDecimals), [2, 2, 4, 5, 6, 10]);
});

Deno.test("stepDecimals - fewest decimals that print the step exactly", () => {
  assert.deepEqual([5, 50, 0.5, 2.5, 0.25, 0.0025, 0.001, 0.1 + 0.2].map(stepDecimals), [
    0,
    0,
    1,
    1,
    2,
    4,
    3,
    1,
  ]);
  assert.equal(stepDecimals(0), 0);
  assert.equal(stepDecimals(1 / 3), 8);
});

Deno.test("axisValues - FX price axes keep 4 decimals, stock axes follow the step", () => {
  // EURUSD ticks every 0.0025: 1.2475 must not round to 1.248
  assert.deepEqual(axisValues([1.2425, 1.245, 1.2475], 0.0025, true), [
    "1.2425",
    "1.2450",
    "1.2475",
  ]);
  // a 0.001 step on an FX price still prints 4 decimals
  assert.deepEqual(axisValues([1.242, 1.243], 0.001, true), ["1.2420", "1.2430"]);
  assert.deepEqual(axisValues([440, 445, 450], 5, true), ["440", "445", "450"]);
  assert.deepEqual(axisValues([30, 50, 70], 20), ["30", "50", "70"]);
  assert.deepEqual(axisValues([0, 2.5, 5], 2.5), ["0.0", "2.5", "5.0"]);
  assert.deepEqual(axisValues([1e6, 2e6], 1e6), ["1.00M", "2.00M"]);
});

Deno.test("barSplits - leaves out ticks closer than edgePx to either end", () => {
  // 1,000 px over bars -0.5..99.5 (10 px per bar): bar 0 sits at 5 px, bar 99 at 995 px
  const all = barSplits(-0.5, 99.5, 1000, 100, 90);
  assert.equal(all[0], 0);
  const inner = barSplits(-0.5, 99.5, 1000, 100, 90, 22);
  assert.deepEqual(inner, all.filter((i) => (i + 0.5) * 10 >= 22 && (i + 0.5) * 10 <= 978));
  assert.ok(inner.length === all.length - 1 && inner[0] > 0);
});

Deno.test("yearSplits - one tick on each year's first bar, thinned to every k years when crowded", () => {
  // weekday bars 2014-01-02 .. 2025-12-31: 252 or so per year
  const ts: number[] = [];
  for (let t = Date.UTC(2014, 0, 2); t <= Date.UTC(2025, 11, 31); t += 86_400_000) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) ts.push(t);
  }
  const n = ts.length;
  const wide = yearSplits(ts, -0.5, n - 0.5, 1200, 90, 22);
  const years = wide.map((i) => new Date(ts[i]).getUTCFullYear());
  // 2014's first bar sits at the left edge (dropped); then every year once, in order
  assert.deepEqual(years, [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  for (const i of wide) {
    const d = new Date(ts[i]);
    assert.ok(new Date(ts[i - 1]).getUTCFullYear() === d.getUTCFullYear() - 1, `bar ${i}`);
  }
  // 300 px: ~25 px a year, so every 5th year
  const narrow = yearSplits(ts, -0.5, n - 0.5, 300, 90, 22);
  assert.deepEqual(narrow.map((i) => new Date(ts[i]).getUTCFullYear()), [2015, 2020, 2025]);
  assert.deepEqual(yearSplits(ts, 10, 5, 300), []);
});
