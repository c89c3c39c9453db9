/**
 * Browser tests for the Monte Carlo sandbox: the charts are drawn, change when knobs move, keep
 * recomputing after the server is stopped (no reload, no fetch), in both themes and at phone
 * width.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { hasHorizontalScroll, launchBrowser, startServer, waitForIslands } from "./helpers.ts";

const SHOTS = Deno.env.get("TF_SCREENSHOTS"); // a folder to save screenshots in, when set

async function sigs(page: Page): Promise<Record<string, string | undefined>> {
  return await page.evaluate(() => {
    const out: Record<string, string | undefined> = {};
    for (const id of ["mc-fan", "mc-dd-hist", "mc-cagr-hist"]) {
      const el = document.getElementById(id)!;
      out[id] = el.querySelector("canvas") ? el.dataset.sig : undefined;
    }
    return out;
  });
}

/** Sets an input's value as a user would and fires `input`. */
async function setValue(page: Page, selector: string, value: string) {
  await page.evaluate(([sel, v]) => {
    const el = document.querySelector<HTMLInputElement>(sel)!;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    setter.call(el, v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, [selector, value] as const);
}

async function changed(page: Page, before: Record<string, string | undefined>, id = "mc-fan") {
  await page.waitForFunction(
    ([i, s]) => {
      const el = document.getElementById(i)!;
      return !!el.querySelector("canvas") && el.dataset.sig !== s;
    },
    [id, before[id]] as const,
  );
}

async function ready(page: Page) {
  await waitForIslands(page);
  await page.waitForFunction(() =>
    document.querySelector<HTMLElement>(".mc-sandbox")?.dataset.ready === "true" &&
    !!document.querySelector("#mc-fan canvas") && !!document.querySelector("#mc-dd-hist canvas")
  );
}

Deno.test("montecarlo page - charts drawn, live recompute, and still working after the server stops", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  let stopped = false;
  try {
    const { page } = browser;
    await browser.context.addCookies([{ name: "tf_theme", value: "light", url: server.url }]);
    await page.goto(server.url + "/montecarlo");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
    await ready(page);
    const first = await sigs(page);
    assert.ok(first["mc-fan"] && first["mc-dd-hist"] && first["mc-cagr-hist"]);
    const ruin0 = await page.textContent("#mc-ruin-prob");
    assert.match(ruin0!, /%$/);

    await setValue(page, "#mc-winrate", "35");
    await changed(page, first);
    await changed(page, first, "mc-dd-hist");
    const ruin1 = await page.textContent("#mc-ruin-prob");
    assert.notEqual(ruin1, ruin0, "a lower win rate changes the risk of ruin");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/montecarlo_light.png`, fullPage: true });

    // the server goes away; the sandbox keeps recomputing without a reload
    await server.stop();
    stopped = true;
    const offline = await sigs(page);
    await setValue(page, "#mc-payoff", "3");
    await changed(page, offline);
    await setValue(page, "#mc-slippage", "0.2");
    await changed(page, await sigs(page).then((s) => ({ ...s, "mc-fan": offline["mc-fan"] })));
    await page.selectOption("#mc-ruin-mode", "capital");
    await page.waitForFunction(() =>
      /%$/.test(document.getElementById("mc-ruin-prob")!.textContent!)
    );
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    if (!stopped) await server.stop();
  }
});

Deno.test("montecarlo page - dark theme at phone width: drawn, no sideways scroll, resampling modes", async () => {
  const server = await startServer();
  const browser = await launchBrowser({ width: 375, height: 800, colorScheme: "dark" });
  try {
    const { page } = browser;
    // a saved backtest becomes a trade source
    const made = await fetch(server.url + "/api/v1/backtests", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ symbols: ["QQQ"], strategy: "sma_cross", name: "mc-bt" }),
    });
    assert.equal(made.status, 200);
    const { id } = await made.json();
    await browser.context.addCookies([{ name: "tf_theme", value: "dark", url: server.url }]);
    await page.goto(server.url + "/montecarlo");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    await ready(page);
    assert.equal(await hasHorizontalScroll(page), false);
    const width = await page.evaluate(() =>
      document.querySelector("#mc-fan canvas")!.getBoundingClientRect().width
    );
    assert.ok(width > 200 && width <= 375, `fan chart width ${width}`);
    // an uploaded trade list, resampled four ways
    await page.setInputFiles("#mc-upload", {
      name: "trades.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "returnPct\n" + Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? -1.2 : 1.5)).join("\n"),
      ),
    });
    await page.waitForFunction(() =>
      (document.getElementById("mc-source") as HTMLSelectElement).value === "upload"
    );
    let before = await sigs(page);
    for (const mode of ["reshuffle", "block", "skip", "bootstrap"]) {
      await page.selectOption("#mc-mode", mode);
      await changed(page, before);
      before = await sigs(page);
    }
    await page.selectOption("#mc-source", "bt:" + id);
    await changed(page, before);
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/montecarlo_phone_dark.png`, fullPage: true });
    }
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
