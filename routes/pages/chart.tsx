/**
 * `/chart/{symbol}`: the charting workstation. Inlines the latest 2,000 bars, the owner's layout
 * and drawings into the Chart island so the first view needs no request. `/chart` redirects to
 * SPY (or the first symbol).
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { htmlPage } from "../../lib/ui/page.tsx";
import { Island } from "../../lib/ui/island.tsx";
import { type BarsManifest, listManifests } from "../../lib/storage/bars_repo.ts";
import { getSeries } from "../../lib/data/market.ts";
import { type Timeframe, timeframeMs, TIMEFRAMES } from "../../lib/data/time.ts";
import { isSymbol } from "../../lib/domain/symbol.ts";
import { getLayout, listDrawings } from "../../lib/storage/drawings_repo.ts";
import Chart, { type ChartProps } from "../../islands/Chart.tsx";
import type { TradeMarker } from "../../islands/chart/engine.ts";

/** Most bars inlined into the page; the rest is fetched as packed Float64. */
export const INLINE_BARS = 2_000;

/** Stylesheets a page embedding the Chart island must link. */
export const CHART_STYLES = ["/static/build/uPlot.min.css", "/static/chart.css"];

/**
 * Builds the Chart island's props for `owner` (the latest {@link INLINE_BARS} bars, the owner's
 * layout and drawings). Other pages (backtests) can embed the island with trade `markers`:
 * `<Island name="Chart" component={Chart} props={props} />` plus {@link CHART_STYLES}.
 * `timeframe` falls back to the stored one when missing or finer than stored; null when the
 * symbol has no bars.
 */
export async function chartProps(
  kv: Deno.Kv,
  owner: string | null,
  manifest: BarsManifest,
  symbols: string[],
  options: { timeframe?: Timeframe; markers?: TradeMarker[]; csrf?: string } = {},
): Promise<ChartProps | null> {
  const symbol = manifest.symbol;
  const allowed = TIMEFRAMES.filter((t) => timeframeMs(t) >= timeframeMs(manifest.timeframe));
  const asked = options.timeframe;
  const timeframe = asked && allowed.includes(asked) ? asked : manifest.timeframe;
  const found = await getSeries(kv, owner, symbol, { timeframe });
  if (!found) return null;
  const { bars } = found;
  const from = Math.max(0, bars.length - INLINE_BARS);
  const tail = (a: Float64Array) => Array.from(a.subarray(from));
  return {
    symbol,
    description: manifest.description,
    timeframe,
    timeframes: allowed,
    symbols,
    total: bars.length,
    bars: {
      ts: tail(bars.ts),
      open: tail(bars.open),
      high: tail(bars.high),
      low: tail(bars.low),
      close: tail(bars.close),
      volume: tail(bars.volume),
    },
    layout: await getLayout(kv, owner),
    drawings: owner ? await listDrawings(kv, owner, symbol, timeframe) : [],
    ...(options.markers ? { markers: options.markers } : {}),
    ...(options.csrf ? { csrf: options.csrf } : {}),
  };
}

function notFound(
  c: Parameters<typeof htmlPage>[0],
  title: string,
  detail: string,
  symbols: string[],
) {
  return htmlPage(
    c,
    title,
    <section class="panel">
      <h1>{title}</h1>
      <p class="muted">{detail}</p>
      <ul class="tf-picker">
        {symbols.map((s) => (
          <li>
            <a href={`/chart/${encodeURIComponent(s)}`}>{s}</a>
          </li>
        ))}
      </ul>
    </section>,
    { status: 404, styles: CHART_STYLES },
  );
}

export const chartPage = new Hono<AppEnv>()
  .get("/chart", async (c) => {
    const manifests = await listManifests(c.var.deps.kv, c.var.owner);
    const first = manifests.find((m) => m.symbol === "SPY") ?? manifests[0];
    if (first) return c.redirect(`/chart/${encodeURIComponent(first.symbol)}`, 302);
    return notFound(c, "No market data yet", "Import a CSV on the Data page first.", []);
  })
  .get("/chart/:symbol", async (c) => {
    const kv = c.var.deps.kv;
    const owner = c.var.owner;
    const raw = c.req.param("symbol");
    const manifests = await listManifests(kv, owner);
    const symbols = manifests.map((m) => m.symbol);
    if (!isSymbol(raw)) {
      return notFound(c, "Unknown symbol", `"${raw}" is not a ticker symbol.`, symbols);
    }
    const symbol = raw.trim().toUpperCase();
    const manifest = manifests.find((m) => m.symbol === symbol);
    if (!manifest) {
      return notFound(c, `No data for ${symbol}`, "Pick one of these, or import it.", symbols);
    }
    const asked = c.req.query("tf") as Timeframe | undefined;
    const props = await chartProps(kv, owner, manifest, symbols, {
      timeframe: asked,
      csrf: c.var.csrf,
    });
    if (!props) return notFound(c, `No data for ${symbol}`, "Pick one of these.", symbols);
    return htmlPage(
      c,
      `${symbol} chart`,
      <>
        <h1 class="sr-only">{symbol} chart</h1>
        <Island name="Chart" component={Chart} props={props} />
      </>,
      { styles: CHART_STYLES },
    );
  });
