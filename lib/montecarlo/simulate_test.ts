import assert from "node:assert/strict";
import { lerp } from "./quantile.ts";
import { type MonteCarloConfig, simulate } from "./simulate.ts";

const f64 = (...xs: number[]) => Float64Array.from(xs);

function close(a: number, b: number, rel = 1e-12) {
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
}

/** Max drawdown (%) of one path, the peak including the start: a direct reimplementation. */
function maxDrawdownPct(path: Float64Array): number {
  let peak = -Infinity;
  let worst = 0;
  for (const v of path) {
    peak = Math.max(peak, v);
    worst = Math.max(worst, (peak - v) / peak);
  }
  return worst * 100;
}

function sortedQuantile(values: number[], q: number): number {
  const x = Float64Array.from(values).sort();
  const h = (x.length - 1) * q;
  const lo = Math.floor(h);
  return lerp(x[lo], x[Math.min(lo + 1, x.length - 1)], h - lo);
}

Deno.test("simulate - bands are numpy-linear percentiles of the paths at every step", () => {
  const trades = f64(3, -2, 5, -4, 1, 2.5, -1.5, 0.5);
  const r = simulate({
    source: { kind: "trades", trades, mode: "bootstrap", tradesPerPath: 12 },
    paths: 100,
    seed: 11,
    samplePaths: 100, // every path, so the bands can be recomputed here
  });
  assert.equal(r.bands.p50.length, 13);
  assert.ok(r.samples.every((p) => p[0] === 10_000));
  for (let t = 0; t <= 12; t++) {
    const column = r.samples.map((p) => p[t]);
    assert.equal(r.bands.p5[t], sortedQuantile(column, 0.05));
    assert.equal(r.bands.p50[t], sortedQuantile(column, 0.5));
    assert.equal(r.bands.p95[t], sortedQuantile(column, 0.95));
  }
  const dds = r.samples.map(maxDrawdownPct);
  assert.equal(r.maxDrawdownPct.max, Math.max(...dds));
  assert.equal(r.maxDrawdownPct.min, Math.min(...dds));
  assert.equal(r.maxDrawdownPct.p50, sortedQuantile(dds, 0.5));
  assert.equal(r.finalEquity.p25, sortedQuantile(r.samples.map((p) => p[12]), 0.25));
});

Deno.test("simulate - reshuffle of [+10 %, -10 %]: final 9,900, drawdown 10 %, never recovers", () => {
  const r = simulate({
    source: { kind: "trades", trades: f64(10, -10), mode: "reshuffle" },
    paths: 200,
    seed: 3,
  });
  close(r.finalEquity.min, 9900);
  close(r.finalEquity.max, 9900);
  close(r.maxDrawdownPct.min, 10);
  close(r.maxDrawdownPct.max, 10);
  assert.equal(r.recovery.censored, 200);
  assert.equal(r.recovery.recovered, 0);
  assert.ok(Number.isNaN(r.recovery.p50));
});

Deno.test("simulate - time to recover counts trades from the trough back to the old peak", () => {
  // [-10 %, +20 %]: 9,000 then 10,800 (recovered 1 trade after the trough);
  // [+20 %, -10 %]: 12,000 then 10,800 (below the 12,000 peak: censored)
  const r = simulate({
    source: { kind: "trades", trades: f64(-10, 20), mode: "reshuffle" },
    paths: 400,
    seed: 8,
  });
  assert.equal(r.recovery.recovered + r.recovery.censored, 400);
  assert.ok(r.recovery.recovered > 150 && r.recovery.censored > 150);
  assert.equal(r.recovery.p50, 1);
  assert.equal(r.recovery.max, 1);
});

Deno.test("simulate - ruin in capital mode versus drawdown mode", () => {
  // [+100 %, -50 %]: 20,000 then 10,000: a 50 % drawdown but never below 5,000;
  // [-50 %, +100 %]: 5,000 first: ruin in both modes
  const base: MonteCarloConfig = {
    source: { kind: "trades", trades: f64(100, -50), mode: "reshuffle" },
    paths: 1000,
    seed: 21,
    ruinThresholdPct: -50,
  };
  const capital = simulate({ ...base, ruinMode: "capital" }).ruin;
  const drawdown = simulate({ ...base, ruinMode: "drawdown" }).ruin;
  assert.equal(drawdown.probability, 1);
  assert.ok(capital.probability > 0.4 && capital.probability < 0.6, `${capital.probability}`);
  assert.equal(capital.mode, "capital");
  const deeper = simulate({ ...base, ruinThresholdPct: -60, ruinMode: "drawdown" }).ruin;
  assert.equal(deeper.probability, 0);
});

