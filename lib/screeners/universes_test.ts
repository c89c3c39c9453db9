import assert from "node:assert/strict";
import {
  benchmarkForSymbol,
  REGIONS,
  regionSymbols,
  sectorOf,
  sectorSymbols,
} from "./universes.ts";

Deno.test("universes - sizes match the original's lists", async () => {
  assert.equal((await regionSymbols("us")).length, 160);
  assert.equal((await regionSymbols("united_states")).length, 442);
  assert.equal((await regionSymbols("uk")).length, 340);
  assert.equal((await regionSymbols("india")).length, 100);
  assert.equal((await regionSymbols("uk_euro")).length, 150);
  assert.equal((await regionSymbols("liquid_options")).length, 72);
  assert.equal((await regionSymbols("options_only")).length, 75);
  const sp = await regionSymbols("sp500");
  assert.ok(sp.length >= 498 && new Set(sp).size === sp.length);
  for (const r of REGIONS) {
    assert.ok((await regionSymbols(r)).every((s) => s === s.trim() && s.length > 0));
  }
});

Deno.test("universes - suffixes, sectors and benchmarks", async () => {
  assert.ok((await regionSymbols("uk")).every((s) => s.endsWith(".L")));
  assert.ok((await regionSymbols("india")).every((s) => s.endsWith(".NS")));
  assert.equal(benchmarkForSymbol("VOD.L"), "^FTSE");
  assert.equal(benchmarkForSymbol("TCS.NS"), "^NSEI");
  assert.equal(benchmarkForSymbol("AAPL"), "SPY");
  assert.ok(sectorSymbols("xlk")!.includes("AAPL"));
  assert.equal(sectorOf("AAPL"), "XLK");
  assert.equal(sectorSymbols("NOPE"), null);
});
