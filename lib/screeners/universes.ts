/**
 * The original's ticker universes (ORIGINAL.md 5.0), read from tests/fixtures/universes (copied
 * from the original repository; the app never reads outside this repo), and the benchmark that
 * goes with each region: SPY for US regions, ^FTSE for the UK, ^NSEI for India.
 * @module
 */
import LISTS from "../../tests/fixtures/universes/universes.json" with { type: "json" };

/** The original's regions plus the extra named lists. */
export const REGIONS = [
  "us",
  "sp500",
  "united_states",
  "uk",
  "uk_euro",
  "india",
  "liquid_options",
  "options_only",
] as const;
export type Region = (typeof REGIONS)[number];

/** Benchmark symbol per region (a parameter default; scans may name another). */
export const REGION_BENCHMARK: Readonly<Record<Region, string>> = {
  us: "SPY",
  sp500: "SPY",
  united_states: "SPY",
  uk: "^FTSE",
  uk_euro: "^FTSE",
  india: "^NSEI",
  liquid_options: "SPY",
  options_only: "SPY",
};

/** The volatility index the regime rules read. */
export const VIX_SYMBOL = "^VIX";

/** Benchmark for one symbol by its suffix: `.L` → ^FTSE, `.NS` → ^NSEI, else SPY. */
export function benchmarkForSymbol(symbol: string): string {
  const s = symbol.toUpperCase();
  if (s.endsWith(".L")) return "^FTSE";
  if (s.endsWith(".NS")) return "^NSEI";
  return "SPY";
}

/** Sector ETF codes and names (the original's SECTOR_NAMES). */
export const SECTOR_NAMES: Readonly<Record<string, string>> = LISTS.SECTOR_NAMES;

const FILES: Partial<Record<Region, { file: string; header: boolean }>> = {
  sp500: { file: "sp500_tickers.csv", header: false },
  united_states: { file: "us_sectors.csv", header: true },
  uk: { file: "ftse_350.csv", header: false },
  india: { file: "nifty_nse_stocks.csv", header: true },
};

const cache = new Map<string, string[]>();

async function readList(file: string, header: boolean): Promise<string[]> {
  const url = new URL(`../../tests/fixtures/universes/${file}`, import.meta.url);
  const lines = (await Deno.readTextFile(url)).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return header ? lines.slice(1) : lines;
}

function unique(xs: Iterable<string>): string[] {
  return [...new Set(xs)];
}

/**
 * The symbols of a region, in the original's order: `us` = the 11 sector ETFs' top holdings plus
 * the WATCH list (unique); `sp500` = the S&P 500 list plus WATCH; `united_states`, `uk`,
 * `india` = their CSVs; `uk_euro` = the 150 UK/Euro names; `liquid_options` = the 72 liquid option
 * names; `options_only` = the first 75 purely alphabetic symbols (< 6 letters) of
 * `united_states` in file order (the original took 75 from an unordered set, so its list varied
 * from run to run). Liquidity filters are the scan's gates, not part of the list.
 */
export async function regionSymbols(region: Region): Promise<string[]> {
  const hit = cache.get(region);
  if (hit) return hit;
  let out: string[];
  const watch = LISTS.SECTOR_COMPONENTS.WATCH as string[];
  switch (region) {
    case "us":
      out = unique(Object.values(LISTS.SECTOR_COMPONENTS as Record<string, string[]>).flat());
      break;
    case "sp500":
      out = unique([...(await readList("sp500_tickers.csv", false)), ...watch]);
      break;
    case "uk_euro":
      out = unique(LISTS.UK_EURO_TICKERS);
      break;
    case "liquid_options":
      out = unique(LISTS.LIQUID_OPTION_TICKERS);
      break;
    case "options_only":
      out = (await regionSymbols("united_states")).filter((s) => /^[A-Z]{1,5}$/.test(s)).slice(
        0,
        75,
      );
      break;
    default: {
      const f = FILES[region]!;
      out = unique(await readList(f.file, f.header));
    }
  }
  cache.set(region, out);
  return out;
}

/** Components of one sector ETF (e.g. "XLK") or the WATCH list; null for an unknown code. */
export function sectorSymbols(code: string): string[] | null {
  const c = (LISTS.SECTOR_COMPONENTS as Record<string, string[]>)[code.toUpperCase()];
  return c ? [...c] : null;
}

/** The sector code a symbol belongs to in the `us` region, or null. */
export function sectorOf(symbol: string): string | null {
  for (const [code, list] of Object.entries(LISTS.SECTOR_COMPONENTS as Record<string, string[]>)) {
    if (list.includes(symbol)) return code;
  }
  return null;
}

/** Whether `name` is a region. */
export function isRegion(name: string): name is Region {
  return (REGIONS as readonly string[]).includes(name);
}
