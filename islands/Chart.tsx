/**
 * The charting workstation island: toolbar (symbol, timeframe, scale, indicators, drawing tools,
 * PNG export) around the chart engine (islands/chart/engine.ts). The page inlines the latest bars,
 * the owner's layout and drawings, so the first view needs no request; the full history arrives
 * afterwards as packed Float64 columns. Drawing tools load as a separate chunk on first use.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Drawing, DrawingKind } from "../lib/chart/drawings.ts";
import { DRAWING_COLORS, DRAWING_WIDTHS } from "../lib/chart/drawing_style.ts";
import {
  type ChartLayout,
  checkSpec,
  MAX_OVERLAYS,
  MAX_PANES,
  OVERLAY_KINDS,
  PANE_KINDS,
  specLabel,
  specParams,
} from "../lib/chart/layout.ts";
import { fromColumns, unpackF64 } from "../lib/chart/packed.ts";
import { type ChartEngine, createChart, type TradeMarker } from "./chart/engine.ts";
import { watchTheme } from "./chart/theme.ts";
import type { DrawingLayer, DrawingStyle } from "./chart/drawing_tools.ts";
import { SHORTCUTS } from "./chart/interaction.ts";

/** Props the chart page serialises into the island. */
export interface ChartProps {
  symbol: string;
  description: string;
  timeframe: string;
  /** Timeframes this symbol can be shown at (its stored one and coarser). */
  timeframes: string[];
  symbols: string[];
  /** Bars at this timeframe on the server; `bars` holds the latest of them. */
  total: number;
  bars: {
    ts: number[];
    open: number[];
    high: number[];
    low: number[];
    close: number[];
    volume: (number | null)[];
  };
  layout: ChartLayout;
  drawings: Drawing[];
  markers?: TradeMarker[];
  /** CSRF token for the PUT requests (the page passes the session's). */
  csrf?: string;
}

const TF_LABEL: Record<string, string> = { "1d": "D", "1w": "W", "1mo": "M" };
const TOOLS: [DrawingKind, string, string][] = [
  ["trend", "╱", "Trend line"],
  ["hline", "─", "Horizontal line"],
  ["rect", "▭", "Rectangle"],
  ["fib", "ℱ", "Fibonacci retracement"],
  ["text", "T", "Text note"],
];

function isIntraday(tf: string): boolean {
  return /^\d+[mh]$/.test(tf);
}

