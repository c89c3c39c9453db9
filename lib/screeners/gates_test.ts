import assert from "node:assert/strict";
import type { BarSeries } from "../domain/bar.ts";
import { checkLiquidity, topByVolume } from "./gates.ts";
import { barsFromCloses, repeat } from "./test_bars.ts";

/** 30 flat bars whose volume is `v` on every bar. */
const flat = (v: number | number[]): BarSeries =>
  barsFromCloses(repeat(50, Array.isArray(v) ? v.length : 30), { volume: v });

/**
 * 60 symbols: V01..V58 trade 1,000 × i shares every day; TIE_B and TIE_A both trade 9,500, which
 * puts the tie exactly on ranks 50 and 51.
 */
function universe60(): { symbol: string; bars: BarSeries }[] {
  const out: { symbol: string; bars: BarSeries }[] = [];
  for (let i = 1; i <= 58; i++) {
    out.push({ symbol: `V${String(i).padStart(2, "0")}`, bars: flat(i * 1000) });
  }
  out.push({ symbol: "TIE_B", bars: flat(9_500) }, { symbol: "TIE_A", bars: flat(9_500) });
  return out;
}

Deno.test("topByVolume - 60 symbols with known volumes: exactly the top 50 pass, ties by symbol", () => {
  const entries = universe60();
  // Descending: V58..V10 are 49 symbols (58 000 .. 10 000), then the tie at 9 500: TIE_A is the
  // 50th (kept), TIE_B the 51st (cut), then V09..V01.
  const want = [
    ...Array.from({ length: 49 }, (_, k) => `V${String(58 - k).padStart(2, "0")}`),
    "TIE_A",
  ];
  const { kept, cut } = topByVolume(entries, 50, 20);
  assert.deepEqual(kept.map((r) => r.symbol), want);
  assert.equal(kept.length, 50);
  assert.deepEqual(cut.map((r) => r.symbol), [
    "TIE_B",
    ...Array.from({ length: 9 }, (_, k) => `V0${9 - k}`),
  ]);
  assert.deepEqual(kept.map((r) => r.rank), Array.from({ length: 50 }, (_, k) => k + 1));
  assert.equal(kept[0].avgVolume, 58_000);
  assert.equal(cut[0].avgVolume, 9_500);
  assert.equal(cut[0].rank, 51);
  // Any input order gives the same answer.
  const reversed = topByVolume([...entries].reverse(), 50, 20);
  assert.deepEqual(reversed.kept.map((r) => r.symbol), want);
  const rotated = topByVolume([...entries.slice(17), ...entries.slice(0, 17)], 50, 20);
  assert.deepEqual(rotated.cut.map((r) => r.symbol), cut.map((r) => r.symbol));
});

Deno.test("topByVolume - the window is the last 20 bars: older volume does not count", () => {
  // OLD: 10 bars of 1e9 then 20 bars of 100 -> mean 100 over the window.
  // EDGE: 10 bars of 0, then one bar of 2e6 (the 20th from the end), then 19 of 0 -> 2e6 / 20 = 1e5.
  // MID: last 20 bars alternate 1 000 and 3 000 -> 2 000.
  const old = flat([...repeat(1e9, 10), ...repeat(100, 20)]);
  const edge = flat([...repeat(0, 10), 2e6, ...repeat(0, 19)]);
  const mid = flat([
    ...repeat(0, 10),
    ...Array.from({ length: 20 }, (_, i) => i % 2 ? 3000 : 1000),
  ]);
  const { kept, cut } = topByVolume(
    [{ symbol: "OLD", bars: old }, { symbol: "EDGE", bars: edge }, { symbol: "MID", bars: mid }],
    2,
    20,
  );
  assert.deepEqual(kept.map((r) => [r.symbol, r.avgVolume]), [["EDGE", 1e5], ["MID", 2000]]);
  assert.deepEqual(cut.map((r) => [r.symbol, r.avgVolume]), [["OLD", 100]]);
  // With a 30-bar window OLD's early volume counts again: (10 × 1e9 + 20 × 100) / 30.
  const wide = topByVolume([{ symbol: "OLD", bars: old }, { symbol: "MID", bars: mid }], 1, 30);
  assert.equal(wide.kept[0].symbol, "OLD");
  assert.ok(Math.abs(wide.kept[0].avgVolume - (10 * 1e9 + 2000) / 30) < 1e-6);
});

Deno.test("topByVolume - too few bars rank last; count above the universe keeps all", () => {
  const short = barsFromCloses(repeat(50, 19), { volume: 1e9 });
  const { kept, cut } = topByVolume(
    [{ symbol: "SHORT", bars: short }, { symbol: "B", bars: flat(10) }, {
      symbol: "A",
      bars: flat(10),
    }],
    2,
    20,
  );
  assert.deepEqual(kept.map((r) => r.symbol), ["A", "B"]);
  assert.equal(cut[0].symbol, "SHORT");
  assert.ok(Number.isNaN(cut[0].avgVolume));
  assert.equal(topByVolume([{ symbol: "A", bars: flat(1) }], 50, 20).cut.length, 0);
  assert.equal(topByVolume([{ symbol: "A", bars: flat(1) }], 0, 20).kept.length, 0);
});

Deno.test("topByVolume - bad count or period is a RangeError", () => {
  assert.throws(() => topByVolume([], -1, 20), RangeError);
  assert.throws(() => topByVolume([], 1.5, 20), RangeError);
  assert.throws(() => topByVolume([], 5, 0), /expected period a positive integer, was 0/);
});

Deno.test("checkLiquidity - a thin symbol is a FILTERED wait row, a liquid one passes", () => {
  assert.equal(checkLiquidity("x", flat(1e6), { minAvgVolume: 5e5 }), null);
  const row = checkLiquidity("x", flat(10), { minAvgVolume: 5e5 })!;
  assert.equal(row.label, "FILTERED (Liquidity)");
  assert.match(row.reason, /20-bar average volume 10.00 < 500.0k/);
});
