/**
 * `cli audit`: audits broker exports (lib/audit/run.ts) and prints the report.
 * @module
 */
import { reportToCsv, reportToXlsx } from "../../audit/export/report_tables.ts";
import { openSymbols, storedPrices } from "../../audit/prices.ts";
import type { AuditReport } from "../../audit/report.ts";
import { type AuditFile, runAudit } from "../../audit/run.ts";
import { AuditInputError, BROKERS } from "../../audit/types.ts";
import { LOCAL_OWNER } from "../../http/env.ts";
import * as z from "zod";
import { CliError, type Command, numberFlag, parseFlags, printJson } from "../command.ts";

/** Option names whose flag differs from the kebab-case of the option. */
const FLAG_NAMES: Record<string, string> = { "buying-power-limit-pct": "bp-limit" };

const USAGE = `Usage: cli audit --file F [--file G ...] [--broker auto|${BROKERS.join("|")}]
       [--style income|speculation] [--as-of DATE] [--from DATE --to DATE]
       [--fee-per-contract X] [--account-size N] [--net-liq N --buying-power N] [--bp-limit PCT]
       [--price SYM=PX ...] [--price-from-store] [--export FILE.csv|FILE.xlsx] [--json]

Audits one or more broker exports (Tastytrade transaction history, legacy layout or orders
export; IBKR Flex query or Activity Statement; manual rows date,symbol,action,qty,price,fees,
expiry,strike,right). The format is detected from the columns unless --broker names it.
Opens and closes are matched per contract (FIFO), grouped into strategies, rolls joined, and the
totals, behaviour flags, open-position risk and a verdict for the style computed.

  --as-of DATE          audit date (default today; --to when given): older expiries close at 0
  --from/--to DATE      keep strategies closed from DATE; ignore executions after --to
  --fee-per-contract X  replace the files' fees with X per contract (0 on expirations)
  --price SYM=PX        price an underlying for open-position risk (repeatable)
  --price-from-store    price open positions from the stored bars (last close by the as-of date)
  --export FILE         write the strategies as CSV, or the whole report as XLSX
  --json                print { strategies, totals, behaviour, openPositions, openRisk, verdict, ... }`;

/** `cli audit`. */
export const auditCommand: Command = {
  name: "audit",
  summary: "Audit Tastytrade / IBKR / manual trade exports: strategies, PnL, behaviour, verdict",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseFlags(args, {
      file: { type: "string", multiple: true },
      broker: { type: "string" },
      style: { type: "string" },
      "as-of": { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "fee-per-contract": { type: "string" },
      "account-size": { type: "string" },
      "net-liq": { type: "string" },
      "buying-power": { type: "string" },
      "bp-limit": { type: "string" },
      price: { type: "string", multiple: true },
      "price-from-store": { type: "boolean" },
      export: { type: "string" },
    });
    const paths = values.file ?? [];
    if (paths.length === 0) throw new CliError("--file is required (repeat it for several files)");
    const broker = values.broker ?? "auto";
    if (broker !== "auto" && !(BROKERS as readonly string[]).includes(broker)) {
      throw new CliError(
        `--broker: expected auto or one of ${BROKERS.join(", ")}, was "${broker}"`,
      );
    }
    const style = values.style ?? "income";
    if (style !== "income" && style !== "speculation") {
      throw new CliError(`--style: expected income or speculation, was "${style}"`);
    }
    for (const k of ["as-of", "from", "to"] as const) {
      const v = values[k];
      if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        throw new CliError(`--${k}: expected YYYY-MM-DD, was "${v}"`);
      }
    }
    if (values.from && values.to && values.from > values.to) {
      throw new CliError("--from must not be after --to");
    }
    const prices = new Map<string, number>();
    for (const p of values.price ?? []) {
      const m = /^([A-Za-z0-9.^/_-]+)=(\d+(?:\.\d+)?)$/.exec(p.trim());
      if (!m) throw new CliError(`--price: expected SYM=PRICE, was "${p}"`);
      prices.set(m[1].toUpperCase(), Number(m[2]));
    }
    const files: AuditFile[] = [];
    for (const path of paths) {
      let bytes: Uint8Array;
      try {
        bytes = await io.readFile(path);
      } catch {
        throw new CliError(`--file: cannot read "${path}"`);
      }
      files.push({ name: path, text: new TextDecoder().decode(bytes) });
    }
    const options = {
      broker: broker as "auto",
      style: style as "income" | "speculation",
      asOf: values["as-of"],
      from: values.from,
      to: values.to,
      feePerContract: numberFlag("fee-per-contract", values["fee-per-contract"], { min: 0 }),
      accountSize: numberFlag("account-size", values["account-size"], { min: 0 }),
      netLiq: numberFlag("net-liq", values["net-liq"], { min: 0 }),
      buyingPower: numberFlag("buying-power", values["buying-power"], { min: 0 }),
      buyingPowerLimitPct: numberFlag("bp-limit", values["bp-limit"], { min: 0, max: 100 }),
    };
    const audit = (priceOf?: (s: string) => number | undefined): AuditReport => {
      try {
        return runAudit(files, options, { priceOf, now: io.now });
      } catch (err) {
        if (err instanceof AuditInputError) throw new CliError(err.message);
        if (err instanceof z.ZodError) {
          const issue = err.issues[0];
          const flag = String(issue?.path[0] ?? "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
          throw new CliError(`--${FLAG_NAMES[flag] ?? flag}: ${issue?.message ?? "invalid"}`);
        }
        throw err;
      }
    };
    let report = audit(prices.size ? (s) => prices.get(s) : undefined);
    if (values["price-from-store"] && report.openPositions.length) {
      const kv = await io.openKv();
      const asOfMs = Date.parse(`${report.asOf}T23:59:59Z`);
      const stored = await storedPrices(kv, LOCAL_OWNER, openSymbols(report), asOfMs);
      for (const [s, p] of prices) stored.set(s, p);
      report = audit((s) => stored.get(s));
    }
    if (values.export) {
      const out = values.export;
      if (out.toLowerCase().endsWith(".xlsx")) await io.writeFile(out, await reportToXlsx(report));
      else if (out.toLowerCase().endsWith(".csv")) {
        await io.writeFile(out, new TextEncoder().encode(reportToCsv(report)));
      } else throw new CliError(`--export: expected a .csv or .xlsx file name, was "${out}"`);
    }
    if (values.json) return printJson(io, report);
    io.stdout(formatText(report));
  },
};

