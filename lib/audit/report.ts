/**
 * The audit report: what `runAudit` returns and the CLI, API and page show. Money is in dollars
 * rounded to cents, times are wall-clock ISO strings (`YYYY-MM-DDTHH:MM:SS`, no zone) plus unix
 * ms, ratios are fractions (0.62 = 62 %) unless the field name ends in `Pct`.
 * @module
 */
import type { FileSummary } from "./importers/mod.ts";
import type { LegEvent } from "./types.ts";

/** One leg (lot) of a strategy. */
export interface StrategyLegRow {
  contract: string;
  assetType: "option" | "stock";
  right: "C" | "P" | null;
  strike: number | null;
  expiry: string | null;
  /** Signed opened quantity. */
  qty: number;
  openedAt: string;
  /** Opening price per unit (|opening cash| / (|qty| × multiplier)). */
  openPrice: number;
  closedAt: string | null;
  /** Average closing price per unit, null while nothing closed. */
  closePrice: number | null;
  /** How the lot ended: trade, assignment, exercise or expiration; null while open. */
  closedBy: LegEvent | null;
  /** Quantity still open. */
  openQty: number;
  grossPnl: number;
  fees: number;
  /** Index into the strategy's segments. */
  segment: number;
  file: string;
  line: number;
}

/** One segment of a (rolled) strategy. */
export interface SegmentRow {
  name: string;
  entryAt: string;
  exitAt: string | null;
  grossPnl: number;
  fees: number;
  netPnl: number;
  legsDesc: string;
}

/** Behaviour flags of one strategy. */
export interface StrategyFlags {
  revenge: boolean;
  tilt: boolean;
  sizeTilt: boolean;
  overtrading: boolean;
}

/** One strategy (campaign). */
export interface StrategyRow {
  id: number;
  account: string;
  symbol: string;
  /** Display name, e.g. "Rolled Short Put". */
  name: string;
  /** Strategy type (name without "Rolled "). */
  type: string;
  status: "closed" | "open";
  rolled: boolean;
  entryAt: string;
  exitAt: string | null;
  entryMs: number;
  exitMs: number | null;
  /** (exit − entry) / 1 day; for open strategies up to the as-of time. */
  holdDays: number;
  /** Σ cash in and out, $ (open strategies: closed part only). */
  grossPnl: number;
  fees: number;
  /** grossPnl − fees. */
  netPnl: number;
  /** Realized theta: netPnl / max(holdDays, 1), $/day. */
  thetaPerDay: number;
  legsDesc: string;
  definedRisk: boolean;
  /** Max loss at entry for defined-risk strategies, $; null otherwise. */
  maxRisk: number | null;
  /** netPnl / maxRisk; null unless defined risk with maxRisk > 0. */
  rMultiple: number | null;
  /** Position size in contracts: the largest opening |qty| (stock: shares / 100). */
  size: number;
  flags: StrategyFlags;
  legs: StrategyLegRow[];
  segments: SegmentRow[];
}

/** A point of an equity curve: cumulative net PnL after the strategies closed by `ms`. */
export interface EquityPoint {
  ms: number;
  date: string;
  equity: number;
}

/** Grouped results (per symbol, per strategy type). */
export interface GroupRow {
  key: string;
  strategies: number;
  wins: number;
  winRate: number;
  grossPnl: number;
  fees: number;
  netPnl: number;
}

/** A strategy held long while earning little. */
export interface StaleRow {
  id: number;
  symbol: string;
  name: string;
  holdDays: number;
  thetaPerDay: number;
  netPnl: number;
}

