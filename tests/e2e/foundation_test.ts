import assert from "node:assert/strict";
import { hasHorizontalScroll, launchBrowser, startServer, waitForIslands } from "./helpers.ts";

Deno.test("home - island hydrates and draws, theme toggles server-side, phone has no h-scroll", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.goto(server.url + "/");
    await waitForIslands(page);
    // The island replaced the SSR sparkline with a uPlot canvas.
    await page.waitForSelector("#pulse-chart canvas");
    await page.selectOption("#pulse-symbol", "GOOG");
    await page.waitForFunction(() =>
      document.querySelector("#pulse-chart .u-legend")?.textContent?.includes("GOOG")
    );

    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const before = await bg();
    await page.click("#theme-toggle");
    await page.waitForLoadState("load");
    assert.equal(await theme(), "dark");
    const dark = await bg();
    assert.notEqual(dark, before);
    assert.equal(dark, "rgb(13, 17, 23)");
    await page.reload();
    assert.equal(await theme(), "dark", "the choice is remembered");
    await page.click("#theme-toggle");
    await page.waitForLoadState("load");
    assert.equal(await theme(), "light");
    assert.equal(await bg(), "rgb(247, 248, 250)");

    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(server.url + "/data");
    assert.equal(await hasHorizontalScroll(page), false);
    await page.goto(server.url + "/");
    await waitForIslands(page);
    await page.waitForSelector("#pulse-chart canvas");
    assert.equal(await hasHorizontalScroll(page), false);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

Deno.test("data - upload a CSV with progress, see it listed; a bad file lists its lines", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const dir = await Deno.makeTempDir();
  try {
    const { page } = browser;
    const good = `${dir}/MYCO.csv`;
    const rows = ["date,open,high,low,close,volume"];
    for (let i = 0; i < 300; i++) {
      const d = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      rows.push(`${d},${10 + i / 10},${11 + i / 10},${9 + i / 10},${10.5 + i / 10},${1000 + i}`);
    }
    await Deno.writeTextFile(good, rows.join("\n"));
    const bad = `${dir}/BAD.csv`;
    await Deno.writeTextFile(
      bad,
      "date,open,high,low,close\n2020-01-01,10,9,8,9.5\n2020-01-02,x,1,1,1\n",
    );

    await page.goto(server.url + "/data");
    await waitForIslands(page);
    await page.setInputFiles("#upload-file", good);
    await page.click("#upload-button");
    await page.waitForSelector("#upload-message.ok");
    assert.match(await page.textContent("#upload-message") ?? "", /Imported 300 bars into MYCO/);
    await page.waitForSelector('tr[data-symbol="MYCO"]');
    assert.match(await page.textContent('tr[data-symbol="MYCO"]') ?? "", /your upload/);

    await page.setInputFiles("#upload-file", bad);
    await page.click("#upload-button");
    await page.waitForSelector("#upload-message.error");
    const issues = await page.locator("#upload-issues li").allTextContents();
    assert.deepEqual(issues, [
      "line 2.high: high 9 is below open",
      'line 3.open: unparsable number "x"',
    ]);
    assert.equal(await page.locator('tr[data-symbol="BAD"]').count(), 0, "nothing saved");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
