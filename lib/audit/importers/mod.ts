/**
 * Importing: broker detection by columns, one importer per layout, and merging several files into
 * one list of legs with duplicate executions dropped and an optional per-contract fee override.
 * @module
 */
import { type CsvRecord, csvRecords, firstRecords, parseCsv } from "../csv.ts";
import {
  AuditInputError,
  type AuditLeg,
  type BrokerId,
  type ImportContext,
  type ImportedFile,
} from "../types.ts";
import { importIbkrFlex, looksLikeIbkrFlex, unprefixFlex } from "./ibkr_flex.ts";
import { importIbkrStatement, looksLikeIbkrStatement } from "./ibkr_statement.ts";
import { importManualCsv, importManualRows, MANUAL_SIGNATURE, type ManualRow } from "./manual.ts";
import { importTastytrade, TASTYTRADE_SIGNATURE } from "./tastytrade.ts";
import { importTastytradeFills, TASTYTRADE_FILLS_SIGNATURE } from "./tastytrade_fills.ts";
import { importTastytradeLegacy, TASTYTRADE_LEGACY_SIGNATURE } from "./tastytrade_legacy.ts";

/**
 * Names the importer for a parsed file from its columns, or null:
 * Activity Statement (a `Trades,Header,…` row) → `ibkr-statement`; `Sub Type`+`Action`+`Value`+
 * `Call or Put` → `tastytrade`; `Underlying Symbol`+`Option Type`+`Commissions and Fees` →
 * `tastytrade-legacy`; `Symbol`+`Status`+`Price`+`Time`+`Description` → `tastytrade-fills`;
 * `ClientAccountID`, `IBCommission`, `IBExecID` or `TradePrice`+`AssetClass` → `ibkr-flex`;
 * `date`+`symbol`+`action`+`qty` → `manual`.
 */
export function detectBroker(records: CsvRecord[]): BrokerId | null {
  if (records.length === 0) return null;
  if (looksLikeIbkrStatement(records)) return "ibkr-statement";
  const header: CsvRecord = unprefixFlex(records).next().value ?? records[0];
  const cols = new Set(header.cells.map((c) => c.trim().toLowerCase()));
  const has = (names: string[]) => names.every((n) => cols.has(n));
  if (has(TASTYTRADE_SIGNATURE)) return "tastytrade";
  if (has(TASTYTRADE_LEGACY_SIGNATURE)) return "tastytrade-legacy";
  if (has(TASTYTRADE_FILLS_SIGNATURE)) return "tastytrade-fills";
  if (looksLikeIbkrFlex(cols)) return "ibkr-flex";
  if (has(MANUAL_SIGNATURE) || (has(["date", "symbol", "action", "quantity"]))) return "manual";
  return null;
}

/** One imported file and what became of it. */
export interface FileSummary {
  name: string;
  broker: BrokerId;
  rows: number;
  legs: number;
  skipped: number;
  duplicates: number;
  notes: string[];
}

/** Parses one file with the named importer (or the detected one for "auto"). */
export function importFile(
  name: string,
  text: string,
  broker: BrokerId | "auto",
  asOfMs: number,
): ImportedFile & { broker: BrokerId } {
  const head = firstRecords(text, 200);
  if (head.length === 0) throw new AuditInputError(name, 0, "", "the file is empty");
  const id = broker === "auto" ? detectBroker(head) : broker;
  if (!id) {
    throw new AuditInputError(
      name,
      head[0].line,
      "",
      "columns not recognised as a Tastytrade, IBKR or manual export; choose the broker by name",
    );
  }
  const ctx: ImportContext = { file: name, asOfMs };
  const run = {
    "tastytrade": () => importTastytrade(csvRecords(text), ctx),
    "tastytrade-legacy": () => importTastytradeLegacy(csvRecords(text), ctx),
    "tastytrade-fills": () => importTastytradeFills(csvRecords(text), ctx),
    "ibkr-flex": () => importIbkrFlex(csvRecords(text), ctx),
    "ibkr-statement": () => importIbkrStatement(parseCsv(text), ctx),
    "manual": () => importManualCsv(parseCsv(text), name),
  }[id];
  return { ...run(), broker: id };
}

