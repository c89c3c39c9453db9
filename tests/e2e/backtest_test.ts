/**
 * Browser tests for the backtester: run with progress, report charts (equity vs buy and hold,
 * underwater, candles with trade markers, monthly heatmap), sortable trade log, export, compare
 * two runs, rename, share a read-only link (anonymous access, revocation), delete; dark theme at
 * phone width.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { hasHorizontalScroll, launchBrowser, startServer, waitForIslands } from "./helpers.ts";

const SHOTS = Deno.env.get("TF_SCREENSHOTS");

async function sig(page: Page, id: string): Promise<string | undefined> {
  return await page.evaluate((i) => {
    const el = document.getElementById(i);
    return el?.querySelector("canvas") ? el.dataset.sig : undefined;
  }, id);
}

async function runBacktest(page: Page, name: string, params: Record<string, string>) {
  await page.fill("#bt-name", name);
  for (const [k, v] of Object.entries(params)) await page.fill(`#bt-params input[name=${k}]`, v);
  await page.click("#bt-run");
  await page.waitForFunction(
    (n) =>
      document.querySelector("#bt-result h2")?.textContent === n &&
      !!document.querySelector("#bt-equity canvas") &&
      !!document.querySelector("#bt-candles canvas"),
    name,
  );
}

Deno.test("backtest page - run, report, sort, export, compare, rename, share, revoke, delete", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await browser.context.addCookies([{ name: "tf_theme", value: "light", url: server.url }]);
    await page.goto(server.url + "/backtest");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
    await waitForIslands(page);
    await page.waitForSelector(".backtest-lab[data-hydrated=true]");
    await page.fill("#bt-symbols", "QQQ");
    await page.selectOption("#bt-strategy", "turtle");
    await page.fill("#bt-commission", "0.1");
    // the progress bar shows while the run is under way
    await page.evaluate(() => {
      const w = globalThis as unknown as { sawProgress: boolean };
      w.sawProgress = false;
      new MutationObserver(() => {
        if (document.getElementById("bt-progress")) w.sawProgress = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await runBacktest(page, "Turtle 20", { entry: "20", exit: "10" });
    assert.ok(
      await page.evaluate(() => (globalThis as unknown as { sawProgress: boolean }).sawProgress),
    );
    const eq1 = await sig(page, "bt-equity");
    assert.ok(eq1 && await sig(page, "bt-drawdown"));
    // the price chart (the chart engine) shows the whole run with its trade markers drawn
    await page.waitForSelector("#bt-candles[data-ready=true]");
    const candles1 = await sig(page, "bt-candles");
    const drawn = await page.evaluate(() => {
      const el = document.getElementById("bt-candles")!;
      return { markers: Number(el.dataset.markers), bars: Number(el.dataset.bars) };
    });
    assert.ok(candles1 && drawn.markers > 0 && drawn.bars > 1000, JSON.stringify(drawn));
    // the strategy menu shows titles and sends ids
    assert.equal(await page.textContent("#bt-strategy option[value=turtle]"), "Turtle breakout");
    assert.ok(await page.locator("#bt-monthly tbody tr").count() >= 2);
    const trades = await page.locator("#bt-trades tbody tr").count();
    assert.ok(trades > 3, `${trades} trades`);
    // buy and hold is drawn beside the strategy
    assert.match(await page.textContent("#bt-equity") ?? "", /Buy & hold/);

    // QA fixes at 1280: the monthly table shows December and the total (or scrolls to them),
    // the trade log scrolls inside a capped box, stats are formatted by unit, markers have a key
    const layout = await page.evaluate(() => {
      const wrap = document.querySelector("#bt-monthly")!.parentElement!;
      const last = document.querySelector("#bt-monthly thead th:last-child")!;
      const log = document.querySelector("#bt-trades")!.parentElement!;
      const stats = [...document.querySelectorAll("#bt-stats tr")].map((tr) =>
        [...tr.querySelectorAll("td")].map((td) => td.textContent)
      );
      return {
        lastHeader: last.textContent,
        lastRight: last.getBoundingClientRect().right,
        wrapRight: wrap.getBoundingClientRect().right,
        scrolls: wrap.scrollWidth > wrap.clientWidth && getComputedStyle(wrap).overflowX === "auto",
        logHeight: log.getBoundingClientRect().height,
        logScrolls: log.scrollHeight > log.clientHeight,
        stats: Object.fromEntries(stats),
        key: document.querySelector("#bt-candles-key")?.textContent ?? "",
      };
    });
    assert.equal(layout.lastHeader, "Total");
    assert.ok(layout.lastRight <= layout.wrapRight + 1 || layout.scrolls, JSON.stringify(layout));
    assert.ok(layout.logHeight <= 482 && layout.logScrolls, `trade log ${layout.logHeight}px`);
    assert.match(layout.stats["Max DD duration (days)"]!, /^[\d,]+$/);
    assert.match(layout.stats["Final equity"]!, /^-?\d{1,3}(,\d{3})*\.\d\d$/);
    assert.match(layout.key, /long entry.*short entry.*exit/);

    // sortable trade log: PnL ascending
    await page.click("#bt-trades th[data-key=pnl]");
    const pnls = await page.$$eval(
      "#bt-trades tbody tr td:nth-child(8)",
      (tds) => tds.map((td) => Number(td.textContent!.replace(/,/g, ""))),
    );
    assert.deepEqual(pnls, [...pnls].sort((a, b) => a - b));

    // export
    const download = page.waitForEvent("download");
    await page.click("#bt-export-trades");
    const file = await download;
    assert.match(file.suggestedFilename(), /trades\.csv$/);

    // a second run (Turtle 55) changes the charts
    await runBacktest(page, "Turtle 55", { entry: "55", exit: "20" });
    // (charts redraw in effects after the report renders: wait for the new signature)
    await page.waitForFunction((prev) => {
      const el = document.getElementById("bt-equity");
      return !!el?.querySelector("canvas") && !!el.dataset.sig && el.dataset.sig !== prev;
    }, eq1);
    await page.waitForFunction(
      (prev) => {
        const el = document.getElementById("bt-candles");
        return el?.dataset.ready === "true" && el.dataset.sig !== prev;
      },
      candles1,
    );
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/backtest_light.png`, fullPage: true });

    // compare the two runs
    await page.waitForFunction(() => document.querySelectorAll("#bt-runs tbody tr").length === 2);
    for (const box of await page.locator(".bt-select").all()) await box.check();
    await page.click("#bt-compare-button");
    await page.waitForSelector("#bt-compare-chart canvas");
    assert.equal(await page.locator("#bt-compare-table thead th").count(), 4);
    assert.ok(await page.locator("#bt-compare-table tbody tr").count() > 10);

    // rename (stored through the API)
    const row = page.locator("#bt-runs tbody tr").first();
    const id = await row.getAttribute("data-run");
    await row.locator(".bt-run-name").fill("Renamed run");
    await row.locator(".bt-run-name").dispatchEvent("change");
    await page.waitForFunction(async (i) => {
      const r = await fetch(`/api/v1/backtests/${i}`).then((r) => r.json());
      return r.name === "Renamed run";
    }, id);

    // share: the link works without a session; revoking kills it
    await row.locator(".bt-share").click();
    await row.locator(".bt-share-link").waitFor();
    const href = await row.locator(".bt-share-link").getAttribute("href");
    assert.match(href!, /^\/share\/[A-Za-z0-9_-]{24}$/);
    const anon = await fetch(server.url + href, { redirect: "manual" });
    const html = await anon.text();
    assert.equal(anon.status, 200);
    assert.match(html, /Renamed run/);
    assert.match(html, /data-island="BacktestView"/);
    await page.goto(server.url + href!);
    await waitForIslands(page);
    await page.waitForSelector("#bt-equity canvas");
    await page.waitForSelector("#bt-candles canvas");
    await page.goto(server.url + "/backtest"); // the share is listed by the server too
    await waitForIslands(page);
    await page.locator(`#bt-runs tr[data-run="${id}"] .bt-unshare`).click();
    await page.locator(`#bt-runs tr[data-run="${id}"] .bt-share`).waitFor();
    assert.equal(
      await fetch(server.url + href).then(async (r) => (await r.body?.cancel(), r.status)),
      404,
    );
    const guessed = await fetch(server.url + "/share/AAAAAAAAAAAAAAAAAAAAAAAA");
    await guessed.body?.cancel();
    assert.equal(guessed.status, 404);

    // delete
    await page.locator(`#bt-runs tr[data-run="${id}"] .bt-delete`).click();
    await page.waitForFunction(() => document.querySelectorAll("#bt-runs tbody tr").length === 1);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

Deno.test("backtest page - dark theme at phone width: report drawn without sideways scroll", async () => {
  const server = await startServer();
  const browser = await launchBrowser({ width: 375, height: 800 });
  try {
    const { page } = browser;
    await browser.context.addCookies([{ name: "tf_theme", value: "dark", url: server.url }]);
    await page.goto(server.url + "/backtest");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    await waitForIslands(page);
    await page.waitForSelector(".backtest-lab[data-hydrated=true]");
    await page.fill("#bt-symbols", "IWM");
    await page.selectOption("#bt-strategy", "sma_cross");
    await runBacktest(page, "phone run", { fast: "10", slow: "40" });
    const width = await page.evaluate(() =>
      document.querySelector("#bt-equity canvas")!.getBoundingClientRect().width
    );
    assert.ok(width > 200 && width <= 375, `equity chart width ${width}`);
    assert.equal(await hasHorizontalScroll(page), false);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/backtest_phone_dark.png`, fullPage: true });
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
