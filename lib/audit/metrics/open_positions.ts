/**
 * Open positions and their risk, as of the audit date.
 *
 * Per account and contract (open lots aggregated): qty = Σ remaining; avgPrice = Σ |opening cash
 * of the remaining part| / (|qty| × multiplier) per unit; breakeven at expiry = K + avg (call),
 * K − avg (put), avg (stock); dte = calendar days from the as-of date to expiry.
 * Alerts: "Expiring today" (dte 0), "Gamma risk: under 3 DTE" (dte 1–2), and with an underlying
 * price S: "Short option X% in the money" when a short option is more than 1 % in the money
 * (itm = (S − K)/K for calls, (K − S)/K for puts); without a price "Not priced".
 *
 * Portfolio: net in-the-money exposure per underlying = Σ options qty × m × intrinsic(S) +
 * Σ stock qty × (S − avg), flagged below −$500. Capital at risk per open strategy = its max risk at
 * entry when defined risk, else Σ per open lot: stock |qty|·(S or avg), long option premium paid,
 * short put |qty|·m·K, short call |qty|·m·(S or K). Over-leverage when buying power used
 * ((net liq − buying power) / net liq × 100) exceeds the limit (default 50 %) or one underlying's
 * capital at risk exceeds 20 % of net liquidation.
 * @module
 */
import { daysBetween, isoDateTime } from "../parse.ts";
import type { Campaign } from "../reconstruct/campaigns.ts";
import type { Lot } from "../reconstruct/match.ts";
import type { OpenPosition, OpenRisk, StrategyRow } from "../report.ts";
import { cents } from "./strategies.ts";

/** Net ITM exposure below this ($) is flagged. */
export const ITM_EXPOSURE_LIMIT = -500;
/** One underlying above this % of net liquidation is over-concentrated. */
export const CONCENTRATION_LIMIT_PCT = 20;

/** Options for {@link openPositions}. */
export interface OpenOptions {
  asOf: string;
  priceOf?: (symbol: string) => number | undefined;
  netLiq?: number;
  buyingPower?: number;
  buyingPowerLimitPct: number;
}