export default function Chart(props: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const engine = useRef<ChartEngine | null>(null);
  const layer = useRef<DrawingLayer | null>(null);
  const layout = useSignal<ChartLayout>(props.layout);
  const timeframe = useSignal(props.timeframe);
  const status = useSignal<string>(`${props.total.toLocaleString("en-US")} bars`);
  const tool = useSignal<DrawingKind | null>(null);
  const selected = useSignal<string | null>(null);
  const nDrawings = useSignal(props.drawings.length);
  /** The selected drawing's style, or the one new drawings get. */
  const style = useSignal<DrawingStyle>({});
  const defaultStyle = useRef<DrawingStyle>({});
  const magnet = useSignal(false);
  const editing = useSignal<{ spec: string; values: number[] } | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const layoutTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<Drawing[]>(props.drawings);

  function saveDrawings(ds: Drawing[]) {
    nDrawings.value = ds.length;
    pending.current = ds;
    clearTimeout(saveTimer.current);
    const tf = timeframe.value;
    saveTimer.current = setTimeout(async () => {
      const res = await fetch(
        `/api/v1/drawings/${encodeURIComponent(props.symbol)}?timeframe=${tf}`,
        {
          method: "PUT",
          headers: jsonHeaders(props.csrf),
          body: JSON.stringify({ drawings: ds }),
        },
      ).catch(() => null);
      status.value = res?.ok
        ? `Saved ${ds.length} drawing${ds.length === 1 ? "" : "s"}`
        : "Could not save drawings";
    }, 250);
  }

  async function ensureLayer(): Promise<DrawingLayer | null> {
    if (layer.current) return layer.current;
    const chart = engine.current;
    if (!chart) return null;
    const { attachDrawings } = await import("./chart/drawing_tools.ts");
    if (layer.current) return layer.current;
    layer.current = attachDrawings(chart, pending.current, {
      onChange: saveDrawings,
      onState: (s) => {
        tool.value = s.tool;
        selected.value = s.selected;
        style.value = s.style;
      },
    });
    layer.current.setStyle(defaultStyle.current);
    layer.current.setMagnet(magnet.value);
    return layer.current;
  }

  function applyLayout(next: ChartLayout) {
    layout.value = next;
    engine.current?.setLayout(next);
    clearTimeout(layoutTimer.current);
    layoutTimer.current = setTimeout(() => {
      fetch("/api/v1/chart/layout", {
        method: "PUT",
        headers: jsonHeaders(props.csrf),
        body: JSON.stringify(next),
      }).catch(() => (status.value = "Could not save the layout"));
    }, 200);
  }

  function addStudy(kind: string) {
    if (!kind) return;
    const slot = (OVERLAY_KINDS as readonly string[]).includes(kind) ? "overlay" : "pane";
    const r = checkSpec(slot, kind);
    if (!r.ok) return;
    const l = layout.value;
    if (slot === "overlay") {
      if (l.overlays.length >= MAX_OVERLAYS) return void (status.value = "Too many overlays");
      applyLayout({ ...l, overlays: [...l.overlays, r.spec] });
    } else {
      if (l.panes.length >= MAX_PANES) return void (status.value = "Too many panes");
      applyLayout({ ...l, panes: [...l.panes, r.spec] });
    }
  }

  function removeStudy(spec: string) {
    const l = layout.value;
    const drop = (list: string[]) => {
      const i = list.indexOf(spec);
      return i < 0 ? list : [...list.slice(0, i), ...list.slice(i + 1)];
    };
    applyLayout({ ...l, overlays: drop(l.overlays), panes: drop(l.panes) });
  }

  function configure(spec: string) {
    const [kind, ...params] = spec.split(":");
    const defs = specParams(kind);
    if (!defs.length) return;
    editing.value = { spec, values: defs.map((d, i) => Number(params[i] ?? d.default)) };
  }

  function applyEdit(e: Event) {
    e.preventDefault();
    const ed = editing.value;
    if (!ed) return;
    const kind = ed.spec.split(":")[0];
    const slot = (OVERLAY_KINDS as readonly string[]).includes(kind) ? "overlay" : "pane";
    const r = checkSpec(slot, [kind, ...ed.values].join(":"));
    if (!r.ok) {
      status.value = r.message;
      return;
    }
    const l = layout.value;
    const swap = (list: string[]) => list.map((s) => (s === ed.spec ? r.spec : s));
    editing.value = null;
    applyLayout({ ...l, overlays: swap(l.overlays), panes: swap(l.panes) });
  }

  function toggleLog() {
    const l = layout.value;
    applyLayout({ ...l, scale: l.scale === "log" ? "linear" : "log" });
  }

  async function chooseTool(kind: DrawingKind) {
    const l = await ensureLayer();
    l?.setTool(tool.value === kind ? null : kind);
    host.current?.focus({ preventScroll: true });
  }

  async function chooseStyle(next: DrawingStyle) {
    // the choice restyles the selected drawing, if any, and is remembered for new ones
    defaultStyle.current = { ...defaultStyle.current, ...next };
    (await ensureLayer())?.setStyle(next);
  }

  async function toggleMagnet() {
    magnet.value = !magnet.value;
    (await ensureLayer())?.setMagnet(magnet.value);
  }

  async function loadFull(tf: string, replaceDrawings: boolean) {
    const sym = encodeURIComponent(props.symbol);
    status.value = "Loading bars…";
    try {
      const [res, dres] = await Promise.all([
        fetch(`/api/v1/bars/${sym}?timeframe=${tf}&format=f64`),
        replaceDrawings ? fetch(`/api/v1/drawings/${sym}?timeframe=${tf}`) : null,
      ]);
      if (!res.ok) throw new Error(String(res.status));
      const bars = unpackF64(await res.arrayBuffer());
      const chart = engine.current;
      if (!chart || timeframe.value !== tf) return;
      chart.init.timeframe = tf;
      chart.init.intraday = isIntraday(tf);
      chart.setData(bars, { keepTime: !replaceDrawings });
      if (dres?.ok) {
        const ds = (await dres.json()).drawings as Drawing[];
        pending.current = ds;
        nDrawings.value = ds.length;
        if (ds.length) (await ensureLayer())?.setDrawings(ds);
        else layer.current?.setDrawings([]);
      }
      status.value = `${bars.length.toLocaleString("en-US")} bars`;
      chart.host.dataset.history = "full";
    } catch {
      status.value = "Could not load bars";
    }
  }

  function chooseTimeframe(tf: string) {
    if (tf === timeframe.value) return;
    timeframe.value = tf;
    history.replaceState(null, "", `/chart/${encodeURIComponent(props.symbol)}?tf=${tf}`);
    loadFull(tf, true);
  }

  async function exportPng() {
    const chart = engine.current;
    if (!chart) return;
    const blob = await chart.exportPng();
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${props.symbol}-${timeframe.value}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let stop = () => {};
    let alive = true;
    (async () => {
      const chart = createChart(el, {
        symbol: props.symbol,
        timeframe: props.timeframe,
        intraday: isIntraday(props.timeframe),
        bars: fromColumns(props.bars),
        layout: props.layout,
        markers: props.markers,
        onRemove: removeStudy,
        onConfigure: configure,
        onToggleLog: toggleLog,
      });
      engine.current = chart;
      (el as HTMLElement & { chart?: ChartEngine }).chart = chart;
      stop = watchTheme(() => chart.applyTheme());
      chart.keyHooks.push((e) => {
        if (e.key !== "m" && e.key !== "M") return false;
        toggleMagnet();
        return true;
      });
      if (props.drawings.length) await ensureLayer();
      // fetch the drawing tools chunk while idle so the first tool click is instant
      else setTimeout(() => import("./chart/drawing_tools.ts").catch(() => {}), 300);
      el.dataset.history = props.total > props.bars.ts.length ? "partial" : "full";
      if (props.total > props.bars.ts.length) {
        setTimeout(() => alive && loadFull(props.timeframe, false), 0);
      }
    })();
    return () => {
      alive = false;
      stop();
      layer.current?.detach();
      engine.current?.destroy();
    };
  }, []);

  const l = layout.value;
  return (
    <div class="tf-chart-page">
      <div class="tf-toolbar" role="toolbar" aria-label="Chart tools">
        <select
          aria-label="Symbol"
          value={props.symbol}
          onChange={(e) => (location.href = `/chart/${encodeURIComponent(e.currentTarget.value)}`)}
        >
          {props.symbols.map((s) => <option value={s}>{s}</option>)}
        </select>
        <div class="tf-group" role="group" aria-label="Timeframe">
          {props.timeframes.map((tf) => (
            <button
              type="button"
              data-tf={tf}
              aria-pressed={timeframe.value === tf}
              onClick={() => chooseTimeframe(tf)}
            >
              {TF_LABEL[tf] ?? tf}
            </button>
          ))}
        </div>
        <button
          type="button"
          id="tf-log"
          aria-pressed={l.scale === "log"}
          title="Logarithmic price scale (L)"
          onClick={toggleLog}
        >
          Log
        </button>
        <button
          type="button"
          id="tf-volume"
          aria-pressed={l.volume}
          title="Volume under the candles"
          onClick={() => applyLayout({ ...l, volume: !l.volume })}
        >
          Vol
        </button>
        <select
          id="tf-add"
          aria-label="Add indicator"
          value=""
          onChange={(e) => {
            addStudy(e.currentTarget.value);
            e.currentTarget.value = "";
          }}
        >
          <option value="">+ Indicator</option>
          <optgroup label="Overlays">
            {OVERLAY_KINDS.map((k) => <option value={k}>{specLabel(checkSpecOr(k))}</option>)}
          </optgroup>
          <optgroup label="Panes">
            {PANE_KINDS.map((k) => <option value={k}>{specLabel(checkSpecOr(k))}</option>)}
          </optgroup>
        </select>
        <div class="tf-group" role="group" aria-label="Drawing tools">
          {TOOLS.map(([kind, icon, title]) => (
            <button
              type="button"
              id={`tool-${kind}`}
              title={title}
              aria-label={title}
              aria-pressed={tool.value === kind}
              onClick={() => chooseTool(kind)}
            >
              {icon}
            </button>
          ))}
          <button
            type="button"
            id="tool-delete"
            title="Delete the selected drawing (Del)"
            aria-label="Delete selected drawing"
            disabled={!selected.value}
            onClick={() => layer.current?.deleteSelected()}
          >
            Del
          </button>
          <button
            type="button"
            id="tool-magnet"
            title="Magnet: snap drawing points to the bar's open, high, low or close (M)"
            aria-label="Magnet"
            aria-pressed={magnet.value}
            onClick={toggleMagnet}
          >
            ⊙
          </button>
        </div>
        <div
          class="tf-group tf-style"
          role="group"
          aria-label={selected.value ? "Style of the selected drawing" : "Style of new drawings"}
        >
          {DRAWING_COLORS.map((c) => (
            <button
              type="button"
              class="tf-swatch"
              data-color={c}
              title={`Colour ${c}`}
              aria-label={`Colour ${c}`}
              aria-pressed={style.value.color === c}
              style={{ background: c }}
              onClick={() => chooseStyle({ color: c })}
            />
          ))}
          {DRAWING_WIDTHS.map((w) => (
            <button
              type="button"
              class="tf-width"
              data-width={w}
              title={`Line width ${w} px`}
              aria-label={`Line width ${w} px`}
              aria-pressed={style.value.width === w}
              onClick={() => chooseStyle({ width: w })}
            >
              <span style={{ height: `${w}px` }} />
            </button>
          ))}
        </div>
        <button type="button" id="tf-png" title="Download the chart as PNG" onClick={exportPng}>
          PNG
        </button>
        <span class="muted tf-status" id="tf-status" aria-live="polite">
          {status.value}
          {nDrawings.value
            ? ` · ${nDrawings.value} drawing${nDrawings.value === 1 ? "" : "s"}`
            : ""}
        </span>
      </div>
      {editing.value && (
        <form class="tf-config panel" onSubmit={applyEdit}>
          <b>{specLabel(editing.value.spec.split(":")[0])}</b>
          {specParams(editing.value.spec.split(":")[0]).map((p, i) => (
            <label>
              {p.name}
              <input
                type="number"
                step="any"
                min="0"
                value={editing.value!.values[i]}
                onInput={(e) => {
                  const values = editing.value!.values.slice();
                  values[i] = Number(e.currentTarget.value);
                  editing.value = { ...editing.value!, values };
                }}
              />
            </label>
          ))}
          <button type="submit">Apply</button>
          <button type="button" onClick={() => (editing.value = null)}>Cancel</button>
        </form>
      )}
      <div
        ref={host}
        class="tf-chart"
        id="tf-chart"
        // Server-rendered placeholder until the script builds the chart (the engine empties the
        // host); a constant string, so Preact never re-inserts it on later renders.
        dangerouslySetInnerHTML={LOADING}
        aria-label={`${props.symbol} price chart. ${
          SHORTCUTS.map(([k, v]) => `${k}: ${v}`).join("; ")
        }`}
      />
      <details class="tf-help small muted">
        <summary>
          {props.description} · {props.total.toLocaleString("en-US")} bars · shortcuts
        </summary>
        <ul>
          {SHORTCUTS.map(([k, v]) => (
            <li>
              <kbd>{k}</kbd> {v}
            </li>
          ))}
          <li>Wheel or pinch to zoom, drag to pan, double-click to reset.</li>
        </ul>
      </details>
    </div>
  );
}

const LOADING = { __html: '<p class="tf-loading">Loading chart…</p>' };

function jsonHeaders(csrf?: string): Record<string, string> {
  return csrf
    ? { "content-type": "application/json", "x-csrf-token": csrf }
    : { "content-type": "application/json" };
}

function checkSpecOr(kind: string): string {
  const r = checkSpec(
    (OVERLAY_KINDS as readonly string[]).includes(kind) ? "overlay" : "pane",
    kind,
  );
  return r.ok ? r.spec : kind;
}
