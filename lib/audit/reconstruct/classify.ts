/**
 * Strategy names from the legs put on together (a segment's opening quantities, netted per
 * contract). Quantities are compared as ratios, so 2 lots of a 1×1 vertical are still a vertical.
 *
 * Stock with options: long stock + short call → Covered Call; + long put → Protective Put;
 * + long put + short call → Collar. Stock alone → Long/Short Stock.
 * One option → Long/Short Call/Put. Two options, one expiry: same right, opposite sides, equal
 * size → Bull/Bear Call/Put Spread (long the lower strike = bull), unequal size → Ratio Spread;
 * call + put: same strike → Long/Short Straddle (same side) or Synthetic Long/Short (long call +
 * short put = long); different strikes → Long/Short Strangle (same side) or Risk Reversal. Two
 * options, two expiries, same right, opposite sides → Calendar Spread (same strike) or Diagonal
 * Spread. Three options of one right and expiry, quantities 1:−2:1 → Long/Short Butterfly
 * Spread. Four options of one expiry: long put K1 < short put K2 ≤ short call K3 < long call K4 →
 * Iron Butterfly (K2 = K3) or Iron Condor, signs reversed → Reverse Iron Butterfly/Condor;
 * long call + short put at K1 and short call + long put at K2 → Box Spread. Otherwise Multi-leg.
 * @module
 */
import type { Lot } from "./match.ts";

/** A contract's net opening quantity. */
export interface NetLeg {
  assetType: "option" | "stock";
  right: "C" | "P" | null;
  strike: number;
  expiry: string;
  qty: number;
}

/** Nets lots by contract (zero nets dropped), sorted by expiry, strike, right. */
export function netLegs(lots: readonly Lot[]): NetLeg[] {
  const m = new Map<string, NetLeg>();
  for (const l of lots) {
    const k = l.contractId;
    const e = m.get(k);
    if (e) e.qty += l.qty;
    else {
      m.set(k, {
        assetType: l.assetType,
        right: l.right,
        strike: l.strike ?? 0,
        expiry: l.expiry ?? "",
        qty: l.qty,
      });
    }
  }
  return [...m.values()].filter((x) => Math.abs(x.qty) > 1e-9).sort((a, b) =>
    a.expiry < b.expiry ? -1 : a.expiry > b.expiry ? 1 : a.strike - b.strike ||
      (a.right ?? "").localeCompare(b.right ?? "")
  );
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(a));

/** Names the structure of `lots` (see module doc). */
export function classifyLots(lots: readonly Lot[]): string {
  return classifyNet(netLegs(lots));
}

/** Names a set of net legs. */
export function classifyNet(legs: readonly NetLeg[]): string {
  if (legs.length === 0) return "Unclassified";
  const stock = legs.filter((l) => l.assetType === "stock");
  const opts = legs.filter((l) => l.assetType === "option");
  if (stock.length > 0) {
    const sq = stock.reduce((a, l) => a + l.qty, 0);
    if (opts.length === 0) return sq > 0 ? "Long Stock" : "Short Stock";
    if (sq > 0) {
      const shortCall = opts.some((o) => o.right === "C" && o.qty < 0);
      const longPut = opts.some((o) => o.right === "P" && o.qty > 0);
      const other = opts.some((o) =>
        !((o.right === "C" && o.qty < 0) || (o.right === "P" && o.qty > 0))
      );
      if (!other) {
        if (shortCall && longPut) return "Collar";
        if (shortCall) return "Covered Call";
        if (longPut) return "Protective Put";
      }
    }
    return "Multi-leg";
  }
  if (opts.length === 1) {
    const o = opts[0];
    return `${o.qty > 0 ? "Long" : "Short"} ${o.right === "C" ? "Call" : "Put"}`;
  }
  const expiries = new Set(opts.map((o) => o.expiry));
  if (opts.length === 2) {
    const [a, b] = opts; // sorted by expiry then strike
    if (expiries.size === 1) {
      if (a.right === b.right) {
        if (Math.sign(a.qty) === Math.sign(b.qty)) return "Multi-leg";
        if (!near(Math.abs(a.qty), Math.abs(b.qty))) return "Ratio Spread";
        const word = a.right === "C" ? "Call" : "Put";
        return a.qty > 0 ? `Bull ${word} Spread` : `Bear ${word} Spread`;
      }
      const call = a.right === "C" ? a : b;
      const put = a.right === "C" ? b : a;
      const same = Math.sign(call.qty) === Math.sign(put.qty);
      if (!near(Math.abs(call.qty), Math.abs(put.qty))) return "Multi-leg";
      if (near(call.strike, put.strike)) {
        if (same) return call.qty > 0 ? "Long Straddle" : "Short Straddle";
        return call.qty > 0 ? "Synthetic Long" : "Synthetic Short";
      }
      if (same) return call.qty > 0 ? "Long Strangle" : "Short Strangle";
      return "Risk Reversal";
    }
    if (a.right === b.right && Math.sign(a.qty) !== Math.sign(b.qty)) {
      return near(a.strike, b.strike) ? "Calendar Spread" : "Diagonal Spread";
    }
    return "Multi-leg";
  }
  if (expiries.size !== 1) return "Multi-leg";
  if (opts.length === 3) {
    const [a, b, c] = opts;
    if (
      a.right === b.right && b.right === c.right && near(a.qty, c.qty) && near(b.qty, -2 * a.qty)
    ) {
      return a.qty > 0 ? "Long Butterfly Spread" : "Short Butterfly Spread";
    }
    return "Multi-leg";
  }
  if (opts.length === 4) {
    const puts = opts.filter((o) => o.right === "P");
    const calls = opts.filter((o) => o.right === "C");
    const size = Math.abs(opts[0].qty);
    if (
      puts.length !== 2 || calls.length !== 2 || !opts.every((o) => near(Math.abs(o.qty), size))
    ) {
      return "Multi-leg";
    }
    const [p1, p2] = puts; // strikes ascending
    const [c1, c2] = calls;
    if (p1.qty > 0 && p2.qty < 0 && c1.qty < 0 && c2.qty > 0 && p2.strike <= c1.strike) {
      return near(p2.strike, c1.strike) ? "Iron Butterfly" : "Iron Condor";
    }
    if (p1.qty < 0 && p2.qty > 0 && c1.qty > 0 && c2.qty < 0 && p2.strike <= c1.strike) {
      return near(p2.strike, c1.strike) ? "Reverse Iron Butterfly" : "Reverse Iron Condor";
    }
    if (
      near(c1.strike, p1.strike) && near(c2.strike, p2.strike) &&
      Math.sign(c1.qty) === -Math.sign(p1.qty) &&
      Math.sign(c2.qty) === -Math.sign(p2.qty) && Math.sign(c1.qty) === -Math.sign(c2.qty)
    ) {
      return "Box Spread";
    }
  }
  return "Multi-leg";
}

/**
 * Legs description: unique `"{strike}{C|P}"` (integer strikes without decimals) and `"Stock"`,
 * sorted alphabetically, joined by `/`, e.g. `"390P/400P"`, `"150C/Stock"`.
 */
export function legsDescription(lots: readonly Lot[]): string {
  const set = new Set<string>();
  for (const l of lots) set.add(l.assetType === "stock" ? "Stock" : `${l.strike}${l.right}`);
  return [...set].sort().join("/");
}
