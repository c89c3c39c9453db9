/**
 * Opens and closes matched per account and contract, first in first out.
 *
 * Legs are replayed in time order (ties keep file order). A leg first closes the oldest open lots
 * of the opposite sign (partial closes split a leg's cash and fees in proportion to quantity); any
 * remainder opens a new lot, so an over-close flips the position. A closing remainder that finds
 * nothing open (the broker marked it a close, or it is an option assignment, exercise or
 * expiration) is an *orphan*: the position was opened before the imported history and the
 * remainder is left out rather than booked as a new position. After the replay, an option lot
 * still open whose expiry date is before the as-of date is closed at zero cash at 16:00 of its
 * expiry date (an inferred expiration).
 * @module
 */
import { wallMs } from "../parse.ts";
import type { AuditLeg, LegEvent } from "../types.ts";

const EPS = 1e-9;

/** Part of a leg that closed (part of) a lot. */
export interface CloseFill {
  /** Index into the legs array, or -1 for an inferred expiration. */
  legIndex: number;
  tsMs: number;
  /** Signed quantity closed (opposite sign to the lot). */
  qty: number;
  /** Cash of this part, $ (+ received). */
  cash: number;
  fees: number;
  event: LegEvent;
}

/** An opened quantity of one contract and everything that closed it. */
export interface Lot {
  id: number;
  /** Index of the opening leg. */
  legIndex: number;
  account: string;
  symbol: string;
  contractId: string;
  assetType: "option" | "stock";
  right: "C" | "P" | null;
  strike: number | null;
  expiry: string | null;
  multiplier: number;
  openTs: number;
  /** Signed opened quantity. */
  qty: number;
  /** Cash of the opening part, $. */
  openCash: number;
  openFees: number;
  openEvent: LegEvent;
  /** Signed quantity still open. */
  remaining: number;
  closes: CloseFill[];
  /** Time the lot was fully closed, or null while open. */
  closeTs: number | null;
  closeEvent: LegEvent | null;
}

/** Part of a closing leg that found nothing to close. */
export interface Orphan {
  legIndex: number;
  qty: number;
}

/** Result of {@link matchLegs}. */
export interface MatchResult {
  lots: Lot[];
  orphans: Orphan[];
  inferredExpirations: number;
}

interface Book {
  lots: Lot[];
  head: number;
}

/** Replays `legs` (any order) into lots; `asOfDate` is `YYYY-MM-DD`. */
export function matchLegs(legs: readonly AuditLeg[], asOfDate: string): MatchResult {
  const n = legs.length;
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ts[i] = legs[i].tsMs;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => ts[a] - ts[b] || a - b);
  const books = new Map<string, Book>();
  const lots: Lot[] = [];
  const orphans: Orphan[] = [];
  for (const i of order) {
    const leg = legs[i];
    const key = leg.account === "" ? leg.contractId : `${leg.account}|${leg.contractId}`;
    let book = books.get(key);
    if (!book) books.set(key, book = { lots: [], head: 0 });
    let q = leg.qty;
    let cash = leg.proceeds;
    if (leg.signFromPosition) {
      let open = 0;
      for (let k = book.head; k < book.lots.length; k++) open += book.lots[k].remaining;
      if (Math.abs(open) < EPS) {
        orphans.push({ legIndex: i, qty: leg.qty });
        continue;
      }
      q = open > 0 ? -leg.qty : leg.qty;
      if (q < 0) cash = -cash;
    }
    const totalAbs = Math.abs(q);
    if (totalAbs < EPS) continue;
    let r = q;
    while (Math.abs(r) > EPS && book.head < book.lots.length) {
      const lot = book.lots[book.head];
      if (Math.sign(lot.remaining) === Math.sign(r)) break;
      const take = Math.min(Math.abs(r), Math.abs(lot.remaining));
      const frac = take / totalAbs;
      const part = Math.sign(r) * take;
      lot.closes.push({
        legIndex: i,
        tsMs: leg.tsMs,
        qty: part,
        cash: cash * frac,
        fees: leg.fees * frac,
        event: leg.event,
      });
      lot.remaining += part;
      r -= part;
      if (Math.abs(lot.remaining) < EPS) {
        lot.remaining = 0;
        lot.closeTs = leg.tsMs;
        lot.closeEvent = leg.event;
        book.head++;
      }
    }
    if (Math.abs(r) <= EPS) continue;
    const closing = leg.signFromPosition || leg.intent === "close" ||
      (leg.assetType === "option" && leg.event !== "trade");
    if (closing) {
      orphans.push({ legIndex: i, qty: r });
      continue;
    }
    const frac = Math.abs(r) / totalAbs;
    const lot: Lot = {
      id: lots.length,
      legIndex: i,
      account: leg.account,
      symbol: leg.symbol,
      contractId: leg.contractId,
      assetType: leg.assetType,
      right: leg.right,
      strike: leg.strike,
      expiry: leg.expiry,
      multiplier: leg.multiplier,
      openTs: leg.tsMs,
      qty: r,
      openCash: cash * frac,
      openFees: leg.fees * frac,
      openEvent: leg.event,
      remaining: r,
      closes: [],
      closeTs: null,
      closeEvent: null,
    };
    lots.push(lot);
    book.lots.push(lot);
  }
  let inferredExpirations = 0;
  for (const lot of lots) {
    if (lot.remaining === 0 || lot.expiry === null || lot.expiry >= asOfDate) continue;
    const ts = wallMs(
      +lot.expiry.slice(0, 4),
      +lot.expiry.slice(5, 7),
      +lot.expiry.slice(8, 10),
      16,
    );
    lot.closes.push({
      legIndex: -1,
      tsMs: Math.max(ts, lot.openTs),
      qty: -lot.remaining,
      cash: 0,
      fees: 0,
      event: "expiration",
    });
    lot.remaining = 0;
    lot.closeTs = Math.max(ts, lot.openTs);
    lot.closeEvent = "expiration";
    inferredExpirations++;
  }
  return { lots, orphans, inferredExpirations };
}

/** Gross cash of a lot so far: opening cash plus every close's cash, $. */
export function lotCash(lot: Lot): number {
  let s = lot.openCash;
  for (const c of lot.closes) s += c.cash;
  return s;
}

/** Fees of a lot so far, $. */
export function lotFees(lot: Lot): number {
  let s = lot.openFees;
  for (const c of lot.closes) s += c.fees;
  return s;
}
