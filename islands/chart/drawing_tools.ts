// Drawing tools (lazily loaded chunk): create trend lines, horizontal lines, rectangles,
// Fibonacci retracements and text notes in the price pane; select, drag to edit, delete; colour
// and width per drawing; a magnet that snaps anchors to the bar's OHLC; notes typed in an inline
// input (double-click a note to edit it). Drawings render on the chart canvas (so PNG export
// includes them) through the engine's draw hooks.
import type uPlot from "uplot";
import {
  type Anchor,
  type Drawing,
  type DrawingKind,
  fibLevels,
  type Handle,
  hitTest,
  moveDrawing,
  type Projection,
  snapPrice,
  TEXT_HEIGHT,
} from "../../lib/chart/drawings.ts";
import type { DrawingWidth } from "../../lib/chart/drawing_style.ts";
import { idxToTs, tsToIdx } from "../../lib/chart/time_index.ts";
import type { ChartEngine } from "./engine.ts";
import { price as fmtPrice } from "./axis.ts";

/** What the island controls. */
export interface DrawingLayer {
  readonly drawings: readonly Drawing[];
  readonly tool: DrawingKind | null;
  readonly selected: string | null;
  setTool(kind: DrawingKind | null): void;
  setDrawings(ds: Drawing[]): void;
  deleteSelected(): void;
  /** Sets the colour and/or width of the selected drawing (saved) and of new drawings. */
  setStyle(style: DrawingStyle): void;
  /** Magnet: drawn and dragged anchors snap to the bar's open/high/low/close within 8 px. */
  setMagnet(on: boolean): void;
  detach(): void;
}

/** A drawing's style; absent fields mean the theme accent and 1.5 px. */
export interface DrawingStyle {
  color?: string;
  width?: DrawingWidth;
}

/** Options of {@link attachDrawings}. */
export interface DrawingOptions {
  /** Called after every completed change (create, move, delete) with the full set. */
  onChange(ds: Drawing[]): void;
  /** Called when the tool or the selection changes (to update toolbar state). */
  onState?(
    state: { tool: DrawingKind | null; selected: string | null; style: DrawingStyle },
  ): void;
}

/** Magnet reach in CSS px. */
const MAGNET_PX = 8;

let counter = 0;
function newId(): string {
  return `d${Date.now().toString(36)}${(counter++).toString(36)}`;
}

