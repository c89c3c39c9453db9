// Pan and zoom with mouse wheel, drag and touch (one-finger pan, two-finger pinch), double-click to
// reset, keyboard shortcuts, and the legend's configure/remove buttons. Listeners sit on the chart
// host so they survive pane rebuilds; plug-ins (drawing tools) get first refusal on pointer-down
// in the price pane.
import type { ChartEngine, PointerHook } from "./engine.ts";

/** Keyboard shortcuts, for the help text. */
export const SHORTCUTS: [string, string][] = [
  ["← →", "pan"],
  ["↑ ↓ + −", "zoom"],
  ["Home / End", "first / latest bars"],
  ["0", "reset view"],
  ["A", "fit all bars"],
  ["L", "linear / log scale"],
  ["M", "magnet: snap drawing points to open/high/low/close"],
  ["Del", "delete selected drawing"],
  ["Esc", "cancel tool / deselect"],
];

function capture(el: Element, id: number): void {
  try {
    el.setPointerCapture(id);
  } catch {
    // the pointer is already gone (or synthetic): the gesture still works without capture
  }
}

/** Wires the interactions; returns a function that removes them. */
export function attachInteraction(chart: ChartEngine): () => void {
  const host = chart.host;
  host.tabIndex = 0;
  const pointers = new Map<number, number>();
  let pan: { x0: number; xMin: number; xMax: number; width: number } | null = null;
  let pinch: { d0: number; xMin: number; xMax: number; at: number } | null = null;
  let active: PointerHook | null = null;

  const paneOf = (t: EventTarget | null) =>
    chart.panes.find((p) => t instanceof Node && p.u.over.contains(t)) ?? null;
  const atMain = (e: PointerEvent | MouseEvent) => {
    const r = chart.main.over.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const startPan = (clientX: number, width: number) => {
    pan = { x0: clientX, xMin: chart.view.xMin, xMax: chart.view.xMax, width };
  };

  const down = (e: PointerEvent) => {
    if ((e.target as Element).closest?.("button, .tf-legend")) return;
    const pane = paneOf(e.target);
    if (!pane) return;
    host.focus({ preventScroll: true });
    if (pane === chart.panes[0] && e.button === 0) {
      const at = atMain(e);
      for (const h of chart.pointerHooks) {
        if (h.down(e, at)) {
          active = h;
          capture(pane.u.over, e.pointerId);
          e.preventDefault();
          return;
        }
      }
    }
    pointers.set(e.pointerId, e.clientX);
    capture(pane.u.over, e.pointerId);
    const width = pane.u.over.clientWidth || 1;
    if (pointers.size === 1) startPan(e.clientX, width);
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const r = pane.u.over.getBoundingClientRect();
      pinch = {
        d0: Math.max(10, Math.abs(a - b)),
        xMin: chart.view.xMin,
        xMax: chart.view.xMax,
        at: chart.idxAt((a + b) / 2 - r.left),
      };
      pan = null;
    }
    e.preventDefault();
  };

  const move = (e: PointerEvent) => {
    if (active) {
      active.move?.(e, atMain(e));
      return;
    }
    if (pointers.has(e.pointerId)) {
      pointers.set(e.pointerId, e.clientX);
      if (pinch && pointers.size >= 2) {
        const [a, b] = [...pointers.values()];
        const f = pinch.d0 / Math.max(10, Math.abs(a - b));
        chart.setView({
          xMin: pinch.at - (pinch.at - pinch.xMin) * f,
          xMax: pinch.at + (pinch.xMax - pinch.at) * f,
        });
      } else if (pan) {
        const d = -((e.clientX - pan.x0) / pan.width) * (pan.xMax - pan.xMin);
        chart.setView({ xMin: pan.xMin + d, xMax: pan.xMax + d });
      }
      return;
    }
    if (paneOf(e.target) === chart.panes[0]) {
      const at = atMain(e);
      let cursor: string | null = null;
      for (const h of chart.pointerHooks) cursor = cursor ?? h.hover?.(at) ?? null;
      chart.main.over.style.cursor = cursor ?? "crosshair";
    }
  };

  const up = (e: PointerEvent) => {
    if (active) {
      const h = active;
      active = null;
      h.up?.(e, atMain(e));
      return;
    }
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 1) {
      const [x] = [...pointers.values()];
      startPan(x, chart.main.over.clientWidth || 1);
    } else if (pointers.size === 0) pan = null;
  };

  const wheel = (e: WheelEvent) => {
    const pane = paneOf(e.target);
    if (!pane) return;
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    const dx = e.deltaX * unit;
    const dy = e.deltaY * unit;
    const width = pane.u.over.clientWidth || 1;
    if (Math.abs(dx) > Math.abs(dy) || e.shiftKey) {
      chart.pan(((dx || dy) / width) * (chart.view.xMax - chart.view.xMin));
    } else {
      const r = pane.u.over.getBoundingClientRect();
      chart.zoom(
        Math.exp(Math.max(-300, Math.min(300, dy)) * 0.002),
        chart.idxAt(e.clientX - r.left),
      );
    }
  };

  const dblclick = (e: MouseEvent) => {
    if (paneOf(e.target) && !(e.target as Element).closest?.("button")) chart.resetView();
  };

  const key = (e: KeyboardEvent) => {
    if (e.target !== host || e.ctrlKey || e.metaKey || e.altKey) return;
    for (const h of chart.keyHooks) {
      if (h(e)) {
        e.preventDefault();
        return;
      }
    }
    const span = chart.view.xMax - chart.view.xMin;
    const k = e.key;
    if (k === "ArrowLeft") chart.pan(-span * 0.1);
    else if (k === "ArrowRight") chart.pan(span * 0.1);
    else if (k === "ArrowUp" || k === "+" || k === "=") chart.zoom(0.8);
    else if (k === "ArrowDown" || k === "-") chart.zoom(1.25);
    else if (k === "Home") chart.setView({ xMin: -0.5, xMax: span - 0.5 });
    else if (k === "End" || k === "0") chart.resetView();
    else if (k === "a" || k === "A") chart.fitAll();
    else if (k === "l" || k === "L") chart.init.onToggleLog?.();
    else return;
    e.preventDefault();
  };

  const click = (e: MouseEvent) => {
    const btn = (e.target as Element).closest?.("button[data-act]") as HTMLElement | null;
    if (!btn || !host.contains(btn)) return;
    if (btn.dataset.act === "legend") return chart.toggleLegend();
    const spec = btn.dataset.spec ?? "";
    if (btn.dataset.act === "remove") chart.init.onRemove?.(spec);
    if (btn.dataset.act === "configure") chart.init.onConfigure?.(spec);
  };

  host.addEventListener("pointerdown", down);
  host.addEventListener("pointermove", move);
  host.addEventListener("pointerup", up);
  host.addEventListener("pointercancel", up);
  host.addEventListener("wheel", wheel, { passive: false });
  host.addEventListener("dblclick", dblclick);
  host.addEventListener("keydown", key);
  host.addEventListener("click", click);
  return () => {
    host.removeEventListener("pointerdown", down);
    host.removeEventListener("pointermove", move);
    host.removeEventListener("pointerup", up);
    host.removeEventListener("pointercancel", up);
    host.removeEventListener("wheel", wheel);
    host.removeEventListener("dblclick", dblclick);
    host.removeEventListener("keydown", key);
    host.removeEventListener("click", click);
  };
}
