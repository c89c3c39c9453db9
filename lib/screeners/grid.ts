/**
 * The screener grid's model, kept free of the DOM so it is unit-tested here and shared by the
 * island: columns, client-side filters (text, signal type, numeric ranges), multi-column sort
 * (shift+click adds a key), pinned rows first, and the window of rows virtual scrolling draws.
 * Isomorphic: no Deno or browser APIs.
 * @module
 */
import type { RowValue, ScreenerRow, Signal } from "./types.ts";

/** A row as the grid shows it (a scan row plus its identity). */
export interface GridRow extends ScreenerRow {
  key: string;
  symbol: string;
  timeframe: string;
}

/** A column: base fields by name, or `v.<key>` for a value behind the signal. */
export interface Column {
  id: string;
  label: string;
  numeric: boolean;
}

/** The always-available columns, in default order. */
export const BASE_COLUMNS: readonly Column[] = [
  { id: "symbol", label: "Symbol", numeric: false },
  { id: "screener", label: "Screener", numeric: false },
  { id: "timeframe", label: "TF", numeric: false },
  { id: "signal", label: "Signal", numeric: false },
  { id: "label", label: "Setup", numeric: false },
  { id: "score", label: "Score", numeric: true },
  { id: "price", label: "Price", numeric: true },
  { id: "entry", label: "Entry", numeric: true },
  { id: "stop", label: "Stop", numeric: true },
  { id: "target", label: "Target", numeric: true },
  { id: "reason", label: "Reason", numeric: false },
];

/** Columns shown before the user chooses. */
export const DEFAULT_VISIBLE = [
  "symbol",
  "screener",
  "timeframe",
  "signal",
  "label",
  "score",
  "price",
  "stop",
  "target",
];

/** The value columns present in `rows` (`v.rsi`, `v.atr`, ...), sorted by name. */
export function valueColumns(rows: readonly GridRow[]): Column[] {
  const seen = new Map<string, boolean>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.values)) {
      if (v === null) continue;
      const numeric = typeof v === "number";
      seen.set(k, (seen.get(k) ?? true) && numeric);
    }
  }
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([k, numeric]) => ({ id: `v.${k}`, label: k, numeric }));
}

/** A row's cell value for column `id`. */
export function cell(row: GridRow, id: string): RowValue {
  if (id.startsWith("v.")) return row.values[id.slice(2)] ?? null;
  const v = (row as unknown as Record<string, unknown>)[id];
  return v === undefined ? null : (v as RowValue);
}

/** Client-side filters; empty fields filter nothing. */
export interface Filters {
  /** Case-insensitive substring of symbol, screener, label or reason. */
  text: string;
  /** Signals to keep (empty: all). */
  signals: readonly Signal[];
  /** Inclusive numeric ranges by column id; a null cell fails any range. */
  ranges: Readonly<Record<string, { min?: number | null; max?: number | null }>>;
  /** Keep only these row keys (e.g. "new today"), or all when null. */
  only?: ReadonlySet<string> | null;
}

/** The rows passing `f`. */
export function applyFilters(rows: readonly GridRow[], f: Filters): GridRow[] {
  const text = f.text.trim().toLowerCase();
  const signals = f.signals.length > 0 ? new Set(f.signals) : null;
  const ranges = Object.entries(f.ranges).filter(([, r]) =>
    (r.min !== undefined && r.min !== null) || (r.max !== undefined && r.max !== null)
  );
  return rows.filter((r) => {
    if (f.only && !f.only.has(r.key)) return false;
    if (signals && !signals.has(r.signal)) return false;
    if (
      text &&
      !`${r.symbol}\u0000${r.screener}\u0000${r.label}\u0000${r.reason}`.toLowerCase().includes(
        text,
      )
    ) return false;
    for (const [id, { min, max }] of ranges) {
      const v = cell(r, id);
      if (typeof v !== "number") return false;
      if (min !== undefined && min !== null && v < min) return false;
      if (max !== undefined && max !== null && v > max) return false;
    }
    return true;
  });
}

/** One sort key. */
export interface SortKey {
  col: string;
  dir: 1 | -1;
}

/**
 * The sort after clicking column `col`. A plain click sorts by `col` alone (ascending first,
 * then descending, then unsorted); a shift+click adds `col` as the next key, flips it when it
 * is already a key, and removes it on the third click.
 */
export function toggleSort(keys: readonly SortKey[], col: string, shift: boolean): SortKey[] {
  const at = keys.findIndex((k) => k.col === col);
  if (!shift) {
    if (keys.length === 1 && at === 0) return keys[0].dir === 1 ? [{ col, dir: -1 }] : [];
    return [{ col, dir: 1 }];
  }
  if (at < 0) return [...keys, { col, dir: 1 }];
  if (keys[at].dir === 1) return keys.map((k, i) => (i === at ? { col, dir: -1 } : k));
  return keys.filter((_, i) => i !== at);
}

function compareCells(a: RowValue, b: RowValue): number {
  const an = a === null || (typeof a === "number" && !Number.isFinite(a));
  const bn = b === null || (typeof b === "number" && !Number.isFinite(b));
  if (an || bn) return an === bn ? 0 : an ? 1 : -1; // nulls last in either direction
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/**
 * Rows sorted by `keys` in order (stable; nulls last whatever the direction), with rows whose
 * symbol is pinned moved to the top (keeping the sorted order within each group).
 */
export function sortRows(
  rows: readonly GridRow[],
  keys: readonly SortKey[],
  pinned: ReadonlySet<string> = new Set(),
): GridRow[] {
  const indexed = rows.map((r, i) => ({ r, i }));
  indexed.sort((x, y) => {
    const px = pinned.has(x.r.symbol) ? 0 : 1;
    const py = pinned.has(y.r.symbol) ? 0 : 1;
    if (px !== py) return px - py;
    for (const k of keys) {
      const a = cell(x.r, k.col);
      const b = cell(y.r, k.col);
      const aNull = a === null || (typeof a === "number" && !Number.isFinite(a));
      const bNull = b === null || (typeof b === "number" && !Number.isFinite(b));
      if (aNull || bNull) {
        if (aNull !== bNull) return aNull ? 1 : -1;
        continue;
      }
      const c = compareCells(a, b);
      if (c !== 0) return c * k.dir;
    }
    return x.i - y.i;
  });
  return indexed.map((x) => x.r);
}

/** Rows a virtual list draws: [start, end) plus the spacer heights above and below (px). */
export function visibleWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  total: number,
  overscan = 8,
): { start: number; end: number; padTop: number; padBottom: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(total, first - overscan));
  const end = Math.min(total, first + Math.ceil(viewport / rowHeight) + overscan);
  return {
    start,
    end,
    padTop: start * rowHeight,
    padBottom: Math.max(0, (total - end) * rowHeight),
  };
}

/** Formats a cell for display: numbers to 2 decimals (4 below 1), booleans as yes/no. */
export function formatCell(v: RowValue, id = ""): string {
  if (v === null) return "–";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") {
    if (id.endsWith("Ts") || id === "ts") return new Date(v).toISOString().slice(0, 10);
    const a = Math.abs(v);
    return v.toFixed(a !== 0 && a < 1 ? 4 : 2);
  }
  return v;
}
