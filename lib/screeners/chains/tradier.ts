/**
 * A real option-chain provider: the Tradier brokerage market-data API
 * (`/v1/markets/quotes`, `/v1/markets/options/expirations`, `/v1/markets/options/chains` with
 * `greeks=true`). Responses are parsed with zod; a symbol the API does not know gives null.
 * Tested against a local fake server (tradier_test.ts); no request leaves the machine in tests.
 * @module
 */
import * as z from "zod";
import { parseTimestamp } from "../../data/time.ts";
import type { ChainProvider, OptionChain, OptionExpiry, OptionQuote } from "./chain.ts";

/** Connection settings. */
export interface TradierOptions {
  /** e.g. https://api.tradier.com or https://sandbox.tradier.com */
  baseUrl: string;
  /** Bearer access token. */
  token: string;
  /** Only expiries at most this many days out are fetched (default 90). */
  maxDays?: number;
  /** Injected fetch (tests, proxies); default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Clock for "now" when no `asOfTs` is given. */
  now?: () => number;
}

const num = z.union([z.number(), z.null()]).optional().transform((v) => v ?? NaN);
const one = <T extends z.ZodType>(t: T) =>
  z.union([t, z.array(t)]).transform((v) => (Array.isArray(v) ? v : [v]));

const QuotesResponse = z.object({
  quotes: z.object({ quote: one(z.object({ symbol: z.string(), last: num })).optional() })
    .nullable(),
});
const ExpirationsResponse = z.object({
  expirations: z.object({ date: one(z.string()).optional() }).nullable(),
});
const TradierOption = z.object({
  strike: z.number(),
  option_type: z.enum(["put", "call"]),
  bid: num,
  ask: num,
  last: num,
  volume: num,
  open_interest: num,
  greeks: z.object({ mid_iv: num, smv_vol: num }).nullable().optional(),
});
const ChainResponse = z.object({
  options: z.object({ option: one(TradierOption).optional() }).nullable(),
});

/** Error for non-OK responses (status and path in the message). */
export class ChainProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChainProviderError";
  }
}

/** The Tradier chain provider. */
export function tradierProvider(options: TradierOptions): ChainProvider {
  const f = options.fetch ?? globalThis.fetch;
  const maxDays = options.maxDays ?? 90;
  const now = options.now ?? Date.now;
  async function get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> {
    const res = await f(new URL(path, options.baseUrl), {
      headers: { authorization: `Bearer ${options.token}`, accept: "application/json" },
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new ChainProviderError(`tradier: ${path.split("?")[0]} returned HTTP ${res.status}`);
    }
    return schema.parse(await res.json());
  }
  return {
    name: "tradier",
    synthetic: false,
    async getChain(symbol, opts = {}): Promise<OptionChain | null> {
      const asOfTs = opts.asOfTs ?? now();
      const sym = encodeURIComponent(symbol);
      let spot = opts.spot ?? NaN;
      if (!Number.isFinite(spot)) {
        const q = await get(`/v1/markets/quotes?symbols=${sym}`, QuotesResponse);
        spot = q.quotes?.quote?.[0]?.last ?? NaN;
        if (!Number.isFinite(spot)) return null;
      }
      const ex = await get(
        `/v1/markets/options/expirations?symbol=${sym}`,
        ExpirationsResponse,
      );
      const dates = (ex.expirations?.date ?? []).filter((d) => {
        const t = parseTimestamp(d);
        return t >= asOfTs - 86_400_000 && t <= asOfTs + maxDays * 86_400_000;
      });
      if (dates.length === 0) return null;
      const expiries: OptionExpiry[] = [];
      for (const date of dates) {
        const ch = await get(
          `/v1/markets/options/chains?symbol=${sym}&expiration=${date}&greeks=true`,
          ChainResponse,
        );
        const quotes: OptionQuote[] = (ch.options?.option ?? []).map((o) => ({
          right: o.option_type,
          strike: o.strike,
          bid: o.bid,
          ask: o.ask,
          last: o.last,
          iv: Number.isFinite(o.greeks?.mid_iv ?? NaN)
            ? o.greeks!.mid_iv
            : o.greeks?.smv_vol ?? NaN,
          volume: Number.isFinite(o.volume) ? o.volume : 0,
          openInterest: Number.isFinite(o.open_interest) ? o.open_interest : 0,
        }));
        expiries.push({ expiryTs: parseTimestamp(date), quotes });
      }
      return { underlying: symbol, asOfTs, spot, expiries, source: "tradier", synthetic: false };
    },
  };
}