Deno.test("simulate - skipping only ever removes winners: no drawdown, at most the full product", () => {
  const trades = f64(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  const full = trades.reduce((e, x) => e * (1 + x / 100), 10_000);
  const r = simulate({
    source: { kind: "trades", trades, mode: "skip", skipPct: 10 },
    paths: 500,
    seed: 4,
  });
  assert.equal(r.maxDrawdownPct.max, 0);
  assert.equal(r.recovery.noDrawdown, 500);
  assert.ok(r.finalEquity.max <= full * (1 + 1e-15));
  assert.ok(r.finalEquity.min < full); // some trades were skipped
});

Deno.test("simulate - additive PnL bootstrap: mean final equity = start + n * mean PnL", () => {
  const pnl = f64(120, -80, 50, -30, 200, -150);
  const mean = pnl.reduce((a, b) => a + b) / pnl.length;
  const sd = Math.sqrt(pnl.reduce((a, b) => a + (b - mean) ** 2, 0) / pnl.length);
  const r = simulate({
    source: { kind: "trades", trades: pnl, mode: "bootstrap", tradesPerPath: 100 },
    paths: 5000,
    seed: 9,
    compounding: false,
  });
  const se = sd * Math.sqrt(100) / Math.sqrt(5000);
  assert.ok(Math.abs(r.finalEquity.mean - (10_000 + 100 * mean)) < 4 * se);
});

Deno.test("simulate - block bootstrap of a constant series and CAGR of a known path", () => {
  const r = simulate({
    source: { kind: "trades", trades: f64(10, 10, 10, 10), mode: "block", blockLength: 2 },
    paths: 10,
    seed: 1,
    periodsPerYear: 4,
  });
  close(r.finalEquity.p50, 10_000 * 1.1 ** 4);
  close(r.cagrPct.p50, (1.1 ** 4 - 1) * 100, 1e-12); // 4 trades = 1 year
});

Deno.test("simulate - parametric: a 100 % win rate compounds avgWin minus slippage", () => {
  const r = simulate({
    source: {
      kind: "parametric",
      winRate: 1,
      avgWin: 2,
      avgLoss: 1,
      tradesPerPath: 50,
      slippage: 0.5,
    },
    paths: 20,
    seed: 2,
  });
  close(r.finalEquity.min, 10_000 * 1.015 ** 50, 1e-13);
  const jittered = simulate({
    source: {
      kind: "parametric",
      winRate: 0.5,
      avgWin: 2,
      avgLoss: 1,
      tradesPerPath: 50,
      winRateJitter: 0.2,
    },
    paths: 2000,
    seed: 2,
  });
  assert.ok(jittered.finalEquity.p95 > jittered.finalEquity.p5);
});

Deno.test("simulate - GBM: zero volatility is deterministic, log-returns have the right moments", () => {
  const flat = simulate({
    source: { kind: "gbm", mu: 0.1, sigma: 0, steps: 252 },
    paths: 5,
    seed: 1,
    initialEquity: 100,
  });
  close(flat.finalEquity.p50, 100 * Math.exp(0.1), 1e-12);
  close(flat.cagrPct.p50, (Math.exp(0.1) - 1) * 100, 1e-10);
  const r = simulate({
    source: { kind: "gbm", mu: 0.08, sigma: 0.3, steps: 50, dt: 1 / 50 },
    paths: 4000,
    seed: 6,
    initialEquity: 100,
    samplePaths: 100,
  });
  // median of S_T = S0 exp((mu - sigma^2/2) T); standard error of the sample median ~ 0.3 * 1.25 / sqrt(4000)
  const expected = 100 * Math.exp(0.08 - 0.045);
  assert.ok(Math.abs(Math.log(r.finalEquity.p50 / expected)) < 0.02);
});

Deno.test("simulate - invalid configs throw RangeError naming the field", () => {
  const trades = f64(1, -1);
  assert.throws(
    () => simulate({ source: { kind: "trades", trades, mode: "bootstrap" }, paths: 0, seed: 1 }),
    /monteCarlo: expected paths an integer/,
  );
  assert.throws(
    () =>
      simulate({
        source: { kind: "trades", trades, mode: "skip", skipPct: 20 },
        paths: 1,
        seed: 1,
      }),
    /skipPct in \[1, 10\], was 20/,
  );
  assert.throws(
    () =>
      simulate({
        source: { kind: "trades", trades: f64(1, -120), mode: "bootstrap" },
        paths: 1,
        seed: 1,
      }),
    /trades\[1\] > -100/,
  );
  assert.throws(
    () =>
      simulate({
        source: { kind: "trades", trades, mode: "reshuffle", tradesPerPath: 5 },
        paths: 1,
        seed: 1,
      }),
    /tradesPerPath 2/,
  );
  assert.throws(
    () =>
      simulate({
        source: { kind: "trades", trades, mode: "bootstrap" },
        paths: 1,
        seed: 1,
        ruinThresholdPct: 10,
      }),
    /ruinThresholdPct/,
  );
});

Deno.test("simulate - perPath: each path's drawdown, ruin step, trough and recovery by hand", () => {
  // two possible orders of [-10 %, +20 %, -50 %] ... reshuffle gives all 6; check each path
  // against a direct walk over its own sample path
  const trades = f64(-10, 20, -50);
  const r = simulate({
    source: { kind: "trades", trades, mode: "reshuffle" },
    paths: 60,
    seed: 2,
    ruinThresholdPct: -40,
    ruinMode: "capital",
    periodsPerYear: 3,
    samplePaths: 60,
    perPath: true,
  });
  const pp = r.perPath!;
  for (const key of Object.keys(pp) as (keyof typeof pp)[]) assert.equal(pp[key].length, 60);
  const seen = new Set<string>();
  r.samples.forEach((path, p) => {
    seen.add(Array.from(path).join(","));
    // walk: running peak (start included), deepest drawdown, first ruin step
    let peak = path[0], worst = 0, trough = -1, ddPeak = path[0], recovered = -1, ruin = -1;
    for (let t = 1; t < path.length; t++) {
      const e = path[t];
      const dd = e >= peak ? 0 : (peak - e) / peak;
      if (dd > worst) [worst, trough, ddPeak, recovered] = [dd, t, peak, -1];
      else if (recovered < 0 && trough >= 0 && e >= ddPeak) recovered = t;
      peak = Math.max(peak, e);
      if (ruin < 0 && e <= 6000) ruin = t;
    }
    assert.equal(pp.maxDrawdown[p], worst);
    assert.equal(pp.troughStep[p], trough);
    assert.equal(pp.recoverySteps[p], trough < 0 ? -2 : recovered < 0 ? -1 : recovered - trough);
    assert.equal(pp.ruinStep[p], ruin);
    assert.equal(pp.finalEquity[p], path[3]);
    // 3 trades at 3 a year: CAGR is the total return, 0.9 x 1.2 x 0.5 - 1 = -0.46
    close(pp.cagr[p], -0.46);
  });
  assert.equal(seen.size, 6, "reshuffle visits all six orders");
  // [-50 %, +20 %, -10 %]: 5,000, 6,000, 5,400: ruined at step 1 (<= 6,000), which is also the
  // deepest drawdown (0.5; 5,400 is only 0.46 below the 10,000 peak); never back to 10,000
  const i = r.samples.findIndex((s) => s[1] === 5000 && s[2] === 6000);
  assert.ok(i >= 0);
  assert.equal(pp.ruinStep[i], 1);
  assert.equal(pp.maxDrawdown[i], 0.5);
  assert.equal(pp.troughStep[i], 1);
  assert.equal(pp.recoverySteps[i], -1);
  // [-10 %, +20 %, -50 %]: 9,000 (trough at step 1), 10,800 (recovered 1 step later, new peak),
  // 5,400: drawdown 0.5 from 10,800 at step 3 is deeper, so that is the trough; censored
  const k = r.samples.findIndex((s) => s[1] === 9000 && s[2] === 10_800);
  close(pp.maxDrawdown[k], 0.5);
  assert.equal(pp.troughStep[k], 3);
  assert.equal(pp.recoverySteps[k], -1);
  assert.equal(pp.ruinStep[k], 3);
  // [+20 %, -10 %, -50 %]: peak 12,000, trough 5,400 at step 3: drawdown 0.55, ruin at step 3
  const j = r.samples.findIndex((s) => s[1] === 12_000 && s[2] === 10_800);
  close(pp.maxDrawdown[j], 0.55);
  assert.equal(pp.ruinStep[j], 3);
  // ruin count and the summaries agree with the per-path arrays
  assert.equal(r.ruin.paths, pp.ruinStep.filter((x) => x > 0).length);
  assert.equal(
    r.maxDrawdownPct.p50,
    sortedQuantile(Array.from(pp.maxDrawdown, (x) => x * 100), 0.5),
  );
  assert.equal(r.cagrPct.p5, sortedQuantile(Array.from(pp.cagr, (x) => x * 100), 0.05));
});

Deno.test("simulate - perPath is opt-in and leaves every other output unchanged", () => {
  const base: MonteCarloConfig = {
    source: { kind: "parametric", winRate: 0.5, avgWin: 3, avgLoss: 2, tradesPerPath: 50 },
    paths: 300,
    seed: 13,
    ruinThresholdPct: -20,
  };
  const plain = simulate(base);
  assert.equal("perPath" in plain, false);
  const { perPath, ...rest } = simulate({ ...base, perPath: true });
  assert.deepEqual(rest, plain);
  assert.ok(perPath && perPath.maxDrawdown.every((x) => x >= 0 && x < 1));
  // a recovered path's recovery ends at or before the last step
  perPath!.recoverySteps.forEach((r, p) => {
    if (r >= 0) assert.ok(perPath!.troughStep[p] + r <= 50);
  });
  assert.throws(
    () => simulate({ ...base, perPath: 1 as unknown as boolean }),
    /expected perPath a boolean, was 1/,
  );
});
