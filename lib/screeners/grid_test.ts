import assert from "node:assert/strict";
import {
  applyFilters,
  formatCell,
  type GridRow,
  sortRows,
  toggleSort,
  valueColumns,
  visibleWindow,
} from "./grid.ts";

function row(
  symbol: string,
  signal: GridRow["signal"],
  score: number | null,
  extra: Partial<GridRow> = {},
): GridRow {
  return {
    key: `${symbol}|turtle|1d`,
    symbol,
    timeframe: "1d",
    screener: "turtle",
    signal,
    label: signal.toUpperCase(),
    direction: null,
    score,
    price: 10,
    entry: null,
    stop: null,
    target: null,
    ts: null,
    reason: "",
    values: { rsi: score, note: "x" },
    ...extra,
  };
}

const rows = [
  row("AAPL", "buy", 90),
  row("MSFT", "wait", 10),
  row("NVDA", "buy", null),
  row("AMD", "sell", 50),
];

Deno.test("grid filters - text, signal type and numeric ranges combine", () => {
  const f = (over: object) =>
    applyFilters(rows, { text: "", signals: [], ranges: {}, ...over }).map((r) => r.symbol);
  assert.deepEqual(f({ text: "aM" }), ["AMD"]); // case-insensitive
  assert.deepEqual(f({ text: "wait" }), ["MSFT"]); // labels match too
  assert.deepEqual(f({ signals: ["buy"] }), ["AAPL", "NVDA"]);
  assert.deepEqual(f({ ranges: { score: { min: 20 } } }), ["AAPL", "AMD"]); // null fails a range
  assert.deepEqual(f({ ranges: { "v.rsi": { min: 20, max: 60 } } }), ["AMD"]);
  assert.deepEqual(f({ signals: ["buy", "sell"], ranges: { score: { max: 60 } } }), ["AMD"]);
  assert.deepEqual(f({ only: new Set(["MSFT|turtle|1d"]) }), ["MSFT"]);
  assert.deepEqual(f({ ranges: { score: { min: null, max: null } } }).length, 4);
});

Deno.test("grid sort - click toggles asc/desc/none, shift+click builds a multi-key sort", () => {
  let keys = toggleSort([], "score", false);
  assert.deepEqual(keys, [{ col: "score", dir: 1 }]);
  keys = toggleSort(keys, "score", false);
  assert.deepEqual(keys, [{ col: "score", dir: -1 }]);
  assert.deepEqual(toggleSort(keys, "score", false), []);
  keys = toggleSort([{ col: "signal", dir: 1 }], "score", true);
  assert.deepEqual(keys, [{ col: "signal", dir: 1 }, { col: "score", dir: 1 }]);
  keys = toggleSort(keys, "score", true);
  assert.deepEqual(keys[1], { col: "score", dir: -1 });
  assert.deepEqual(toggleSort(keys, "score", true), [{ col: "signal", dir: 1 }]);
  assert.deepEqual(toggleSort(keys, "symbol", false), [{ col: "symbol", dir: 1 }]);
});

Deno.test("grid sort - multi-key order, nulls last either way, pinned rows first", () => {
  const by = (keys: Parameters<typeof sortRows>[1], pinned?: Set<string>) =>
    sortRows(rows, keys, pinned).map((r) => r.symbol);
  assert.deepEqual(by([{ col: "score", dir: 1 }]), ["MSFT", "AMD", "AAPL", "NVDA"]);
  assert.deepEqual(by([{ col: "score", dir: -1 }]), ["AAPL", "AMD", "MSFT", "NVDA"]);
  assert.deepEqual(by([{ col: "signal", dir: 1 }, { col: "score", dir: -1 }]), [
    "AAPL",
    "NVDA",
    "AMD",
    "MSFT",
  ]);
  assert.deepEqual(by([{ col: "score", dir: -1 }], new Set(["MSFT"])), [
    "MSFT",
    "AAPL",
    "AMD",
    "NVDA",
  ]);
  assert.deepEqual(by([]), ["AAPL", "MSFT", "NVDA", "AMD"]); // stable
});

Deno.test("grid - value columns, virtual window and cell formatting", () => {
  assert.deepEqual(valueColumns(rows).map((c) => [c.id, c.numeric]), [["v.note", false], [
    "v.rsi",
    true,
  ]]);
  assert.deepEqual(visibleWindow(0, 340, 34, 5000, 5), {
    start: 0,
    end: 15,
    padTop: 0,
    padBottom: 4985 * 34,
  });
  const w = visibleWindow(34 * 1000, 340, 34, 5000, 5);
  assert.equal(w.start, 995);
  assert.equal(w.end, 1015);
  assert.equal(w.padTop + (w.end - w.start) * 34 + w.padBottom, 5000 * 34);
  assert.deepEqual(visibleWindow(0, 340, 34, 3, 5), { start: 0, end: 3, padTop: 0, padBottom: 0 });
  assert.equal(formatCell(null), "–");
  assert.equal(formatCell(1234.5), "1234.50");
  assert.equal(formatCell(0.01234), "0.0123");
  assert.equal(formatCell(Date.UTC(2024, 0, 2), "breakoutTs"), "2024-01-02");
});