function money(x: number | null): string {
  if (x === null) return "n/a";
  return `${x < 0 ? "-" : ""}$${Math.abs(x).toFixed(2)}`;
}

function pct(x: number | null, scale = 100): string {
  return x === null ? "n/a" : `${(x * scale).toFixed(1)}%`;
}

/** The plain-text report. */
export function formatText(r: AuditReport): string {
  const t = r.totals;
  const lines = [
    `Audit as of ${r.asOf} (${r.style})`,
    `Verdict: ${r.verdict.headline}`,
    `  ${r.verdict.explanation}`,
    "",
    `Strategies closed   ${t.strategies}   win rate ${pct(t.winRate)}`,
    `Net PnL             ${money(t.netPnl)}  (gross ${money(t.grossPnl)}, fees ${money(t.fees)})`,
    `Expectancy          ${money(t.expectancy)} per strategy${
      t.expectancyR === null ? "" : `, ${t.expectancyR.toFixed(2)} R`
    }`,
    `Profit factor       ${t.profitFactor === null ? "n/a" : t.profitFactor.toFixed(2)}   Kelly ${
      t.kelly === null ? "n/a" : t.kelly.toFixed(3)
    }`,
    `Max drawdown        ${money(t.maxDrawdown)}${
      t.maxDrawdownPct === null ? "" : ` (${t.maxDrawdownPct.toFixed(1)}%)`
    }`,
    `Fee drag            ${t.feeDragPct === null ? "n/a" : `${t.feeDragPct.toFixed(2)}%`}${
      t.feeDragFlag ? "  HIGH" : ""
    }   efficiency ${t.efficiency === null ? "n/a" : t.efficiency.toFixed(1)}`,
    `Discipline score    ${r.behaviour.disciplineScore}/100`,
    "",
    "Symbol      Strats   Win%       Net PnL",
    ...t.bySymbol.map((g) =>
      `${g.key.padEnd(10)}  ${String(g.strategies).padStart(6)}  ${pct(g.winRate).padStart(6)}  ${
        money(g.netPnl).padStart(12)
      }`
    ),
  ];
  if (r.openPositions.length) {
    lines.push("", "Open positions");
    for (const p of r.openPositions) {
      lines.push(
        `  ${p.contract.padEnd(22)} ${String(p.qty).padStart(5)}  avg ${
          p.avgPrice.toFixed(2)
        }  dte ${p.dte ?? "-"}  ${p.alerts.join("; ")}`,
      );
    }
  }
  for (const w of r.imports.warnings) lines.push(`note: ${w}`);
  if (r.imports.duplicatesDropped) {
    lines.push(`note: ${r.imports.duplicatesDropped} duplicate execution(s) dropped`);
  }
  return lines.join("\n") + "\n";
}
