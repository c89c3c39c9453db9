/**
 * The screener grid island: run scans (with progress), load and compare stored scans, filter
 * (text, signal type, numeric ranges), multi-column sort (shift+click), choose columns, scroll
 * thousands of rows virtually under a sticky header, open a row on the chart with its levels
 * drawn, backtest its rule in one click, and keep watchlists (pins to the top, coloured tags,
 * notes) persisted per owner through /api/v1/watchlists.
 * @module
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import Sparkline from "./Sparkline.tsx";
import {
  applyFilters,
  BASE_COLUMNS,
  cell,
  type Column,
  DEFAULT_VISIBLE,
  formatCell,
  type GridRow,
  type SortKey,
  sortRows,
  toggleSort,
  valueColumns,
  visibleWindow,
} from "../lib/screeners/grid.ts";
import type { Signal } from "../lib/screeners/types.ts";
import { price as fmtPrice } from "./chart/axis.ts";

/** A screener as the catalogue lists it. */
export interface CatalogueEntry {
  name: string;
  title: string;
  category: string;
  needs: readonly string[];
  backtestStrategy: string | null;
}

/** A scan as the API returns it (the fields the grid reads). */
export interface ScanPayload {
  id: string;
  createdTs: number;
  request: { screeners: { name: string; params: Record<string, unknown> }[] };
  regime: { light: string | null; label: string; benchmark: string } | null;
  rows: (Omit<GridRow, "key"> & { symbol: string })[];
  sparks: Record<string, number[]>;
  counts: { symbols: number; rows: number; passing: number; notEvaluated: number };
  skipped?: { symbol: string; reason: string }[];
  /** The "top N by volume" cut (null or absent when none applied); cut symbols are in `skipped`. */
  volumeCut?: { count: number; period: number; source: string; cut: number } | null;
}

/**
 * The results toolbar's line for a scan's "top N by volume" cut, or null when none applied:
 * "Top 50 by 20-bar average volume (asked by vertical_put): 10 symbols cut".
 */
export function volumeCutNote(scan: Pick<ScanPayload, "volumeCut">): string | null {
  const v = scan.volumeCut;
  if (!v) return null;
  const by = v.source === "request" ? "set in Scan settings" : `asked by ${v.source}`;
  return `Top ${v.count} by ${v.period}-bar average volume (${by}): ${v.cut} symbol${
    v.cut === 1 ? "" : "s"
  } cut`;
}

/** A stored scan's summary. */
export interface ScanSummaryLite {
  id: string;
  createdTs: number;
  counts: { symbols: number; rows: number; passing: number };
  request: { screeners: { name: string }[] };
}

interface WatchItem {
  symbol: string;
  pinned: boolean;
  tags: string[];
  note: string;
}

interface WatchlistFull {
  id: string;
  name: string;
  tagColors: Record<string, string>;
  items: WatchItem[];
}

/** Server-rendered props. */
export interface ScreenerGridProps {
  csrf?: string;
  screeners: CatalogueEntry[];
  regions: { name: string; benchmark: string }[];
  sectors: { code: string; name: string }[];
  scans: ScanSummaryLite[];
  initialScan: ScanPayload | null;
  /** A scan too big to inline: the island fetches it on load. */
  loadScanId?: string;
  watchlists: { id: string; name: string; count: number }[];
  /**
   * Set when `initialScan` is the unsaved first-visit default scan: one sentence naming its
   * screeners and data, shown above the grid while that scan is on screen.
   */
  defaultNote?: string;
}

const ROW_H = 32;
const VIEW_H = 560;
const SIGNALS: Signal[] = ["buy", "sell", "watch", "hold", "exit", "wait", "not_evaluated"];
const SIGNAL_COLOR: Record<string, string> = {
  buy: "var(--up, #16a34a)",
  sell: "var(--down, #dc2626)",
  watch: "#d97706",
  hold: "#2563eb",
  exit: "#7c3aed",
  wait: "#6b7280",
  not_evaluated: "#9ca3af",
};
const VERDICT_COLOR: Record<string, string> = {
  hold: "#16a34a",
  exit: "#dc2626",
  watch: "#d97706",
  not_evaluated: "#9ca3af",
};
const UNIVERSE_LABEL: Record<string, string> = {
  stored: "Stored symbols",
  region: "Region",
  sector: "Sector",
  watchlist: "Watchlist",
  symbols: "Symbols",
};
const CATEGORY_LABEL: Record<string, string> = {
  market: "Market",
  trend: "Trend & breakout",
  reversal: "Reversal & mean reversion",
  quant: "Quant & cycles",
  options: "Options income",
};
const LIGHT_COLOR: Record<string, string> = { green: "#16a34a", yellow: "#d97706", red: "#dc2626" };

