/**
 * `bench.ts audit`: a 100,000-row Tastytrade export parsed, reconstructed and audited
 * (target: under 1 s on the 2-core machine).
 * @module
 */
import process from "node:process";
import { type BenchTable, timeMedian } from "../bench/harness.ts";
import { parseCsv } from "./csv.ts";
import { importAll } from "./importers/mod.ts";
import { runAudit } from "./run.ts";
import { syntheticTastytrade } from "./synthetic.ts";

/** The `audit` suite: full pipeline, CSV parse and import on the same 100,000-row export. */
export default function auditBench(): Promise<BenchTable[]> {
  const text = syntheticTastytrade(100_000);
  const files = [{ name: "synthetic.csv", text }];
  const options = { asOf: "2026-01-01" } as const;
  const report = runAudit(files, options);
  const full = timeMedian(() => runAudit(files, options), { runs: 5, warmup: 1 });
  // process CPU time (all threads, GC included) per run: less sensitive to other load than wall time
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 3; i++) runAudit(files, options);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / 3;
  const csv = timeMedian(() => parseCsv(text), { runs: 5, warmup: 1 });
  const imp = timeMedian(() => importAll({ files, broker: "auto", asOfMs: Date.UTC(2026, 0, 1) }), {
    runs: 5,
    warmup: 1,
  });
  const rows = text.split("\n").length - 2;
  return Promise.resolve([{
    title: `audit: ${rows.toLocaleString("en-US")}-row Tastytrade export (${
      (text.length / 1e6).toFixed(1)
    } MB)`,
    rows: [
      {
        name: "runAudit (parse+import+reconstruct+metrics)",
        ms: full,
        note: `${report.strategies.length} strategies, ${
          cpuMs.toFixed(0)
        } ms CPU per run, target < 1000 ms`,
      },
      { name: "parseCsv only", ms: csv },
      { name: "parse + import + dedupe", ms: imp },
    ],
    notes: [
      full < 1000 ? "meets the 1 s target (wall)" : "MISSES the 1 s target (wall)",
      `load average at the start: ${Deno.loadavg().map((x) => x.toFixed(1)).join(" ")}`,
    ],
  }]);
}
