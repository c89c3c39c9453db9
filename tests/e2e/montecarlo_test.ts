/**
 * Browser tests for the Monte Carlo sandbox: the charts are drawn, change when knobs move, keep
 * recomputing after the server is stopped (no reload, no fetch), in both themes and at phone
 * width. The drawdown and CAGR histograms are checked on their canvas: bar-coloured pixels,
 * 30 bins holding every path, and the dashed ruin-threshold line where the chart says it is.
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

interface DrawnHistogram {
  /** Paths per bin, as the island reports them (data-counts). */
  counts: number[];
  /** Canvas pixels in the bars' colour (red for drawdown, green for CAGR). */
  barPixels: number;
  /** Canvas x of the ruin line (drawdown histogram only). */
  markerX?: number;
  /** Accent-blue pixels in the 3 columns around markerX. */
  markerPixels: number;
}

/** Reads a histogram's bars and ruin line back from its canvas. */
async function drawnHistogram(page: Page, id: string): Promise<DrawnHistogram> {
  return await page.evaluate((id) => {
    const el = document.getElementById(id)!;
    const canvas = el.querySelector("canvas")!;
    const { width, height } = canvas;
    const px = canvas.getContext("2d")!.getImageData(0, 0, width, height).data;
    const red = id === "mc-dd-hist";
    let barPixels = 0;
    for (let i = 0; i < px.length; i += 4) {
      const r = px[i], g = px[i + 1], b = px[i + 2];
      if (red ? r > 120 && r - g > 70 && r - b > 70 : g > 100 && g - r > 50 && g - b > 30) {
        barPixels++;
      }
    }
    const markerX = el.dataset.markerX === undefined ? undefined : Number(el.dataset.markerX);
    let markerPixels = 0;
    if (markerX !== undefined) {
      for (let y = 0; y < height; y++) {
        for (let dx = -1; dx <= 1; dx++) {
          const i = (y * width + markerX + dx) * 4;
          if (px[i + 2] > 150 && px[i + 2] - px[i] > 60) markerPixels++;
        }
      }
    }
    const counts = (el.dataset.counts ?? "").split(",").filter(Boolean).map(Number);
    return { counts, barPixels, markerX, markerPixels };
  }, id);
}

/** Both histograms are drawn: 30 bins holding every path, visible bars, the ruin line. */
async function assertHistograms(page: Page, paths: number) {
  const dd = await drawnHistogram(page, "mc-dd-hist");
  const cagr = await drawnHistogram(page, "mc-cagr-hist");
  for (const h of [dd, cagr]) {
    assert.equal(h.counts.length, 30);
    assert.equal(h.counts.reduce((a, b) => a + b), paths);
    assert.ok(h.barPixels > 500, `bar pixels ${h.barPixels}`);
  }
  assert.ok(dd.markerX !== undefined && dd.markerPixels > 20, `ruin line ${dd.markerPixels}`);
  return { dd, cagr };
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
    const hist0 = await assertHistograms(page, 2000);
    // numbers with separators, trade counts whole; slider values on their label's line
    await page.waitForSelector("#mc-table");
    assert.match(await page.textContent("#mc-final") ?? "", /^\d{1,3}(,\d{3})+$/);
    const recover = await page.$$eval(
      "#mc-table tbody tr:last-child td.num",
      (tds) => tds.map((td) => td.textContent ?? ""),
    );
    assert.ok(recover.every((t) => /^[\d,]+$/.test(t)), recover.join(" "));
    const tops = await page.$$eval(
      ".mc-sandbox .form-row:nth-child(2) label",
      (ls) => ls.map((l) => Math.round(l.getBoundingClientRect().height)),
    );
    assert.ok(Math.max(...tops) - Math.min(...tops) <= 4, `label heights ${tops}`);

    await setValue(page, "#mc-winrate", "35");
    await changed(page, first);
    await changed(page, first, "mc-dd-hist");
    await changed(page, first, "mc-cagr-hist");
    const ruin1 = await page.textContent("#mc-ruin-prob");
    assert.notEqual(ruin1, ruin0, "a lower win rate changes the risk of ruin");
    const hist1 = await assertHistograms(page, 2000);
    assert.notDeepEqual(hist1.dd.counts, hist0.dd.counts, "the drawdown bars changed");
    assert.notDeepEqual(hist1.cagr.counts, hist0.cagr.counts, "the CAGR bars changed");

    // a deeper ruin threshold moves the line right; the drawdowns themselves do not change
    await setValue(page, "#mc-ruin", "-50");
    await page.waitForFunction(() =>
      document.getElementById("mc-dd-hist")!.dataset.marker === "50" &&
      document.getElementById("mc-ruin-prob")!.textContent !== "…"
    );
    await page.waitForFunction(
      (x) => Number(document.getElementById("mc-dd-hist")!.dataset.markerX) > x,
      hist1.dd.markerX!,
    );
    const hist2 = await assertHistograms(page, 2000);
    assert.deepEqual(hist2.dd.counts, hist1.dd.counts);
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
    await assertHistograms(page, 2000); // dark theme colours, phone width
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/montecarlo_phone_dark.png`, fullPage: true });
    }
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
