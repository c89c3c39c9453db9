/**
 * Tastytrade orders/fills export (legacy): `Symbol, Status, Price, Time, Description`
 * (+ `Commissions`, `Fees`, `Order #`). One row per order; the Description cell holds one leg per
 * line, e.g. `-1 Jan 9 43d 600 Put STO`, `1 Nov 13 Exp 6815 Put BTO`, `-100 STC` (stock).
 *
 * Money: the fill price (`MarketOrFill` when it holds a price, else `Price`; the original used
 * `Price`, the order's limit) is the order's net per unit with a `cr` (credit) or `db` (debit,
 * also no suffix) suffix; order money = price × 100 × gcd of the legs' contract quantities (stock legs count as
 * shares / 100; a stock-only order is price × shares), split across legs in proportion to their
 * quantity; fees (Commissions + Fees) are split the same way. Only rows whose Status is "Filled"
 * (or empty) are used.
 *
 * Years (the export has none): the trade is put in the latest year that leaves it at or before
 * the as-of date. The expiry year comes from the days-to-expiry token (`43d` → the year of trade
 * date + 43 days; `Exp` → the trade's year) when present, otherwise it is the smallest year that
 * puts the expiry on or after the trade date.
 * @module
 */
import type { CsvRecord } from "../csv.ts";
import { gcd, monthNumber, occId, wallMs } from "../parse.ts";
import type { AuditLeg, ImportContext, ImportedFile } from "../types.ts";
import { headerAndRows, Table } from "./table.ts";

/** Column names that identify this layout (checked after the transaction history's). */
export const TASTYTRADE_FILLS_SIGNATURE = ["symbol", "status", "price", "time", "description"];

const DAY_MS = 86_400_000;
const RE_OPTION =
  /^([+-]?\d+)\s+([A-Za-z]{3})\s+(\d{1,2})\s+(?:(\d+)d\s+|exp\s+)?(\d+(?:\.\d+)?)\s+(call|put|c|p)\b\s*([A-Za-z]+)?/i;
const RE_STOCK = /^([+-]?\d+)\s+(BTO|STO|BTC|STC|BUY|SELL)\b/i;
const RE_TIME =
  /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?m?$/i;

interface RawLeg {
  qty: number;
  stock: boolean;
  month: number;
  day: number;
  dte: number | null; // null = no token, 0 for Exp
  strike: number;
  right: "C" | "P" | null;
  intent: "open" | "close" | null;
}

/** Parses a Tastytrade orders/fills CSV (the first record is the header). */
export function importTastytradeFills(
  input: Iterable<CsvRecord>,
  ctx: ImportContext,
): ImportedFile {
  const { header, rows: data } = headerAndRows(input, ctx.file);
  const t = new Table(ctx.file, header);
  let rows = 0;
  const c = {
    symbol: t.need("Symbol"),
    status: t.find("Status"),
    price: t.need("Price"),
    fill: t.find("MarketOrFill"),
    time: t.need("Time"),
    desc: t.need("Description"),
    comm: t.find("Commissions"),
    fees: t.find("Fees"),
    order: t.find("Order #"),
    account: t.find("Account"),
  };
  const legs: AuditLeg[] = [];
  let skipped = 0;
  for (const rec of data) {
    rows++;
    const status = t.text(rec, c.status).toLowerCase();
    if (status !== "" && !status.startsWith("fill")) {
      skipped++;
      continue;
    }
    const symbol = t.text(rec, c.symbol).toUpperCase();
    if (!symbol) t.fail(rec, c.symbol, "a symbol is required");
    const raw: RawLeg[] = [];
    for (const lineText of t.text(rec, c.desc).split(/\r?\n/)) {
      const s = lineText.trim();
      if (s === "") continue;
      const leg = parseLegLine(s);
      if (!leg) {
        t.fail(rec, c.desc, `leg "${s}" not understood (expected e.g. "-1 Jan 9 43d 600 Put STO")`);
      }
      raw.push(leg as RawLeg);
    }
    if (raw.length === 0) t.fail(rec, c.desc, "no legs");
    // the fill (MarketOrFill) when it reads as a price, else the order's limit price
    const RE_PRICE = /^\$?(\d+(?:\.\d+)?|\.\d+)\s*(cr|db)?$/;
    let pm = RE_PRICE.exec(t.text(rec, c.fill).toLowerCase().replaceAll(",", ""));
    if (!pm) pm = RE_PRICE.exec(t.text(rec, c.price).toLowerCase().replaceAll(",", ""));
    if (!pm) t.fail(rec, c.price, 'expected a net price like "1.25 cr" or "0.80 db"');
    const price = Number(pm![1]);
    const credit = pm![2] === "cr";
    const tsMs = tradeTime(t.text(rec, c.time), ctx.asOfMs);
    if (!Number.isFinite(tsMs)) t.fail(rec, c.time, 'expected a time like "11/26, 5:53p"');
    // weights: contracts, stock as shares / 100
    const weights = raw.map((l) => (l.stock ? Math.abs(l.qty) / 100 : Math.abs(l.qty)));
    const allStock = raw.every((l) => l.stock);
    const money = allStock ? price * gcd(raw.map((l) => l.qty)) : price * 100 *
      Math.max(1, gcd(weights.map((w) => (Number.isInteger(w) ? w : 0)).filter((w) => w > 0)));
    const signedMoney = credit ? money : -money;
    const totalW = weights.reduce((a, b) => a + b, 0);
    const fees = Math.abs(t.num(rec, c.comm, 0) as number) +
      Math.abs(t.num(rec, c.fees, 0) as number);
    const orderId = t.text(rec, c.order) || null;
    const tradeDate = new Date(tsMs);
    raw.forEach((l, k) => {
      const share = weights[k] / totalW;
      let expiry: string | null = null;
      if (!l.stock) {
        expiry = expiryDate(tradeDate, l);
        if (!expiry) t.fail(rec, c.desc, `leg ${k + 1} has an impossible expiry`);
      }
      legs.push({
        file: ctx.file,
        line: rec.line,
        broker: "tastytrade-fills",
        account: t.text(rec, c.account),
        tsMs,
        symbol,
        assetType: l.stock ? "stock" : "option",
        right: l.right,
        strike: l.stock ? null : l.strike,
        expiry,
        multiplier: l.stock ? 1 : 100,
        qty: l.qty,
        signFromPosition: false,
        proceeds: signedMoney * share,
        fees: fees * share,
        contractId: occId(symbol, expiry, l.right, l.stock ? null : l.strike),
        orderId,
        execId: orderId === null ? null : `${orderId}#${k}`,
        event: "trade",
        intent: l.intent,
      });
    });
  }
  return { legs, rows, skipped, notes: [] };
}

