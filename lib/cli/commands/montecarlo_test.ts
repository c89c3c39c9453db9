import assert from "node:assert/strict";
import { cliHarness } from "../testing.ts";
import { montecarloCommand } from "./montecarlo.ts";
import { simulate } from "../../montecarlo/simulate.ts";

async function run(files: Record<string, string>, ...argv: string[]) {
  using h = await cliHarness(files, { commands: [montecarloCommand] });
  return await h.run(...argv);
}

const CSV = "date,symbol,returnPct\n2024-01-02,A,2.5\n2024-01-03,B,-1.2\n2024-01-04,C,3%\n" +
  "2024-01-05,D,-2\n2024-01-08,E,0.7\n";

Deno.test("cli montecarlo - --trades CSV --json equals the reference simulation", async () => {
  const r = await run(
    { "t.csv": CSV },
    "montecarlo",
    "--trades",
    "t.csv",
    "--mode",
    "reshuffle",
    "--paths",
    "500",
    "--seed",
    "9",
    "--ruin",
    "-5",
    "--ruin-mode",
    "drawdown",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  const ref = simulate({
    source: { kind: "trades", trades: Float64Array.of(2.5, -1.2, 3, -2, 0.7), mode: "reshuffle" },
    paths: 500,
    seed: 9,
    ruinThresholdPct: -5,
    ruinMode: "drawdown",
  });
  assert.deepEqual(body.bands.p50, Array.from(ref.bands.p50));
  assert.deepEqual(body.ruin, ref.ruin);
  assert.equal(body.maxDrawdownPct.p95, ref.maxDrawdownPct.p95);
  assert.equal(body.source.compounding, true);
});

Deno.test("cli montecarlo - pnl column is additive; parametric and GBM sources", async () => {
  const pnl = await run(
    { "p.csv": "pnl\n100\n-50\n75\n" },
    "montecarlo",
    "--trades",
    "p.csv",
    "--paths",
    "100",
    "--json",
  );
  assert.equal(pnl.code, 0, pnl.stderr);
  assert.equal(JSON.parse(pnl.stdout).source.compounding, false);
  const par = await run(
    {},
    "montecarlo",
    "--win-rate",
    "0.6",
    "--avg-win",
    "2",
    "--avg-loss",
    "1",
    "--trades-per-path",
    "50",
    "--paths",
    "200",
  );
  assert.equal(par.code, 0, par.stderr);
  assert.match(par.stdout, /200 paths x 50 steps \(parametric, seed 1\)/);
  const gbm = await run(
    {},
    "montecarlo",
    "--mu",
    "0.05",
    "--sigma",
    "0.2",
    "--steps",
    "20",
    "--paths",
    "100",
    "--json",
  );
  assert.equal(gbm.code, 0, gbm.stderr);
  assert.equal(JSON.parse(gbm.stdout).bands.p5.length, 21);
});

Deno.test("cli montecarlo - bad input names the row or flag", async () => {
  const bad = await run({ "b.csv": "returnPct\n1\nabc\n" }, "montecarlo", "--trades", "b.csv");
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'error: --trades b.csv: row 3: returnPct "abc" is not a number\n');
  const none = await run({ "n.csv": "x,y\n1,2\n" }, "montecarlo", "--trades", "n.csv");
  assert.match(none.stderr, /expected a returnPct or pnl column/);
  const both = await run({}, "montecarlo");
  assert.match(both.stderr, /give exactly one of/);
  const mode = await run(
    { "t.csv": CSV },
    "montecarlo",
    "--trades",
    "t.csv",
    "--mode",
    "jackknife",
  );
  assert.match(mode.stderr, /--mode: expected one of bootstrap, reshuffle, block, skip/);
  const skip = await run(
    { "t.csv": CSV },
    "montecarlo",
    "--trades",
    "t.csv",
    "--mode",
    "skip",
    "--skip-pct",
    "30",
  );
  assert.match(skip.stderr, /--skip-pct: must be at most 10, was 30/);
});
