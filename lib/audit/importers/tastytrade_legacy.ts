/**
 * The original auditor's Tastytrade layout (legacy): `Time, Underlying Symbol, Quantity, Action,
 * Price, Commissions and Fees, Expiration Date, Strike Price, Option Type`.
 *
 * Side from Action: text starting with "sell" (Sell to Open, SELL_TO_CLOSE) is −, "buy" is +.
 * Unlike the original (which signed assignment +1 and exercise −1 whatever the position), rows
 * whose Action mentions assignment, exercise or expiration close whatever is open
 * (`signFromPosition`). Quantity is taken unsigned. `proceeds = −qty × Price × multiplier`
 * (multiplier 100 for options, 1 for stock: empty Option Type); fees = |Commissions and Fees|.
 * @module
 */
import type { CsvRecord } from "../csv.ts";
import { occId, parseRight } from "../parse.ts";
import type { AuditLeg, ImportContext, ImportedFile, LegEvent } from "../types.ts";
import { headerAndRows, Table } from "./table.ts";

/** Column names that identify this layout. */
export const TASTYTRADE_LEGACY_SIGNATURE = [
  "underlying symbol",
  "option type",
  "commissions and fees",
];

/** Parses a legacy Tastytrade CSV (the first record is the header). */
export function importTastytradeLegacy(
  input: Iterable<CsvRecord>,
  ctx: ImportContext,
): ImportedFile {
  const { header, rows: data } = headerAndRows(input, ctx.file);
  const t = new Table(ctx.file, header);
  let rows = 0;
  const c = {
    time: t.need("Time"),
    symbol: t.need("Underlying Symbol"),
    qty: t.need("Quantity"),
    action: t.need("Action"),
    price: t.need("Price"),
    fees: t.need("Commissions and Fees"),
    expiry: t.need("Expiration Date"),
    strike: t.need("Strike Price"),
    right: t.need("Option Type"),
    account: t.find("Account"),
    order: t.find("Order #", "Order ID"),
  };
  const legs: AuditLeg[] = [];
  for (const rec of data) {
    rows++;
    const action = t.text(rec, c.action).toLowerCase();
    let event: LegEvent = "trade";
    let sign = 0;
    if (action.includes("assign")) event = "assignment";
    else if (action.includes("exercise")) event = "exercise";
    else if (action.includes("expir")) event = "expiration";
    else if (action.startsWith("sell")) sign = -1;
    else if (action.startsWith("buy")) sign = 1;
    else t.fail(rec, c.action, "expected Buy…, Sell…, Assignment, Exercise or Expiration");
    const rightText = t.text(rec, c.right);
    const isOption = rightText !== "" && rightText.toLowerCase() !== "nan";
    let right: "C" | "P" | null = null;
    let strike: number | null = null;
    let expiry: string | null = null;
    if (isOption) {
      right = parseRight(rightText);
      if (!right) t.fail(rec, c.right, "expected Call, Put or empty for stock");
      strike = t.needNum(rec, c.strike);
      expiry = t.expiry(rec, c.expiry);
    }
    const symbol = t.text(rec, c.symbol).toUpperCase();
    if (!symbol) t.fail(rec, c.symbol, "a symbol is required");
    const qtyAbs = Math.abs(t.needNum(rec, c.qty));
    const price = Math.abs(t.num(rec, c.price, 0) as number);
    const multiplier = isOption ? 100 : 1;
    const signFromPosition = sign === 0;
    const qty = signFromPosition ? qtyAbs : sign * qtyAbs;
    legs.push({
      file: ctx.file,
      line: rec.line,
      broker: "tastytrade-legacy",
      account: t.text(rec, c.account),
      tsMs: t.dateTime(rec, c.time),
      symbol,
      assetType: isOption ? "option" : "stock",
      right,
      strike,
      expiry,
      multiplier,
      qty,
      signFromPosition,
      // for sign-from-position rows: the cash if the row turns out to be a buy (see types.ts)
      proceeds: -qty * price * multiplier + 0,
      fees: Math.abs(t.num(rec, c.fees, 0) as number),
      contractId: occId(symbol, expiry, right, strike),
      orderId: t.text(rec, c.order) || null,
      execId: null,
      event,
      intent: action.includes("open") ? "open" : action.includes("close") ? "close" : null,
    });
  }
  return { legs, rows, skipped: 0, notes: [] };
}
