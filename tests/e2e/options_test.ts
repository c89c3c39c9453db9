// Browser test of the options calculator: after hydration every number comes from core.wasm in
// the page, and the calculator keeps computing (price, Greeks, IV, chart) after the server stops.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { launchBrowser, startServer, waitForIslands } from "./helpers.ts";
import { bsm } from "../../lib/options/bsm.ts";
import { american } from "../../lib/options/american.ts";

async function computedCount(page: Page): Promise<number> {
  return Number(await page.getAttribute("#options-calculator", "data-computed"));
}

/** Types into an input and waits until the island has recomputed. */
async function setInput(page: Page, name: string, value: string) {
  const before = await computedCount(page);
  await page.fill(`#options-calculator [name=${name}]`, value);
  await page.waitForFunction(
    (n) => Number(document.querySelector("#options-calculator")!.getAttribute("data-computed")) > n,
    before,
  );
}

async function shown(page: Page, key: string): Promise<string> {
  return (await page.textContent(`[data-testid=oc-${key}]`))!.trim();
}

Deno.test({
  name: "options page - numbers come from WASM in the browser and survive the server stopping",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser();
    const { page } = browser;
    let stopped = false;
    try {
      const wasmRequests: string[] = [];
      page.on("request", (r) => {
        if (r.url().endsWith("/static/build/core.wasm")) wasmRequests.push(r.url());
      });
      await page.goto(`${server.url}/options`);
      await waitForIslands(page);
      await page.waitForSelector("#options-calculator[data-backend=wasm]", { timeout: 15_000 });
      assert.equal(wasmRequests.length, 1, "core.wasm fetched once");

      const base = { rate: 0.1, vol: 0.2, time: 182.5 / 365, dividend: 0 };
      assert.equal(
        await shown(page, "price"),
        bsm({ type: "call", spot: 42, strike: 40, ...base }).price.toFixed(4),
      );
      await setInput(page, "spot", "45");
      assert.equal(
        await shown(page, "price"),
        bsm({ type: "call", spot: 45, strike: 40, ...base }).price.toFixed(4),
      );

      await server.stop();
      stopped = true;
      await assert.rejects(fetch(`${server.url}/options`));

      // still computing, now with the server gone
      await setInput(page, "volPct", "35");
      const c = { type: "call" as const, spot: 45, strike: 40, ...base, vol: 0.35 };
      const g = bsm(c);
      assert.equal(await shown(page, "price"), g.price.toFixed(4));
      assert.equal(await shown(page, "delta"), g.delta.toFixed(4));
      assert.equal(await shown(page, "thetaPerDay"), g.thetaPerDay.toFixed(5));
      assert.equal(await shown(page, "vegaPerPct"), g.vegaPerPct.toFixed(5));

      await setInput(page, "marketPrice", g.price.toFixed(6));
      assert.match(await shown(page, "iv"), /^Implied vol 35\.00\d\d %$/);
      await setInput(page, "marketPrice", "1");
      assert.match(await shown(page, "iv"), /No implied vol: price is below/);

      const before = await computedCount(page);
      await page.selectOption("#options-calculator [name=type]", "put");
      await page.selectOption("#options-calculator [name=style]", "american");
      await page.waitForFunction(
        (n) =>
          Number(document.querySelector("#options-calculator")!.getAttribute("data-computed")) >=
            n + 2,
        before,
      );
      const am = american({ ...c, type: "put" });
      assert.equal(await shown(page, "price"), am.price.toFixed(4));
      assert.equal(await page.getAttribute("#options-calculator", "data-backend"), "wasm");
      assert.equal(await page.locator("#oc-chart canvas").count() > 0, true, "payoff chart drawn");
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      if (!stopped) await server.stop();
    }
  },
});
