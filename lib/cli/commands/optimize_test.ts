import assert from "node:assert/strict";
import { cliHarness } from "../testing.ts";
import { optimizeCommand } from "./optimize.ts";
import { walkforwardCommand } from "./walkforward.ts";
import { runBacktest } from "../../backtest/run.ts";
import { readFixture } from "../../backtest/testing.ts";

const GOOG = Deno.readTextFileSync(new URL("../../../tests/fixtures/GOOG.csv", import.meta.url));
const COMMANDS = [optimizeCommand, walkforwardCommand];

/** Each run gets a fresh KV. */
async function run(...argv: string[]) {
  using h = await cliHarness({ "GOOG.csv": GOOG }, { commands: COMMANDS });
  return await h.run(...argv);
}

Deno.test("cli optimize - --json best trial equals a direct backtest with those parameters", async () => {
  const r = await run(
    "optimize",
    "--data",
    "GOOG.csv",
    "--strategy",
    "sma_cross",
    "--range",
    "fast=5:20:5",
    "--values",
    "slow=30,60",
    "--constraint",
    "trades>=10",
    "--commission-pct",
    "0.1",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.points, 8);
  assert.equal(j.trialsRun, 8);
  assert.deepEqual(j.trials.point.slow, [30, 60, 30, 60, 30, 60, 30, 60]);
  const direct = runBacktest({
    symbols: [{ symbol: "GOOG", bars: readFixture("GOOG.csv") }],
    strategy: "sma_cross",
    params: j.best.point,
  }, { commissionPct: 0.1 });
  assert.equal(j.best.metrics.sharpe, direct.stats.sharpe);
  assert.ok(
    j.best.metrics.sharpe >=
      Math.max(...j.trials.metrics.sharpe.filter((x: number | null) => x !== null)),
  );
  assert.equal(j.dsr.trials, 8);
  assert.ok(j.pbo.pbo >= 0 && j.pbo.pbo <= 1);
  assert.equal(j.pbo.logitHistogram.counts.reduce((a: number, b: number) => a + b, 0), 12870);
});

Deno.test("cli optimize - text output has the top table, DSR and PBO lines", async () => {
  const r = await run(
    "optimize",
    "--data",
    "GOOG.csv",
    "--strategy",
    "sma_cross",
    "--range",
    "fast=5:10:5",
    "--range",
    "slow=20:40:20",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /fast\s+slow\s+objective/);
  assert.match(r.stdout, /deflated Sharpe: DSR \d\.\d{3}/);
  assert.match(r.stdout, /probability of backtest overfitting \(CSCV, 16 blocks, 12870 splits\)/);
});

Deno.test("cli optimize - bad input names the flag", async () => {
  const cases: [string[], RegExp][] = [
    [["--strategy", "nope", "--range", "a=1:2"], /--strategy: unknown "nope"/],
    [["--strategy", "sma_cross"], /--range/],
    [["--strategy", "sma_cross", "--range", "fast=1-5"], /--range: expected NAME=MIN:MAX/],
    [
      ["--strategy", "sma_cross", "--range", "fast=2:5", "--constraint", "dd>=1"],
      /--constraint: unknown metric "dd"/,
    ],
    [["--strategy", "sma_cross", "--range", "fast=2:5", "--objective", "luck"], /--objective/],
    [["--strategy", "sma_cross", "--range", "fast=2:5", "--method", "magic"], /--method/],
  ];
  for (const [args, re] of cases) {
    const r = await run("optimize", "--data", "GOOG.csv", ...args);
    assert.equal(r.code, 1);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  }
});

Deno.test("cli walkforward - --json windows, stitched curve, efficiency and stability", async () => {
  const r = await run(
    "walkforward",
    "--data",
    "GOOG.csv",
    "--strategy",
    "sma_cross",
    "--range",
    "fast=5:15:5",
    "--values",
    "slow=20,40",
    "--is",
    "500",
    "--oos",
    "500",
    "--mode",
    "anchored",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.kind, "walkforward");
  assert.equal(j.mode, "anchored");
  assert.ok(j.windows.length >= 3);
  for (const w of j.windows) assert.equal(w.isStart, 0);
  assert.equal(j.equity.time.length, j.equity.equity.length);
  assert.deepEqual(j.stability.map((s: { param: string }) => s.param), ["fast", "slow"]);
  const bad = await run(
    "walkforward",
    "--data",
    "GOOG.csv",
    "--strategy",
    "sma_cross",
    "--range",
    "fast=5:10",
    "--oos",
    "50",
  );
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--is BARS is required/);
});
