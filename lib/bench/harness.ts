/**
 * A tiny benchmark harness for `deno task bench`: each suite times its candidates in the same
 * process and prints them side by side with ratios against a baseline.
 * @module
 */

/** One timed candidate. */
export interface BenchRow {
  name: string;
  /** Median wall time of one run, milliseconds. */
  ms: number;
  /** Free-form extra figure, e.g. "24.1 M bars/s". */
  note?: string;
}

/** A suite: a title, the rows, and which row the ratios compare against. */
export interface BenchTable {
  title: string;
  rows: BenchRow[];
  /** Name of the row the "x faster" ratios are computed against (default: first row). */
  baseline?: string;
  /** Targets or remarks printed under the table. */
  notes?: string[];
}

/** A module that `bench.ts` runs: returns one or more tables. */
export type BenchSuite = () => Promise<BenchTable[]>;

/**
 * Runs `fn` `warmup` times, then `runs` times, and returns the median duration in ms.
 * The return value of `fn` is kept in a sink so the work cannot be optimised away.
 */
export function timeMedian(
  fn: () => unknown,
  options: { runs?: number; warmup?: number } = {},
): number {
  const { runs = 7, warmup = 2 } = options;
  for (let i = 0; i < warmup; i++) sink(fn());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink(fn());
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Async variant of {@link timeMedian}. */
export async function timeMedianAsync(
  fn: () => Promise<unknown>,
  options: { runs?: number; warmup?: number } = {},
): Promise<number> {
  const { runs = 5, warmup = 1 } = options;
  for (let i = 0; i < warmup; i++) sink(await fn());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink(await fn());
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

let sinkValue: unknown;
function sink(x: unknown): void {
  sinkValue = x;
}
/** Read by nobody; exists so engines keep benchmarked results alive. */
export function sunk(): unknown {
  return sinkValue;
}

/** Formats a table with a ratio column ("4.2x" = baseline time / row time). */
export function formatTable(table: BenchTable): string {
  const base = table.rows.find((r) => r.name === table.baseline) ?? table.rows[0];
  const nameW = Math.max(9, ...table.rows.map((r) => r.name.length));
  const lines = [
    `## ${table.title}`,
    `${"candidate".padEnd(nameW)}  ${"median ms".padStart(10)}  ${"vs " + base.name}`,
  ];
  for (const r of table.rows) {
    const ratio = base.ms / r.ms;
    lines.push(
      `${r.name.padEnd(nameW)}  ${r.ms.toFixed(2).padStart(10)}  ${
        (ratio.toFixed(2) + "x").padStart(7)
      }${r.note ? "  " + r.note : ""}`,
    );
  }
  for (const n of table.notes ?? []) lines.push(`  - ${n}`);
  return lines.join("\n");
}
