/**
 * Lots grouped into segments: the legs a trader put on together. A lot joins the segment of its
 * opening leg's order (same account and broker order id), else the latest segment of the same
 * account and underlying when it was opened within 120 seconds of that segment's first lot and
 * that segment still holds an open lot, else it starts a new segment. Stock and option lots of one
 * underlying can share a segment.
 * @module
 */
import type { AuditLeg } from "../types.ts";
import { classifyLots } from "./classify.ts";
import { type Lot, lotCash, lotFees } from "./match.ts";

/** Seconds within which lots of one underlying form one segment. */
export const GROUP_WINDOW_MS = 120_000;

/** Legs put on together. */
export interface Segment {
  id: number;
  account: string;
  symbol: string;
  lots: Lot[];
  /** First lot's open time. */
  entryTs: number;
  /** Last close time once every lot is closed, else null. */
  exitTs: number | null;
  /** Cached {@link segmentName}. */
  name?: string;
}

/** The segment's structure name (classify.ts), computed once. */
export function segmentName(seg: Segment): string {
  return seg.name ??= classifyLots(seg.lots);
}

/** Groups lots (in open-time order) into segments. */
export function groupLots(lots: readonly Lot[], legs: readonly AuditLeg[]): Segment[] {
  const sorted = [...lots].sort((a, b) => a.openTs - b.openTs || a.id - b.id);
  const segments: Segment[] = [];
  const byOrder = new Map<string, Segment>();
  const latest = new Map<string, Segment>();
  for (const lot of sorted) {
    const orderId = legs[lot.legIndex].orderId;
    const under = lot.account === "" ? lot.symbol : `${lot.account}|${lot.symbol}`;
    const orderKey = orderId === null
      ? null
      : lot.account === ""
      ? orderId
      : `${lot.account}|${orderId}`;
    let seg = orderKey === null ? undefined : byOrder.get(orderKey);
    if (!seg) {
      const last = latest.get(under);
      // a segment already flat by then is finished: a re-entry is new (and may be a roll)
      if (last && lot.openTs - last.entryTs <= GROUP_WINDOW_MS && openAt(last, lot.openTs)) {
        seg = last;
      }
    }
    if (!seg) {
      seg = {
        id: segments.length,
        account: lot.account,
        symbol: lot.symbol,
        lots: [],
        entryTs: lot.openTs,
        exitTs: null,
      };
      segments.push(seg);
      latest.set(under, seg);
    }
    seg.lots.push(lot);
    if (orderKey !== null) byOrder.set(orderKey, seg);
  }
  for (const s of segments) s.exitTs = segmentExit(s.lots);
  return segments;
}

/** Whether any lot of `seg` is still open at time `ts`. */
function openAt(seg: Segment, ts: number): boolean {
  return seg.lots.some((l) => l.closeTs === null || l.closeTs > ts);
}

/** Last close time when every lot is closed, else null. */
export function segmentExit(lots: readonly Lot[]): number | null {
  let exit = -Infinity;
  for (const l of lots) {
    if (l.closeTs === null) return null;
    if (l.closeTs > exit) exit = l.closeTs;
  }
  return lots.length ? exit : null;
}

/** Gross cash (opening + closing cash) and fees of a set of lots, $. */
export function cashOf(lots: readonly Lot[]): { gross: number; fees: number } {
  let gross = 0;
  let fees = 0;
  for (const l of lots) {
    gross += lotCash(l);
    fees += lotFees(l);
  }
  return { gross, fees };
}
