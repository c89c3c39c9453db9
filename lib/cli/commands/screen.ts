/**
 * `cli screen`: run screeners over a universe of stored symbols and print (and store) the scan.
 * @module
 */
import { CliError, type Command, numberFlag, parseFlags, printJson } from "../command.ts";
import { parseParamFlags } from "./backtest.ts";
import { LOCAL_OWNER } from "../../http/env.ts";
import { type Timeframe, TIMEFRAMES } from "../../data/time.ts";
import { getScreener, screenerNames } from "../../screeners/mod.ts";
import { kvBarSource } from "../../screeners/bar_source.ts";
import { runScan, ScanError, type ScanRequestInput, type Universe } from "../../screeners/scan.ts";
import { isRegion, REGIONS } from "../../screeners/universes.ts";
import { PASSING_SIGNALS } from "../../screeners/types.ts";
import { saveScan } from "../../storage/scans_repo.ts";
import { getWatchlist } from "../../storage/watchlists_repo.ts";
import { syntheticProvider } from "../../screeners/chains/synthetic.ts";
import { tradierProvider } from "../../screeners/chains/tradier.ts";
import type { ChainProvider } from "../../screeners/chains/chain.ts";
import { fundamentalsLookup, FundamentalsMap } from "../../screeners/fundamentals.ts";

/** `--universe` text to a universe: a region, `stored`, `sector:XLK` or `watchlist:ID`. */
export function parseUniverseFlag(text: string): Universe {
  if (text === "stored") return { kind: "stored" };
  if (isRegion(text)) return { kind: "region", region: text };
  if (text.startsWith("sector:")) return { kind: "sector", code: text.slice(7) };
  if (text.startsWith("watchlist:")) return { kind: "watchlist", id: text.slice(10) };
  throw new CliError(
    `--universe: expected stored, ${
      REGIONS.join(", ")
    }, sector:CODE or watchlist:ID, was "${text}"`,
  );
}

/**
 * `--param k=v` applies to every screener that has parameter k; `--param NAME.k=v` to screener
 * NAME only. Unknown keys are errors.
 */
export function paramsFor(names: readonly string[], raw: readonly string[]) {
  const out: Record<string, Record<string, unknown>> = Object.fromEntries(
    names.map((n) => [n, {}]),
  );
  for (const [key, value] of Object.entries(parseParamFlags(raw))) {
    const dot = key.indexOf(".");
    const target = dot > 0 ? key.slice(0, dot) : null;
    const k = dot > 0 ? key.slice(dot + 1) : key;
    let used = false;
    for (const n of names) {
      if (target && target !== n) continue;
      const shape = getScreener(n)!.params.shape as Record<string, unknown>;
      if (k in shape) {
        out[n][k] = value;
        used = true;
      }
    }
    if (!used) throw new CliError(`--param: no selected screener has a parameter "${key}"`);
  }
  return out;
}

async function chainProvider(
  kind: string | undefined,
  kv: Deno.Kv,
): Promise<ChainProvider | undefined> {
  if (kind === undefined || kind === "none") return undefined;
  if (kind === "synthetic") {
    const { serverKernels } = await import("../../../core-wasm/load_server.ts");
    const kernels = await serverKernels();
    const source = kvBarSource(kv, LOCAL_OWNER);
    return syntheticProvider((s) => source.load(s), kernels);
  }
  if (kind === "tradier") {
    const token = Deno.env.get("TRADIER_TOKEN");
    if (!token) {
      throw new CliError("--chains tradier: set TRADIER_TOKEN (and TRADIER_URL for the sandbox)");
    }
    return tradierProvider({
      baseUrl: Deno.env.get("TRADIER_URL") ?? "https://api.tradier.com",
      token,
    });
  }
  throw new CliError(`--chains: expected none, synthetic or tradier, was "${kind}"`);
}

