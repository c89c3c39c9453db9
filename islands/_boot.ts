// Browser entry, bundled by esbuild into static/build/islands.js (code-split: each island is
// loaded only on pages that use it). Finds every [data-island] marker, loads the component and
// hydrates it with the props serialised by lib/ui/island.tsx.
import { h, hydrate } from "preact";
import type { ComponentType } from "preact";

// deno-lint-ignore no-explicit-any
type Loader = () => Promise<{ default: ComponentType<any> }>;

/** Every island, by the name lib/ui/island.tsx writes into data-island. */
const ISLANDS: Record<string, Loader> = {
  MarketPulse: () => import("./MarketPulse.tsx"),
  DataManager: () => import("./DataManager.tsx"),
  Chart: () => import("./Chart.tsx"),
  OptionsCalculator: () => import("./OptionsCalculator.tsx"),
  MonteCarloSandbox: () => import("./MonteCarloSandbox.tsx"),
  ScreenerGrid: () => import("./ScreenerGrid.tsx"),
  AuditUpload: () => import("./AuditUpload.tsx"),
  AuditReport: () => import("./AuditReport.tsx"),
  BacktestLab: () => import("./BacktestLab.tsx"),
  BacktestView: () => import("./BacktestView.tsx"),
  OptimizePanel: () => import("./OptimizePanel.tsx"),
};

async function boot() {
  const markers = document.querySelectorAll<HTMLElement>("[data-island]");
  await Promise.all([...markers].map(async (el) => {
    const name = el.dataset.island ?? "";
    const load = ISLANDS[name];
    if (!load) {
      console.error(`islands: unknown island "${name}"`);
      return;
    }
    const { default: component } = await load();
    hydrate(h(component, JSON.parse(el.dataset.props ?? "{}")), el);
    el.dataset.hydrated = "true";
  }));
  document.documentElement.dataset.islands = "ready";
}

boot();
