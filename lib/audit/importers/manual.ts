/**
 * Manual entry: rows of `date, symbol, action, qty, price, fees, expiry, strike, right`, from a
 * CSV with that header (`type`, `opt` or `call/put` also accepted for `right`) or as JSON rows.
 *
 * action: `BTO`/`STO`/`BTC`/`STC` (also Buy/Sell …, and `Assigned`, `Exercised`, `Expired`, which
 * close whatever is open). right: `call`/`put`/`stock` (C/P/S). qty is taken unsigned and signed
 * by the action; `proceeds = −qty × price × multiplier` (100 for options unless a `multiplier`
 * column says otherwise, 1 for stock); fees positive.
 * @module
 */
import * as z from "zod";
import type { CsvRecord } from "../csv.ts";
import { occId, parseDateTime, parseExpiry, parseNumber } from "../parse.ts";
import { AuditInputError, type AuditLeg, type ImportedFile, type LegEvent } from "../types.ts";
import { Table } from "./table.ts";

/** One manual row as the API and page send it (strings or numbers). */
export const ManualRow = z.object({
  date: z.string().min(1),
  symbol: z.string().min(1),
  action: z.string().min(1),
  qty: z.union([z.number(), z.string()]),
  price: z.union([z.number(), z.string()]).optional(),
  fees: z.union([z.number(), z.string()]).optional(),
  expiry: z.string().optional(),
  strike: z.union([z.number(), z.string()]).optional(),
  right: z.string().optional(),
  account: z.string().optional(),
  multiplier: z.union([z.number(), z.string()]).optional(),
});
/** One manual row. */
export type ManualRow = z.infer<typeof ManualRow>;

/** Column names that identify a manual CSV. */
export const MANUAL_SIGNATURE = ["date", "symbol", "action", "qty"];

/** Parses a manual-entry CSV (header = `records[0]`). */
export function importManualCsv(records: CsvRecord[], file: string): ImportedFile {
  const t = new Table(file, records[0]);
  const idx = {
    date: t.need("date"),
    symbol: t.need("symbol"),
    action: t.need("action"),
    qty: t.need("qty", "quantity"),
    price: t.find("price"),
    fees: t.find("fees", "fee"),
    expiry: t.find("expiry", "expiration"),
    strike: t.find("strike"),
    right: t.find("right", "type", "opt", "call/put"),
    account: t.find("account"),
    multiplier: t.find("multiplier"),
  };
  const rows: ManualRow[] = [];
  const lines: number[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    const get = (i: number) => t.text(rec, i);
    rows.push({
      date: get(idx.date),
      symbol: get(idx.symbol),
      action: get(idx.action),
      qty: get(idx.qty),
      price: get(idx.price),
      fees: get(idx.fees),
      expiry: get(idx.expiry),
      strike: get(idx.strike),
      right: get(idx.right),
      account: get(idx.account),
      multiplier: get(idx.multiplier),
    });
    lines.push(rec.line);
  }
  const header = (f: string) => {
    const i = f === "qty" ? idx.qty : f === "right" ? idx.right : t.find(f);
    return i >= 0 ? t.name(i) : f;
  };
  return importManualRows(rows, file, { lines, header });
}

/**
 * Converts manual rows to legs. Errors name the row (`lines[i]`, default i + 1) and field.
 */
export function importManualRows(
  rows: readonly ManualRow[],
  file: string,
  opts: { lines?: number[]; header?: (field: string) => string } = {},
): ImportedFile {
  const legs: AuditLeg[] = [];
  rows.forEach((row, i) => {
    const line = opts.lines?.[i] ?? i + 1;
    const fail = (field: string, what: string, value: unknown): never => {
      throw new AuditInputError(
        file,
        line,
        opts.header?.(field) ?? field,
        `${what}, was "${String(value ?? "").trim()}"`,
      );
    };
    const num = (field: keyof ManualRow, required: boolean): number | null => {
      const v = row[field];
      const x = typeof v === "number" ? v : parseNumber(v);
      if (x === null || x === undefined) {
        return required ? fail(field, "a number is required", v) : null;
      }
      if (!Number.isFinite(x)) fail(field, "expected a number", v);
      return x;
    };
    const tsMs = parseDateTime(row.date);
    if (!Number.isFinite(tsMs)) fail("date", "expected a date", row.date);
    const symbol = row.symbol.trim().toUpperCase();
    if (!symbol) fail("symbol", "a symbol is required", row.symbol);
    const a = row.action.trim().toUpperCase();
    let sign = 0;
    let event: LegEvent = "trade";
    let intent: "open" | "close" | null = null;
    if (a.startsWith("ASSIGN")) event = "assignment";
    else if (a.startsWith("EXERC")) event = "exercise";
    else if (a.startsWith("EXPIR")) event = "expiration";
    else if (a.startsWith("S")) sign = -1;
    else if (a.startsWith("B")) sign = 1;
    else fail("action", "expected BTO, STO, BTC, STC, Assigned, Exercised or Expired", row.action);
    if (/TO ?OPEN|^[BS]TO$/.test(a)) intent = "open";
    else if (/TO ?CLOSE|^[BS]TC$/.test(a)) intent = "close";
    const r = (row.right ?? "").trim().toUpperCase();
    let right: "C" | "P" | null = null;
    if (r.startsWith("C")) right = "C";
    else if (r.startsWith("P")) right = "P";
    else if (r !== "" && !r.startsWith("S")) {
      fail("right", "expected call, put or stock", row.right);
    }
    let strike: number | null = null;
    let expiry: string | null = null;
    if (right) {
      strike = num("strike", true);
      expiry = parseExpiry(row.expiry ?? "");
      if (!expiry) fail("expiry", "expected an expiry date", row.expiry);
    }
    const qtyAbs = Math.abs(num("qty", true) as number);
    if (qtyAbs === 0) fail("qty", "quantity must not be zero", row.qty);
    const price = Math.abs(num("price", false) ?? 0);
    const multiplier = num("multiplier", false) || (right ? 100 : 1);
    const qty = sign === 0 ? qtyAbs : sign * qtyAbs;
    legs.push({
      file,
      line,
      broker: "manual",
      account: (row.account ?? "").trim(),
      tsMs,
      symbol,
      assetType: right ? "option" : "stock",
      right,
      strike,
      expiry,
      multiplier,
      qty,
      signFromPosition: sign === 0,
      proceeds: -qty * price * multiplier + 0,
      fees: Math.abs(num("fees", false) ?? 0),
      contractId: occId(symbol, expiry, right, strike),
      orderId: null,
      execId: null,
      event,
      intent,
    });
  });
  return { legs, rows: rows.length, skipped: 0, notes: [] };
}