/** Input to {@link importAll}. */
export interface ImportInput {
  files: readonly { name: string; text: string }[];
  manualRows?: readonly ManualRow[];
  broker: BrokerId | "auto";
  asOfMs: number;
  /** When set, replaces every leg's fees: |qty| × this for options and stock alike ($ per contract or per 100 shares), 0 for expirations. */
  feePerContract?: number;
}

/**
 * Imports every file and merges the legs. A leg is a duplicate (dropped and counted) when its
 * broker execution id was already seen (in any file), or when an identical row (same account,
 * time, contract, signed quantity, cash, fees and order id) came from an *earlier* file more
 * often than from this one: identical rows within one file are separate fills, and two
 * overlapping exports keep, per identical row, the larger of the two counts.
 */
export function importAll(input: ImportInput): { legs: AuditLeg[]; files: FileSummary[] } {
  const legs: AuditLeg[] = [];
  const files: FileSummary[] = [];
  const execSeen = new Set<string>();
  const earlier = new Map<string, number>(); // fingerprint → count in previous files (max)
  const inputs = input.files.length + (input.manualRows?.length ? 1 : 0);
  const addFile = (name: string, broker: BrokerId, imported: ImportedFile) => {
    const inFile = new Map<string, number>();
    let duplicates = 0;
    if (inputs === 1 && !imported.legs.some((l) => l.execId !== null)) {
      // one input and no execution ids: identical rows are separate fills, nothing to drop
      for (const leg of imported.legs) legs.push(leg);
      files.push({
        name,
        broker,
        rows: imported.rows,
        legs: imported.legs.length,
        skipped: imported.skipped,
        duplicates,
        notes: imported.notes,
      });
      return;
    }
    for (const leg of imported.legs) {
      if (leg.execId !== null) {
        const key = `${familyOf(leg.broker)}|${leg.account}|${leg.execId}`;
        if (execSeen.has(key)) {
          duplicates++;
          continue;
        }
        execSeen.add(key);
      }
      const fp = fingerprint(leg);
      const k = (inFile.get(fp) ?? 0) + 1;
      inFile.set(fp, k);
      if (k <= (earlier.get(fp) ?? 0)) {
        duplicates++;
        continue;
      }
      legs.push(leg);
    }
    for (const [fp, k] of inFile) earlier.set(fp, Math.max(k, earlier.get(fp) ?? 0));
    files.push({
      name,
      broker,
      rows: imported.rows,
      legs: imported.legs.length - duplicates,
      skipped: imported.skipped,
      duplicates,
      notes: imported.notes,
    });
  };
  for (const f of input.files) {
    const imported = importFile(f.name, f.text, input.broker, input.asOfMs);
    addFile(f.name, imported.broker, imported);
  }
  if (input.manualRows && input.manualRows.length > 0) {
    addFile("manual", "manual", importManualRows(input.manualRows, "manual"));
  }
  if (input.feePerContract !== undefined) {
    const x = input.feePerContract;
    for (const leg of legs) {
      const units = leg.assetType === "option" ? Math.abs(leg.qty) : Math.abs(leg.qty) / 100;
      leg.fees = leg.event === "expiration" ? 0 : units * x;
    }
  }
  return { legs, files };
}

function familyOf(b: BrokerId): string {
  return b.startsWith("ibkr") ? "ibkr" : b.startsWith("tasty") ? "tasty" : b;
}

function fingerprint(l: AuditLeg): string {
  return `${l.account}|${l.tsMs}|${l.contractId}|${l.qty}|${l.signFromPosition}|${l.proceeds}|${l.fees}|${
    l.orderId ?? ""
  }|${l.event}`;
}
