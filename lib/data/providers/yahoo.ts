/**
 * Yahoo Finance's chart endpoint as a daily-bar provider.
 *
 * `GET {base}/v8/finance/chart/{symbol}?period1=S&period2=S&interval=1d` returns parallel arrays of
 * timestamps (the session open, in unix seconds) and quotes. A bar is stamped at 00:00 UTC of its
 * trading date in the exchange's time zone (`meta.gmtoffset`). Rows with a missing value (Yahoo
 * sends nulls on some holidays) are skipped; highs and lows that disagree with open/close by a
 * rounding error are widened to contain them. Prices are as traded (split-adjusted by Yahoo, not
 * dividend-adjusted).
 *
 * Requests time out (default 10 s) and are retried with exponential backoff on network errors,
 * timeouts, 429 and 5xx (default 3 attempts); 404 and Yahoo's "No data found" are not retried.
 * @module
 */
import { type BarSeries, emptySeries } from "../../domain/bar.ts";
import { type MarketDataProvider, ProviderError } from "./provider.ts";

/** The public endpoint. */
export const YAHOO_BASE_URL = "https://query1.finance.yahoo.com";

/** Options for {@link YahooProvider}. */
export interface YahooOptions {
  baseUrl?: string;
  timeoutMs?: number;
  attempts?: number;
  /** First backoff delay; doubles each retry. */
  backoffMs?: number;
  fetch?: typeof fetch;
}

interface ChartResponse {
  chart?: {
    result?: {
      meta?: { gmtoffset?: number };
      timestamp?: number[];
      indicators?: {
        quote?: {
          open?: (number | null)[];
          high?: (number | null)[];
          low?: (number | null)[];
          close?: (number | null)[];
          volume?: (number | null)[];
        }[];
      };
    }[] | null;
    error?: { code?: string; description?: string } | null;
  };
}

const DAY_S = 86_400;

/** Daily bars from Yahoo's chart endpoint. */
export class YahooProvider implements MarketDataProvider {
  readonly name = "yahoo";
  readonly #base: string;
  readonly #timeoutMs: number;
  readonly #attempts: number;
  readonly #backoffMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: YahooOptions = {}) {
    this.#base = (options.baseUrl ?? YAHOO_BASE_URL).replace(/\/$/, "");
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#attempts = options.attempts ?? 3;
    this.#backoffMs = options.backoffMs ?? 500;
    this.#fetch = options.fetch ?? fetch;
  }

  async fetchDaily(symbol: string, range: { from: number; to: number }): Promise<BarSeries> {
    const url = `${this.#base}/v8/finance/chart/${encodeURIComponent(symbol)}?period1=${
      Math.floor(range.from / 1000)
    }&period2=${Math.ceil(range.to / 1000) + DAY_S}&interval=1d&events=split%2Cdiv`;
    const body = await this.#get(url, symbol);
    const bars = parseChart(body, symbol);
    // period2 is padded by a day; trim to the requested range.
    let lo = 0;
    while (lo < bars.length && bars.ts[lo] < range.from) lo++;
    let hi = bars.length;
    while (hi > lo && bars.ts[hi - 1] > range.to) hi--;
    return {
      length: hi - lo,
      ts: bars.ts.slice(lo, hi),
      open: bars.open.slice(lo, hi),
      high: bars.high.slice(lo, hi),
      low: bars.low.slice(lo, hi),
      close: bars.close.slice(lo, hi),
      volume: bars.volume.slice(lo, hi),
    };
  }

  async #get(url: string, symbol: string): Promise<ChartResponse> {
    let last: ProviderError | null = null;
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      if (attempt > 1) await delay(this.#backoffMs * 2 ** (attempt - 2));
      let res: Response;
      try {
        res = await this.#fetch(url, {
          signal: AbortSignal.timeout(this.#timeoutMs),
          headers: { accept: "application/json" },
        });
      } catch (err) {
        const timedOut = (err as Error).name === "TimeoutError";
        last = new ProviderError(
          timedOut ? "timeout" : "unavailable",
          timedOut
            ? `yahoo: no answer for ${symbol} within ${this.#timeoutMs} ms`
            : `yahoo: cannot reach the server (${(err as Error).message})`,
        );
        continue;
      }
      if (res.status === 404) {
        await res.body?.cancel();
        throw new ProviderError("not_found", `yahoo: no such symbol ${symbol}`);
      }
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel();
        last = new ProviderError(
          "unavailable",
          `yahoo: server answered ${res.status} for ${symbol}`,
        );
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new ProviderError(
          "bad_response",
          `yahoo: server answered ${res.status} for ${symbol}`,
        );
      }
      try {
        return await res.json() as ChartResponse;
      } catch {
        throw new ProviderError("bad_response", `yahoo: the answer for ${symbol} is not JSON`);
      }
    }
    throw new ProviderError(
      last?.code ?? "unavailable",
      `${last?.message ?? "yahoo: failed"} (after ${this.#attempts} attempts)`,
    );
  }
}

/** Converts a chart response to daily bars. Exported for tests. */
export function parseChart(body: ChartResponse, symbol: string): BarSeries {
  const err = body.chart?.error;
  if (err) {
    const notFound = /not found|no data/i.test(err.description ?? "") || err.code === "Not Found";
    throw new ProviderError(
      notFound ? "not_found" : "bad_response",
      `yahoo: ${err.description ?? err.code ?? "error"} (${symbol})`,
    );
  }
  const r = body.chart?.result?.[0];
  if (!r) throw new ProviderError("bad_response", `yahoo: empty answer for ${symbol}`);
  const ts = r.timestamp ?? [];
  const q = r.indicators?.quote?.[0] ?? {};
  const offset = r.meta?.gmtoffset ?? 0;
  const out = emptySeries(ts.length);
  let n = 0;
  for (let i = 0; i < ts.length; i++) {
    const o = q.open?.[i], h = q.high?.[i], l = q.low?.[i], c = q.close?.[i];
    if (o == null || h == null || l == null || c == null || !(o > 0 && h > 0 && l > 0 && c > 0)) {
      continue;
    }
    const day = Math.floor((ts[i] + offset) / DAY_S) * DAY_S * 1000;
    if (n > 0 && day <= out.ts[n - 1]) continue; // duplicate session (e.g. a live last bar)
    out.ts[n] = day;
    out.open[n] = o;
    out.close[n] = c;
    out.high[n] = Math.max(h, o, c);
    out.low[n] = Math.min(l, o, c);
    out.volume[n] = q.volume?.[i] ?? 0;
    n++;
  }
  return {
    length: n,
    ts: out.ts.slice(0, n),
    open: out.open.slice(0, n),
    high: out.high.slice(0, n),
    low: out.low.slice(0, n),
    close: out.close.slice(0, n),
    volume: out.volume.slice(0, n),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
