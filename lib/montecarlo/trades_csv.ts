/**
 * Reads trade results for the Monte Carlo from CSV text: a header row with a `returnPct`
 * column (percent returns, compounding) or a `pnl` column (currency, additive). Header names
 * are matched case-insensitively, ignoring spaces, `_` and `-` (so `return_pct` and `PnL` work);
 * a trailing `%` on a value is allowed. Other columns are ignored.
 * @module
 */

/** Trades read from a CSV, with the column that was used. */
export interface TradeColumn {
  column: "returnPct" | "pnl";
  /** true for returnPct (compounding), false for pnl (additive). */
  compounding: boolean;
  values: Float64Array;
}

/** A parse outcome: the trades, or one message naming the row or column. */
export type TradeCsvResult = { ok: true; trades: TradeColumn } | { ok: false; message: string };

function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-]/g, "");

/**
 * Parses trade results from CSV text.
 *
 * @example
 * ```ts
 * const r = parseTradesCsv("date,returnPct\n2024-01-02,1.5\n2024-01-05,-0.8\n");
 * // { ok: true, trades: { column: "returnPct", compounding: true, values: [1.5, -0.8] } }
 * ```
 */
export function parseTradesCsv(text: string): TradeCsvResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitLine(lines[0] ?? "").map(norm);
  let col = header.indexOf("returnpct");
  let column: TradeColumn["column"] = "returnPct";
  if (col < 0) {
    col = header.indexOf("pnl");
    column = "pnl";
  }
  if (col < 0) {
    return {
      ok: false,
      message: `expected a returnPct or pnl column, header was "${lines[0] ?? ""}"`,
    };
  }
  const values: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const cells = splitLine(lines[i]);
    const raw = (cells[col] ?? "").replace(/%$/, "");
    const x = Number(raw);
    if (raw === "" || !Number.isFinite(x)) {
      return {
        ok: false,
        message: `row ${i + 1}: ${column} "${cells[col] ?? ""}" is not a number`,
      };
    }
    if (column === "returnPct" && x <= -100) {
      return { ok: false, message: `row ${i + 1}: returnPct ${x} would lose more than everything` };
    }
    values.push(x);
  }
  if (values.length === 0) return { ok: false, message: "no trades after the header" };
  return {
    ok: true,
    trades: { column, compounding: column === "returnPct", values: Float64Array.from(values) },
  };
}