/** `cli screen --screener NAME [--universe LIST | --symbol SYM] [--param k=v] --json` */
export const screenCommand: Command = {
  name: "screen",
  summary: "Run screeners over stored symbols (a region, a list, a watchlist) and store the scan",
  usage:
    `Usage: cli screen --screener NAME [--screener NAME ...] [--universe LIST | --symbol SYM ...]
       [--param k=v | --param NAME.k=v ...] [--timeframe 1d,1w,1mo] [--min-volume N]
       [--min-price P] [--min-turnover T] [--top-volume N [--top-volume-period BARS]]
       [--benchmark SYM] [--chains none|synthetic|tradier]
       [--fundamentals FILE.json] [--all] [--json]

Universe: stored (default), ${REGIONS.join(", ")}, sector:XLK, watchlist:ID.
Screeners: ${screenerNames().join(", ")}.
Prints the passing rows (buy, sell, watch; --all for every row). The scan is stored under its id
(GET /api/v1/scans/{id}). --chains synthetic prices option chains from stored bars with the
core-wasm Black-Scholes kernel; those rows are labelled "(synthetic chain)". --fundamentals reads
{ "SYMBOL": { "revenueGrowth": 0.1, "annualRevenue": [..], "nextEarnings": "2025-01-30" } }.
--top-volume N keeps the N symbols with the highest mean volume over --top-volume-period bars
(default 20); vertical_put asks for 50 by itself, --top-volume 0 turns the cut off.`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      screener: { type: "string", multiple: true },
      universe: { type: "string" },
      symbol: { type: "string", multiple: true },
      param: { type: "string", multiple: true },
      timeframe: { type: "string" },
      "min-volume": { type: "string" },
      "min-price": { type: "string" },
      "min-turnover": { type: "string" },
      "top-volume": { type: "string" },
      "top-volume-period": { type: "string" },
      benchmark: { type: "string" },
      chains: { type: "string" },
      fundamentals: { type: "string" },
      all: { type: "boolean" },
    });
    const names = values.screener ?? [];
    if (names.length === 0) throw new CliError("--screener is required");
    for (const n of names) {
      if (!getScreener(n)) {
        throw new CliError(
          `--screener: unknown screener "${n}", expected one of ${screenerNames().join(", ")}`,
        );
      }
    }
    if (values.universe && values.symbol) {
      throw new CliError("--universe and --symbol are exclusive");
    }
    const universe: Universe = values.symbol
      ? { kind: "symbols", symbols: values.symbol }
      : parseUniverseFlag(values.universe ?? "stored");
    const timeframes = (values.timeframe ?? "1d").split(",").map((t) => t.trim()) as Timeframe[];
    for (const t of timeframes) {
      if (!TIMEFRAMES.includes(t)) {
        throw new CliError(`--timeframe: expected ${TIMEFRAMES.join(", ")}, was "${t}"`);
      }
    }
    const params = paramsFor(names, values.param ?? []);
    const request: ScanRequestInput = {
      screeners: names.map((name) => ({ name, params: params[name] })),
      universe,
      timeframes,
      liquidity: {
        minAvgVolume: numberFlag("min-volume", values["min-volume"], { min: 0 }) ?? 0,
        minPrice: numberFlag("min-price", values["min-price"], { min: 0 }) ?? 0,
        minTurnover: numberFlag("min-turnover", values["min-turnover"], { min: 0 }) ?? 0,
        topByVolume: numberFlag("top-volume", values["top-volume"], { min: 0, integer: true }),
        topByVolumePeriod: numberFlag("top-volume-period", values["top-volume-period"], {
          min: 1,
          integer: true,
        }),
      },
      ...(values.benchmark ? { benchmark: values.benchmark.toUpperCase() } : {}),
    };
    let fundamentals: FundamentalsMap | undefined;
    if (values.fundamentals !== undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(new TextDecoder().decode(await io.readFile(values.fundamentals)));
      } catch (err) {
        throw new CliError(
          `--fundamentals: cannot read ${values.fundamentals}: ${
            (err as Error).message.split("\n")[0]
          }`,
        );
      }
      const parsed = FundamentalsMap.safeParse(raw);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new CliError(`--fundamentals: ${i.path.join(".")}: ${i.message}`);
      }
      fundamentals = parsed.data;
    }
    const kv = await io.openKv();
    const chains = await chainProvider(values.chains, kv);
    let result;
    try {
      result = await runScan(request, kvBarSource(kv, LOCAL_OWNER), {
        id: crypto.randomUUID(),
        now: io.now,
        chains,
        fundamentals: fundamentals ? fundamentalsLookup(fundamentals) : undefined,
        watchlist: async (id) =>
          (await getWatchlist(kv, LOCAL_OWNER, id))?.items.map((i) => i.symbol) ?? null,
      });
    } catch (err) {
      if (err instanceof ScanError) {
        const issue = err.issues[0];
        throw new CliError(issue ? `${issue.path}: ${issue.message}` : err.message);
      }
      throw err;
    }
    await saveScan(kv, LOCAL_OWNER, result);
    const rows = values.all
      ? result.rows
      : result.rows.filter((r) => PASSING_SIGNALS.has(r.signal));
    if (values.json) {
      return printJson(io, {
        id: result.id,
        createdTs: result.createdTs,
        durationMs: result.durationMs,
        regime: result.regime,
        counts: result.counts,
        rows,
        skipped: result.skipped,
        volumeCut: result.volumeCut,
      });
    }
    io.stdout(
      `scan ${result.id}: ${result.counts.symbols} symbols, ${result.counts.passing} passing rows` +
        (result.regime ? `, regime ${result.regime.label}` : "") + "\n",
    );
    for (const r of rows) {
      const f = (x: number | null) => (x === null ? "-" : x.toFixed(2));
      io.stdout(
        `${r.symbol.padEnd(10)} ${r.timeframe.padEnd(4)} ${r.screener.padEnd(16)} ${
          r.signal.padEnd(6)
        } ${r.label.padEnd(34)} price ${f(r.price)} stop ${f(r.stop)} target ${f(r.target)}\n`,
      );
    }
    if (result.skipped.length > 0) {
      io.stderr(
        `${result.skipped.length} symbols skipped (see --json)` +
          (result.volumeCut
            ? `, ${result.volumeCut.cut} of them outside the top ${result.volumeCut.count} by ` +
              `${result.volumeCut.period}-bar average volume`
            : "") +
          "\n",
      );
    }
  },
};
