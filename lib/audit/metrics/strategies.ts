/**
 * Per-strategy figures from a campaign:
 * - grossPnl = Σ opening cash + Σ closing cash ($, fees excluded). For a strategy still open only
 *   the closed part counts: Σ (opening cash × closed fraction) + Σ closing cash.
 * - fees = Σ fees of every leg part; netPnl = grossPnl − fees.
 * - holdDays = (exit − entry) / 86 400 000 ms (open: up to the as-of time).
 * - thetaPerDay ("realized theta") = netPnl / max(holdDays, 1): a position held under a day counts
 *   as one day.
 * - maxRisk / definedRisk from the first segment's opening legs (reconstruct/risk.ts);
 *   rMultiple = netPnl / maxRisk.
 * - size = the largest opening |qty| of the first segment, in contracts (stock: shares / 100).
 * @module
 */
import { isoDateTime } from "../parse.ts";
import type { Campaign } from "../reconstruct/campaigns.ts";
import { legsDescription } from "../reconstruct/classify.ts";
import { segmentName } from "../reconstruct/group.ts";
import type { Lot } from "../reconstruct/match.ts";
import { maxRiskAtEntry } from "../reconstruct/risk.ts";
import type { SegmentRow, StrategyLegRow, StrategyRow } from "../report.ts";
import type { AuditLeg } from "../types.ts";

const DAY_MS = 86_400_000;

/** Rounds to cents. */
export function cents(x: number): number {
  return Math.round(x * 100) / 100 + 0;
}

function lotRealized(l: Lot): { gross: number; fees: number } {
  const q = Math.abs(l.qty);
  const closed = q - Math.abs(l.remaining);
  let gross = l.openCash * (q > 0 ? closed / q : 0);
  let fees = l.openFees;
  for (const c of l.closes) {
    gross += c.cash;
    fees += c.fees;
  }
  return { gross, fees };
}

/** Builds the strategy row of a campaign (flags all false; behaviour sets them). */
export function strategyRow(c: Campaign, legs: readonly AuditLeg[], asOfMs: number): StrategyRow {
  const legRows: StrategyLegRow[] = [];
  const segRows: SegmentRow[] = [];
  let gross = 0;
  let fees = 0;
  c.segments.forEach((seg, si) => {
    let sg = 0;
    let sf = 0;
    for (const l of seg.lots) {
      const r = lotRealized(l);
      sg += r.gross;
      sf += r.fees;
      const closedQty = l.closes.reduce((a, x) => a + Math.abs(x.qty), 0);
      const closeCash = l.closes.reduce((a, x) => a + x.cash, 0);
      const last = l.closes.at(-1);
      legRows.push({
        contract: l.contractId,
        assetType: l.assetType,
        right: l.right,
        strike: l.strike,
        expiry: l.expiry,
        qty: l.qty,
        openedAt: isoDateTime(l.openTs),
        openPrice: Math.abs(l.openCash) / (Math.abs(l.qty) * l.multiplier),
        closedAt: l.closeTs === null
          ? (last ? isoDateTime(last.tsMs) : null)
          : isoDateTime(l.closeTs),
        closePrice: closedQty > 0 ? Math.abs(closeCash) / (closedQty * l.multiplier) : null,
        closedBy: l.closeEvent ?? (last ? last.event : null),
        openQty: l.remaining,
        grossPnl: cents(r.gross),
        fees: cents(r.fees),
        segment: si,
        file: legs[l.legIndex].file,
        line: legs[l.legIndex].line,
      });
    }
    gross += sg;
    fees += sf;
    segRows.push({
      name: segmentName(seg),
      entryAt: isoDateTime(seg.entryTs),
      exitAt: seg.exitTs === null ? null : isoDateTime(seg.exitTs),
      grossPnl: cents(sg),
      fees: cents(sf),
      netPnl: cents(sg - sf),
      legsDesc: legsDescription(seg.lots),
    });
  });
  const all = c.segments.flatMap((g) => g.lots);
  const closed = c.exitTs !== null;
  const endMs = closed ? c.exitTs! : Math.max(asOfMs, c.entryTs);
  const holdDays = (endMs - c.entryTs) / DAY_MS;
  const net = gross - fees;
  const first = c.segments[0].lots;
  const risk = maxRiskAtEntry(first);
  let size = 0;
  for (const l of first) {
    size = Math.max(size, l.assetType === "stock" ? Math.abs(l.qty) / 100 : Math.abs(l.qty));
  }
  return {
    id: c.id,
    account: c.account,
    symbol: c.symbol,
    name: c.name,
    type: c.type,
    status: closed ? "closed" : "open",
    rolled: c.rolled,
    entryAt: isoDateTime(c.entryTs),
    exitAt: closed ? isoDateTime(c.exitTs!) : null,
    entryMs: c.entryTs,
    exitMs: c.exitTs,
    holdDays,
    grossPnl: cents(gross),
    fees: cents(fees),
    netPnl: cents(net),
    thetaPerDay: cents(net / Math.max(holdDays, 1)),
    legsDesc: legsDescription(all),
    definedRisk: risk.definedRisk,
    maxRisk: risk.maxRisk === null ? null : cents(risk.maxRisk),
    rMultiple: risk.definedRisk && risk.maxRisk !== null && risk.maxRisk > 0
      ? net / risk.maxRisk
      : null,
    size,
    flags: { revenge: false, tilt: false, sizeTilt: false, overtrading: false },
    legs: legRows,
    segments: segRows,
  };
}
