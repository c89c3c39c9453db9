import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import ScreenerGrid, { cellText, type ScreenerGridProps } from "./ScreenerGrid.tsx";

const EMPTY: ScreenerGridProps = {
  screeners: [],
  regions: [],
  sectors: [],
  scans: [],
  initialScan: null,
  watchlists: [],
};

Deno.test("cellText - FX prices keep 4 decimals, stock prices 2, other columns as before", () => {
  // EURUSD price / stop / target: 1.2290 / 1.2500 / 1.1900, not 1.23 / 1.25 / 1.19
  assert.equal(cellText(1.229, "price"), "1.2290");
  assert.equal(cellText(1.25, "stop"), "1.2500");
  assert.equal(cellText(1.19, "target"), "1.1900");
  assert.equal(cellText(0.6123, "entry"), "0.61230");
  assert.equal(cellText(484.137, "price"), "484.14");
  assert.equal(cellText(null, "price"), "–");
  assert.equal(cellText(80, "score"), "80.00");
  assert.equal(cellText("turtle", "screener"), "turtle");
});

Deno.test("ScreenerGrid - no scan: one full-width empty cell, a disabled range select, primary run", () => {
  const html = renderToString(<ScreenerGrid {...EMPTY} />);
  const empty = /<td class="empty" colspan="(\d+)"[^>]*>No scan yet/.exec(html);
  assert.ok(empty, "empty-state cell inside the table");
  const head = html.slice(html.indexOf("<thead>"), html.indexOf("</thead>"));
  const headerCells = head.match(/<th[\s>]/g)?.length ?? 0;
  assert.equal(Number(empty[1]), headerCells);
  assert.match(html, /<select[^>]*data-testid="range-col"[^>]*disabled/);
  assert.match(html, /\(run a scan first\)/);
  assert.match(html, /<button type="submit" class="primary" data-testid="run"/);
  assert.match(html, /@media \(max-width: 760px\) \{ \.scr \.main \{ grid-template-columns: 1fr/);
});

Deno.test("ScreenerGrid - row actions are labelled SVG buttons, no emoji", () => {
  const scan = {
    id: "s1",
    createdTs: Date.UTC(2026, 0, 2),
    request: { screeners: [{ name: "turtle", params: {} }] },
    regime: null,
    rows: [{
      symbol: "EURUSD",
      screener: "turtle",
      timeframe: "1d",
      signal: "buy",
      label: "BREAKOUT",
      direction: "long",
      ts: null,
      score: 100,
      price: 1.229,
      entry: 1.229,
      stop: 1.25,
      target: 1.19,
      reason: "r",
      values: {},
    }],
    sparks: {},
    counts: { symbols: 1, rows: 1, passing: 1, notEvaluated: 0 },
  } as unknown as ScreenerGridProps["initialScan"];
  const html = renderToString(
    <ScreenerGrid
      {...EMPTY}
      screeners={[{
        name: "turtle",
        title: "Turtle",
        category: "trend",
        needs: [],
        backtestStrategy: "donchian",
      }]}
      initialScan={scan}
    />,
  );
  assert.match(html, /aria-label="Chart EURUSD with its levels"[^>]*><svg/);
  assert.match(html, /aria-label="Backtest turtle on EURUSD"[^>]*><svg/);
  assert.match(html, /aria-label="Add EURUSD to the watchlist"/);
  assert.doesNotMatch(html, /📈|⏱/);
  assert.match(html, />1\.2290</);
  assert.match(html, />1\.2500</);
});
