/** `/`: what ThetaForge does, with a live market chart island. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { Island } from "../../lib/ui/island.tsx";
import { htmlPage } from "../../lib/ui/page.tsx";
import { listManifests } from "../../lib/storage/bars_repo.ts";
import { getSeries } from "../../lib/data/market.ts";
import MarketPulse from "../../islands/MarketPulse.tsx";
import { NAV } from "../../lib/ui/nav.ts";

const FEATURES: Record<string, string> = {
  "/data": "Import OHLCV CSV files, browse the bundled sample data, delete uploads.",
  "/chart": "Candlestick charts with indicators and drawing tools.",
  "/screener": "Trend, Turtle, Darvas, liquidity-grab and income screeners in a live grid.",
  "/backtest": "Backtest strategies with costs and slippage; sweep and walk forward.",
  "/montecarlo": "Resample trade sequences offline in the browser: drawdowns, ruin, CAGR.",
  "/options": "Black-Scholes and American prices, Greeks and implied volatility.",
  "/audit": "Import Tastytrade or IBKR exports and audit your option trades.",
  "/api-docs": "The JSON API under /api/v1, described by an OpenAPI document.",
};

export const homePage = new Hono<AppEnv>().get("/", async (c) => {
  const kv = c.var.deps.kv;
  const manifests = await listManifests(kv, c.var.owner);
  const first = manifests.find((m) => m.symbol === "SPY") ?? manifests[0];
  const series = first ? await getSeries(kv, c.var.owner, first.symbol) : null;
  const tail = (a: Float64Array) => Array.from(a.subarray(Math.max(0, a.length - 1000)));
  return htmlPage(
    c,
    "Home",
    <>
      <section class="hero">
        <h1>ThetaForge</h1>
        <p>
          Audit your option trades, research charts and screeners, backtest with honest costs and
          stress-test with Monte Carlo, all on your own machine. Numbers first: every formula is
          checked against an independent source.
        </p>
      </section>
      {!series && (
        <section class="panel empty-state">
          <h2>No market data yet</h2>
          <p class="muted">
            Import an OHLCV CSV file on the <a href="/data">Data page</a>{" "}
            and its chart appears here.
          </p>
        </section>
      )}
      {series && (
        <Island
          name="MarketPulse"
          component={MarketPulse}
          props={{
            symbols: manifests.map((m) => ({ symbol: m.symbol, description: m.description })),
            initial: {
              symbol: first.symbol,
              ts: tail(series.bars.ts),
              close: tail(series.bars.close),
            },
          }}
        />
      )}
      <h2>What you can do</h2>
      <div class="grid">
        {NAV.filter((n) => FEATURES[n.href]).map((n) => (
          <a class="card feature-card" href={n.href}>
            <h3>{n.label}</h3>
            <p>{FEATURES[n.href]}</p>
          </a>
        ))}
      </div>
    </>,
  );
});
