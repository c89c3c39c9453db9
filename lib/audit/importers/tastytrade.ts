/**
 * Tastytrade transaction history, as the platform exports it today:
 * `Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,
 * Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,
 * Call or Put,Order #[,Total],Currency`.
 *
 * Quantity is unsigned and the Action (`BUY_TO_OPEN`, `SELL_TO_CLOSE`, …) gives the side; Value is
 * signed cash (multiplier included) and becomes `proceeds`; fees = |Commissions| + |Fees|.
 * Rows of Type "Trade" and "Receive Deliver" are legs (assignment, exercise and expiration arrive
 * as Receive Deliver rows, told apart by Sub Type); other types (Money Movement …) are skipped.
 * A Receive Deliver row without an Action takes its side from the sign of Value, or, when Value is
 * zero, closes whatever is open (`signFromPosition`).
 * @module
 */
import type { CsvRecord } from "../csv.ts";
import { occId, parseRight } from "../parse.ts";
import type { AuditLeg, ImportContext, ImportedFile, LegEvent } from "../types.ts";
import { headerAndRows, Table } from "./table.ts";

/** Column names that identify this layout. */
export const TASTYTRADE_SIGNATURE = ["sub type", "action", "value", "call or put"];

/** Parses a Tastytrade transaction-history CSV (the first record is the header). */
export function importTastytrade(input: Iterable<CsvRecord>, ctx: ImportContext): ImportedFile {
  const { header, rows: data } = headerAndRows(input, ctx.file);
  const t = new Table(ctx.file, header);
  let rows = 0;
  const c = {
    date: t.need("Date"),
    type: t.need("Type"),
    sub: t.need("Sub Type"),
    action: t.need("Action"),
    symbol: t.need("Symbol"),
    instrument: t.need("Instrument Type"),
    value: t.need("Value"),
    qty: t.need("Quantity"),
    avg: t.find("Average Price"),
    comm: t.find("Commissions"),
    fees: t.find("Fees"),
    mult: t.find("Multiplier"),
    root: t.find("Root Symbol"),
    underlying: t.find("Underlying Symbol"),
    expiry: t.need("Expiration Date"),
    strike: t.need("Strike Price"),
    right: t.need("Call or Put"),
    order: t.find("Order #"),
    account: t.find("Account", "Account Number"),
  };
  const legs: AuditLeg[] = [];
  let skipped = 0;
  const notes: string[] = [];
  for (const rec of data) {
    rows++;
    const type = t.text(rec, c.type).toLowerCase();
    if (type !== "trade" && type !== "receive deliver") {
      skipped++;
      continue;
    }
    const sub = t.text(rec, c.sub).toLowerCase();
    let event: LegEvent = "trade";
    if (sub.includes("assign")) event = "assignment";
    else if (sub.includes("exercise")) event = "exercise";
    else if (sub.includes("expir")) event = "expiration";
    else if (type === "receive deliver" && !/(buy|sell)/.test(sub)) {
      // splits, symbol changes, transfers: not trades
      skipped++;
      notes.push(`line ${rec.line}: skipped Receive Deliver "${t.text(rec, c.sub)}"`);
      continue;
    }
    const instrument = t.text(rec, c.instrument).toLowerCase();
    const isOption = instrument.includes("option");
    const action = t.text(rec, c.action).toUpperCase();
    const qtyAbs = Math.abs(t.needNum(rec, c.qty));
    const value = t.num(rec, c.value, 0) as number;
    let sign = 0;
    if (action.startsWith("BUY")) sign = 1;
    else if (action.startsWith("SELL")) sign = -1;
    else if (action !== "") t.fail(rec, c.action, "expected BUY_… or SELL_…");
    else if (event === "trade") t.fail(rec, c.action, "a side is required for a trade");
    else if (value !== 0) sign = value < 0 ? 1 : -1;
    const symbol = (t.text(rec, c.underlying) || t.text(rec, c.root) || t.text(rec, c.symbol))
      .toUpperCase();
    if (!symbol) t.fail(rec, c.symbol, "a symbol is required");
    let right: "C" | "P" | null = null;
    let strike: number | null = null;
    let expiry: string | null = null;
    if (isOption) {
      right = parseRight(t.text(rec, c.right));
      if (!right) t.fail(rec, c.right, "expected CALL or PUT");
      strike = t.needNum(rec, c.strike);
      expiry = t.expiry(rec, c.expiry);
    }
    const multiplier = t.num(rec, c.mult, isOption ? 100 : 1) || (isOption ? 100 : 1);
    const fees = Math.abs(t.num(rec, c.comm, 0) as number) +
      Math.abs(t.num(rec, c.fees, 0) as number);
    const signFromPosition = sign === 0;
    legs.push({
      file: ctx.file,
      line: rec.line,
      broker: "tastytrade",
      account: t.text(rec, c.account),
      tsMs: t.dateTime(rec, c.date),
      symbol,
      assetType: isOption ? "option" : "stock",
      right,
      strike,
      expiry,
      multiplier,
      qty: signFromPosition ? qtyAbs : sign * qtyAbs,
      signFromPosition,
      proceeds: value,
      fees,
      contractId: occId(symbol, expiry, right, strike),
      orderId: t.text(rec, c.order) || null,
      execId: null,
      event,
      intent: action.endsWith("OPEN") ? "open" : action.endsWith("CLOSE") ? "close" : null,
    });
  }
  return { legs, rows, skipped, notes };
}