function intentOf(action: string | undefined): "open" | "close" | null {
  const a = (action ?? "").toUpperCase();
  if (a === "BTO" || a === "STO") return "open";
  if (a === "BTC" || a === "STC") return "close";
  return null;
}

/** Parses one Description line into a leg, or null. */
export function parseLegLine(s: string): RawLeg | null {
  let m = RE_OPTION.exec(s);
  if (m) {
    const month = monthNumber(m[2]);
    if (!month) return null;
    const token = /\bexp\b/i.test(s.slice(m[1].length)) && m[4] === undefined ? 0 : null;
    const r = m[6].toUpperCase();
    return {
      qty: Number(m[1]),
      stock: false,
      month,
      day: Number(m[3]),
      dte: m[4] !== undefined ? Number(m[4]) : token,
      strike: Number(m[5]),
      right: r.startsWith("C") ? "C" : "P",
      intent: intentOf(m[7]),
    };
  }
  m = RE_STOCK.exec(s);
  if (m) {
    return {
      qty: Number(m[1]),
      stock: true,
      month: 0,
      day: 0,
      dte: null,
      strike: 0,
      right: null,
      intent: intentOf(m[2]),
    };
  }
  return null;
}

/**
 * Wall-clock ms of an orders-export time (`11/26, 5:53p`, `11/26/2023 17:53`): the latest year
 * that leaves it at or before `asOfMs` when the text has no year. NaN when unreadable.
 */
export function tradeTime(text: string, asOfMs: number): number {
  const m = RE_TIME.exec(text.trim());
  if (!m) return NaN;
  const mo = Number(m[1]);
  const d = Number(m[2]);
  let h = Number(m[4]);
  if (m[7]) {
    const p = m[7].toLowerCase() === "p";
    h = h === 12 ? (p ? 12 : 0) : p ? h + 12 : h;
  }
  const mi = Number(m[5]);
  const s = m[6] ? Number(m[6]) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return NaN;
  if (m[3]) {
    const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return check(y, mo, d, h, mi, s);
  }
  let y = new Date(asOfMs).getUTCFullYear();
  for (let k = 0; k < 8; k++, y--) {
    const ms = check(y, mo, d, h, mi, s);
    if (Number.isFinite(ms) && ms <= asOfMs) return ms;
  }
  return NaN;
}

function check(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const ms = wallMs(y, mo, d, h, mi, s);
  return new Date(ms).getUTCDate() === d ? ms : NaN;
}

function expiryDate(trade: Date, l: RawLeg): string | null {
  const tradeDay = Date.UTC(trade.getUTCFullYear(), trade.getUTCMonth(), trade.getUTCDate());
  let y: number;
  if (l.dte !== null) {
    y = new Date(tradeDay + l.dte * DAY_MS).getUTCFullYear();
  } else {
    y = trade.getUTCFullYear();
    if (Date.UTC(y, l.month - 1, l.day) < tradeDay) y++;
  }
  const ms = Date.UTC(y, l.month - 1, l.day);
  if (new Date(ms).getUTCDate() !== l.day) return null;
  return new Date(ms).toISOString().slice(0, 10);
}
