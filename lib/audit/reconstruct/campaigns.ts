/**
 * Segments joined into campaigns (the strategies the audit reports).
 *
 * - Roll: when every lot of a campaign's latest segment is closed at time X, a segment of the same
 *   account and underlying opened from 2 minutes before to 15 minutes after X (1 minute after, when
 *   that segment lost money net of fees) continues the campaign; the nearest one wins. A later
 *   re-entry is a new strategy.
 * - Stock: a segment of only short calls and/or long puts opened while a campaign of the same
 *   account and underlying holds long stock joins it (calls written against the shares, or puts
 *   protecting them); a put assigned into stock continues through the stock (the stock segment
 *   opens at the assignment, within the roll window), so put → stock → covered calls is one
 *   campaign: a wheel.
 *
 * Names: put assigned into stock → "Wheel"; long stock with attached short calls / long puts →
 * "Covered Call" / "Protective Put" / "Collar"; otherwise a rolled campaign is "Rolled " + the
 * first segment's name, and a single segment keeps its own name.
 * @module
 */
import { cashOf, type Segment, segmentExit, segmentName } from "./group.ts";
import type { Lot } from "./match.ts";

/** Roll window before a close, ms. */
export const ROLL_BEFORE_MS = 2 * 60_000;
/** Roll window after a close, ms. */
export const ROLL_AFTER_MS = 15 * 60_000;
/** Roll window after a losing close, ms. */
export const ROLL_AFTER_LOSS_MS = 60_000;

/** A strategy: one or more segments. */
export interface Campaign {
  id: number;
  account: string;
  symbol: string;
  segments: Segment[];
  /** Name (see module doc). */
  name: string;
  /** Name without the "Rolled " prefix: the strategy type used in tables. */
  type: string;
  rolled: boolean;
  entryTs: number;
  exitTs: number | null;
}

/** Joins segments (any order) into campaigns. */
export function buildCampaigns(segments: readonly Segment[]): Campaign[] {
  const segs = [...segments].sort((a, b) => a.entryTs - b.entryTs || a.id - b.id);
  const byKey = new Map<string, Segment[]>();
  for (const s of segs) {
    const k = `${s.account}|${s.symbol}`;
    const list = byKey.get(k);
    if (list) list.push(s);
    else byKey.set(k, [s]);
  }
  const absorbed = new Set<number>();
  const stockCampaigns = new Map<string, Campaign[]>();
  const out: Campaign[] = [];
  const kinds = new Map<number, { attached: boolean; rolled: boolean }>();
  for (const s of segs) {
    if (absorbed.has(s.id)) continue;
    const key = `${s.account}|${s.symbol}`;
    // a covering segment joins a campaign that holds long stock now
    if (isCoveringSegment(s)) {
      const host = (stockCampaigns.get(key) ?? []).findLast((c) => holdsLongStock(c, s.entryTs));
      if (host) {
        host.segments.push(s);
        kinds.get(host.id)!.attached = true;
        absorbed.add(s.id);
        continue;
      }
    }
    const c: Campaign = {
      id: out.length,
      account: s.account,
      symbol: s.symbol,
      segments: [s],
      name: "",
      type: "",
      rolled: false,
      entryTs: s.entryTs,
      exitTs: null,
    };
    kinds.set(c.id, { attached: false, rolled: false });
    out.push(c);
    absorbed.add(s.id);
    // follow the roll chain
    const list = byKey.get(key)!;
    let tail = s;
    while (tail.exitTs !== null) {
      const { gross, fees } = cashOf(tail.lots);
      const after = gross - fees < 0 ? ROLL_AFTER_LOSS_MS : ROLL_AFTER_MS;
      const lo = tail.exitTs - ROLL_BEFORE_MS;
      const hi = tail.exitTs + after;
      let best: Segment | null = null;
      for (let k = lowerBound(list, lo); k < list.length && list[k].entryTs <= hi; k++) {
        const cand = list[k];
        if (absorbed.has(cand.id) || cand.entryTs <= tail.entryTs) continue;
        if (!best || Math.abs(cand.entryTs - tail.exitTs) < Math.abs(best.entryTs - tail.exitTs)) {
          best = cand;
        }
      }
      if (!best) break;
      c.segments.push(best);
      absorbed.add(best.id);
      kinds.get(c.id)!.rolled = true;
      tail = best;
    }
    if (c.segments.some((g) => g.lots.some((l) => l.assetType === "stock" && l.qty > 0))) {
      const list2 = stockCampaigns.get(key);
      if (list2) list2.push(c);
      else stockCampaigns.set(key, [c]);
    }
  }
  for (const c of out) {
    const lots = c.segments.flatMap((g) => g.lots);
    c.exitTs = segmentExit(lots);
    const k = kinds.get(c.id)!;
    const { name, type, rolled } = nameCampaign(c.segments, k.attached, k.rolled);
    c.name = name;
    c.type = type;
    c.rolled = rolled;
  }
  return out;
}

function lowerBound(list: readonly Segment[], ts: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].entryTs < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isCoveringSegment(s: Segment): boolean {
  return s.lots.every((l) =>
    l.assetType === "option" && ((l.right === "C" && l.qty < 0) || (l.right === "P" && l.qty > 0))
  );
}

function holdsLongStock(c: Campaign, ts: number): boolean {
  for (const g of c.segments) {
    for (const l of g.lots) {
      if (
        l.assetType === "stock" && l.qty > 0 && l.openTs <= ts &&
        (l.closeTs === null || l.closeTs > ts)
      ) {
        return true;
      }
    }
  }
  return false;
}

function isWheel(segments: readonly Segment[]): boolean {
  let assignedAt = Infinity;
  for (const g of segments) {
    for (const l of g.lots) {
      if (l.right === "P" && l.qty < 0 && l.closeEvent === "assignment" && l.closeTs !== null) {
        assignedAt = Math.min(assignedAt, l.closeTs);
      }
    }
  }
  if (assignedAt === Infinity) return false;
  return segments.some((g) =>
    g.lots.some((l) => l.assetType === "stock" && l.qty > 0 && l.openTs >= assignedAt)
  );
}

function nameCampaign(
  segments: readonly Segment[],
  attached: boolean,
  rolled: boolean,
): { name: string; type: string; rolled: boolean } {
  if (isWheel(segments)) return { name: "Wheel", type: "Wheel", rolled };
  const first = segmentName(segments[0]);
  if (attached) {
    const lots: Lot[] = segments.flatMap((g) => g.lots);
    const stockLong = lots.some((l) => l.assetType === "stock" && l.qty > 0);
    const shortCall = lots.some((l) => l.right === "C" && l.qty < 0);
    const longPut = lots.some((l) => l.right === "P" && l.qty > 0);
    if (stockLong) {
      const t = shortCall && longPut ? "Collar" : shortCall ? "Covered Call" : "Protective Put";
      return { name: t, type: t, rolled };
    }
  }
  if (segments.length > 1 && rolled) return { name: `Rolled ${first}`, type: first, rolled: true };
  return { name: first, type: first, rolled: false };
}
