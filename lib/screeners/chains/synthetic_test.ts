import assert from "node:assert/strict";
import { CORE_WASM_URL, loadServerKernels } from "../../../core-wasm/load_server.ts";
import { bsmBatch } from "../../options/bsm.ts";
import { barsFromCloses, randomWalk } from "../test_bars.ts";
import { strikeStep, syntheticChain, syntheticProvider } from "./synthetic.ts";

Deno.test("synthetic chain - WASM kernels and the TypeScript reference give the same quotes", async () => {
  const kernels = await loadServerKernels({ log: () => {} });
  const built = await Deno.stat(CORE_WASM_URL).then(() => true, () => false);
  if (built) assert.equal(kernels.backend, "wasm"); // else the fallback runs (npm run build:wasm)
  const bars = barsFromCloses(randomWalk(300, 8, 150));
  const a = syntheticChain("X", bars, kernels)!;
  const b = syntheticChain("X", bars, { bsmBatch })!;
  assert.equal(a.expiries.length, b.expiries.length);
  for (let e = 0; e < a.expiries.length; e++) {
    const qa = a.expiries[e].quotes;
    const qb = b.expiries[e].quotes;
    assert.equal(qa.length, qb.length);
    for (let i = 0; i < qa.length; i++) {
      assert.equal(qa[i].strike, qb[i].strike);
      assert.ok(
        Math.abs(qa[i].last - qb[i].last) <= 0.01,
        `${qa[i].strike}: ${qa[i].last} vs ${qb[i].last}`,
      );
    }
  }
});

Deno.test("synthetic chain - strike grid, expiries and the provider wrapper", async () => {
  assert.equal(strikeStep(10), 0.5);
  assert.equal(strikeStep(100), 1);
  assert.equal(strikeStep(500), 5);
  assert.equal(strikeStep(2000), 10);
  const bars = barsFromCloses(randomWalk(300, 9, 100));
  const p = syntheticProvider((s) => Promise.resolve(s === "X" ? bars : null), { bsmBatch });
  assert.equal(p.synthetic, true);
  const chain = (await p.getChain("X"))!;
  assert.equal(chain.asOfTs, bars.ts[bars.length - 1]);
  assert.equal(chain.expiries[0].expiryTs - chain.asOfTs, 7 * 86_400_000);
  const strikes = chain.expiries[0].quotes.map((q) => q.strike);
  assert.ok(
    Math.min(...strikes) >= 0.6 * chain.spot - 1 && Math.max(...strikes) <= 1.4 * chain.spot + 1,
  );
  assert.equal(await p.getChain("Y"), null);
  assert.equal(syntheticChain("E", barsFromCloses([]), { bsmBatch }), null);
});
