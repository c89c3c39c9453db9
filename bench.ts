// `deno task bench`: every benchmark suite in one run, printed side by side with ratios.
// Usage: deno task bench [filter]   (runs suites whose name contains the filter)
import { type BenchSuite, formatTable } from "./lib/bench/harness.ts";

const SUITES: Record<string, () => Promise<{ default: BenchSuite }>> = {
  indicators: () => import("./lib/indicators/indicators_bench.ts"),
  backtest: () => import("./lib/backtest/backtest_bench.ts"),
  audit: () => import("./lib/audit/audit_bench.ts"),
  "core-wasm": () => import("./core-wasm/mod_bench.ts"),
  load: () => import("./lib/bench/load_bench.ts"),
  optimize: () => import("./lib/optimize/optimize_bench.ts"),
  screeners: () => import("./lib/screeners/screeners_bench.ts"),
  chart: () => import("./lib/chart/chart_bench.ts"),
};

const filter = Deno.args[0] ?? "";
console.log(
  `ThetaForge benchmarks, ${
    new Date().toISOString().slice(0, 10)
  }, Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores`,
);
for (const [name, load] of Object.entries(SUITES)) {
  if (!name.includes(filter)) continue;
  const suite = (await load()).default;
  for (const table of await suite()) console.log("\n" + formatTable(table));
}
