/**
 * IBKR Flex query trade CSV: columns such as `ClientAccountID, Symbol, UnderlyingSymbol,
 * DateTime, Quantity, TradePrice, Proceeds, IBCommission, Strike, Expiry, Put/Call, AssetClass,
 * Multiplier, IBExecID, TradeID, IBOrderID, Open/CloseIndicator, Notes/Codes` (names matched
 * case-insensitively; `Date/Time` or `TradeDate`+`TradeTime` also accepted).
 *
 * Quantity is signed (+ buy); `proceeds` = Proceeds as given (IBKR: negative for buys), or
 * −qty × TradePrice × Multiplier when absent; fees = |IBCommission|. The Multiplier column is
 * honoured (default 100 for options, 1 otherwise). Notes/Codes `A` = assignment, `Ex` = exercise,
 * `Ep` = expiration; `O`/`C` (or Open/CloseIndicator) give the open/close hint. Rows whose
 * LevelOfDetail is not EXECUTION, cash (forex) rows and zero-quantity rows are skipped; repeated
 * header rows and `HEADER`/`DATA`/`BOF`/`EOF` record prefixes are handled.
 * @module
 */
import type { CsvRecord } from "../csv.ts";
import { occId, parseDateTime, parseExpiry, parseRight } from "../parse.ts";
import type { AuditLeg, ImportContext, ImportedFile, LegEvent } from "../types.ts";
import { headerAndRows, Table } from "./table.ts";

const PREFIXES = new Set(["HEADER", "DATA", "BOF", "EOF", "BOS", "EOS", "BOA", "EOA"]);

/** True when the columns look like a Flex query trade file. */
export function looksLikeIbkrFlex(cols: Set<string>): boolean {
  return cols.has("clientaccountid") || cols.has("ibcommission") || cols.has("ibexecid") ||
    (cols.has("tradeprice") && cols.has("assetclass"));
}

/** Strips Flex `HEADER`/`DATA` prefixes and drops `BOF`/`EOF`-style records (lazily). */
export function* unprefixFlex(records: Iterable<CsvRecord>): Generator<CsvRecord> {
  let prefixed: boolean | null = null;
  for (const r of records) {
    const tag = r.cells[0]?.trim().toUpperCase() ?? "";
    prefixed ??= PREFIXES.has(tag);
    if (!prefixed) {
      yield r;
      continue;
    }
    if (tag === "HEADER" || tag === "DATA") {
      // Flex adds a section code (e.g. TRNT) after the tag
      const rest = r.cells.slice(1);
      yield { line: r.line, cells: /^[A-Z]{3,5}$/.test(rest[0] ?? "") ? rest.slice(1) : rest };
    }
  }
}

