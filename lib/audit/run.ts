/**
 * `runAudit`: the whole pipeline, pure and synchronous: import → match → group → campaigns →
 * per-strategy figures → open positions → behaviour → totals → verdict. The CLI, API and page all
 * call it.
 * @module
 */
import { importAll } from "./importers/mod.ts";
import type { ManualRow } from "./importers/manual.ts";
import { analyseBehaviour } from "./metrics/behaviour.ts";
import { openPositions } from "./metrics/open_positions.ts";
import { strategyRow } from "./metrics/strategies.ts";
import { computeTotals } from "./metrics/totals.ts";
import { verdictFor } from "./metrics/verdict.ts";
import { AuditOptions, type AuditOptionsInput } from "./options.ts";
import { dateMs, isoDate } from "./parse.ts";
import { buildCampaigns } from "./reconstruct/campaigns.ts";
import { groupLots } from "./reconstruct/group.ts";
import { matchLegs } from "./reconstruct/match.ts";
import type { AuditReport, StrategyRow } from "./report.ts";
import { AuditInputError } from "./types.ts";

const DAY_MS = 86_400_000;

/** A file to audit: its name (used in errors) and text. */
export interface AuditFile {
  name: string;
  text: string;
}

/** Things outside the pure inputs. */
export interface AuditDeps {
  /** Underlying price for open-position risk; undefined → "not priced". */
  priceOf?: (symbol: string) => number | undefined;
  /** Manual rows in addition to the files. */
  manualRows?: readonly ManualRow[];
  /** Clock for the default as-of date (unix ms). */
  now?: () => number;
}

/**
 * Audits `files` (and `deps.manualRows`). Throws {@link AuditInputError} when a file fails
 * validation (nothing is used then) or when there is nothing to audit, and a zod error for bad
 * options.
 *
 * As-of: `options.asOf`, else `options.to`, else today (from `deps.now`); option lots still open
 * whose expiry is before it are closed at zero. `to` drops legs after that date; `from` drops
 * strategies closed before it.
 */
export function runAudit(
  files: readonly AuditFile[],
  options: AuditOptionsInput = {},
  deps: AuditDeps = {},
): AuditReport {
  const o = AuditOptions.parse(options);
  const nowMs = (deps.now ?? Date.now)();
  const asOf = o.asOf ?? o.to ?? isoDate(nowMs);
  const asOfMs = o.asOf || o.to ? dateMs(asOf) + DAY_MS - 1 : nowMs;
  if (files.length === 0 && !(deps.manualRows?.length)) {
    throw new AuditInputError("input", 0, "", "no files or rows to audit");
  }
  const imported = importAll({
    files,
    manualRows: deps.manualRows,
    broker: o.broker,
    asOfMs,
    feePerContract: o.feePerContract,
  });
  let legs = imported.legs;
  if (o.to) {
    const end = dateMs(o.to) + DAY_MS;
    legs = legs.filter((l) => l.tsMs < end);
  }
  if (legs.length === 0) throw new AuditInputError("input", 0, "", "no trades found in the input");
  const match = matchLegs(legs, asOf);
  const segments = groupLots(match.lots, legs);
  const campaigns = buildCampaigns(segments);
  const fromMs = o.from ? dateMs(o.from) : -Infinity;
  const kept = campaigns.filter((c) => c.exitTs === null || c.exitTs >= fromMs);
  const rows: StrategyRow[] = kept.map((c) => strategyRow(c, legs, asOfMs));
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const closed = rows.filter((r) => r.status === "closed").sort((a, b) =>
    a.exitMs! - b.exitMs! || a.id - b.id
  );
  const open = openPositions(kept, rowById, {
    asOf,
    priceOf: deps.priceOf,
    netLiq: o.netLiq,
    buyingPower: o.buyingPower,
    buyingPowerLimitPct: o.buyingPowerLimitPct,
  });
  const behaviour = analyseBehaviour(rows, closed, open.positions);
  const totals = computeTotals(closed, o.accountSize ?? null);
  const verdict = verdictFor(o.style, totals, open.risk);
  const warnings: string[] = [];
  if (match.orphans.length) {
    warnings.push(
      `${match.orphans.length} closing fill(s) had no opening fill in the imported history (opened before it?) and were left out.`,
    );
  }
  if (match.inferredExpirations) {
    warnings.push(
      `${match.inferredExpirations} option lot(s) past expiry with no closing row were closed at zero.`,
    );
  }
  rows.sort((a, b) => a.entryMs - b.entryMs || a.id - b.id);
  return {
    version: 1,
    asOf,
    style: o.style,
    window: { from: o.from ?? null, to: o.to ?? null },
    accountSize: o.accountSize ?? null,
    imports: {
      files: imported.files,
      legs: legs.length,
      duplicatesDropped: imported.files.reduce((a, f) => a + f.duplicates, 0),
      orphanCloses: match.orphans.length,
      inferredExpirations: match.inferredExpirations,
      warnings,
    },
    strategies: rows,
    totals,
    behaviour,
    openPositions: open.positions,
    openRisk: open.risk,
    verdict,
    tradePnls: closed.map((r) => r.netPnl),
  };
}