/** Open positions and portfolio risk of the open campaigns. */
export function openPositions(
  campaigns: readonly Campaign[],
  rows: ReadonlyMap<number, StrategyRow>,
  opts: OpenOptions,
): { positions: OpenPosition[]; risk: OpenRisk } {
  const prices = new Map<string, number | null>();
  const price = (s: string): number | null => {
    if (!prices.has(s)) {
      const p = opts.priceOf?.(s);
      prices.set(s, p !== undefined && Number.isFinite(p) && p > 0 ? p : null);
    }
    return prices.get(s)!;
  };
  const positions: OpenPosition[] = [];
  const exposure = new Map<string, number>();
  const capital = new Map<string, number>();
  for (const c of campaigns) {
    if (c.exitTs !== null) continue;
    const lots = c.segments.flatMap((g) => g.lots).filter((l) => l.remaining !== 0);
    const byContract = new Map<string, Lot[]>();
    for (const l of lots) {
      const k = `${l.account}|${l.contractId}`;
      const list = byContract.get(k);
      if (list) list.push(l);
      else byContract.set(k, [l]);
    }
    const row = rows.get(c.id)!;
    let strategyCapital = 0;
    for (const group of byContract.values()) {
      const l0 = group[0];
      const qty = group.reduce((a, l) => a + l.remaining, 0);
      if (Math.abs(qty) < 1e-9) continue;
      const cost = group.reduce((a, l) => a + Math.abs(l.openCash * (l.remaining / l.qty)), 0);
      const avg = cost / (Math.abs(qty) * l0.multiplier);
      const S = price(c.symbol);
      const K = l0.strike ?? 0;
      const breakeven = l0.right === "C" ? K + avg : l0.right === "P" ? K - avg : avg;
      const dte = l0.expiry === null ? null : daysBetween(opts.asOf, l0.expiry);
      const alerts: string[] = [];
      if (dte === 0) alerts.push("Expiring today");
      else if (dte !== null && dte > 0 && dte < 3) alerts.push("Gamma risk: under 3 DTE");
      let itmPct: number | null = null;
      if (S === null) alerts.push("Not priced");
      else if (l0.right !== null && K > 0) {
        itmPct = l0.right === "C" ? ((S - K) / K) * 100 : ((K - S) / K) * 100;
        if (qty < 0 && itmPct > 1) alerts.push(`Short option ${itmPct.toFixed(1)}% in the money`);
      }
      if (S !== null) {
        const intrinsic = l0.right === "C"
          ? Math.max(0, S - K)
          : l0.right === "P"
          ? Math.max(0, K - S)
          : S - avg;
        exposure.set(c.symbol, (exposure.get(c.symbol) ?? 0) + qty * l0.multiplier * intrinsic);
      }
      const m = l0.multiplier;
      if (l0.assetType === "stock") strategyCapital += Math.abs(qty) * (S ?? avg);
      else if (qty > 0) strategyCapital += cost;
      else strategyCapital += Math.abs(qty) * m * (l0.right === "P" ? K : (S ?? K));
      positions.push({
        account: l0.account,
        symbol: c.symbol,
        contract: l0.contractId,
        assetType: l0.assetType,
        right: l0.right,
        strike: l0.strike,
        expiry: l0.expiry,
        strategyId: c.id,
        strategy: c.name,
        qty,
        openedAt: isoDateTime(Math.min(...group.map((l) => l.openTs))),
        avgPrice: cents(avg),
        breakeven: cents(breakeven),
        dte,
        underlyingPrice: S,
        priced: S !== null,
        itmPct,
        alerts,
      });
    }
    const cap = row.definedRisk && row.maxRisk !== null ? row.maxRisk : strategyCapital;
    capital.set(c.symbol, (capital.get(c.symbol) ?? 0) + cap);
  }
  const notPriced = [...prices.entries()].filter(([, p]) => p === null).map(([s]) => s).sort();
  const alerts: string[] = [];
  const itmExposure = [...exposure.entries()].map(([symbol, e]) => ({
    symbol,
    exposure: cents(e),
    flagged: e < ITM_EXPOSURE_LIMIT,
  })).sort((a, b) => a.exposure - b.exposure);
  for (const x of itmExposure) {
    if (x.flagged) {
      alerts.push(`${x.symbol}: net in-the-money exposure −$${Math.abs(x.exposure).toFixed(0)}`);
    }
  }
  let bpUsed: number | null = null;
  if (opts.netLiq !== undefined && opts.buyingPower !== undefined && opts.netLiq > 0) {
    bpUsed = ((opts.netLiq - opts.buyingPower) / opts.netLiq) * 100;
  }
  const overBp = bpUsed !== null && bpUsed > opts.buyingPowerLimitPct;
  if (overBp) {
    alerts.push(
      `Buying power used ${bpUsed!.toFixed(1)}% exceeds the ${opts.buyingPowerLimitPct}% limit`,
    );
  }
  const concentration = [...capital.entries()].map(([symbol, cap]) => {
    const pct = opts.netLiq && opts.netLiq > 0 ? (cap / opts.netLiq) * 100 : null;
    return {
      symbol,
      capitalAtRisk: cents(cap),
      pctOfNetLiq: pct,
      flagged: pct !== null && pct > CONCENTRATION_LIMIT_PCT,
    };
  }).sort((a, b) => b.capitalAtRisk - a.capitalAtRisk);
  for (const x of concentration) {
    if (x.flagged) {
      alerts.push(
        `${x.symbol}: ${x.pctOfNetLiq!.toFixed(1)}% of net liquidation at risk (limit 20%)`,
      );
    }
  }
  if (notPriced.length) alerts.push(`Not priced: ${notPriced.join(", ")}`);
  positions.sort((a, b) =>
    a.openedAt.localeCompare(b.openedAt) || a.contract.localeCompare(b.contract)
  );
  return {
    positions,
    risk: {
      notPriced,
      itmExposure,
      buyingPowerUsedPct: bpUsed,
      buyingPowerLimitPct: opts.buyingPowerLimitPct,
      concentration,
      overLeveraged: overBp || concentration.some((x) => x.flagged),
      alerts,
    },
  };
}
