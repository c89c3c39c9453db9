/**
 * The verdict for a trading style.
 *
 * income: red when net < 0 or win rate < 60 %; amber when fee drag > 10 % or max drawdown >
 * half the total gross PnL (gross > 0). speculation: red when net < 0; amber when win rate
 * < 35 % or fee drag > 15 %. Open risk: red when an underlying's net in-the-money exposure is
 * below −$500; amber when over-leveraged. Unpriced open positions are reported, never a red flag.
 * Fewer than 10 closed strategies → level "insufficient" (the findings are still listed). The
 * level is the worst finding; green when there is none.
 * @module
 */
import type { OpenRisk, Totals, Verdict } from "../report.ts";

/** Closed strategies needed before a verdict is given. */
export const VERDICT_MIN_STRATEGIES = 10;

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const usd = (x: number) => `${x < 0 ? "−" : ""}$${Math.abs(x).toFixed(2)}`;

/** Judges the totals and open risk for `style`. */
export function verdictFor(style: "income" | "speculation", t: Totals, risk: OpenRisk): Verdict {
  const red: string[] = [];
  const amber: string[] = [];
  if (t.strategies > 0 && t.netPnl < 0) {
    red.push(`Net result is negative: ${usd(t.netPnl)} over ${t.strategies} strategies.`);
  }
  const wr = t.winRate ?? 0;
  if (style === "income") {
    if (t.strategies > 0 && wr < 0.6) {
      red.push(`Win rate ${pct(wr)} is below the 60% an income approach needs.`);
    }
    if (t.feeDragPct !== null && t.feeDragPct > 10) {
      amber.push(`Fees take ${t.feeDragPct.toFixed(1)}% of gross profit (limit 10%).`);
    }
    if (t.grossPnl > 0 && t.maxDrawdown > 0.5 * t.grossPnl) {
      amber.push(
        `Max drawdown ${usd(t.maxDrawdown)} exceeds half of gross PnL ${usd(t.grossPnl)}.`,
      );
    }
  } else {
    if (t.strategies > 0 && wr < 0.35) amber.push(`Win rate ${pct(wr)} is below 35%.`);
    if (t.feeDragPct !== null && t.feeDragPct > 15) {
      amber.push(`Fees take ${t.feeDragPct.toFixed(1)}% of gross profit (limit 15%).`);
    }
  }
  for (const x of risk.itmExposure) {
    if (x.flagged) red.push(`${x.symbol} open positions are ${usd(x.exposure)} in the money net.`);
  }
  if (risk.overLeveraged) amber.push("Open positions exceed the leverage or concentration limits.");
  const reasons = [...red, ...amber];
  const insufficient = t.strategies < VERDICT_MIN_STRATEGIES;
  const level: Verdict["level"] = insufficient
    ? "insufficient"
    : red.length
    ? "red"
    : amber.length
    ? "amber"
    : "green";
  const headline = {
    insufficient: `Insufficient data: ${t.strategies} closed ${
      t.strategies === 1 ? "strategy" : "strategies"
    }, need ${VERDICT_MIN_STRATEGIES}`,
    red: "Red flag",
    amber: "Amber: review",
    green: "Green: the numbers support the approach",
  }[level];
  const parts: string[] = [];
  if (t.strategies > 0) {
    parts.push(
      `${t.strategies} closed ${t.strategies === 1 ? "strategy" : "strategies"} netted ${
        usd(t.netPnl)
      } after ${usd(t.fees)} of fees, winning ${pct(wr)} of the time` +
        (t.expectancy !== null ? ` and averaging ${usd(t.expectancy)} per strategy.` : "."),
    );
  } else parts.push("No closed strategies in the audit.");
  if (reasons.length) parts.push(`Judged as ${style}: ${reasons.join(" ")}`);
  else if (t.strategies > 0) parts.push(`Judged as ${style}, nothing crosses a warning threshold.`);
  if (risk.notPriced.length) {
    parts.push(
      `Open positions in ${
        risk.notPriced.join(", ")
      } are not priced, so their risk is not assessed.`,
    );
  }
  if (insufficient) {
    parts.push("With fewer than 10 closed strategies these figures are not yet reliable.");
  }
  return { level, headline, reasons, explanation: parts.join(" ") };
}
