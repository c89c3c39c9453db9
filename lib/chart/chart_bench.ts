/**
 * Chart benchmark (`deno task bench chart`): first paint of 100,000 candles (typed arrays ready to
 * the end of the first draw, median of 5 fresh pages in headless Chromium), pan/zoom frame times
 * over 1,000,000 candles with 10,000 trade markers, and the gzip size of the chart code with and
 * without the drawing tools (from esbuild's static/build/meta.json; run `npm run build:islands`
 * first, which `deno task bench` does).
 * @module
 */
import type { BenchTable } from "../bench/harness.ts";
import { launchBrowser } from "../../tests/e2e/helpers.ts";

const ROOT = new URL("../../", import.meta.url);

async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

interface MetaOutput {
  entryPoint?: string;
  imports: { path: string; kind: string }[];
  bytes: number;
}

/** Gzip sizes (bytes) of the chart island's static import closure and of the drawing chunk. */
export async function chartBundleSizes(): Promise<{
  chart: number;
  chartFiles: number;
  drawing: number;
  uplot: number;
  boot: number;
}> {
  const meta = JSON.parse(await Deno.readTextFile(new URL("static/build/meta.json", ROOT))) as {
    outputs: Record<string, MetaOutput>;
  };
  const outs = Object.entries(meta.outputs).filter(([p]) => p.endsWith(".js"));
  const find = (pred: (p: string, o: MetaOutput) => boolean) => outs.find(([p, o]) => pred(p, o));
  const island = find((_p, o) =>
    o.entryPoint === "islands/Chart.tsx" || /\/Chart-[^/]*\.js$/.test(_p)
  );
  const drawing = find((p) => /drawing_tools-[^/]*\.js$/.test(p));
  const boot = find((p) => p.endsWith("static/build/islands.js"));
  if (!island || !drawing || !boot) {
    throw new Error(
      "chart_bench: run `npm run build:islands` first (Chart or drawing chunk missing)",
    );
  }
  // The chart island plus everything it imports statically (uPlot, preact, shared chunks), and
  // the boot script that loads it; the drawing tools are a dynamic import and stay out.
  const closure = new Set<string>([boot[0]]);
  const visit = (path: string) => {
    if (closure.has(path) && path !== boot[0]) return;
    closure.add(path);
    for (const imp of meta.outputs[path]?.imports ?? []) {
      if (imp.kind === "import-statement") visit(imp.path);
    }
  };
  visit(island[0]);
  for (const imp of meta.outputs[boot[0]].imports) {
    if (imp.kind === "import-statement") visit(imp.path);
  }
  const size = async (p: string) => gzipSize(await Deno.readFile(new URL(p, ROOT)));
  let chart = 0;
  let uplot = 0;
  for (const p of closure) {
    const s = await size(p);
    chart += s;
    if ((await Deno.readTextFile(new URL(p, ROOT))).includes("u-cursor-x")) uplot += s;
  }
  return {
    chart,
    chartFiles: closure.size,
    drawing: await size(drawing[0]),
    uplot,
    boot: await size(boot[0]),
  };
}

async function bundleBenchPage(dir: string): Promise<void> {
  const esbuild = new URL("node_modules/.bin/esbuild", ROOT).pathname;
  const out = await new Deno.Command(esbuild, {
    args: [
      "islands/chart/bench_entry.ts",
      "--bundle",
      "--format=esm",
      "--platform=browser",
      "--target=es2022",
      "--minify",
      `--outfile=${dir}/bench.js`,
    ],
    cwd: ROOT.pathname,
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  await Deno.writeTextFile(
    `${dir}/index.html`,
    `<!doctype html><html><head><meta charset="utf-8"><style>:root{--bg:#fff;--up:#16a34a;--down:#dc2626;--grid:rgba(0,0,0,.08);--text:#111;--muted:#555;--accent:#2563eb}body{margin:0}</style><link rel="stylesheet" href="/uPlot.min.css"></head><body><script type="module" src="/bench.js"></script></body></html>`,
  );
  await Deno.copyFile(
    new URL("node_modules/uplot/dist/uPlot.min.css", ROOT),
    `${dir}/uPlot.min.css`,
  );
}

const suite = async (): Promise<BenchTable[]> => {
  const dir = await Deno.makeTempDir({ prefix: "tf-chart-bench-" });
  await bundleBenchPage(dir);
  const types: Record<string, string> = {
    html: "text/html",
    js: "text/javascript",
    css: "text/css",
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname.replace(/^\/$/, "/index.html");
    try {
      const body = await Deno.readFile(dir + path);
      return new Response(body, {
        headers: { "content-type": types[path.split(".").pop()!] ?? "" },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  const url = `http://127.0.0.1:${server.addr.port}/`;
  const browser = await launchBrowser({ width: 1280, height: 800 });
  const page = browser.page;
  try {
    const fresh = async () => {
      await page.goto(url);
      await page.waitForFunction(() => document.documentElement.dataset.bench === "ready");
    };
    const paint = async (n: number, view: "all" | "recent") => {
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        await fresh();
        runs.push(
          await page.evaluate(
            ([n, view]) =>
              (globalThis as unknown as {
                tfBench: { firstPaint(n: number, v: string): Promise<number> };
              }).tfBench.firstPaint(n as number, view as string),
            [n, view] as const,
          ),
        );
      }
      runs.sort((a, b) => a - b);
      return { median: runs[2], runs };
    };
    const all100k = await paint(100_000, "all");
    const recent100k = await paint(100_000, "recent");
    const inline2k = await paint(2_000, "recent");
    await fresh();
    const pz = await page.evaluate(() =>
      (globalThis as unknown as {
        tfBench: {
          panZoom(n: number, m: number): Promise<{ median: number; p95: number; all: number }>;
        };
      }).tfBench.panZoom(1_000_000, 10_000)
    );
    const sizes = await chartBundleSizes();
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
    const fmtRuns = (r: number[]) => r.map((x) => x.toFixed(1)).join(", ");
    return [
      {
        title: "Chart first paint in headless Chromium (typed arrays ready → end of first draw)",
        rows: [
          {
            name: "100k candles, all visible",
            ms: all100k.median,
            note: `runs ${fmtRuns(all100k.runs)}`,
          },
          {
            name: "100k candles, default view",
            ms: recent100k.median,
            note: `runs ${fmtRuns(recent100k.runs)}`,
          },
          {
            name: "2k candles (inlined page)",
            ms: inline2k.median,
            note: `runs ${fmtRuns(inline2k.runs)}`,
          },
        ],
        notes: [
          "median of 5 fresh pages each; target: 100k candles under 50 ms",
          `chart code without drawing tools: ${
            kb(sizes.chart)
          } gzip (${sizes.chartFiles} files: boot, Chart island, uPlot ${
            kb(sizes.uplot)
          }, preact, indicators); target under 60 KB`,
          `drawing tools chunk (lazy): ${kb(sizes.drawing)} gzip`,
        ],
      },
      {
        title: "Chart pan/zoom frames, 1,000,000 candles + 10,000 trade markers (1280×720)",
        rows: [
          {
            name: "frame median (zoom, pan)",
            ms: pz.median,
            note: "setView + redraw of every pane",
          },
          { name: "frame p95", ms: pz.p95 },
          { name: "frame, all 1M visible", ms: pz.all },
        ],
        notes: ["decimated to one OHLC aggregate per pixel column; 16.7 ms = 60 fps"],
      },
    ];
  } finally {
    await browser.close();
    await server.shutdown();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
};

export default suite;