/** Plugs the drawing tools into `chart` with the drawings `initial`. */
export function attachDrawings(
  chart: ChartEngine,
  initial: Drawing[],
  options: DrawingOptions,
): DrawingLayer {
  let drawings: Drawing[] = initial.slice();
  let tool: DrawingKind | null = null;
  let selected: string | null = null;
  let draft: Drawing | null = null;
  /** Two-point drafts: "drag" finishes on pointer-up; "click" waits for a second click. */
  let draftMode: "drag" | "click" = "drag";
  let drag: { id: string; handle: Handle; orig: Drawing; idx0: number; p0: number } | null = null;
  let moved = false;
  let magnet = false;
  let style: DrawingStyle = {};
  /** The open inline text editor, if any. */
  let editor: HTMLInputElement | null = null;

  const ts = () => chart.bars.ts;
  const anchorAt = (at: { x: number; y: number }): Anchor =>
    snapAnchor({ ts: idxToTs(ts(), chart.idxAt(at.x)), price: chart.priceAt(at.y) });
  /** With the magnet on: the anchor moved onto the nearest OHLC price of its bar, if close. */
  const snapAnchor = (a: Anchor): Anchor => {
    const bars = chart.bars;
    if (!magnet || !bars.ts.length) return a;
    const i = Math.round(tsToIdx(bars.ts, a.ts));
    if (!(i >= 0 && i < bars.ts.length)) return a;
    const p = snapPrice(
      { open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i] },
      chart.yOf(a.price),
      (q) => chart.yOf(q),
      MAGNET_PX,
    );
    return p === null ? a : { ts: bars.ts[i], price: p };
  };
  const shiftTs = (t: number, dIdx: number) => idxToTs(ts(), tsToIdx(ts(), t) + dIdx);
  const measure = (text: string) => {
    const ctx = chart.main.ctx;
    ctx.save();
    ctx.font = "12px system-ui, sans-serif";
    const w = ctx.measureText(text).width + 8;
    ctx.restore();
    return w;
  };
  const cssProjection = (): Projection => ({
    toPx: (a) => ({ x: chart.xOf(tsToIdx(ts(), a.ts)), y: chart.yOf(a.price) }),
    yPx: (p) => chart.yOf(p),
    width: chart.main.over.clientWidth,
    textWidth: measure,
  });
  const state = () => {
    chart.host.dataset.drawings = String(drawings.length);
    chart.host.dataset.tool = tool ?? "";
    chart.host.dataset.magnet = String(magnet);
    const sel = drawings.find((d) => d.id === selected);
    options.onState?.({
      tool,
      selected,
      style: sel ? { color: sel.color, width: sel.width } : style,
    });
  };
  const commit = () => {
    state();
    chart.redraw();
    options.onChange(drawings.slice());
  };

  const render = (u: uPlot) => {
    const all = draft ? [...drawings, draft] : drawings;
    if (!all.length) return;
    const dpr = devicePixelRatio || 1;
    const { ctx, bbox } = u;
    const X = (a: Anchor) => bbox.left + chart.xOf(tsToIdx(ts(), a.ts)) * dpr;
    const Y = (p: number) => u.valToPos(p, "y", true);
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    ctx.font = `${12 * dpr}px system-ui, sans-serif`;
    ctx.textBaseline = "bottom";
    for (const d of all) {
      const color = d.color ?? chart.theme.accent;
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = (d.width ?? 1.5) * dpr;
      const handles: [number, number][] = [];
      if (d.kind === "hline") {
        const y = Math.round(Y(d.price)) + 0.5;
        line(ctx, bbox.left, y, bbox.left + bbox.width, y);
        ctx.fillText(fmtPrice(d.price), bbox.left + 4 * dpr, y - 2 * dpr);
      } else if (d.kind === "text") {
        const x = X(d.a);
        const y = Y(d.a.price);
        ctx.fillText(d.text, x + 4 * dpr, y - 2 * dpr);
        if (d.id === selected) {
          ctx.strokeRect(x, y - TEXT_HEIGHT * dpr, measure(d.text) * dpr, TEXT_HEIGHT * dpr);
        }
      } else {
        const ax = X(d.a);
        const ay = Y(d.a.price);
        const bx = X(d.b);
        const by = Y(d.b.price);
        handles.push([ax, ay], [bx, by]);
        if (d.kind === "trend") line(ctx, ax, ay, bx, by);
        else if (d.kind === "rect") {
          ctx.globalAlpha = 0.12;
          ctx.fillRect(Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax), Math.abs(by - ay));
          ctx.globalAlpha = 1;
          ctx.strokeRect(Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax), Math.abs(by - ay));
        } else {
          ctx.setLineDash([4 * dpr, 4 * dpr]);
          line(ctx, ax, ay, bx, by);
          ctx.setLineDash([]);
          const x0 = Math.min(ax, bx);
          const x1 = Math.max(ax, bx);
          for (const lv of fibLevels(d.a, d.b)) {
            const y = Math.round(Y(lv.price)) + 0.5;
            line(ctx, x0, y, x1, y);
            ctx.fillText(
              `${(lv.ratio * 100).toFixed(1)}% ${fmtPrice(lv.price)}`,
              x0 + 2 * dpr,
              y - dpr,
            );
          }
        }
      }
      if (d.id === selected || d === draft) {
        ctx.lineWidth = 1.5 * dpr;
        for (const [hx, hy] of handles) {
          ctx.fillStyle = chart.theme.bg;
          ctx.fillRect(hx - 4 * dpr, hy - 4 * dpr, 8 * dpr, 8 * dpr);
          ctx.strokeRect(hx - 4 * dpr, hy - 4 * dpr, 8 * dpr, 8 * dpr);
        }
      }
    }
    ctx.restore();
  };

  const finishDraft = () => {
    if (!draft) return;
    drawings = [...drawings, draft];
    selected = draft.id;
    draft = null;
    tool = null;
    commit();
  };

  const hook = {
    down(e: PointerEvent, at: { x: number; y: number }): boolean {
      if (draft && draftMode === "click") {
        draft = { ...draft, b: anchorAt(at) } as Drawing;
        finishDraft();
        return true;
      }
      if (tool) {
        const a = anchorAt(at);
        if (tool === "hline") {
          draft = { id: newId(), ...style, kind: "hline", price: a.price };
          finishDraft();
        } else if (tool === "text") {
          tool = null;
          state();
          editText(a, "", (text) => {
            draft = { id: newId(), ...style, kind: "text", a, text };
            finishDraft();
          });
        } else {
          draft = { id: newId(), ...style, kind: tool, a, b: a };
          draftMode = "drag";
          chart.redraw();
        }
        return true;
      }
      const hit = hitTest(drawings, cssProjection(), at, e.pointerType === "touch" ? 12 : 6);
      if (!hit) {
        if (selected) {
          selected = null;
          state();
          chart.redraw();
        }
        return false;
      }
      selected = hit.id;
      const orig = drawings.find((d) => d.id === hit.id)!;
      drag = {
        id: hit.id,
        handle: hit.handle,
        orig,
        idx0: chart.idxAt(at.x),
        p0: chart.priceAt(at.y),
      };
      moved = false;
      state();
      chart.redraw();
      return true;
    },
    move(_e: PointerEvent, at: { x: number; y: number }) {
      if (draft && draft.kind !== "hline" && draft.kind !== "text") {
        draft = { ...draft, b: anchorAt(at) };
        chart.redraw();
        return;
      }
      if (drag) {
        const dIdx = chart.idxAt(at.x) - drag.idx0;
        const dP = chart.priceAt(at.y) - drag.p0;
        let next = moveDrawing(drag.orig, drag.handle, dIdx, dP, shiftTs);
        // the magnet pulls a dragged anchor (not a whole-body move) onto its bar's OHLC
        if (next.kind !== "hline" && next.kind !== "text" && drag.handle !== "body") {
          next = drag.handle === "a"
            ? { ...next, a: snapAnchor(next.a) }
            : { ...next, b: snapAnchor(next.b) };
        }
        drawings = drawings.map((d) => (d.id === drag!.id ? next : d));
        moved = true;
        chart.redraw();
      }
    },
    up(_e: PointerEvent, at: { x: number; y: number }) {
      if (draft && draft.kind !== "hline" && draft.kind !== "text" && draftMode === "drag") {
        const a = cssProjection().toPx(draft.a);
        if (Math.hypot(a.x - at.x, a.y - at.y) < 4) {
          draftMode = "click"; // a click, not a drag: the next click sets the second anchor
          return;
        }
        draft = { ...draft, b: anchorAt(at) };
        finishDraft();
        return;
      }
      if (drag) {
        drag = null;
        if (moved) commit();
      }
    },
    hover(at: { x: number; y: number }): string | null {
      if (tool || draft) return "crosshair";
      const hit = hitTest(drawings, cssProjection(), at);
      return hit ? (hit.handle === "body" ? "move" : "grab") : null;
    },
  };

  // While a click-click draft is open, plain pointer moves (no button) stretch it.
  const hoverMove = (e: PointerEvent) => {
    if (draft && draftMode === "click" && e.buttons === 0) {
      const r = chart.main.over.getBoundingClientRect();
      hook.move(e, { x: e.clientX - r.left, y: e.clientY - r.top });
    }
  };
  const keys = (e: KeyboardEvent): boolean => {
    if (e.key === "Escape" && (tool || draft || selected)) {
      tool = null;
      draft = null;
      selected = null;
      state();
      chart.redraw();
      return true;
    }
    if ((e.key === "Delete" || e.key === "Backspace") && selected) {
      layer.deleteSelected();
      return true;
    }
    return false;
  };

  /**
   * Opens an inline text input at `a` (Enter confirms, Esc or an empty text cancels, leaving the
   * field confirms), calling `done` with the trimmed text.
   */
  const editText = (a: Anchor, initial: string, done: (text: string) => void) => {
    closeEditor();
    const input = document.createElement("input");
    input.type = "text";
    input.className = "tf-note-input";
    input.maxLength = 500;
    input.value = initial;
    input.setAttribute("aria-label", "Note text (Enter to save, Esc to cancel)");
    const p = cssProjection().toPx(a);
    input.style.left = `${Math.round(p.x)}px`;
    input.style.top = `${Math.round(p.y - TEXT_HEIGHT - 6)}px`;
    let finished = false;
    const finish = (ok: boolean) => {
      if (finished) return;
      finished = true;
      const text = input.value.trim().slice(0, 500);
      if (editor === input) editor = null;
      input.remove();
      chart.host.focus({ preventScroll: true });
      if (ok && text) done(text);
    };
    input.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") finish(true);
      else if (e.key === "Escape") finish(false);
    });
    input.addEventListener("blur", () => finish(true));
    for (const t of ["pointerdown", "pointermove", "pointerup", "dblclick", "wheel"]) {
      input.addEventListener(t, (e) => e.stopPropagation());
    }
    editor = input;
    chart.main.over.appendChild(input);
    // focus now (inside the gesture, so touch keyboards open) and again after it, in case the
    // pointer gesture moved focus back to the chart
    input.focus({ preventScroll: true });
    setTimeout(() => {
      if (input.isConnected && document.activeElement !== input) input.focus();
    }, 0);
  };
  const closeEditor = () => {
    if (editor) {
      const e = editor;
      editor = null;
      e.remove();
    }
  };
  // Double-click on a note edits its text (captured, so the host's double-click does not reset
  // the view).
  const dblclick = (e: MouseEvent) => {
    if (!chart.main.over.contains(e.target as Node)) return;
    const r = chart.main.over.getBoundingClientRect();
    const at = { x: e.clientX - r.left, y: e.clientY - r.top };
    const hit = hitTest(drawings, cssProjection(), at);
    const d = hit && drawings.find((x) => x.id === hit.id);
    if (!d || d.kind !== "text") return;
    e.stopPropagation();
    selected = d.id;
    state();
    editText(d.a, d.text, (text) => {
      drawings = drawings.map((x) => (x.id === d.id ? { ...d, text } : x));
      commit();
    });
  };

  chart.drawHooks.push(render);
  chart.pointerHooks.unshift(hook);
  chart.keyHooks.unshift(keys);
  chart.host.addEventListener("pointermove", hoverMove);
  chart.host.addEventListener("dblclick", dblclick, true);

  const layer: DrawingLayer = {
    get drawings() {
      return drawings;
    },
    get tool() {
      return tool;
    },
    get selected() {
      return selected;
    },
    setTool(kind) {
      tool = kind;
      draft = null;
      selected = null;
      state();
      chart.redraw();
    },
    setDrawings(ds) {
      drawings = ds.slice();
      selected = null;
      draft = null;
      state();
      chart.redraw();
    },
    deleteSelected() {
      if (!selected) return;
      drawings = drawings.filter((d) => d.id !== selected);
      selected = null;
      commit();
    },
    setStyle(next) {
      style = { ...style, ...next };
      const sel = drawings.find((d) => d.id === selected);
      if (sel) {
        drawings = drawings.map((d) => (d === sel ? { ...d, ...next } : d));
        commit();
      } else state();
    },
    setMagnet(on) {
      magnet = on;
      state();
    },
    detach() {
      chart.drawHooks.splice(chart.drawHooks.indexOf(render), 1);
      chart.pointerHooks.splice(chart.pointerHooks.indexOf(hook), 1);
      chart.keyHooks.splice(chart.keyHooks.indexOf(keys), 1);
      chart.host.removeEventListener("pointermove", hoverMove);
      chart.host.removeEventListener("dblclick", dblclick, true);
      closeEditor();
      chart.redraw();
    },
  };
  state();
  chart.redraw();
  return layer;
}

function line(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number) {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}
