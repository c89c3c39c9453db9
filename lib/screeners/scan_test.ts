import assert from "node:assert/strict";
import type { BarSeries } from "../domain/bar.ts";
import {
  atTimeframe,
  type BarSource,
  compareScans,
  runScan,
  ScanError,
  type ScanRow,
} from "./scan.ts";
import { barsFromCloses, linspace, randomWalk, repeat } from "./test_bars.ts";

function memorySource(data: Record<string, BarSeries>): BarSource {
  return {
    load: (s) => Promise.resolve(data[s] ?? null),
    list: () => Promise.resolve(Object.keys(data).filter((s) => !s.startsWith("^") && s !== "SPY")),
  };
}

const breakout = barsFromCloses([...repeat(100, 30), 105]);
const data: Record<string, BarSeries> = {
  AAA: breakout,
  BBB: barsFromCloses(repeat(100, 31)),
  THIN: barsFromCloses(repeat(100, 31), { volume: 10 }),
  SPY: barsFromCloses(linspace(300, 400, 260)),
  "^VIX": barsFromCloses(repeat(15, 260)),
};

const opts = { id: "scan-1", now: () => 1_000 };

Deno.test("runScan - screens a symbol list, gates liquidity, reports progress and the regime", async () => {
  const progress: number[] = [];
  const result = await runScan(
    {
      screeners: [{ name: "turtle" }],
      universe: { kind: "symbols", symbols: ["aaa", "BBB", "THIN", "NONE"] },
      liquidity: { minAvgVolume: 1000 },
    },
    memorySource(data),
    { ...opts, onProgress: (p) => progress.push(p.done) },
  );
  assert.deepEqual(progress, [1, 2, 3, 4]);
  assert.deepEqual(result.symbols, ["AAA", "BBB", "THIN", "NONE"]);
  const aaa = result.rows.find((r) => r.symbol === "AAA")!;
  assert.equal(aaa.label, "BREAKOUT (BUY)");
  assert.equal(aaa.timeframe, "1d");
  assert.equal(result.rows.find((r) => r.symbol === "BBB")!.signal, "watch"); // close at the 20-day high − 1
  assert.deepEqual(result.skipped.map((s) => s.symbol).sort(), ["NONE", "THIN"]);
  assert.equal(result.regime?.light, "green");
  assert.equal(result.sparks["AAA|1d"].length, 31);
  assert.equal(result.counts.passing, 2);
});

Deno.test("runScan - stored universe, several screeners and weekly bars", async () => {
  const walk = barsFromCloses(randomWalk(800, 4));
  const result = await runScan(
    {
      screeners: [{ name: "ema_5_13_21" }, { name: "isa_trend", params: { minTurnover: 0 } }],
      universe: { kind: "stored" },
      timeframes: ["1d", "1w"],
    },
    memorySource({ ...data, WALK: walk }),
    opts,
  );
  const walkRows = result.rows.filter((r) => r.symbol === "WALK");
  assert.equal(walkRows.length, 4);
  const weekly = walkRows.find((r) => r.timeframe === "1w" && r.screener === "isa_trend")!;
  assert.equal(weekly.signal, "not_evaluated"); // 800 days = 115 weeks < 200
});

Deno.test("runScan - the benchmark is supplied (ISA relative strength is a number)", async () => {
  const stock = barsFromCloses(linspace(100, 200, 260));
  const result = await runScan(
    {
      screeners: [{ name: "isa_trend", params: { minTurnover: 0 } }],
      universe: { kind: "symbols", symbols: ["STK"] },
    },
    memorySource({ ...data, STK: stock }),
    opts,
  );
  assert.equal(typeof result.rows[0].values.rsRating, "number");
});

Deno.test("runScan - bad requests are ScanErrors naming the field", async () => {
  await assert.rejects(
    () =>
      runScan(
        { screeners: [{ name: "nope" }], universe: { kind: "stored" } },
        memorySource(data),
        opts,
      ),
    (e: unknown) => e instanceof ScanError && e.issues[0].path === "screeners.0.name",
  );
  await assert.rejects(
    () =>
      runScan(
        {
          screeners: [{ name: "turtle", params: { entryPeriod: 0 } }],
          universe: { kind: "stored" },
        },
        memorySource(data),
        opts,
      ),
    (e: unknown) => e instanceof ScanError && e.issues[0].path === "screeners.0.params.entryPeriod",
  );
  await assert.rejects(
    () =>
      runScan(
        { screeners: [{ name: "turtle" }], universe: { kind: "watchlist", id: "x" } },
        memorySource(data),
        opts,
      ),
    ScanError,
  );
});

Deno.test("atTimeframe - resamples up, refuses to invent finer bars", () => {
  const daily = barsFromCloses(linspace(1, 2, 30));
  assert.equal(atTimeframe(daily, "1d"), daily);
  assert.equal(atTimeframe(daily, "1w")!.length, 5); // 2020-01-01 is a Wednesday: 5 ISO weeks
  assert.equal(atTimeframe(daily, "1h"), null);
});

