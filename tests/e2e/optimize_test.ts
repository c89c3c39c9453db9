/**
 * Browser tests for optimisation and walk-forward analysis on /backtest: a grid search in the
 * browser's web worker (heatmap, top table, DSR and PBO), the same on the server through the
 * queue, the heatmap changing with the objective, a walk-forward run (stitched OOS equity,
 * windows, stability), the dark theme at phone width, and saved optimisations (a browser run
 * saved to the server, listed, reopened with its diagnostics and its form, deleted).
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { hasHorizontalScroll, launchBrowser, startServer, waitForIslands } from "./helpers.ts";

const SHOTS = Deno.env.get("TF_SCREENSHOTS");

async function setAxis(page: Page, param: string, min: number, max: number, step: number) {
  const row = page.locator(`#opt-axes tr[data-param=${param}]`);
  await row.locator(".opt-search").check();
  await row.locator(".opt-min").fill(String(min));
  await row.locator(".opt-max").fill(String(max));
  await row.locator(".opt-step").fill(String(step));
}

async function open(page: Page, url: string) {
  await page.goto(url + "/backtest#optimise");
  await waitForIslands(page);
  await page.waitForSelector(".optimize-panel[data-hydrated=true]");
  await page.fill("#opt-symbols", "QQQ");
  await page.selectOption("#opt-strategy", "sma_cross");
  await setAxis(page, "fast", 5, 30, 5);
  await setAxis(page, "slow", 20, 120, 20);
}

async function runAndWait(page: Page, where: "browser" | "server", previous?: string) {
  await page.selectOption("#opt-where", where);
  await page.evaluate(() => {
    const w = globalThis as unknown as { sawProgress: boolean };
    w.sawProgress = false;
    new MutationObserver(() => {
      if (document.getElementById("opt-progress")) w.sawProgress = true;
    }).observe(document.body, { subtree: true, childList: true });
  });
  await page.click("#opt-run");
  await page.waitForFunction(
    ([w, prev]) => {
      const ran = document.getElementById("opt-ran");
      const c = document.getElementById("opt-heatmap") as HTMLCanvasElement | null;
      return ran?.dataset.where === w && !!c?.dataset.sig && c.dataset.sig !== prev &&
        !document.getElementById("opt-progress");
    },
    [where, previous ?? ""] as const,
  );
  assert.ok(
    await page.evaluate(() => (globalThis as unknown as { sawProgress: boolean }).sawProgress),
    "a progress bar was shown",
  );
  return await page.evaluate(() => document.getElementById("opt-heatmap")!.dataset.sig!);
}

Deno.test("optimize - grid search in the browser and on the server, diagnostics, walk-forward", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await browser.context.addCookies([{ name: "tf_theme", value: "light", url: server.url }]);
    await open(page, server.url);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
    assert.match(await page.textContent("#opt-points") ?? "", /^36 parameter sets/);
    await page.fill("#opt-mintrades", "10");
    const sig1 = await runAndWait(page, "browser");
    const dsr = Number(await page.textContent("#opt-dsr"));
    const pbo = Number(await page.textContent("#opt-pbo"));
    assert.ok(dsr >= 0 && dsr <= 1, `DSR ${dsr}`);
    assert.ok(pbo >= 0 && pbo <= 1, `PBO ${pbo}`);
    assert.ok(await page.locator("#opt-top tbody tr").count() > 0);
    await page.waitForSelector("#opt-logits canvas");
    assert.ok(
      await page.evaluate(() => {
        const c = document.getElementById("opt-heatmap") as HTMLCanvasElement;
        return c.width > 100 && c.height > 50;
      }),
    );
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/optimize_light.png`, fullPage: true });

    // another objective changes the heatmap
    await page.selectOption("#opt-objective", "return");
    const sig2 = await runAndWait(page, "browser", sig1);
    assert.notEqual(sig2, sig1);

    // the same search on the server (KV queue) gives the same heatmap
    const sig3 = await runAndWait(page, "server", "server-run");
    assert.equal(sig3, sig2);

    // walk-forward in the browser
    await page.selectOption("#opt-kind", "walkforward");
    await page.fill("#opt-is", "500");
    await page.fill("#opt-oos", "250");
    await page.selectOption("#opt-where", "browser");
    await page.click("#opt-run");
    await page.waitForSelector("#wf-equity canvas");
    assert.ok(await page.locator("#wf-windows tbody tr").count() >= 3);
    assert.equal(await page.locator("#wf-stability tbody tr").count(), 2);
    assert.match(await page.textContent("#wf-efficiency") ?? "", /^-?\d|–/);
    const wf1 = await page.evaluate(() => document.getElementById("wf-equity")!.dataset.sig);
    await page.selectOption("#opt-wfmode", "anchored");
    await page.click("#opt-run");
    await page.waitForFunction(
      (s) => document.getElementById("wf-equity")?.dataset.sig !== s,
      wf1,
    );
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/walkforward_light.png`, fullPage: true });
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

Deno.test("optimize - dark theme at phone width: heatmap and diagnostics fit the screen", async () => {
  const server = await startServer();
  const browser = await launchBrowser({ width: 375, height: 800 });
  try {
    const { page } = browser;
    await browser.context.addCookies([{ name: "tf_theme", value: "dark", url: server.url }]);
    await page.goto(server.url + "/backtest");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    await open(page, server.url);
    // 400 points: split over one worker per core, then combined; same heatmap as the server's
    await setAxis(page, "fast", 2, 41, 1);
    await setAxis(page, "slow", 10, 100, 10);
    await page.evaluate(() => {
      const w = globalThis as unknown as { workersSeen: string };
      w.workersSeen = "";
      new MutationObserver(() => {
        const t = document.querySelector(".progress-line span")?.textContent ?? "";
        if (/workers/.test(t)) w.workersSeen = t;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const parallel = await runAndWait(page, "browser");
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const seen = await page.evaluate(() =>
      (globalThis as unknown as { workersSeen: string }).workersSeen
    );
    if (cores > 1) assert.match(seen, /\d workers/, `progress said "${seen}" on ${cores} cores`);
    assert.equal(await runAndWait(page, "server", "server-run"), parallel);
    const w = await page.evaluate(() =>
      document.getElementById("opt-heatmap")!.getBoundingClientRect().width
    );
    assert.ok(w >= 200 && w <= 375, `heatmap width ${w}`);
    assert.equal(await hasHorizontalScroll(page), false);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/optimize_phone_dark.png`, fullPage: true });
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

Deno.test("optimize - a browser run saved to the server is listed, reopens with heatmap, top table, DSR, PBO and its form, and deletes", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await open(page, server.url);
    assert.equal(await page.locator("#opt-saved-table").count(), 0);
    assert.match(await page.textContent("#opt-saved") ?? "", /None yet/);
    // the strategy menu shows titles and sends ids
    assert.equal(
      await page.locator("#opt-strategy option[value=sma_cross]").textContent(),
      "SMA crossover",
    );
    await page.selectOption("#opt-objective", "sortino");
    await page.fill("#opt-mintrades", "3");
    const sig = await runAndWait(page, "browser");
    const dsr = await page.textContent("#opt-dsr");
    await page.click("#opt-save");
    // the same spec runs on the server's queue and the row turns done
    const row = page.locator("#opt-saved-table tbody tr").first();
    await row.waitFor();
    assert.match(await row.textContent() ?? "", /Optimise SMA crossover on QQQ/);
    await page.waitForSelector("#opt-saved-table tbody tr[data-status=done]");
    assert.match(await row.locator("td").nth(5).textContent() ?? "", /fast \d+, slow \d+ .*DSR/);
    // a fresh page lists it (inlined by the server) and reopens it
    await page.reload();
    await waitForIslands(page);
    await page.waitForSelector(".optimize-panel[data-hydrated=true]");
    assert.equal(await page.locator("#opt-heatmap").count(), 0);
    // change the form, then "Open" puts the saved run's values back
    await page.fill("#opt-symbols", "SPY");
    await page.fill("#opt-from", "2015-01-02");
    await setAxis(page, "fast", 9, 11, 1);
    await page.selectOption("#opt-objective", "return");
    await page.fill("#opt-mintrades", "77");
    await page.selectOption("#opt-kind", "walkforward");
    await page.locator("#opt-saved-table tbody tr .opt-open").first().click();
    await page.waitForSelector("#opt-opened");
    assert.equal(await page.inputValue("#opt-kind"), "search");
    assert.equal(await page.inputValue("#opt-symbols"), "QQQ");
    assert.equal(await page.inputValue("#opt-from"), "");
    assert.equal(await page.inputValue("#opt-strategy"), "sma_cross");
    assert.equal(await page.inputValue("#opt-objective"), "sortino");
    assert.equal(await page.inputValue("#opt-mintrades"), "3");
    for (
      const [param, want] of [["fast", ["5", "30", "5"]], ["slow", ["20", "120", "20"]]] as const
    ) {
      const row = page.locator(`#opt-axes tr[data-param=${param}]`);
      assert.equal(await row.locator(".opt-search").isChecked(), true, param);
      const got = [];
      for (const c of ["min", "max", "step"]) got.push(await row.locator(`.opt-${c}`).inputValue());
      assert.deepEqual(got, want, param);
    }
    assert.match(await page.textContent("#opt-points") ?? "", /^36 parameter sets/);
    await page.waitForFunction(() =>
      !!(document.getElementById("opt-heatmap") as HTMLCanvasElement)?.dataset.sig
    );
    assert.equal(
      await page.evaluate(() => document.getElementById("opt-heatmap")!.dataset.sig),
      sig,
    );
    assert.equal(await page.textContent("#opt-dsr"), dsr);
    assert.ok(await page.textContent("#opt-pbo"));
    assert.ok(await page.locator("#opt-top tbody tr").count() > 0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/optimize_saved_light.png`, fullPage: true });
    // delete: gone from the page and from the API
    await page.locator("#opt-saved-table tbody tr .opt-delete").first().click();
    await page.waitForSelector("#opt-saved-empty");
    const list = await page.evaluate(() => fetch("/api/v1/optimizations").then((r) => r.json()));
    assert.deepEqual(list.optimizations, []);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
