import assert from "node:assert/strict";
import { cliHarness } from "../testing.ts";
import { montecarloCommand, textHistogram } from "./montecarlo.ts";
import { histogram } from "../../montecarlo/histogram.ts";
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

Deno.test("cli montecarlo - --histogram-bins: JSON histograms equal the reference; text bars", async () => {
  const argv = ["--trades", "t.csv", "--paths", "400", "--seed", "3", "--ruin", "-3"];
  const json = await run(
    { "t.csv": CSV },
    "montecarlo",
    ...argv,
    "--histogram-bins",
    "8",
    "--json",
  );
  assert.equal(json.code, 0, json.stderr);
  const body = JSON.parse(json.stdout);
  assert.equal(body.perPath, undefined);
  const ref = simulate({
    source: { kind: "trades", trades: Float64Array.of(2.5, -1.2, 3, -2, 0.7), mode: "bootstrap" },
    paths: 400,
    seed: 3,
    ruinThresholdPct: -3,
    perPath: true,
  });
  const cagr = histogram(Array.from(ref.perPath!.cagr, (x) => x * 100), { bins: 8 });
  assert.deepEqual(body.histograms.cagrPct.counts, Array.from(cagr.counts));
  assert.deepEqual(body.histograms.cagrPct.edges, Array.from(cagr.edges));
  assert.equal(body.histograms.maxDrawdownPct.counted, 400);
  const text = await run({ "t.csv": CSV }, "montecarlo", ...argv, "--histogram-bins", "8");
  assert.equal(text.code, 0, text.stderr);
  const lines = text.stdout.split("\n");
  const at = lines.findIndex((l) => l.startsWith("max drawdown % (paths per bin"));
  const bins = lines.slice(at + 1, at + 9);
  assert.ok(bins.every((l) => /^\[ *-?[\d.]+, +-?[\d.]+[)\]] +\d+/.test(l)), bins.join("\n"));
  const counts = bins.map((l) => Number(l.split(/[)\]]/)[1].trim().split(" ")[0]));
  assert.deepEqual(
    counts,
    Array.from(
      histogram(
        Array.from(ref.perPath!.maxDrawdown, (x) => x * 100),
        { bins: 8 },
      ).counts,
    ),
  );
  assert.ok(bins[7].startsWith("[") && bins[7].includes("]"), "the last bin is closed");
  assert.match(text.stdout, /CAGR % \(paths per bin\)/);
  const bad = await run({ "t.csv": CSV }, "montecarlo", ...argv, "--histogram-bins", "0");
  assert.match(bad.stderr, /--histogram-bins/);
});

Deno.test("textHistogram - bars scale to the fullest bin; the marked bin is labelled", () => {
  const h = histogram([0, 1, 1, 2, 2, 2, 2, 4], { bins: 4 });
  assert.deepEqual(textHistogram(h, { at: 2.5, label: "<- here" }), [
    "[0.00, 1.00) 1 ##########",
    "[1.00, 2.00) 2 ####################",
    "[2.00, 3.00) 4 ######################################## <- here",
    "[3.00, 4.00] 1 ##########",
  ]);
});