const CSS = `
.scr form, .scr .row { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: .5rem 0; }
.scr fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
.scr legend { font-size: .8rem; padding: 0; }
.scr .note { margin: .25rem 0 .5rem; padding: .45rem .75rem; border-left: 3px solid var(--accent, #2563eb); background: var(--panel); border-radius: 4px; font-size: .85rem; }
.scr .note strong { font-weight: 600; }
.scr details.settings { border: 1px solid var(--border, #d1d5db); border-radius: 6px; background: var(--panel); margin: .5rem 0; }
.scr details.settings > summary { cursor: pointer; padding: .45rem .75rem; font-size: .9rem; }
.scr details.settings[open] > summary { border-bottom: 1px solid var(--border-soft, #eee); }
.scr details.settings form { display: block; padding: .25rem .75rem .5rem; margin: 0; }
.scr .pick { align-items: start; display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .4rem 1rem; margin: .25rem 0 .5rem; }
.scr .pick > legend { font-weight: 600; margin-bottom: .3rem; }
.scr .group { display: flex; flex-direction: column; gap: .1rem; }
.scr .group label.inline { align-items: baseline; }
.scr .group .head { font-weight: 600; border-bottom: 1px solid var(--border-soft, #eee); padding-bottom: .15rem; margin-bottom: .1rem; }
.scr .group .muted { font-size: .7rem; margin-left: .3rem; }
.scr .toolbar { display: flex; flex-wrap: wrap; gap: .4rem .75rem; align-items: center; margin: .5rem 0; font-size: .85rem; }
.scr .toolbar select { max-width: 20rem; }
.scr .search { width: 15rem; }
.scr .chips { display: flex; flex-wrap: wrap; gap: .25rem; }
.scr .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.scr label.chip { flex-direction: row; align-items: center; gap: .25rem; border: 1px solid var(--border, #d1d5db); border-radius: 999px; padding: .05rem .5rem; cursor: pointer; font-size: .75rem; line-height: 1.5; }
.scr .chip input { margin: 0; accent-color: var(--c); }
.scr .chip:has(input:checked) { border-color: var(--c); background: color-mix(in srgb, var(--c) 20%, transparent); }
.scr details.pop { position: relative; }
.scr details.pop > summary { cursor: pointer; border: 1px solid var(--border, #d1d5db); border-radius: 6px; padding: .15rem .6rem; list-style: none; font-size: .8rem; white-space: nowrap; }
.scr details.pop > summary::-webkit-details-marker { display: none; }
.scr details.vcut > summary { white-space: normal; }
.scr details.vcut ul { margin: 0; list-style: none; font-size: .8rem; }
.scr .pop-body { position: absolute; z-index: 5; top: calc(100% + 4px); left: 0; background: var(--panel, #fff); border: 1px solid var(--border, #d1d5db); border-radius: 6px; box-shadow: var(--shadow); padding: .6rem; display: flex; flex-direction: column; gap: .5rem; min-width: 16rem; }
.scr .pair { display: flex; gap: .3rem; }
.scr .pair.wrap { flex-wrap: wrap; }
.scr .pair.wrap select { flex: 1 1 100%; }
.scr .pop-body.cols { max-height: 60vh; overflow: auto; gap: .2rem; min-width: 12rem; }
.scr .pill { display: inline-block; margin-left: .3rem; padding: 0 .35rem; border-radius: 999px; background: var(--accent, #2563eb); color: var(--accent-text, #fff); font-size: .7rem; }
.scr .count-text { color: var(--muted); margin-left: auto; }
.scr .box { border: 1px solid var(--border, #d1d5db); border-radius: 6px; padding: .5rem .75rem; margin-bottom: .75rem; background: var(--panel); }
.scr .box h2, .scr .watch h2 { font-size: 1rem; margin: 0 0 .25rem; }
.scr .box form { margin: 0; gap: .5rem; }
.scr form.check { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto; }
.scr form.check input { width: 100%; min-width: 0; box-sizing: border-box; }
.scr .box form > input { flex: 1 1 8rem; min-width: 0; }
.scr label { display: flex; flex-direction: column; font-size: .8rem; gap: .15rem; max-width: 100%; min-width: 0; }
.scr select { max-width: 100%; }
.scr label.inline { flex-direction: row; align-items: center; gap: .3rem; }
.scr input[type=number] { width: 6.5rem; }
.scr .main { display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 1rem; align-items: start; }
/* not .grid: app.css makes .grid a card grid, which squeezed the table into one 220 px track */
.scr .results { display: block; max-height: ${VIEW_H}px; overflow: auto; border: 1px solid var(--border, #d1d5db); border-radius: 6px; }
.scr .results td.empty { height: auto; padding: 1.5rem 1rem; white-space: normal; max-width: none; text-align: center; color: var(--muted); }
.scr th.act, .scr td.act { position: sticky; right: 0; background: var(--panel, #fff); box-shadow: -1px 0 0 var(--border-soft, #eee); }
.scr th.act { z-index: 2; }
.scr table { border-collapse: separate; border-spacing: 0; width: 100%; font-size: .85rem; }
.scr thead th { position: sticky; top: 0; z-index: 1; background: var(--bg, #fff); cursor: pointer; user-select: none; white-space: nowrap; text-align: left; padding: 0 .4rem; height: ${ROW_H}px; border-bottom: 1px solid var(--border, #d1d5db); }
.scr tbody td { height: ${ROW_H}px; padding: 0 .4rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 12rem; border-bottom: 1px solid var(--border-soft, #eee); }
.scr tbody tr.pinned td { background: color-mix(in srgb, #fde68a 30%, transparent); }
.scr td.num, .scr th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scr .badge { display: inline-block; padding: 0 .4rem; border-radius: 999px; color: #fff; font-size: .75rem; line-height: 1.4; }
.scr .tag { display: inline-block; padding: 0 .35rem; margin-right: .2rem; border-radius: 4px; color: #fff; font-size: .7rem; }
.scr button.icon { border: 1px solid transparent; background: none; cursor: pointer; padding: 0 .3rem; min-height: 26px; font-size: 1rem; line-height: 1; color: var(--text); vertical-align: middle; }
.scr button.icon:hover { border-color: var(--border); }
.scr button.icon svg { width: 16px; height: 16px; display: block; }
.scr td.act { white-space: nowrap; }
@media (max-width: 760px) { .scr .main { grid-template-columns: 1fr; } .scr .pop-body { position: static; min-width: 0; margin-top: .3rem; } .scr .search { flex: 1 1 100%; width: auto; } .scr .count-text { margin-left: 0; } .scr .note .hint { display: none; } }
.scr .watch ul { list-style: none; padding: 0; margin: .5rem 0; max-height: 420px; overflow: auto; }
.scr .watch li { border-bottom: 1px solid var(--border-soft, #eee); padding: .3rem 0; }
.scr .watch textarea { width: 100%; font-size: .8rem; }
.scr .result { border: 1px solid var(--border, #d1d5db); border-radius: 6px; padding: .5rem 1rem; margin: .5rem 0; }
.scr .new { font-size: .7rem; color: #16a34a; margin-left: .25rem; }
`;

/** Columns holding prices: FX and sub-dollar prices need more than 2 decimals (EURUSD 1.2290). */
const PRICE_COLS = new Set(["price", "entry", "stop", "target"]);

/** A grid cell as text: prices by magnitude ({@link fmtPrice}), everything else by `formatCell`. */
export function cellText(v: ReturnType<typeof cell>, id: string): string {
  return PRICE_COLS.has(id) && typeof v === "number" ? fmtPrice(v) : formatCell(v, id);
}

/** Line-chart icon (emoji have no font on many Linux desktops). */
const CHART_ICON = (
  <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6">
    <path d="M2 2v12h12" />
    <path d="M4.5 10.5l3-3.5 2.5 2 4-5" />
  </svg>
);
/** Backtest icon: a rewind-and-replay arrow around a clock hand. */
const BACKTEST_ICON = (
  <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6">
    <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9" />
    <path d="M2 2.5v2.5h2.5" />
    <path d="M8 5v3l2 1.5" />
  </svg>
);

function toRows(scan: ScanPayload | null): GridRow[] {
  if (!scan) return [];
  return scan.rows.map((r) => ({ ...r, key: `${r.symbol}|${r.screener}|${r.timeframe}` }));
}

