/**
 * IBKR Activity Statement CSV: many sections in one file, each row `Section,RowType,...` where
 * RowType is Header, Data, SubTotal, Total or Notes. Trades come from the `Trades` section
 * (`Trades,Header,DataDiscriminator,Asset Category,Currency,[Account,]Symbol,Date/Time,Quantity,
 * T. Price,C. Price,Proceeds,Comm/Fee,Basis,Realized P/L,MTM P/L,Code`); option symbols read like
 * `SPY 17NOV23 450 C`; Code `O`/`C` give the open/close hint and `A`, `Ex`, `Ep` mark assignment,
 * exercise and expiration.
 *
 * Each Header row sets the columns for the Data rows after it. Data rows with DataDiscriminator
 * `Order` or `Trade` are legs, unless the file also has `Execution` rows, in which case those are
 * the legs (the Order rows then only summarise them); `ClosedLot` and sub-total rows are skipped.
 * The multiplier comes from the `Financial Instrument Information` section when present (default
 * 100 for options, 1 otherwise); proceeds = Proceeds as given, fees = |Comm/Fee|.
 * @module
 */
import type { CsvRecord } from "../csv.ts";
import { monthNumber, occId } from "../parse.ts";
import type { AuditLeg, ImportContext, ImportedFile, LegEvent } from "../types.ts";
import { Table } from "./table.ts";

/** True when the records look like an Activity Statement (a `…,Header,` section row). */
export function looksLikeIbkrStatement(records: CsvRecord[]): boolean {
  for (let i = 0; i < Math.min(records.length, 200); i++) {
    const c = records[i].cells;
    if (c[1]?.trim() === "Header" && (c[0]?.trim() === "Trades" || c[0]?.trim() === "Statement")) {
      return true;
    }
  }
  return false;
}

const RE_OPT = /^([A-Z0-9.]+)\s+(\d{1,2})([A-Z]{3})(\d{2})\s+(\d+(?:\.\d+)?)\s+([CP])$/;

/** Parses an Activity Statement CSV. */
export function importIbkrStatement(records: CsvRecord[], ctx: ImportContext): ImportedFile {
  // multipliers from Financial Instrument Information
  const multipliers = new Map<string, number>();
  let fiTable: Table | null = null;
  let hasExecutions = false;
  for (const rec of records) {
    const sec = rec.cells[0]?.trim();
    const kind = rec.cells[1]?.trim();
    if (sec === "Financial Instrument Information") {
      if (kind === "Header") {
        fiTable = new Table(ctx.file, { line: rec.line, cells: rec.cells.slice(2) });
      } else if (kind === "Data" && fiTable) {
        const row = { line: rec.line, cells: rec.cells.slice(2) };
        const sym = fiTable.text(row, fiTable.find("Symbol"));
        const m = fiTable.num(row, fiTable.find("Multiplier"), null);
        if (sym && m) multipliers.set(sym.toUpperCase(), m);
      }
    } else if (sec === "Trades" && kind === "Data") {
      if (rec.cells[2]?.trim() === "Execution") hasExecutions = true;
    }
  }
  const wanted = hasExecutions ? new Set(["Execution"]) : new Set(["Order", "Trade"]);
  const legs: AuditLeg[] = [];
  let rows = 0;
  let skipped = 0;
  let t: Table | null = null;
  let c: Record<string, number> = {};
  for (const rec of records) {
    if (rec.cells[0]?.trim() !== "Trades") continue;
    const kind = rec.cells[1]?.trim();
    const row = { line: rec.line, cells: rec.cells.slice(2) };
    if (kind === "Header") {
      t = new Table(ctx.file, row);
      c = {
        disc: t.find("DataDiscriminator"),
        category: t.need("Asset Category"),
        account: t.find("Account"),
        symbol: t.need("Symbol"),
        date: t.need("Date/Time"),
        qty: t.need("Quantity"),
        price: t.find("T. Price"),
        proceeds: t.need("Proceeds"),
        comm: t.find("Comm/Fee", "Comm in USD"),
        code: t.find("Code"),
      };
      continue;
    }
    if (kind !== "Data") continue;
    rows++;
    if (!t) continue;
    const disc = t.text(row, c.disc);
    if (c.disc >= 0 && !wanted.has(disc)) {
      skipped++;
      continue;
    }
    const category = t.text(row, c.category).toLowerCase();
    if (category.includes("forex")) {
      skipped++;
      continue;
    }
    const qty = t.needNum(row, c.qty);
    if (qty === 0) {
      skipped++;
      continue;
    }
    const isOption = category.includes("option");
    const rawSymbol = t.text(row, c.symbol).toUpperCase().replace(/\s+/g, " ");
    let symbol = rawSymbol;
    let right: "C" | "P" | null = null;
    let strike: number | null = null;
    let expiry: string | null = null;
    if (isOption) {
      const m = RE_OPT.exec(rawSymbol);
      if (!m) t.fail(row, c.symbol, 'expected an option symbol like "SPY 17NOV23 450 C"');
      const mo = monthNumber(m![3]);
      if (!mo) t.fail(row, c.symbol, "unknown month in option symbol");
      symbol = m![1];
      expiry = `20${m![4]}-${String(mo).padStart(2, "0")}-${m![2].padStart(2, "0")}`;
      strike = Number(m![5]);
      right = m![6] as "C" | "P";
    }
    const multiplier = multipliers.get(rawSymbol) ?? (isOption ? 100 : 1);
    const codes = t.text(row, c.code).split(/[;,\s]+/).map((x) => x.toUpperCase());
    let event: LegEvent = "trade";
    if (codes.includes("A")) event = "assignment";
    else if (codes.includes("EX")) event = "exercise";
    else if (codes.includes("EP")) event = "expiration";
    const price = t.num(row, c.price, 0) as number;
    legs.push({
      file: ctx.file,
      line: rec.line,
      broker: "ibkr-statement",
      account: t.text(row, c.account),
      tsMs: t.dateTime(row, c.date),
      symbol,
      assetType: isOption ? "option" : "stock",
      right,
      strike,
      expiry,
      multiplier,
      qty,
      signFromPosition: false,
      proceeds: t.num(row, c.proceeds, null) ?? -qty * price * multiplier,
      fees: Math.abs(t.num(row, c.comm, 0) as number),
      contractId: occId(symbol, expiry, right, strike),
      orderId: null,
      execId: null,
      event,
      intent: codes.includes("O") ? "open" : codes.includes("C") ? "close" : null,
    });
  }
  return { legs, rows, skipped, notes: [] };
}