/** Totals over closed strategies. */
export interface Totals {
  strategies: number;
  wins: number;
  losses: number;
  /** wins / strategies (win = netPnl > 0). */
  winRate: number | null;
  grossPnl: number;
  fees: number;
  netPnl: number;
  avgWin: number | null;
  avgLoss: number | null;
  /** Σ net of wins / |Σ net of losses|; null when there are no losses. */
  profitFactor: number | null;
  /** Mean net PnL per strategy, $. */
  expectancy: number | null;
  /** Mean R over defined-risk strategies. */
  expectancyR: number | null;
  definedRiskStrategies: number;
  maxDrawdown: number;
  /** Max drawdown as % of peak equity (account size + cumulative net); null without account size. */
  maxDrawdownPct: number | null;
  /** Kelly fraction p − (1 − p) / b, b = avgWin / |avgLoss|. */
  kelly: number | null;
  /** fees / grossPnl × 100 when grossPnl > 0. */
  feeDragPct: number | null;
  feeDragFlag: boolean;
  /** netPnl / fees. */
  efficiency: number | null;
  avgHoldDays: number | null;
  staleCapital: StaleRow[];
  monthlyIncome: { month: string; netPnl: number }[];
  equityCurve: EquityPoint[];
  bySymbol: GroupRow[];
  byType: GroupRow[];
}

/** One behaviour flag's effect. */
export interface FlagSummary {
  count: number;
  /** Net PnL of the flagged strategies, $. */
  netPnl: number;
  strategyIds: number[];
  /** Cumulative net with the flagged strategies left out, one value per `totals.equityCurve` point. */
  equityWithout: number[];
}

/** A line of the discipline score. */
export interface ScoreLine {
  label: string;
  count: number;
  points: number;
}

/** Behaviour analysis. */
export interface Behaviour {
  revenge: FlagSummary;
  tilt: FlagSummary & { events: number };
  sizeTilt: FlagSummary;
  overtrading: FlagSummary & { days: string[] };
  /** Any flag. */
  anyFlag: FlagSummary;
  disciplineScore: number;
  disciplineBreakdown: ScoreLine[];
}

/** An open contract position. */
export interface OpenPosition {
  account: string;
  symbol: string;
  contract: string;
  assetType: "option" | "stock";
  right: "C" | "P" | null;
  strike: number | null;
  expiry: string | null;
  strategyId: number;
  strategy: string;
  qty: number;
  openedAt: string;
  /** Average opening price per unit, $. */
  avgPrice: number;
  /** Per-unit breakeven at expiry: call K + avg, put K − avg, stock avg. */
  breakeven: number;
  /** Calendar days from the as-of date to expiry; null for stock. */
  dte: number | null;
  /** Underlying price from the pricing function, or null ("not priced"). */
  underlyingPrice: number | null;
  priced: boolean;
  /** In-the-money %, signed: (S − K)/K for calls, (K − S)/K for puts; null without price. */
  itmPct: number | null;
  alerts: string[];
}

/** Portfolio-level risk of the open positions. */
export interface OpenRisk {
  notPriced: string[];
  /** Per underlying net in-the-money exposure, $ (options intrinsic × qty × multiplier + stock (S − avg) × qty). */
  itmExposure: { symbol: string; exposure: number; flagged: boolean }[];
  buyingPowerUsedPct: number | null;
  buyingPowerLimitPct: number;
  /** Capital at risk per underlying and its % of net liquidation. */
  concentration: {
    symbol: string;
    capitalAtRisk: number;
    pctOfNetLiq: number | null;
    flagged: boolean;
  }[];
  overLeveraged: boolean;
  alerts: string[];
}

/** The verdict. */
export interface Verdict {
  level: "green" | "amber" | "red" | "insufficient";
  headline: string;
  reasons: string[];
  explanation: string;
}

/** Import summary. */
export interface ImportSummary {
  files: FileSummary[];
  legs: number;
  duplicatesDropped: number;
  /** Closing quantities with no matching open in the imported history (left out). */
  orphanCloses: number;
  inferredExpirations: number;
  warnings: string[];
}

/** The whole report. */
export interface AuditReport {
  version: 1;
  asOf: string;
  style: "income" | "speculation";
  window: { from: string | null; to: string | null };
  accountSize: number | null;
  imports: ImportSummary;
  strategies: StrategyRow[];
  totals: Totals;
  behaviour: Behaviour;
  openPositions: OpenPosition[];
  openRisk: OpenRisk;
  verdict: Verdict;
  /** Net PnL per closed strategy in exit order: the input for Monte Carlo simulation. */
  tradePnls: number[];
}