Deno.test("compareScans - new today, dropped today and changed signals", () => {
  const row = (symbol: string, signal: ScanRow["signal"]): ScanRow => ({
    symbol,
    timeframe: "1d",
    screener: "turtle",
    signal,
    label: signal,
    direction: null,
    score: null,
    price: null,
    entry: null,
    stop: null,
    target: null,
    ts: null,
    reason: "",
    values: {},
  });
  const prev = { rows: [row("A", "buy"), row("B", "wait"), row("C", "watch")] };
  const next = { rows: [row("A", "buy"), row("B", "buy"), row("D", "sell")] };
  const d = compareScans(prev, next);
  assert.deepEqual(d.added.map((r) => r.symbol), ["B", "D"]);
  assert.deepEqual(d.dropped.map((r) => r.symbol), ["C"]);
  assert.deepEqual(d.changed.map((c) => c.next.symbol), ["B"]);
});

Deno.test("runScan - region benchmark (^FTSE for uk) and a screener's own benchmark parameter", async () => {
  const stock = barsFromCloses(linspace(100, 200, 260));
  const src = memorySource({
    ...data,
    "AZN.L": stock,
    "^FTSE": barsFromCloses(linspace(7000, 7700, 260)),
    QQQ: barsFromCloses(linspace(300, 300, 260)),
  });
  const uk = await runScan(
    {
      screeners: [{ name: "isa_trend", params: { minTurnover: 0 } }],
      universe: { kind: "region", region: "uk" },
    },
    src,
    opts,
  );
  const azn = uk.rows.find((r) => r.symbol === "AZN.L")!;
  assert.equal(azn.values.benchmark, "^FTSE");
  const ftse = linspace(7000, 7700, 260);
  const k = 260 - 1 - 252; // 252 bars back
  const rs = 100 * (200 / stock.close[k] - 1 - (7700 / ftse[k] - 1));
  assert.ok(Math.abs((azn.values.rsRating as number) - rs) < 1e-9);
  assert.equal(uk.regime?.benchmark, "^FTSE");
  const own = await runScan(
    {
      screeners: [{ name: "isa_trend", params: { minTurnover: 0, benchmark: "qqq" } }],
      universe: { kind: "symbols", symbols: ["AZN.L"] },
    },
    src,
    opts,
  );
  assert.equal(own.rows[0].values.benchmark, "QQQ");
  // QQQ is flat: relative strength is the stock's own return.
  assert.ok(
    Math.abs(
      (own.rows[0].values.rsRating as number) - 100 * (200 / stock.close[260 - 1 - 252] - 1),
    ) < 1e-9,
  );
});

/** 60 flat symbols: V01..V58 trade 1,000 × i shares a day, TIE_A and TIE_B 9,500 each. */
function sixty(): Record<string, BarSeries> {
  const out: Record<string, BarSeries> = {};
  const flat = (v: number) => barsFromCloses(repeat(50, 30), { volume: v });
  for (let i = 1; i <= 58; i++) out[`V${String(i).padStart(2, "0")}`] = flat(i * 1000);
  out.TIE_B = flat(9_500);
  out.TIE_A = flat(9_500);
  return out;
}

Deno.test("runScan - vertical_put scans only the top 50 symbols by 20-bar average volume", async () => {
  const result = await runScan(
    { screeners: [{ name: "vertical_put" }], universe: { kind: "stored" } },
    memorySource(sixty()),
    opts,
  );
  assert.deepEqual(result.volumeCut, { count: 50, period: 20, source: "vertical_put", cut: 10 });
  assert.equal(result.symbols.length, 60);
  const screened = new Set(result.rows.map((r) => r.symbol));
  assert.equal(screened.size, 50);
  assert.ok(screened.has("TIE_A") && !screened.has("TIE_B") && screened.has("V10"));
  const cut = result.skipped.map((s) => s.symbol).sort();
  assert.deepEqual(cut, ["TIE_B", "V01", "V02", "V03", "V04", "V05", "V06", "V07", "V08", "V09"]);
  assert.equal(
    result.skipped.find((s) => s.symbol === "TIE_B")!.reason,
    "not in the top 50 by 20-bar average volume (rank 51 of 60, 9.5k)",
  );
});

Deno.test("runScan - liquidity.topByVolume overrides the screener's cut; 0 turns it off", async () => {
  const source = memorySource(sixty());
  const off = await runScan(
    {
      screeners: [{ name: "vertical_put" }],
      universe: { kind: "stored" },
      liquidity: { topByVolume: 0 },
    },
    source,
    opts,
  );
  assert.equal(off.volumeCut, null);
  assert.equal(new Set(off.rows.map((r) => r.symbol)).size, 60);
  const five = await runScan(
    {
      screeners: [{ name: "turtle" }],
      universe: { kind: "stored" },
      liquidity: { topByVolume: 5, topByVolumePeriod: 10 },
    },
    source,
    opts,
  );
  assert.deepEqual(five.volumeCut, { count: 5, period: 10, source: "request", cut: 55 });
  assert.deepEqual([...new Set(five.rows.map((r) => r.symbol))], [
    "V54",
    "V55",
    "V56",
    "V57",
    "V58",
  ]);
  const none = await runScan(
    { screeners: [{ name: "turtle" }], universe: { kind: "stored" } },
    source,
    opts,
  );
  assert.equal(none.volumeCut, null);
  assert.equal(none.skipped.length, 0);
});
