import assert from "node:assert/strict";
import { cliHarness } from "../testing.ts";
import { toOhlcvCsv } from "../../data/csv.ts";
import { importCsv } from "../../data/market.ts";
import { LOCAL_OWNER } from "../../http/env.ts";
import { barsFromCloses, linspace, repeat } from "../../screeners/test_bars.ts";
import { getScan } from "../../storage/scans_repo.ts";
import { createWatchlist } from "../../storage/watchlists_repo.ts";

async function harness(files: Record<string, string> = {}) {
  const h = await cliHarness(files, { now: 42 });
  const kv = h.kv;
  const put = (symbol: string, closes: number[]) =>
    importCsv(kv, LOCAL_OWNER, symbol, toOhlcvCsv(barsFromCloses(closes, { volume: 2e6 })));
  await put("AAA", [...repeat(100, 30), 105]); // 20-day breakout today
  await put("BBB", [...linspace(120, 100, 30), 95]); // 20-day breakdown today
  await put("UPTR", [...linspace(100, 200, 250), 205]);
  await put("SPY", linspace(300, 400, 260));
  await put("^VIX", repeat(15, 260));
  return h;
}

Deno.test("cli screen - --json prints the passing rows and stores the scan", async () => {
  using h = await harness();
  const r = await h.run(
    "screen",
    "--screener",
    "turtle",
    "--symbol",
    "AAA",
    "--symbol",
    "BBB",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.rows.map((x: { symbol: string }) => x.symbol), ["AAA", "BBB"]);
  assert.equal(json.rows[0].label, "BREAKOUT (BUY)");
  assert.equal(json.rows[1].label, "BREAKDOWN (SELL)");
  assert.equal(json.regime.light, "green");
  const stored = await getScan(h.kv, LOCAL_OWNER, json.id);
  assert.equal(stored?.rows.length, 2);
  assert.equal(stored?.createdTs, 42);
});

Deno.test("cli screen - params, stored universe, watchlists and several screeners", async () => {
  using h = await harness();
  const r = await h.run(
    "screen",
    "--screener",
    "isa_trend",
    "--screener",
    "turtle",
    "--param",
    "isa_trend.minTurnover=0",
    "--param",
    "entryPeriod=55",
    "--all",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout).rows as {
    symbol: string;
    screener: string;
    label: string;
    values: Record<string, unknown>;
  }[];
  const isa = rows.find((x) => x.symbol === "UPTR" && x.screener === "isa_trend")!;
  assert.equal(isa.label, "ENTER LONG (50d Breakout)");
  assert.equal(typeof isa.values.rsRating, "number"); // SPY was supplied
  await createWatchlist(h.kv, LOCAL_OWNER, { name: "w", symbols: ["AAA"] }, { id: "w1", now: 1 });
  const w = await h.run("screen", "--screener", "turtle", "--universe", "watchlist:w1", "--json");
  assert.deepEqual(JSON.parse(w.stdout).rows.map((x: { symbol: string }) => x.symbol), ["AAA"]);
});

Deno.test("cli screen - bad input is one line naming the flag", async () => {
  using h = await harness();
  const cases: [string[], RegExp][] = [
    [["screen"], /--screener is required/],
    [["screen", "--screener", "nope"], /unknown screener "nope"/],
    [
      ["screen", "--screener", "turtle", "--param", "bogus=1"],
      /no selected screener has a parameter "bogus"/,
    ],
    [
      ["screen", "--screener", "turtle", "--param", "entryPeriod=0"],
      /screeners\.0\.params\.entryPeriod/,
    ],
    [["screen", "--screener", "turtle", "--universe", "mars"], /--universe/],
    [["screen", "--screener", "turtle", "--timeframe", "2d"], /--timeframe/],
  ];
  for (const [argv, msg] of cases) {
    const r = await h.run(...argv);
    assert.equal(r.code, 1, argv.join(" "));
    assert.match(r.stderr, msg);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  }
});

Deno.test("cli screen - --top-volume keeps the N highest 20-bar volumes; vertical_put asks for 50", async () => {
  using h = await harness();
  await importCsv(
    h.kv,
    LOCAL_OWNER,
    "LOW",
    toOhlcvCsv(barsFromCloses(repeat(100, 31), { volume: 1e3 })),
  );
  const syms = ["--symbol", "AAA", "--symbol", "BBB", "--symbol", "LOW"];
  const r = await h.run(
    "screen",
    "--screener",
    "turtle",
    ...syms,
    "--top-volume",
    "2",
    "--all",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.volumeCut, { count: 2, period: 20, source: "request", cut: 1 });
  assert.deepEqual(json.rows.map((x: { symbol: string }) => x.symbol), ["AAA", "BBB"]);
  assert.match(json.skipped[0].reason, /^not in the top 2 by 20-bar average volume \(rank 3 of 3/);
  const v = await h.run("screen", "--screener", "vertical_put", ...syms, "--all", "--json");
  assert.deepEqual(JSON.parse(v.stdout).volumeCut, {
    count: 50,
    period: 20,
    source: "vertical_put",
    cut: 0,
  });
  const bad = await h.run("screen", "--screener", "turtle", "--top-volume", "1.5");
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--top-volume: expected a whole number, was "1.5"/);
});

Deno.test("cli check - verdicts for a stored symbol with an entry price", async () => {
  using h = await harness();
  const r = await h.run("check", "--symbol", "UPTR", "--entry-price", "150", "--json");
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.symbol, "UPTR");
  assert.equal(json.benchmark, "SPY");
  assert.equal(json.pnl, 55);
  const isa = json.verdicts.find((v: { screener: string }) => v.screener === "isa_trend");
  assert.equal(isa.verdict, "hold");
  assert.ok(json.verdicts.length > 20);
  const text = await h.run("check", "--symbol", "UPTR", "--screener", "turtle");
  assert.match(text.stdout, /turtle/);
  const missing = await h.run("check", "--symbol", "NOPE");
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no bars stored for NOPE/);
});

Deno.test("cli screen - --fundamentals feeds the screeners that need them", async () => {
  using h = await harness({
    "f.json": JSON.stringify({ UPTR: { revenueGrowth: 0.2, nextEarnings: null } }),
    "bad.json": JSON.stringify({ UPTR: { nextEarnings: "soon" } }),
  });
  const r = await h.run(
    "screen",
    "--screener",
    "quality_200w",
    "--symbol",
    "UPTR",
    "--fundamentals",
    "f.json",
    "--all",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const row = JSON.parse(r.stdout).rows[0];
  // 251 daily bars are far fewer than 200 weeks: evaluated as far as history, not "no fundamentals".
  assert.match(row.reason, /200 weeks/);
  const none = await h.run(
    "screen",
    "--screener",
    "quality_200w",
    "--symbol",
    "UPTR",
    "--all",
    "--json",
  );
  assert.match(JSON.parse(none.stdout).rows[0].reason, /no fundamentals supplied/);
  const bad = await h.run("screen", "--screener", "turtle", "--fundamentals", "bad.json");
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--fundamentals: UPTR\.nextEarnings/);
});
