/**
 * The audit report as tables (header row first) for CSV and XLSX export.
 * @module
 */
import { csvCell } from "../csv.ts";
import type { AuditReport } from "../report.ts";
import { type CellValue, type Sheet, writeXlsx } from "./xlsx.ts";

const r2 = (
  x: number | null | undefined,
) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);
const r4 = (
  x: number | null | undefined,
) => (x === null || x === undefined ? null : Math.round(x * 1e4) / 1e4);

/** Every table of the report. */
export function reportSheets(report: AuditReport): Sheet[] {
  const t = report.totals;
  const b = report.behaviour;
  const summary: CellValue[][] = [
    ["Metric", "Value"],
    ["As of", report.asOf],
    ["Style", report.style],
    ["Verdict", report.verdict.headline],
    ["Explanation", report.verdict.explanation],
    ["Closed strategies", t.strategies],
    ["Win rate", r4(t.winRate)],
    ["Gross PnL", t.grossPnl],
    ["Fees", t.fees],
    ["Net PnL", t.netPnl],
    ["Average win", t.avgWin],
    ["Average loss", t.avgLoss],
    ["Profit factor", r4(t.profitFactor)],
    ["Expectancy ($/strategy)", t.expectancy],
    ["Expectancy (R, defined risk)", r4(t.expectancyR)],
    ["Max drawdown ($)", t.maxDrawdown],
    ["Max drawdown (%)", r2(t.maxDrawdownPct)],
    ["Kelly fraction", r4(t.kelly)],
    ["Fee drag (%)", r2(t.feeDragPct)],
    ["Efficiency (net / fees)", r2(t.efficiency)],
    ["Discipline score", b.disciplineScore],
    ["Revenge trades", b.revenge.count],
    ["Tilt trades", b.tilt.count],
    ["Size-tilt trades", b.sizeTilt.count],
    ["Overtrading days", b.overtrading.days.length],
    ["Duplicates dropped", report.imports.duplicatesDropped],
  ];
  if (report.accountSize !== null) summary.push(["Account size", report.accountSize]);
  if (report.openRisk.buyingPowerUsedPct !== null) {
    summary.push(["Buying power used (%)", r2(report.openRisk.buyingPowerUsedPct)]);
  }
  return [
    { name: "Summary", rows: summary },
    { name: "Strategies", rows: strategyTable(report) },
    {
      name: "Legs",
      rows: [
        [
          "Strategy",
          "Segment",
          "Contract",
          "Qty",
          "Opened",
          "Open price",
          "Closed",
          "Close price",
          "Closed by",
          "Open qty",
          "Gross PnL",
          "Fees",
          "File",
          "Line",
        ],
        ...report.strategies.flatMap((s) =>
          s.legs.map((l) => [
            s.id,
            l.segment + 1,
            l.contract,
            l.qty,
            l.openedAt,
            r4(l.openPrice),
            l.closedAt,
            r4(l.closePrice),
            l.closedBy,
            l.openQty,
            l.grossPnl,
            l.fees,
            l.file,
            l.line,
          ])
        ),
      ],
    },
    {
      name: "Symbols",
      rows: [
        ["Symbol", "Strategies", "Wins", "Win rate", "Gross PnL", "Fees", "Net PnL"],
        ...t.bySymbol.map((
          g,
        ) => [g.key, g.strategies, g.wins, r4(g.winRate), g.grossPnl, g.fees, g.netPnl]),
      ],
    },
    {
      name: "Strategy types",
      rows: [
        ["Type", "Strategies", "Wins", "Win rate", "Gross PnL", "Fees", "Net PnL"],
        ...t.byType.map((
          g,
        ) => [g.key, g.strategies, g.wins, r4(g.winRate), g.grossPnl, g.fees, g.netPnl]),
      ],
    },
    {
      name: "Open Positions",
      rows: [
        [
          "Account",
          "Symbol",
          "Contract",
          "Strategy",
          "Qty",
          "Avg price",
          "Breakeven",
          "DTE",
          "Price",
          "ITM %",
          "Alerts",
        ],
        ...report.openPositions.map((p) => [
          p.account,
          p.symbol,
          p.contract,
          p.strategy,
          p.qty,
          p.avgPrice,
          p.breakeven,
          p.dte,
          p.underlyingPrice,
          r2(p.itmPct),
          p.alerts.join("; "),
        ]),
      ],
    },
    {
      name: "Monthly",
      rows: [["Month", "Net PnL"], ...t.monthlyIncome.map((m) => [m.month, m.netPnl])],
    },
    {
      name: "Stale Capital",
      rows: [
        ["Strategy", "Symbol", "Name", "Hold days", "Theta/day", "Net PnL"],
        ...t.staleCapital.map((
          s,
        ) => [s.id, s.symbol, s.name, r2(s.holdDays), s.thetaPerDay, s.netPnl]),
      ],
    },
  ];
}

/** The strategies table (one row per strategy). */
export function strategyTable(report: AuditReport): CellValue[][] {
  return [
    [
      "Id",
      "Account",
      "Symbol",
      "Strategy",
      "Status",
      "Entry",
      "Exit",
      "Hold days",
      "Gross PnL",
      "Fees",
      "Net PnL",
      "Theta/day",
      "Legs",
      "Segments",
      "Max risk",
      "R",
      "Revenge",
      "Tilt",
      "Size tilt",
      "Overtrading",
    ],
    ...report.strategies.map((s) => [
      s.id,
      s.account,
      s.symbol,
      s.name,
      s.status,
      s.entryAt,
      s.exitAt,
      r2(s.holdDays),
      s.grossPnl,
      s.fees,
      s.netPnl,
      s.thetaPerDay,
      s.legsDesc,
      s.segments.length,
      s.maxRisk,
      r4(s.rMultiple),
      s.flags.revenge,
      s.flags.tilt,
      s.flags.sizeTilt,
      s.flags.overtrading,
    ]),
  ];
}

/** The strategies table as CSV text (CRLF line ends, RFC 4180 quoting). */
export function reportToCsv(report: AuditReport): string {
  return strategyTable(report).map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** The whole report as .xlsx bytes. */
export function reportToXlsx(report: AuditReport): Promise<Uint8Array> {
  return writeXlsx(reportSheets(report));
}
