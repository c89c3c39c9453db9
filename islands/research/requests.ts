/**
 * Pure helpers shared by the research forms (BacktestLab, OptimizePanel): strategy lookup and
 * titles, the symbols field, form strings for parameters and the optional date window.
 */
import { strategyTitle } from "../BacktestReport.ts";
import type { BarsView } from "../BacktestView.tsx";

/** A built-in strategy with its default parameters. */
export interface StrategyInfo {
  /** The id sent to the API (`sma_cross`). */
  name: string;
  /** Human title for menus and tables ("SMA crossover"); the id when missing. */
  title?: string;
  summary: string;
  defaults: Record<string, unknown>;
}

/** Trade direction of a backtest or search. */
export type Direction = "long_short" | "long_only" | "short_only";

/** The strategy the forms start with: `sma_cross` when listed, else the first (undefined when none). */
export function firstStrategy(strategies: StrategyInfo[]): StrategyInfo | undefined {
  return strategies.find((s) => s.name === "sma_cross") ?? strategies[0];
}

/** The listed strategy with this id, if any. */
export function strategyOf(strategies: StrategyInfo[], name: string): StrategyInfo | undefined {
  return strategies.find((s) => s.name === name);
}

/** Human title of a strategy id: the listed title, else strategyTitle's guess from the id. */
export function strategyLabel(strategies: StrategyInfo[], name: string): string {
  return strategyOf(strategies, name)?.title ?? strategyTitle(name);
}

/** The symbols field ("spy, qqq  iwm") as upper-case tickers, split on commas and white space. */
export function symbolsOf(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase());
}

/** Default parameters as form strings (`{ fast: 10 }` → `{ fast: "10" }`). */
export function paramStrings(defaults: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, String(v)]));
}

/**
 * A form string typed like the parameter's default: a number for a numeric default
 * (`Number(raw)`), `raw === "true"` for a boolean one, else the string itself.
 */
export function typedLike(raw: string, byDefault: unknown): unknown {
  return typeof byDefault === "number"
    ? Number(raw)
    : typeof byDefault === "boolean"
    ? raw === "true"
    : raw;
}

/**
 * The starting values the research forms share: the first known symbol, no window, the given
 * strategy, no costs, long and short.
 */
export function formStart(symbols: string[], strategy: StrategyInfo | undefined) {
  return {
    symbols: symbols[0] ?? "",
    from: "",
    to: "",
    strategy: strategy?.name ?? "",
    commissionPct: 0,
    slippageBps: 0,
    direction: "long_short" as Direction,
  };
}

/**
 * The columns of a `GET /api/v1/bars/{symbol}` body (`ts` epoch ms; `open`…`close` prices;
 * `volume` as sent, undefined when absent) as the symbol's BarsView.
 */
export function barsOf(symbol: string, body: Omit<BarsView, "symbol">): BarsView {
  return {
    symbol,
    ts: body.ts,
    open: body.open,
    high: body.high,
    low: body.low,
    close: body.close,
    volume: body.volume,
  };
}

/**
 * The JSON body of an API response; throws `Error(body.error.message)` (else `HTTP <status>`)
 * when the status is not 2xx. A body that is not JSON throws the parse error, as `res.json()`.
 */
export async function okJson(res: Response): Promise<any> {
  const body = await res.json();
  if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}

/** The optional `from`/`to` fields of a request: each present only when not empty. */
export function windowOf(from: string, to: string): { from?: string; to?: string } {
  return { ...(from && { from }), ...(to && { to }) };
}
