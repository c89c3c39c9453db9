import assert from "node:assert/strict";
import { checkSpec, specLabel } from "./layout.ts";
import { ChartLayout, DrawingSet } from "./drawing_schema.ts";

Deno.test("checkSpec - normalises valid specs and rejects wrong slots and parameters", () => {
  assert.deepEqual(checkSpec("overlay", "bbands:20"), { ok: true, spec: "bbands:20:2" });
  assert.deepEqual(checkSpec("pane", "RSI"), { ok: true, spec: "rsi:14" });
  assert.deepEqual(checkSpec("pane", "volume"), { ok: true, spec: "volume" });
  assert.equal(checkSpec("pane", "sma:20").ok, false);
  assert.equal(checkSpec("overlay", "rsi:14").ok, false);
  assert.equal(checkSpec("overlay", "sma:0").ok, false);
  assert.equal(specLabel("macd:12:26:9"), "MACD 12 26 9");
});

Deno.test("ChartLayout - fills defaults and names the bad spec's index", () => {
  assert.deepEqual(ChartLayout.parse({}), {
    overlays: [],
    panes: [],
    scale: "linear",
    volume: true,
  });
  const bad = ChartLayout.safeParse({ panes: ["rsi", "sma:3"] });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues[0].path, ["panes", 1]);
});

Deno.test("DrawingSet - rejects duplicate ids, unknown kinds and non-finite prices", () => {
  const a = { ts: 1, price: 2 };
  assert.equal(
    DrawingSet.safeParse({ drawings: [{ id: "x", kind: "trend", a, b: a }] }).success,
    true,
  );
  assert.equal(
    DrawingSet.safeParse({
      drawings: [{ id: "x", kind: "hline", price: 1 }, { id: "x", kind: "hline", price: 2 }],
    }).success,
    false,
  );
  assert.equal(DrawingSet.safeParse({ drawings: [{ id: "y", kind: "circle", a }] }).success, false);
  assert.equal(
    DrawingSet.safeParse({ drawings: [{ id: "y", kind: "hline", price: Infinity }] }).success,
    false,
  );
});
