/**
 * Ticker symbols: `AAPL`, `^VIX`, `BRK-B`, `VOD.L`, `RELIANCE.NS`, `EURUSD=X`, `BTC-USD`.
 * Stored upper-case.
 * @module
 */
import * as z from "zod";

const SYMBOL = /^[A-Z0-9^][A-Z0-9.\-=^_&]{0,23}$/;

/** A validated, upper-cased ticker symbol. */
export const Symbol = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(
    z.string().regex(
      SYMBOL,
      "symbol must be 1-24 characters: letters, digits and . - = ^ _ & (e.g. AAPL, ^VIX, BRK-B, VOD.L)",
    ),
  );

/** Whether `s` (any case) is a valid symbol. */
export function isSymbol(s: string): boolean {
  return SYMBOL.test(s.trim().toUpperCase());
}
