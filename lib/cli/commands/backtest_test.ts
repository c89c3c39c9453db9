import assert from "node:assert/strict";
import { cliHarness } from "../testing.ts";
import { runBacktest } from "../../backtest/run.ts";
import { readFixture } from "../../backtest/testing.ts";
import { parseParamFlags, parseSizingFlag } from "./backtest.ts";

const GOOG = Deno.readTextFileSync(new URL("../../../tests/fixtures/GOOG.csv", import.meta.url));
const goog = readFixture("GOOG.csv");

const harness = (files: Record<string, string>) => cliHarness(files);

Deno.test("cli backtest - --data --json prints stats, trades and equity rows", async () => {
  using h = await harness({ "GOOG.csv": GOOG });
  const r = await h.run(
    "backtest",
    "--data",
    "GOOG.csv",
    "--strategy",
    "sma_cross",
    "--param",
    "fast=10",
    "--param",
    "slow=30",
    "--cash",
    "10000",
    "--commission-pct",
    "0.2",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const lib = runBacktest(
    {
      symbols: [{ symbol: "GOOG", bars: goog }],
      strategy: "sma_cross",
      params: { fast: 10, slow: 30 },
    },
    { cash: 10_000, commissionPct: 0.2 },
  );
  assert.equal(json.stats.equityFinal, lib.stats.equityFinal);
  assert.equal(json.stats.trades, lib.trades.length);
  assert.equal(json.trades.length, lib.trades.length);
  assert.equal(json.equity.length, goog.length);
  assert.deepEqual(Object.keys(json.equity[0]), ["time", "equity", "drawdownPct"]);
  assert.equal(json.equity[0].time, Date.UTC(2004, 7, 19));
  assert.deepEqual(json.params, { fast: 10, slow: 30 });
  assert.equal(json.engine, "wasm"); // static/build/core.wasm is built by tests/run.sh
});

Deno.test("cli backtest - --symbol reads stored bars; --from/--to slice them", async () => {
  using h = await harness({ "GOOG.csv": GOOG });
  assert.equal((await h.run("import", "--file", "GOOG.csv", "--symbol", "GOOG")).code, 0);
  const r = await h.run(
    "backtest",
    "--symbol",
    "GOOG",
    "--strategy",
    "buy_and_hold",
    "--from",
    "2010-01-01",
    "--to",
    "2010-12-31",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.stats.trades, 1);
  assert.ok(json.stats.start >= Date.UTC(2010, 0, 1));
  assert.ok(json.stats.end <= Date.UTC(2010, 11, 31));
});

Deno.test("cli backtest - text output lists every stat", async () => {
  using h = await harness({ "GOOG.csv": GOOG });
  const r = await h.run("backtest", "--data", "GOOG.csv", "--strategy", "turtle");
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^turtle entry=20 exit=10/);
  assert.match(r.stdout, /sharpe\s+-?\d/);
  assert.match(r.stdout, /start\s+2004-08-19/);
});

Deno.test("cli backtest - bad input is one line naming the flag or parameter", async () => {
  using h = await harness({ "GOOG.csv": GOOG });
  const cases: [string[], RegExp][] = [
    [["--data", "GOOG.csv"], /--strategy is required/],
    [["--data", "GOOG.csv", "--strategy", "nope"], /--strategy: unknown "nope"/],
    [
      ["--data", "GOOG.csv", "--strategy", "sma_cross", "--param", "fast=50"],
      /fast must be below slow/,
    ],
    [
      ["--data", "GOOG.csv", "--strategy", "sma_cross", "--param", "speed=3"],
      /--param: .*speed|unrecognized/i,
    ],
    [["--data", "GOOG.csv", "--strategy", "sma_cross", "--sizing", "half"], /--sizing/],
    [
      ["--data", "GOOG.csv", "--strategy", "sma_cross", "--cash", "abc"],
      /--cash: expected a number/,
    ],
    [["--strategy", "sma_cross"], /exactly one of --data FILE or --symbol SYM/],
    [["--data", "missing.csv", "--strategy", "sma_cross"], /cannot read "missing.csv"/],
    [["--symbol", "NOPE", "--strategy", "sma_cross"], /no bars stored for NOPE/],
  ];
  for (const [args, re] of cases) {
    const r = await h.run("backtest", ...args);
    assert.equal(r.code, 1, args.join(" "));
    assert.match(r.stderr, re, args.join(" "));
    assert.equal(r.stderr.trim().split("\n").length, 1);
  }
});

Deno.test("parseParamFlags / parseSizingFlag - numbers, booleans and sizing kinds", () => {
  assert.deepEqual(parseParamFlags(["fast=10", "unitSizing=true", "name=x"]), {
    fast: 10,
    unitSizing: true,
    name: "x",
  });
  assert.deepEqual(parseSizingFlag("risk:1:2"), { kind: "risk", riskPct: 1, atrMult: 2 });
  assert.deepEqual(parseSizingFlag("units:5"), { kind: "units", units: 5 });
});
