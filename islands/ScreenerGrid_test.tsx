import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import ScreenerGrid, { cellText, type ScreenerGridProps, volumeCutNote } from "./ScreenerGrid.tsx";

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

Deno.test("ScreenerGrid - screeners as grouped checkboxes with a select-all per category", () => {
  const entry = (name: string, category: string, needs: string[] = []) => ({
    name,
    title: name.toUpperCase(),
    category,
    needs,
    backtestStrategy: null,
  });
  const html = renderToString(
    <ScreenerGrid
      {...EMPTY}
      screeners={[
        entry("turtle", "trend"),
        entry("darvas", "trend"),
        entry("squeeze", "reversal"),
        entry("bull_put", "options", ["chain"]),
      ]}
    />,
  );
  assert.doesNotMatch(html, /<select[^>]*multiple/);
  // No scan yet: the settings are open, and the default choice (turtle) is ticked.
  assert.match(html, /<details class="settings" data-testid="scan-settings" open/);
  assert.match(html, /<input type="checkbox" name="screener" value="turtle" checked\/>/);
  assert.match(html, /<input type="checkbox" name="screener" value="darvas"\/>/);
  const groups = [...html.matchAll(/<div class="group" data-category="(\w+)">/g)].map((m) => m[1]);
  assert.deepEqual(groups, ["trend", "reversal", "options"]);
  // Trend has one of two ticked: its select-all is indeterminate, not checked.
  assert.match(html, /aria-label="All Trend &amp; breakout screeners" indeterminate/);
  assert.match(html, /BULL_PUT<span class="muted">\(chain\)<\/span>/);
  // Check my position sits in the side panel with the watchlists, not in the toolbar.
  const aside = html.slice(html.indexOf("<aside"));
  assert.match(aside, /data-testid="check-panel"><h2>Check my position<\/h2>/);
  assert.ok(aside.indexOf("check-panel") < aside.indexOf("<h2>Watchlists</h2>"));
  const toolbar = html.slice(html.indexOf('data-testid="results-toolbar"'), html.indexOf("<aside"));
  for (const id of ["scan-select", "compare-select", "filter-text", "filter-signals"]) {
    assert.match(toolbar, new RegExp(`data-testid="${id}"`));
  }
  assert.match(toolbar, /data-testid="range-filters"/);
  assert.match(toolbar, /data-testid="column-chooser"/);
});

Deno.test("ScreenerGrid - a default scan is labelled, folds the settings and ticks its screeners", () => {
  const scan = {
    id: "default",
    createdTs: Date.UTC(2026, 0, 2),
    request: { screeners: [{ name: "darvas", params: {} }] },
    regime: null,
    rows: [],
    sparks: {},
    counts: { symbols: 0, rows: 0, passing: 0, notEvaluated: 0 },
  } as unknown as ScreenerGridProps["initialScan"];
  const html = renderToString(
    <ScreenerGrid
      {...EMPTY}
      screeners={[{
        name: "darvas",
        title: "D",
        category: "trend",
        needs: [],
        backtestStrategy: null,
      }]}
      initialScan={scan}
      defaultNote="D over 0 stored symbols."
    />,
  );
  assert.match(
    html,
    /data-testid="default-note"><strong>Default scan, not saved:<\/strong> <span>D over 0 stored symbols\.<\/span>/,
  );
  assert.match(html, /<details class="settings" data-testid="scan-settings">/);
  assert.match(html, /name="screener" value="darvas" checked/);
  assert.match(html, /<select data-testid="compare-select" disabled>/);
});

Deno.test("volumeCutNote - names N, window and who asked; null without a cut", () => {
  assert.equal(
    volumeCutNote({ volumeCut: { count: 50, period: 20, source: "vertical_put", cut: 10 } }),
    "Top 50 by 20-bar average volume (asked by vertical_put): 10 symbols cut",
  );
  assert.equal(
    volumeCutNote({ volumeCut: { count: 2, period: 5, source: "request", cut: 1 } }),
    "Top 2 by 5-bar average volume (set in Scan settings): 1 symbol cut",
  );
  assert.equal(volumeCutNote({ volumeCut: null }), null);
  assert.equal(volumeCutNote({}), null, "scans stored before the cut existed");
});

Deno.test("ScreenerGrid - Scan settings has the top-N-by-volume inputs, empty by default", () => {
  const html = renderToString(<ScreenerGrid {...EMPTY} />);
  assert.match(html, /Top N by volume/);
  const input = html.match(/<input[^>]*data-testid="top-volume"[^>]*>/)?.[0] ?? "";
  assert.match(input, /placeholder="screener default"/);
  assert.doesNotMatch(input, /value="\d/, "empty = the screeners' own cut");
  assert.match(html, /data-testid="top-volume-period"/);
});
