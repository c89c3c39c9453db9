/**
 * The bundled sample data that makes the app useful on first start, offline: three real price
 * histories shipped as CSV (GOOG daily 2004-2013, EURUSD hourly 2017-2018, BTCUSD monthly
 * 2012-2025) and seeded synthetic symbols (a market index standing in for SPY, a volatility index
 * standing in for ^VIX, three more ETFs and six fictional stocks), each labelled synthetic.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { parseOhlcvCsv } from "./csv.ts";
import { saveBars } from "../storage/bars_repo.ts";
import { GLOBAL_OWNER } from "../storage/kv.ts";
import { businessDays, marketPath, stockBars, volatilityIndexBars } from "./synthetic.ts";

/** Bump when the generator or the list changes, so stores re-seed. */
export const SAMPLE_VERSION = 2;

interface SampleSymbol {
  symbol: string;
  description: string;
  synthetic: boolean;
  bars: () => Promise<BarSeries>;
}

const REAL: [string, string][] = [
  ["GOOG", "Alphabet (GOOG), real daily prices 2004-2013"],
  ["EURUSD", "Euro / US dollar, real hourly prices 2017-2018"],
  ["BTCUSD", "Bitcoin / US dollar, real monthly prices 2012-2025"],
];

const STOCKS: {
  symbol: string;
  name: string;
  beta: number;
  alpha: number;
  idio: number;
  price: number;
  vol: number;
}[] = [
  {
    symbol: "QQQ",
    name: "Synthetic stand-in for QQQ (growth index)",
    beta: 1.2,
    alpha: 0.03,
    idio: 0.06,
    price: 90,
    vol: 40e6,
  },
  {
    symbol: "IWM",
    name: "Synthetic stand-in for IWM (small caps)",
    beta: 1.15,
    alpha: -0.02,
    idio: 0.08,
    price: 110,
    vol: 30e6,
  },
  {
    symbol: "TLT",
    name: "Synthetic stand-in for TLT (long bonds, negative beta)",
    beta: -0.35,
    alpha: 0.02,
    idio: 0.1,
    price: 105,
    vol: 12e6,
  },
  {
    symbol: "ACME",
    name: "Acme Corp, a fictional stock (synthetic)",
    beta: 1.1,
    alpha: 0.06,
    idio: 0.22,
    price: 40,
    vol: 3e6,
  },
  {
    symbol: "GLOBEX",
    name: "Globex, a fictional stock (synthetic)",
    beta: 0.8,
    alpha: 0.02,
    idio: 0.18,
    price: 75,
    vol: 2e6,
  },
  {
    symbol: "INITECH",
    name: "Initech, a fictional stock (synthetic)",
    beta: 1.4,
    alpha: 0.1,
    idio: 0.35,
    price: 22,
    vol: 6e6,
  },
  {
    symbol: "UMBRELLA",
    name: "Umbrella Corp, a fictional stock (synthetic)",
    beta: 0.6,
    alpha: -0.03,
    idio: 0.25,
    price: 58,
    vol: 1.5e6,
  },
  {
    symbol: "STARK",
    name: "Stark Industries, a fictional stock (synthetic)",
    beta: 1.25,
    alpha: 0.08,
    idio: 0.28,
    price: 130,
    vol: 4e6,
  },
  {
    symbol: "WAYNE",
    name: "Wayne Enterprises, a fictional stock (synthetic)",
    beta: 0.95,
    alpha: 0.04,
    idio: 0.2,
    price: 96,
    vol: 2.5e6,
  },
];

/** The synthetic market every synthetic symbol shares (2014-01-02 to 2025-12-31). */
function market() {
  return marketPath(businessDays("2014-01-02", "2025-12-31"), 8);
}

async function readSample(name: string): Promise<BarSeries> {
  const text = await Deno.readTextFile(new URL(`./sample/${name}.csv`, import.meta.url));
  const parsed = parseOhlcvCsv(text);
  if (!parsed.ok) throw new Error(`sample ${name}: ${parsed.issues[0].message}`);
  return parsed.bars;
}

/** Every bundled symbol, with its bars built on demand. */
export function sampleSymbols(): SampleSymbol[] {
  let cached: ReturnType<typeof market> | null = null;
  const m = () => (cached ??= market());
  return [
    ...REAL.map(([symbol, description]) => ({
      symbol,
      description,
      synthetic: false,
      bars: () => readSample(symbol),
    })),
    {
      symbol: "SPY",
      description:
        "Synthetic stand-in for SPY: seeded regime-switching GBM market index, not real prices",
      synthetic: true,
      bars: () =>
        Promise.resolve(
          stockBars(m(), { start: 180, beta: 1, alpha: 0, idioVol: 0.01, volume: 80e6, seed: 1 }),
        ),
    },
    {
      symbol: "^VIX",
      description:
        "Synthetic stand-in for ^VIX: derived from the synthetic SPY's regime and realised volatility",
      synthetic: true,
      bars: () => Promise.resolve(volatilityIndexBars(m(), 2)),
    },
    ...STOCKS.map((s, i) => ({
      symbol: s.symbol,
      description: s.name,
      synthetic: true,
      bars: () =>
        Promise.resolve(
          stockBars(m(), {
            start: s.price,
            beta: s.beta,
            alpha: s.alpha,
            idioVol: s.idio,
            volume: s.vol,
            seed: 100 + i,
          }),
        ),
    })),
  ];
}

const VERSION_KEY = ["sample_version"] as const;

/**
 * Stores the sample data under the global owner unless this version is already there.
 * Returns the number of symbols written (0 when up to date).
 */
export async function seedSampleData(kv: Deno.Kv, now = Date.now()): Promise<number> {
  const current = await kv.get<number>(VERSION_KEY);
  if (current.value === SAMPLE_VERSION) return 0;
  let written = 0;
  for (const s of sampleSymbols()) {
    const res = await saveBars(kv, GLOBAL_OWNER, s.symbol, await s.bars(), {
      source: s.synthetic ? "synthetic" : "sample",
      description: s.description,
      now,
    });
    if (res.ok) written++;
  }
  await kv.set(VERSION_KEY, SAMPLE_VERSION);
  return written;
}