function headers(csrf?: string): Record<string, string> {
  return { "content-type": "application/json", ...(csrf ? { "x-csrf-token": csrf } : {}) };
}

async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

function tagColor(colors: Record<string, string>, tag: string): string {
  if (colors[tag]) return colors[tag];
  let h = 0;
  for (const ch of tag) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h} 55% 42%)`;
}

/** The screener grid. */
export default function ScreenerGrid(props: ScreenerGridProps) {
  const { csrf } = props;
  // ------------------------------------------------------------------ scan state
  const [scan, setScan] = useState<ScanPayload | null>(props.initialScan);
  const [scans, setScans] = useState<ScanSummaryLite[]>(props.scans);
  const [compareId, setCompareId] = useState("");
  const [added, setAdded] = useState<Set<string> | null>(null);
  const [droppedCount, setDroppedCount] = useState(0);
  const [newOnly, setNewOnly] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [status, setStatus] = useState("");
  // ------------------------------------------------------------------ run form
  const [chosen, setChosen] = useState<string[]>(
    props.initialScan?.request.screeners.map((s) => s.name) ?? ["turtle", "isa_trend"],
  );
  // Open until there are results to look at; the user may toggle it either way.
  const [settingsOpen, setSettingsOpen] = useState(!props.initialScan && !props.loadScanId);
  const [universeKind, setUniverseKind] = useState("stored");
  const [universeValue, setUniverseValue] = useState("");
  const [timeframes, setTimeframes] = useState<string[]>(["1d"]);
  const [minVolume, setMinVolume] = useState("");
  const [minPrice, setMinPrice] = useState("");
  // Empty = the selected screeners' own cut (vertical_put asks for 50); 0 = off.
  const [topVolume, setTopVolume] = useState("");
  const [topVolumePeriod, setTopVolumePeriod] = useState("");
  const [chains, setChains] = useState("none");
  // ------------------------------------------------------------------ grid state
  const [text, setText] = useState("");
  const [signals, setSignals] = useState<Signal[]>([]);
  const [ranges, setRanges] = useState<
    Record<string, { min?: number | null; max?: number | null }>
  >({});
  const [rangeCol, setRangeCol] = useState("v.rsi");
  const [sort, setSort] = useState<SortKey[]>([{ col: "score", dir: -1 }]);
  const [visible, setVisible] = useState<string[]>(DEFAULT_VISIBLE);
  const [scrollTop, setScrollTop] = useState(0);
  const gridRef = useRef<HTMLDivElement>(null);
  // ------------------------------------------------------------------ watchlists
  const [lists, setLists] = useState(props.watchlists);
  const [activeId, setActiveId] = useState<string>(props.watchlists[0]?.id ?? "");
  const [active, setActive] = useState<WatchlistFull | null>(null);
  const [newName, setNewName] = useState("");
  const [rename, setRename] = useState("");
  const [colorTag, setColorTag] = useState("");
  const [checkSymbol, setCheckSymbol] = useState("");
  const [checkEntry, setCheckEntry] = useState("");
  const [check, setCheck] = useState<
    {
      symbol: string;
      price: number | null;
      pnlPct: number | null;
      verdicts: {
        screener: string;
        title: string;
        verdict: string;
        label: string;
        reason: string;
      }[];
      error?: string;
    } | null
  >(null);
  const [backtest, setBacktest] = useState<
    {
      symbol: string;
      screener: string;
      stats?: Record<string, number>;
      tradeCount?: number;
      error?: string;
    } | null
  >(null);

  const rows = useMemo(() => toRows(scan), [scan]);
  const columns: Column[] = useMemo(() => [...BASE_COLUMNS, ...valueColumns(rows)], [rows]);
  const pinned = useMemo(
    () => new Set((active?.items ?? []).filter((i) => i.pinned).map((i) => i.symbol)),
    [active],
  );
  const inList = useMemo(() => new Map((active?.items ?? []).map((i) => [i.symbol, i])), [active]);
  const shown = useMemo(() => {
    const filtered = applyFilters(rows, { text, signals, ranges, only: newOnly ? added : null });
    return sortRows(filtered, sort, pinned);
  }, [rows, text, signals, ranges, newOnly, added, sort, pinned]);
  const win = visibleWindow(scrollTop, VIEW_H - ROW_H, ROW_H, shown.length, 10);
  const cols = columns.filter((c) => visible.includes(c.id));

  // ------------------------------------------------------------------ effects
  useEffect(() => {
    const saved = globalThis.localStorage?.getItem("scr.watchlist");
    if (saved && props.watchlists.some((w) => w.id === saved)) setActiveId(saved);
    const cols = globalThis.localStorage?.getItem("scr.columns");
    if (cols) setVisible(JSON.parse(cols));
    if (props.loadScanId) loadScan(props.loadScanId);
  }, []);
  useEffect(() => {
    if (!activeId) {
      setActive(null);
      return;
    }
    globalThis.localStorage?.setItem("scr.watchlist", activeId);
    apiJson<WatchlistFull>(`/api/v1/watchlists/${encodeURIComponent(activeId)}`)
      .then((w) => {
        setActive(w);
        setRename(w.name);
      })
      .catch(() => setActive(null));
  }, [activeId]);
  useEffect(() => {
    if (!scan || !compareId) {
      setAdded(null);
      setDroppedCount(0);
      return;
    }
    apiJson<
      { added: { symbol: string; screener: string; timeframe: string }[]; dropped: unknown[] }
    >(
      `/api/v1/scans/${encodeURIComponent(scan.id)}/compare/${encodeURIComponent(compareId)}`,
    ).then((d) => {
      setAdded(new Set(d.added.map((r) => `${r.symbol}|${r.screener}|${r.timeframe}`)));
      setDroppedCount(d.dropped.length);
    }).catch((e) => setStatus(String(e.message)));
  }, [scan?.id, compareId]);

  // ------------------------------------------------------------------ actions
  async function runScan(ev: Event) {
    ev.preventDefault();
    if (chosen.length === 0) {
      setStatus("Choose at least one screener");
      return;
    }
    let universe: Record<string, unknown> = { kind: universeKind };
    if (universeKind === "region") universe = { kind: "region", region: universeValue || "us" };
    if (universeKind === "sector") universe = { kind: "sector", code: universeValue || "XLK" };
    if (universeKind === "watchlist") {
      universe = { kind: "watchlist", id: universeValue || activeId };
    }
    if (universeKind === "symbols") {
      universe = { kind: "symbols", symbols: universeValue.split(/[\s,]+/).filter(Boolean) };
    }
    const body = {
      screeners: chosen.map((name) => ({ name, params: {} })),
      universe,
      timeframes,
      liquidity: {
        minAvgVolume: Number(minVolume) || 0,
        minPrice: Number(minPrice) || 0,
        ...(topVolume.trim() === "" ? {} : { topByVolume: Number(topVolume) }),
        ...(topVolumePeriod.trim() === "" ? {} : { topByVolumePeriod: Number(topVolumePeriod) }),
      },
      chains,
    };
    setStatus("Running…");
    setProgress({ done: 0, total: 1 });
    try {
      const res = await fetch("/api/v1/scans?stream=1", {
        method: "POST",
        headers: headers(csrf),
        body: JSON.stringify(body),
      });
      if (!res.ok || !res.body) {
        const err = await res.json().catch(() => null);
        throw new Error(err?.error?.message ?? `HTTP ${res.status}`);
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const msg = JSON.parse(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if (msg.type === "progress") setProgress({ done: msg.done, total: msg.total });
          if (msg.type === "error") throw new Error(msg.error.message);
          if (msg.type === "done") {
            const s = msg.scan as ScanPayload;
            setScan(s);
            setScans((old) => [
              { id: s.id, createdTs: s.createdTs, counts: s.counts, request: s.request },
              ...old,
            ]);
            setCompareId(scans[0]?.id ?? "");
            setStatus(
              `${s.counts.rows} rows from ${s.counts.symbols} symbols, ${s.counts.passing} passing`,
            );
          }
        }
      }
    } catch (e) {
      setStatus(`Scan failed: ${(e as Error).message}`);
    } finally {
      setProgress(null);
    }
  }

  async function loadScan(id: string) {
    if (!id) return;
    setStatus("Loading…");
    try {
      const s = await apiJson<ScanPayload>(`/api/v1/scans/${encodeURIComponent(id)}`);
      setScan(s);
      setStatus("");
    } catch (e) {
      setStatus(String((e as Error).message));
    }
  }

  function onHeaderClick(ev: MouseEvent, col: string) {
    setSort((keys) => toggleSort(keys, col, ev.shiftKey));
  }

  function setRange(col: string, side: "min" | "max", v: string) {
    setRanges((r) => ({ ...r, [col]: { ...r[col], [side]: v === "" ? null : Number(v) } }));
  }

  async function refreshLists(selectId?: string) {
    const l = await apiJson<{ watchlists: { id: string; name: string; count: number }[] }>(
      "/api/v1/watchlists",
    );
    setLists(l.watchlists);
    if (selectId !== undefined) setActiveId(selectId);
    else if (activeId) {
      const w = await apiJson<WatchlistFull>(`/api/v1/watchlists/${encodeURIComponent(activeId)}`);
      setActive(w);
    }
  }

  async function ensureList(): Promise<string> {
    if (activeId) return activeId;
    const w = await apiJson<WatchlistFull>("/api/v1/watchlists", {
      method: "POST",
      headers: headers(csrf),
      body: JSON.stringify({ name: "My watchlist" }),
    });
    await refreshLists(w.id);
    setActive(w);
    return w.id;
  }

  async function createList(ev: Event) {
    ev.preventDefault();
    const name = newName.trim();
    if (!name) return;
    try {
      const w = await apiJson<WatchlistFull>("/api/v1/watchlists", {
        method: "POST",
        headers: headers(csrf),
        body: JSON.stringify({ name }),
      });
      setNewName("");
      await refreshLists(w.id);
    } catch (e) {
      setStatus(String((e as Error).message));
    }
  }

  async function renameList() {
    if (!activeId || !rename.trim()) return;
    await apiJson(`/api/v1/watchlists/${encodeURIComponent(activeId)}`, {
      method: "PATCH",
      headers: headers(csrf),
      body: JSON.stringify({ name: rename.trim() }),
    });
    await refreshLists();
  }

  async function deleteList() {
    if (!activeId || !globalThis.confirm?.(`Delete the watchlist "${active?.name}"?`)) return;
    await apiJson(`/api/v1/watchlists/${encodeURIComponent(activeId)}`, {
      method: "DELETE",
      headers: headers(csrf),
    });
    const rest = lists.filter((l) => l.id !== activeId);
    setActive(null);
    await refreshLists(rest[0]?.id ?? "");
  }

  async function addSymbol(symbol: string) {
    const id = await ensureList();
    const w = await apiJson<WatchlistFull>(`/api/v1/watchlists/${encodeURIComponent(id)}/items`, {
      method: "POST",
      headers: headers(csrf),
      body: JSON.stringify({ symbols: [symbol] }),
    });
    setActive(w);
    setLists((ls) => ls.map((l) => (l.id === id ? { ...l, count: w.items.length } : l)));
  }

  async function removeSymbol(symbol: string) {
    if (!activeId) return;
    await apiJson(
      `/api/v1/watchlists/${encodeURIComponent(activeId)}/items/${encodeURIComponent(symbol)}`,
      {
        method: "DELETE",
        headers: headers(csrf),
      },
    );
    await refreshLists();
  }

  async function patchItem(symbol: string, patch: Partial<WatchItem>) {
    const id = await ensureList();
    if (!inList.has(symbol)) await addSymbol(symbol);
    await apiJson(
      `/api/v1/watchlists/${encodeURIComponent(id)}/items/${encodeURIComponent(symbol)}`,
      {
        method: "PATCH",
        headers: headers(csrf),
        body: JSON.stringify(patch),
      },
    );
    const w = await apiJson<WatchlistFull>(`/api/v1/watchlists/${encodeURIComponent(id)}`);
    setActive(w);
  }

  async function setTagColour(tag: string, colour: string) {
    if (!activeId || !active) return;
    await apiJson(`/api/v1/watchlists/${encodeURIComponent(activeId)}`, {
      method: "PATCH",
      headers: headers(csrf),
      body: JSON.stringify({ tagColors: { ...active.tagColors, [tag]: colour } }),
    });
    await refreshLists();
  }

  async function openChart(row: GridRow) {
    // Draw the row's levels as horizontal lines on the chart (ids "scr-*" replace earlier ones).
    const tf = row.timeframe;
    const path = `/api/v1/drawings/${encodeURIComponent(row.symbol)}?timeframe=${tf}`;
    try {
      const cur = await apiJson<{ drawings: { id: string }[] }>(path);
      const keep = cur.drawings.filter((d) => !d.id.startsWith("scr-"));
      const lines = (
        [["stop", row.stop, "#dc2626"], ["target", row.target, "#16a34a"], [
          "entry",
          row.entry,
          "#2563eb",
        ]] as const
      ).filter(([, p]) => typeof p === "number" && Number.isFinite(p))
        .map(([name, price, color]) => ({ id: `scr-${name}`, kind: "hline", price, color }));
      await apiJson(path, {
        method: "PUT",
        headers: headers(csrf),
        body: JSON.stringify({ drawings: [...keep, ...lines].slice(0, 200) }),
      });
    } catch (e) {
      setStatus(`Could not draw levels: ${(e as Error).message}`);
    }
    globalThis.location.href = `/chart/${encodeURIComponent(row.symbol)}?tf=${tf}`;
  }

  async function runBacktest(row: GridRow) {
    setBacktest({ symbol: row.symbol, screener: row.screener });
    const params = scan?.request.screeners.find((s) => s.name === row.screener)?.params ?? {};
    try {
      const r = await apiJson<{ stats: Record<string, number>; tradeCount: number }>(
        `/api/v1/screeners/${encodeURIComponent(row.screener)}/backtest`,
        {
          method: "POST",
          headers: headers(csrf),
          body: JSON.stringify({ symbol: row.symbol, params }),
        },
      );
      setBacktest({
        symbol: row.symbol,
        screener: row.screener,
        stats: r.stats,
        tradeCount: r.tradeCount,
      });
    } catch (e) {
      setBacktest({ symbol: row.symbol, screener: row.screener, error: (e as Error).message });
    }
  }

  async function runCheck(ev: Event) {
    ev.preventDefault();
    const sym = checkSymbol.trim().toUpperCase();
    if (!sym) return;
    const q = checkEntry.trim() ? `?entryPrice=${encodeURIComponent(checkEntry.trim())}` : "";
    try {
      setCheck(await apiJson(`/api/v1/check/${encodeURIComponent(sym)}${q}`));
    } catch (e) {
      setCheck({
        symbol: sym,
        price: null,
        pnlPct: null,
        verdicts: [],
        error: (e as Error).message,
      });
    }
  }

  function toggleColumn(id: string) {
    setVisible((v) => {
      const next = v.includes(id) ? v.filter((x) => x !== id) : [...v, id];
      globalThis.localStorage?.setItem("scr.columns", JSON.stringify(next));
      return next;
    });
  }

  const byCategory = useMemo(() => {
    const m = new Map<string, CatalogueEntry[]>();
    for (const s of props.screeners) m.set(s.category, [...(m.get(s.category) ?? []), s]);
    return [...m.entries()];
  }, [props.screeners]);
  const backtestable = new Set(
    props.screeners.filter((s) => s.backtestStrategy).map((s) => s.name),
  );
  // The range filter's column: the chosen one when this scan has it, else its first indicator.
  const rangeCols = columns.filter((c) => c.numeric && c.id.startsWith("v."));
  const rangeOn = rangeCols.some((c) => c.id === rangeCol) ? rangeCol : rangeCols[0]?.id ?? "";
  const sortIndex = (col: string) => sort.findIndex((k) => k.col === col);
  const isDefault = !!props.defaultNote && scan !== null && scan.id === props.initialScan?.id;
  const activeRanges =
    Object.values(ranges).filter((r) =>
      (r.min !== null && r.min !== undefined) || (r.max !== null && r.max !== undefined)
    ).length;
  const allTags = [...new Set((active?.items ?? []).flatMap((i) => i.tags))];

  // ------------------------------------------------------------------ render
  return (
    <div class="scr" data-testid="screener">
      <style>{CSS}</style>
      {isDefault && (
        <p class="note" data-testid="default-note">
          <strong>Default scan, not saved:</strong> <span>{props.defaultNote}</span>{" "}
          <span class="muted hint">
            Open Scan settings to choose screeners, a universe and timeframes, and run your own (it
            is saved).
          </span>
        </p>
      )}
      <details
        class="settings"
        data-testid="scan-settings"
        open={settingsOpen}
        onToggle={(e) => setSettingsOpen((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>
          <strong>Scan settings</strong>{" "}
          <span class="muted">
            {chosen.length} screener{chosen.length === 1 ? "" : "s"} ·{" "}
            {UNIVERSE_LABEL[universeKind]} · {timeframes.join(", ") || "no timeframe"}
          </span>
        </summary>
        <form onSubmit={runScan} data-testid="run-form">
          <fieldset class="pick" data-testid="screener-select">
            <legend>Screeners</legend>
            {byCategory.map(([cat, list]) => {
              const n = list.filter((s) => chosen.includes(s.name)).length;
              return (
                <div class="group" data-category={cat}>
                  <label class="inline head">
                    <input
                      type="checkbox"
                      data-testid="group-all"
                      aria-label={`All ${CATEGORY_LABEL[cat] ?? cat} screeners`}
                      checked={n === list.length}
                      indeterminate={n > 0 && n < list.length}
                      onChange={() =>
                        setChosen((c) =>
                          n === list.length
                            ? c.filter((x) => !list.some((s) => s.name === x))
                            : [
                              ...new Set([
                                ...c,
                                ...list.map((s) => s.name),
                              ]),
                            ]
                        )}
                    />
                    {CATEGORY_LABEL[cat] ?? cat}
                  </label>
                  {list.map((s) => (
                    <label
                      class="inline"
                      title={s.needs.length ? `needs ${s.needs.join(", ")}` : undefined}
                    >
                      <input
                        type="checkbox"
                        name="screener"
                        value={s.name}
                        checked={chosen.includes(s.name)}
                        onChange={() =>
                          setChosen((c) =>
                            c.includes(s.name) ? c.filter((x) => x !== s.name) : [...c, s.name]
                          )}
                      />
                      <span>
                        {s.title}
                        {s.needs.length > 0 && <span class="muted">({s.needs.join(", ")})</span>}
                      </span>
                    </label>
                  ))}
                </div>
              );
            })}
          </fieldset>
          <div class="row">
            <label>
              Universe
              <select
                data-testid="universe-kind"
                value={universeKind}
                onChange={(e) => {
                  setUniverseKind((e.currentTarget as HTMLSelectElement).value);
                  setUniverseValue("");
                }}
              >
                {Object.entries(UNIVERSE_LABEL).map(([k, label]) => (
                  <option value={k}>{label}</option>
                ))}
              </select>
            </label>
            {universeKind === "region" && (
              <label>
                Region
                <select
                  value={universeValue}
                  onChange={(e) => setUniverseValue((e.currentTarget as HTMLSelectElement).value)}
                >
                  {props.regions.map((r) => (
                    <option value={r.name}>{r.name} ({r.benchmark})</option>
                  ))}
                </select>
              </label>
            )}
            {universeKind === "sector" && (
              <label>
                Sector
                <select
                  value={universeValue}
                  onChange={(e) => setUniverseValue((e.currentTarget as HTMLSelectElement).value)}
                >
                  {props.sectors.map((s) => <option value={s.code}>{s.code} {s.name}</option>)}
                </select>
              </label>
            )}
            {universeKind === "watchlist" && (
              <label>
                Watchlist
                <select
                  value={universeValue || activeId}
                  onChange={(e) => setUniverseValue((e.currentTarget as HTMLSelectElement).value)}
                >
                  {lists.map((l) => <option value={l.id}>{l.name}</option>)}
                </select>
              </label>
            )}
            {universeKind === "symbols" && (
              <label>
                Symbols
                <input
                  data-testid="universe-symbols"
                  value={universeValue}
                  placeholder="AAPL, MSFT"
                  onInput={(e) => setUniverseValue((e.currentTarget as HTMLInputElement).value)}
                />
              </label>
            )}
            <fieldset>
              <legend>Timeframes</legend>
              {["1d", "1w", "1mo", "1h"].map((tf) => (
                <label class="inline">
                  <input
                    type="checkbox"
                    data-testid={`tf-${tf}`}
                    checked={timeframes.includes(tf)}
                    onChange={() =>
                      setTimeframes((
                        t,
                      ) => (t.includes(tf) ? t.filter((x) => x !== tf) : [...t, tf]))}
                  />
                  {tf}
                </label>
              ))}
            </fieldset>
            <label>
              Min avg volume
              <input
                type="number"
                min={0}
                value={minVolume}
                onInput={(e) => setMinVolume((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <label>
              Min price
              <input
                type="number"
                min={0}
                value={minPrice}
                onInput={(e) => setMinPrice((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <label title="Keep only the N symbols with the highest average volume. Empty: the selected screeners' own cut (vertical_put asks for 50); 0: off.">
              Top N by volume
              <input
                type="number"
                min={0}
                step={1}
                placeholder="screener default"
                data-testid="top-volume"
                value={topVolume}
                onInput={(e) => setTopVolume((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <label title="Bars in the average volume window. Empty: the screener's window, else 20.">
              over bars
              <input
                type="number"
                min={1}
                step={1}
                placeholder="20"
                data-testid="top-volume-period"
                value={topVolumePeriod}
                onInput={(e) => setTopVolumePeriod((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <label>
              Option chains
              <select
                value={chains}
                onChange={(e) => setChains((e.currentTarget as HTMLSelectElement).value)}
              >
                <option value="none">none (option screeners not evaluated)</option>
                <option value="synthetic">synthetic (model prices, labelled)</option>
              </select>
            </label>
            <button type="submit" class="primary" data-testid="run" disabled={progress !== null}>
              Run scan
            </button>
          </div>
        </form>
      </details>

      <div class="toolbar" data-testid="results-toolbar">
        {scan?.regime && (
          <span
            class="badge"
            data-testid="regime"
            title={`${scan.regime.benchmark} vs SMA200 and VIX`}
            style={{ background: LIGHT_COLOR[scan.regime.light ?? ""] ?? "#6b7280" }}
          >
            Regime: {scan.regime.label}
          </span>
        )}
        <label class="inline">
          Scan
          <select
            data-testid="scan-select"
            value={scan?.id ?? ""}
            onChange={(e) => loadScan((e.currentTarget as HTMLSelectElement).value)}
          >
            {isDefault && <option value={scan!.id}>Default scan (not saved)</option>}
            {scans.length === 0 && !isDefault && <option value="">(no scans yet)</option>}
            {scans.map((s) => (
              <option value={s.id}>
                {new Date(s.createdTs).toISOString().slice(0, 16).replace("T", " ")} ·{" "}
                {s.request.screeners.map((x) => x.name).join(", ")} · {s.counts.passing} passing
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          Compare with
          <select
            data-testid="compare-select"
            value={compareId}
            disabled={isDefault}
            onChange={(e) => setCompareId((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">(none)</option>
            {scans.filter((s) => s.id !== scan?.id).map((s) => (
              <option value={s.id}>
                {new Date(s.createdTs).toISOString().slice(0, 16).replace("T", " ")}
              </option>
            ))}
          </select>
        </label>
        {added && (
          <label class="inline">
            <input type="checkbox" checked={newOnly} onChange={() => setNewOnly(!newOnly)} />
            new today only ({added.size} new, {droppedCount} dropped)
          </label>
        )}
        <input
          type="search"
          class="search"
          data-testid="filter-text"
          aria-label="Search symbol, setup or reason"
          value={text}
          placeholder="Search symbol, setup, reason"
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        <fieldset class="chips" data-testid="filter-signals">
          <legend class="sr">Signal</legend>
          {SIGNALS.map((s) => (
            <label class="chip" style={{ "--c": SIGNAL_COLOR[s] }}>
              <input
                type="checkbox"
                value={s}
                checked={signals.includes(s)}
                onChange={() =>
                  setSignals((x) => (x.includes(s) ? x.filter((y) => y !== s) : [...x, s]))}
              />
              {s.replace("_", " ")}
            </label>
          ))}
        </fieldset>
        <details class="pop" data-testid="range-filters">
          <summary>
            Ranges ▾{activeRanges > 0 && <span class="pill">{activeRanges}</span>}
          </summary>
          <div class="pop-body">
            {(["score", "price"] as const).map((col) => (
              <label>
                {col === "score" ? "Score" : "Price"}
                <span class="pair">
                  <input
                    type="number"
                    data-testid={`min-${col}`}
                    aria-label={`${col} minimum`}
                    placeholder="min"
                    value={ranges[col]?.min ?? ""}
                    onInput={(e) =>
                      setRange(col, "min", (e.currentTarget as HTMLInputElement).value)}
                  />
                  <input
                    type="number"
                    data-testid={`max-${col}`}
                    aria-label={`${col} maximum`}
                    placeholder="max"
                    value={ranges[col]?.max ?? ""}
                    onInput={(e) =>
                      setRange(col, "max", (e.currentTarget as HTMLInputElement).value)}
                  />
                </span>
              </label>
            ))}
            <label>
              Indicator
              <span class="pair wrap">
                <select
                  data-testid="range-col"
                  aria-label="Indicator column to filter on"
                  value={rangeOn}
                  disabled={rangeCols.length === 0}
                  onChange={(e) => setRangeCol((e.currentTarget as HTMLSelectElement).value)}
                >
                  {rangeCols.length === 0 && <option value="">(run a scan first)</option>}
                  {rangeCols.map((c) => <option value={c.id}>{c.label}</option>)}
                </select>
                <input
                  type="number"
                  aria-label="minimum"
                  placeholder="min"
                  disabled={!rangeOn}
                  value={ranges[rangeOn]?.min ?? ""}
                  onInput={(e) =>
                    setRange(rangeOn, "min", (e.currentTarget as HTMLInputElement).value)}
                />
                <input
                  type="number"
                  aria-label="maximum"
                  placeholder="max"
                  disabled={!rangeOn}
                  value={ranges[rangeOn]?.max ?? ""}
                  onInput={(e) =>
                    setRange(rangeOn, "max", (e.currentTarget as HTMLInputElement).value)}
                />
              </span>
            </label>
          </div>
        </details>
        <details class="pop" data-testid="column-chooser">
          <summary>Columns ▾</summary>
          <div class="pop-body cols">
            {columns.map((c) => (
              <label class="inline">
                <input
                  type="checkbox"
                  data-col={c.id}
                  checked={visible.includes(c.id)}
                  onChange={() => toggleColumn(c.id)}
                />
                {c.label}
              </label>
            ))}
          </div>
        </details>
        <span class="count-text" data-testid="count">{shown.length} of {rows.length} rows</span>
        {progress && (
          <progress
            data-testid="progress"
            aria-label="Scan progress"
            value={progress.done}
            max={progress.total}
          />
        )}
        <span role="status" data-testid="status">{status}</span>
        {scan?.volumeCut?.cut === 0 && <span data-testid="volume-cut">{volumeCutNote(scan)}</span>}
        {scan?.volumeCut && scan.volumeCut.cut > 0 && (
          <details class="pop vcut" data-testid="volume-cut">
            <summary>{volumeCutNote(scan)}</summary>
            <ul class="pop-body cols" data-testid="volume-cut-list">
              {(scan.skipped ?? []).filter((s) =>
                s.reason.startsWith("not in the top")
              ).map((
                s,
              ) => (
                <li key={s.symbol}>
                  <strong>{s.symbol}</strong>{" "}
                  {s.reason.replace(/^not in the top .*? \((.*)\)$/, "$1")}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>

      {check && (
        <div class="result" data-testid="check-result">
          <strong>{check.symbol}</strong> {check.price !== null && fmtPrice(check.price)}
          {check.pnlPct !== null && ` (P&L ${check.pnlPct.toFixed(2)} %)`}
          {check.error && <span>{check.error}</span>}{" "}
          <button type="button" onClick={() => setCheck(null)}>close</button>
          <table>
            <tbody>
              {check.verdicts.map((v) => (
                <tr data-screener={v.screener}>
                  <td>{v.title}</td>
                  <td>
                    <span
                      class="badge"
                      style={{ background: VERDICT_COLOR[v.verdict] ?? "#6b7280" }}
                    >
                      {v.verdict.replace("_", " ")}
                    </span>
                  </td>
                  <td>{v.label}</td>
                  <td title={v.reason}>{v.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {backtest && (
        <div class="result" data-testid="backtest-result">
          <strong>Backtest {backtest.screener} on {backtest.symbol}</strong>{" "}
          {backtest.error ? <span>failed: {backtest.error}</span> : backtest.stats
            ? (
              <span>
                return {backtest.stats.returnPct?.toFixed(2)} % (buy &amp; hold{" "}
                {backtest.stats.buyHoldReturnPct?.toFixed(2)} %), {backtest.tradeCount}{" "}
                trades, win rate {backtest.stats.winRatePct?.toFixed(1)} %, max drawdown{" "}
                {backtest.stats.maxDrawdownPct?.toFixed(2)} %
              </span>
            )
            : <span>running…</span>}{" "}
          <button
            type="button"
            onClick={() => setBacktest(null)}
          >
            close
          </button>
        </div>
      )}

      <div class="main">
        <div
          class="results"
          data-testid="grid"
          ref={gridRef}
          onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
        >
          <table>
            <thead>
              <tr>
                <th title="Pin to the top (saved in the watchlist)">★</th>
                {cols.map((c) => {
                  const i = sortIndex(c.id);
                  const dir = i >= 0 ? (sort[i].dir === 1 ? "ascending" : "descending") : undefined;
                  return (
                    <th
                      data-col={c.id}
                      class={c.numeric ? "num" : ""}
                      aria-sort={dir ?? "none"}
                      title="Click to sort, shift+click to add a sort key"
                      onClick={(e) => onHeaderClick(e as unknown as MouseEvent, c.id)}
                    >
                      {c.label}
                      {i >= 0 &&
                        `${sort[i].dir === 1 ? " ▲" : " ▼"}${sort.length > 1 ? i + 1 : ""}`}
                    </th>
                  );
                })}
                <th>Trend</th>
                <th>Tags</th>
                <th class="act">Actions</th>
              </tr>
            </thead>
            <tbody>
              {win.padTop > 0 && <tr style={{ height: `${win.padTop}px` }} aria-hidden="true" />}
              {shown.slice(win.start, win.end).map((r) => {
                const item = inList.get(r.symbol);
                const isPinned = pinned.has(r.symbol);
                return (
                  <tr
                    key={r.key}
                    data-symbol={r.symbol}
                    data-key={r.key}
                    class={isPinned ? "pinned" : ""}
                  >
                    <td>
                      <button
                        type="button"
                        class="icon"
                        data-testid="pin"
                        aria-pressed={isPinned}
                        aria-label={`Pin ${r.symbol} to the top`}
                        title={isPinned ? "Unpin" : "Pin to the top"}
                        onClick={() => patchItem(r.symbol, { pinned: !isPinned })}
                      >
                        {isPinned ? "★" : "☆"}
                      </button>
                    </td>
                    {cols.map((c) => {
                      const v = cell(r, c.id);
                      if (c.id === "signal") {
                        return (
                          <td>
                            <span class="badge" style={{ background: SIGNAL_COLOR[r.signal] }}>
                              {r.signal.replace("_", " ")}
                            </span>
                            {added?.has(r.key) && <span class="new">new</span>}
                          </td>
                        );
                      }
                      if (c.id === "symbol") {
                        return (
                          <td>
                            <a
                              href={`/chart/${encodeURIComponent(r.symbol)}?tf=${r.timeframe}`}
                              onClick={(e) => {
                                e.preventDefault();
                                openChart(r);
                              }}
                            >
                              {r.symbol}
                            </a>
                          </td>
                        );
                      }
                      return (
                        <td
                          class={c.numeric ? "num" : ""}
                          title={typeof v === "string" ? v : undefined}
                        >
                          {cellText(v, c.id)}
                        </td>
                      );
                    })}
                    <td>
                      <Sparkline
                        values={scan?.sparks[`${r.symbol}|${r.timeframe}`] ?? []}
                        width={90}
                        height={22}
                        label={`${r.symbol} closes`}
                      />
                    </td>
                    <td>
                      {(item?.tags ?? []).map((t) => (
                        <span
                          class="tag"
                          style={{ background: tagColor(active?.tagColors ?? {}, t) }}
                        >
                          {t}
                        </span>
                      ))}
                    </td>
                    <td class="act">
                      <button
                        type="button"
                        class="icon"
                        title="Chart with levels"
                        aria-label={`Chart ${r.symbol} with its levels`}
                        onClick={() => openChart(r)}
                      >
                        {CHART_ICON}
                      </button>
                      {backtestable.has(r.screener) && (
                        <button
                          type="button"
                          class="icon"
                          data-testid="backtest"
                          title="Backtest this rule on this symbol"
                          aria-label={`Backtest ${r.screener} on ${r.symbol}`}
                          onClick={() => runBacktest(r)}
                        >
                          {BACKTEST_ICON}
                        </button>
                      )}
                      {item
                        ? (
                          <button
                            type="button"
                            class="icon"
                            data-testid="unwatch"
                            title="Remove from the watchlist"
                            aria-label={`Remove ${r.symbol} from the watchlist`}
                            onClick={() => removeSymbol(r.symbol)}
                          >
                            −
                          </button>
                        )
                        : (
                          <button
                            type="button"
                            class="icon"
                            data-testid="watch"
                            title="Add to the watchlist"
                            aria-label={`Add ${r.symbol} to the watchlist`}
                            onClick={() => addSymbol(r.symbol)}
                          >
                            +
                          </button>
                        )}
                    </td>
                  </tr>
                );
              })}
              {win.padBottom > 0 && (
                <tr style={{ height: `${win.padBottom}px` }} aria-hidden="true" />
              )}
              {shown.length === 0 && (
                <tr>
                  <td class="empty" colSpan={cols.length + 4} data-testid="grid-empty">
                    {rows.length === 0
                      ? "No scan yet: choose screeners and run one."
                      : "No rows match the filters."}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>

        <aside class="watch" data-testid="watchlists">
          <section class="box" data-testid="check-panel">
            <h2>Check my position</h2>
            <form onSubmit={runCheck} data-testid="check-form" class="row check">
              <label>
                Symbol
                <input
                  data-testid="check-symbol"
                  value={checkSymbol}
                  placeholder="ACME"
                  onInput={(e) => setCheckSymbol((e.currentTarget as HTMLInputElement).value)}
                />
              </label>
              <label>
                Entry price
                <input
                  type="number"
                  step="any"
                  data-testid="check-entry"
                  title="Optional: your entry price, for the P&L"
                  value={checkEntry}
                  onInput={(e) => setCheckEntry((e.currentTarget as HTMLInputElement).value)}
                />
              </label>
              <button type="submit" data-testid="check-run">Check</button>
            </form>
          </section>
          <section class="box">
            <h2>Watchlists</h2>
            <label>
              Active
              <select
                data-testid="watchlist-select"
                value={activeId}
                onChange={(e) => setActiveId((e.currentTarget as HTMLSelectElement).value)}
              >
                <option value="">(none)</option>
                {lists.map((l) => <option value={l.id}>{l.name} ({l.count})</option>)}
              </select>
            </label>
            <form onSubmit={createList}>
              <input
                data-testid="watchlist-new"
                placeholder="New list name"
                value={newName}
                onInput={(e) => setNewName((e.currentTarget as HTMLInputElement).value)}
              />
              <button type="submit" data-testid="watchlist-create">Create</button>
            </form>
            {active && (
              <>
                <div>
                  <input
                    data-testid="watchlist-rename"
                    value={rename}
                    onInput={(e) => setRename((e.currentTarget as HTMLInputElement).value)}
                  />
                  <button type="button" data-testid="watchlist-rename-save" onClick={renameList}>
                    Rename
                  </button>
                  <button type="button" data-testid="watchlist-delete" onClick={deleteList}>
                    Delete
                  </button>
                </div>
                {allTags.length > 0 && (
                  <div>
                    <select
                      value={colorTag}
                      onChange={(e) => setColorTag((e.currentTarget as HTMLSelectElement).value)}
                    >
                      <option value="">tag colour…</option>
                      {allTags.map((t) => <option value={t}>{t}</option>)}
                    </select>
                    {colorTag && (
                      <input
                        type="color"
                        value={active.tagColors[colorTag] ?? "#2563eb"}
                        onChange={(e) =>
                          setTagColour(colorTag, (e.currentTarget as HTMLInputElement).value)}
                      />
                    )}
                  </div>
                )}
                <ul data-testid="watchlist-items">
                  {active.items.map((it) => (
                    <li data-symbol={it.symbol}>
                      <button
                        type="button"
                        class="icon"
                        aria-pressed={it.pinned}
                        aria-label={`Pin ${it.symbol} to the top`}
                        title={it.pinned ? "Unpin" : "Pin to the top"}
                        onClick={() => patchItem(it.symbol, { pinned: !it.pinned })}
                      >
                        {it.pinned ? "★" : "☆"}
                      </button>
                      <strong>{it.symbol}</strong>{" "}
                      {it.tags.map((t) => (
                        <span class="tag" style={{ background: tagColor(active.tagColors, t) }}>
                          {t}
                        </span>
                      ))}
                      <button
                        type="button"
                        class="icon"
                        title="Remove"
                        aria-label={`Remove ${it.symbol} from the watchlist`}
                        onClick={() => removeSymbol(it.symbol)}
                      >
                        ×
                      </button>
                      <input
                        data-testid="item-tags"
                        placeholder="tags, comma separated"
                        value={it.tags.join(", ")}
                        onChange={(e) =>
                          patchItem(it.symbol, {
                            tags: (e.currentTarget as HTMLInputElement).value.split(",").map((t) =>
                              t.trim()
                            ).filter(Boolean),
                          })}
                      />
                      <textarea
                        data-testid="item-note"
                        rows={2}
                        placeholder="note"
                        value={it.note}
                        onChange={(e) =>
                          patchItem(it.symbol, {
                            note: (e.currentTarget as HTMLTextAreaElement).value,
                          })}
                      />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
