// Browser test of the trade auditor: upload one export with the file picker and drop another onto
// the drop zone, run the audit, and check the report page (verdict, cards, chart, expandable
// strategy, open positions) and the Monte Carlo hand-off.
import assert from "node:assert/strict";
import { launchBrowser, startServer, waitForIslands } from "./helpers.ts";

const FIX = new URL("../fixtures/audit/", import.meta.url);

Deno.test({
  name: "audit page - upload and drop two exports, read the report, expand a roll, simulate",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser();
    const { page } = browser;
    try {
      await page.goto(`${server.url}/audit`);
      await waitForIslands(page);
      await page.setInputFiles("#audit-files", new URL("tasty_core.csv", FIX).pathname);
      // a second account's export, dropped onto the drop zone
      const flex = Deno.readTextFileSync(new URL("ibkr_flex_core.csv", FIX));
      await page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "ibkr_flex_core.csv", { type: "text/csv" }));
        const zone = document.querySelector("#audit-drop")!;
        zone.dispatchEvent(
          new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
      }, flex);
      await page.waitForFunction(() =>
        document.querySelectorAll("#audit-file-list li").length === 2
      );
      await page.fill("input[name=asOf]", "2024-03-01");
      await page.fill("input[name=accountSize]", "50000");
      await Promise.all([page.waitForURL(/\/audit\/[^/]+$/), page.click("#audit-submit")]);
      await waitForIslands(page);

      const verdict = await page.textContent("#audit-verdict");
      assert.match(verdict!, /16 closed strategies netted \$4457\.88/);
      assert.match(await page.textContent("#audit-cards") ?? "", /\$4,457\.88/);
      await page.waitForSelector("#audit-equity canvas", { timeout: 15_000 });
      assert.equal(await page.locator("#audit-monthly > div").count(), 2);

      // expand the rolled put: its two segments and legs appear
      const row = page.locator("#audit-strategies tr.strategy-row", { hasText: "Rolled Short Put" })
        .first();
      await row.locator("button.expand").click();
      const detail = page.locator("#audit-strategies tr.strategy-detail").first();
      assert.match(await detail.textContent() ?? "", /1\. Short Put.*2\. Short Put/s);
      assert.equal(await detail.locator("table.legs tbody tr").count(), 2);

      // open positions: the SPY short put in each account, priced from the stored SPY bars when
      // the server has them (sample data), "not priced" otherwise
      assert.equal(await page.locator("#audit-open tbody tr").count(), 2);
      assert.match(
        await page.textContent("#audit-open") ?? "",
        /SPY {3}240315P00470000Short Put-13\.00467\.0014(not priced|[\d.]+)/,
      );

      await page.click("#audit-simulate");
      await page.waitForSelector("#audit-sim", { timeout: 30_000 });
      assert.match(await page.textContent("#audit-sim") ?? "", /Final equity p50/);

      const xlsx = await page.getAttribute("#audit-xlsx", "href");
      const res = await fetch(`${server.url}${xlsx}`);
      assert.equal(res.status, 200);
      assert.equal(
        res.headers.get("content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      await res.arrayBuffer();

      // the saved audit is listed and reopens
      await page.goto(`${server.url}/audit`);
      assert.equal(await page.locator("#audit-list tbody tr").count(), 1);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});

Deno.test({
  name: "audit page - manual rows only: a short put typed in, expired by the as-of date",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser();
    const { page } = browser;
    try {
      await page.goto(`${server.url}/audit`);
      await waitForIslands(page);
      await page.click("#audit-manual-summary");
      await page.click("#audit-add-row");
      const row = page.locator("#audit-manual tbody tr").first();
      await row.locator("input[type=datetime-local]").fill("2024-01-02T10:00");
      const texts = row.locator("input:not([type])");
      await texts.nth(0).fill("SPY"); // symbol
      await texts.nth(1).fill("1"); // qty
      await texts.nth(2).fill("2.50"); // price
      await texts.nth(3).fill("1.00"); // fees
      await row.locator("select").nth(1).selectOption("put");
      await row.locator("input[type=date]").fill("2024-01-19");
      await texts.nth(4).fill("460"); // strike
      await page.fill("input[name=asOf]", "2024-03-01");
      await Promise.all([page.waitForURL(/\/audit\/[^/]+$/), page.click("#audit-submit")]);
      await waitForIslands(page);
      // STO 1 @ 2.50 expired worthless: +250 − 1.00
      assert.match(
        await page.textContent("#audit-verdict") ?? "",
        /1 closed strategy netted \$249\.00/,
      );
      assert.match(await page.textContent("#audit-strategies") ?? "", /Short Put/);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