/** Parses a Flex query trades CSV (header = first record). */
export function importIbkrFlex(input: Iterable<CsvRecord>, ctx: ImportContext): ImportedFile {
  const { header, rows: data } = headerAndRows(unprefixFlex(input), ctx.file);
  let t = new Table(ctx.file, header);
  const headerKey = header.cells.map((x) => x.trim().toLowerCase()).join(",");
  let rows = 0;
  const cols = () => ({
    account: t.find("ClientAccountID", "AccountId", "Account"),
    symbol: t.find("Symbol"),
    underlying: t.find("UnderlyingSymbol"),
    dateTime: t.find("DateTime", "Date/Time"),
    tradeDate: t.find("TradeDate"),
    tradeTime: t.find("TradeTime"),
    qty: t.need("Quantity", "Qty"),
    price: t.find("TradePrice", "T. Price", "Price"),
    proceeds: t.find("Proceeds", "Amount"),
    comm: t.find("IBCommission", "Commission", "Comm/Fee"),
    strike: t.find("Strike", "StrikePrice"),
    expiry: t.find("Expiry", "ExpirationDate", "Expiration"),
    right: t.find("Put/Call", "PutCall", "Right", "C/P"),
    assetClass: t.find("AssetClass", "Asset Class"),
    mult: t.find("Multiplier"),
    execId: t.find("IBExecID", "ExecID", "TradeID"),
    orderId: t.find("IBOrderID", "OrderID", "OrderReference"),
    oc: t.find("Open/CloseIndicator", "OpenCloseIndicator"),
    codes: t.find("Notes/Codes", "Code", "Codes"),
    level: t.find("LevelOfDetail"),
  });
  let c = cols();
  if (c.symbol < 0 && c.underlying < 0) t.need("Symbol");
  if (c.dateTime < 0 && c.tradeDate < 0) t.need("DateTime");
  if (c.proceeds < 0 && c.price < 0) t.need("Proceeds");
  const legs: AuditLeg[] = [];
  let skipped = 0;
  for (const rec of data) {
    rows++;
    const key = rec.cells.map((x) => x.trim().toLowerCase()).join(",");
    if (key === headerKey) continue;
    if (rec.cells.length > 3 && key.includes("symbol") && key.includes("quantity")) {
      // a new section with its own header
      t = new Table(ctx.file, rec);
      c = cols();
      continue;
    }
    const level = t.text(rec, c.level).toUpperCase();
    if (level && level !== "EXECUTION") {
      skipped++;
      continue;
    }
    const ac = t.text(rec, c.assetClass).toUpperCase();
    if (ac === "CASH") {
      skipped++;
      continue;
    }
    const qty = t.needNum(rec, c.qty);
    if (qty === 0) {
      skipped++;
      continue;
    }
    let right = parseRight(t.text(rec, c.right));
    const isOption = ac
      ? ac === "OPT" || ac === "FOP" || ac === "FSFOP" || ac.includes("OPTION")
      : right !== null;
    const rawSymbol = t.text(rec, c.symbol);
    let symbol = t.text(rec, c.underlying).toUpperCase();
    let strike: number | null = null;
    let expiry: string | null = null;
    if (isOption) {
      const occ = /^([A-Z0-9.]+)\s+(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/.exec(
        rawSymbol.toUpperCase(),
      );
      if (!symbol && occ) symbol = occ[1];
      if (!symbol) symbol = rawSymbol.split(/\s+/)[0].toUpperCase();
      if (!right && occ) right = occ[5] as "C" | "P";
      if (!right) t.fail(rec, c.right, "expected C or P for an option");
      strike = t.num(rec, c.strike, occ ? Number(occ[6]) / 1000 : null);
      if (strike === null) t.fail(rec, c.strike, "a strike is required for an option");
      const ex = c.expiry >= 0 ? parseExpiry(t.text(rec, c.expiry)) : null;
      expiry = ex ?? (occ ? `20${occ[2]}-${occ[3]}-${occ[4]}` : null);
      if (!expiry) t.fail(rec, c.expiry, "expected an expiry date");
    } else {
      symbol = (rawSymbol || symbol).toUpperCase();
    }
    if (!symbol) t.fail(rec, c.symbol >= 0 ? c.symbol : c.underlying, "a symbol is required");
    let tsMs: number;
    if (c.dateTime >= 0) tsMs = t.dateTime(rec, c.dateTime);
    else {
      const d = t.text(rec, c.tradeDate);
      const tm = t.text(rec, c.tradeTime).replaceAll(":", "");
      tsMs = parseDateTime(tm ? `${d.replaceAll("-", "")};${tm}` : d);
      if (!Number.isFinite(tsMs)) t.fail(rec, c.tradeDate, "expected a trade date");
    }
    const multiplier = t.num(rec, c.mult, isOption ? 100 : 1) || (isOption ? 100 : 1);
    const price = t.num(rec, c.price, 0) as number;
    const proceeds = t.num(rec, c.proceeds, null) ?? -qty * price * multiplier;
    const codes = t.text(rec, c.codes).split(/[;,\s]+/).map((x) => x.toUpperCase());
    let event: LegEvent = "trade";
    if (codes.includes("A")) event = "assignment";
    else if (codes.includes("EX")) event = "exercise";
    else if (codes.includes("EP")) event = "expiration";
    const oc = t.text(rec, c.oc).toUpperCase();
    const intent = oc === "O" || codes.includes("O")
      ? "open"
      : oc === "C" || codes.includes("C")
      ? "close"
      : null;
    legs.push({
      file: ctx.file,
      line: rec.line,
      broker: "ibkr-flex",
      account: t.text(rec, c.account),
      tsMs,
      symbol,
      assetType: isOption ? "option" : "stock",
      right: isOption ? right : null,
      strike,
      expiry,
      multiplier,
      qty,
      signFromPosition: false,
      proceeds,
      fees: Math.abs(t.num(rec, c.comm, 0) as number),
      contractId: occId(symbol, expiry, isOption ? right : null, strike),
      orderId: t.text(rec, c.orderId) || null,
      execId: t.text(rec, c.execId) || null,
      event,
      intent,
    });
  }
  return { legs, rows, skipped, notes: [] };
}
