/**
 * Types shared by the trade auditor: the normalised leg every importer emits, and the input error
 * an importer raises for a bad file.
 *
 * Conventions (all importers): `qty` is signed (+ bought / long, − sold / short), in contracts for
 * options and shares for stock; `proceeds` is signed cash in dollars (+ received, − paid) and
 * already includes the multiplier; `fees` is positive dollars. Timestamps are the broker's
 * wall-clock time stored as unix milliseconds as if it were UTC (offsets in the file are dropped),
 * so that "16:00 on the expiry date" means the exchange close whatever the file's time zone.
 * @module
 */

/** Importer names accepted by `--broker` (plus "auto"). */
export const BROKERS = [
  "tastytrade",
  "tastytrade-legacy",
  "tastytrade-fills",
  "ibkr-flex",
  "ibkr-statement",
  "manual",
] as const;

/** One importer's name. */
export type BrokerId = typeof BROKERS[number];

/** What produced a leg: a trade, or a delivery event. */
export type LegEvent = "trade" | "assignment" | "exercise" | "expiration";

/** One normalised execution (or one leg of a multi-leg order). */
export interface AuditLeg {
  /** File name the leg came from. */
  file: string;
  /** 1-based physical line number of the row in its file (header is line 1). */
  line: number;
  broker: BrokerId;
  /** Account id ("" when the file has none). */
  account: string;
  /** Wall-clock unix ms (see module doc). */
  tsMs: number;
  /** Underlying symbol, upper case. */
  symbol: string;
  assetType: "option" | "stock";
  right: "C" | "P" | null;
  strike: number | null;
  /** Expiry date `YYYY-MM-DD`, options only. */
  expiry: string | null;
  /** Units per contract: 100 for equity options, 1 for stock, as given by the file otherwise. */
  multiplier: number;
  /**
   * Signed quantity. When {@link signFromPosition} is true the sign is unknown (an expiration or
   * assignment row without a side) and `qty` is the unsigned size: it closes whatever is open.
   */
  qty: number;
  signFromPosition: boolean;
  /**
   * Signed cash in dollars, multiplier included (+ received). For a `signFromPosition` leg: the
   * cash if the leg turns out to be a buy (closing a short); the matcher negates it for a sell.
   */
  proceeds: number;
  /** Positive dollars. */
  fees: number;
  /** OCC-style id: `SPY   231117C00450000` for options, the symbol for stock. */
  contractId: string;
  /** Broker order id: legs of one order form one strategy. */
  orderId: string | null;
  /** Broker execution id, unique per fill: the same id twice is one fill imported twice. */
  execId: string | null;
  event: LegEvent;
  /** The broker's open/close hint, when it gives one. */
  intent: "open" | "close" | null;
}

/**
 * A file failed validation: nothing from it is used. `line` is the 1-based physical line (header
 * = 1) and `column` the header name of the offending cell ("" when the problem is the file).
 */
export class AuditInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string,
    readonly detail: string,
  ) {
    super(
      `${file}${line > 0 ? ` line ${line}` : ""}${column ? `, column "${column}"` : ""}: ${detail}`,
    );
    this.name = "AuditInputError";
  }
}

/** What an importer returns for one file. */
export interface ImportedFile {
  legs: AuditLeg[];
  /** Data rows read (excluding header and blank lines). */
  rows: number;
  /** Rows deliberately ignored (cash movements, cancelled orders, sub-totals), with reasons. */
  skipped: number;
  notes: string[];
}

/** Options every importer understands. */
export interface ImportContext {
  file: string;
  /** As-of date (unix ms) used to infer years for the fills export. */
  asOfMs: number;
}
