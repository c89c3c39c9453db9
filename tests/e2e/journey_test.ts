/**
 * A trader's day in one browser session, across features: upload a symbol, chart it with an
 * SMA, scan it, backtest it, resample its trades, audit a broker export and simulate it, then
 * sign up (taking over the local data), sign out and sign back in. Catches breaks between pages
 * that the per-page tests miss.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { launchBrowser, startServer, waitForIslands } from "./helpers.ts";

const SYMBOL = "JRNY";
const GRID = "[data-testid=grid]";
const ROWS = `${GRID} tbody tr[data-key]`;
const AUDIT_FIXTURE = new URL("../fixtures/audit/tasty_core.csv", import.meta.url).pathname;

/** 400 daily bars of a trending sine wave ending yesterday: SMA crosses happen, screeners fire. */
function journeyCsv(): string {
  const rows = ["date,open,high,low,close,volume"];
  const n = 400;
  const end = Date.UTC(
    new Date().getUTCFullYear(),
    new Date().getUTCMonth(),
    new Date().getUTCDate(),
  );
  for (let i = 0; i < n; i++) {
    const d = new Date(end - (n - i) * 86_400_000).toISOString().slice(0, 10);
    const close = 50 + i * 0.05 + 8 * Math.sin(i / 12);
    const open = close - 0.3 * Math.cos(i / 5);
    const high = Math.max(open, close) + 0.5;
    const low = Math.min(open, close) - 0.5;
    rows.push(
      `${d},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${
        10_000 + i
      }`,
    );
  }
  return rows.join("\n") + "\n";
}

async function mcReady(page: Page) {
  await waitForIslands(page);
  await page.waitForFunction(() =>
    document.querySelector<HTMLElement>(".mc-sandbox")?.dataset.ready === "true" &&
    !!document.querySelector("#mc-fan canvas") && /%$/.test(
      document.getElementById("mc-ruin-prob")?.textContent ?? "",
    )
  );
}

async function fanSig(page: Page): Promise<string> {
  return await page.$eval("#mc-fan", (el) => (el as HTMLElement).dataset.sig ?? "");
}

/** Picks a Monte Carlo source and waits for the fan chart to redraw and the ruin card to refill. */
async function pickSource(page: Page, value: string) {
  const before = await fanSig(page);
  await page.selectOption("#mc-source", value);
  await page.waitForFunction(
    (s) => {
      const el = document.getElementById("mc-fan")!;
      return !!el.querySelector("canvas") && el.dataset.sig !== s &&
        /%$/.test(document.getElementById("mc-ruin-prob")!.textContent ?? "");
    },
    before,
  );
}

Deno.test({
  name: "journey - a trader's day: upload, chart, scan, backtest, Monte Carlo, audit, accounts",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser({ width: 1400, height: 900 });
    const dir = await Deno.makeTempDir({ prefix: "tf-journey-" });
    const { page } = browser;
    try {
      // 1. upload a new symbol on /data and see it listed
      const csv = `${dir}/${SYMBOL}.csv`;
      await Deno.writeTextFile(csv, journeyCsv());
      await page.goto(server.url + "/data");
      await waitForIslands(page);
      await page.setInputFiles("#upload-file", csv);
      await page.click("#upload-button");
      await page.waitForSelector("#upload-message.ok");
      assert.match(await page.textContent("#upload-message") ?? "", /Imported 400 bars into JRNY/);
      await page.waitForSelector(`tr[data-symbol="${SYMBOL}"]`);

      // 2. chart it and add an SMA overlay; the legend shows it
      await page.goto(`${server.url}/chart/${SYMBOL}`);
      await waitForIslands(page);
      await page.waitForSelector("#tf-chart[data-ready=true][data-history=full]", {
        timeout: 15_000,
      });
      await page.selectOption("#tf-add", "sma");
      await page.waitForSelector('.tf-legend-row[data-spec^="sma"]');
      assert.match(
        await page.textContent('.tf-legend-row[data-spec^="sma"]') ?? "",
        /SMA/i,
      );

      // 3. screener: the default scan first, then a scan of the stored symbols finds JRNY
      await page.goto(`${server.url}/screener`);
      await waitForIslands(page);
      assert.match(
        (await page.textContent("[data-testid=default-note]"))!,
        /^Default scan, not saved/,
      );
      assert.ok((await page.$$(ROWS)).length > 0, "default rows shown");
      if (
        !(await page.$eval("[data-testid=scan-settings]", (d) => (d as HTMLDetailsElement).open))
      ) {
        await page.click("[data-testid=scan-settings] > summary");
      }
      for (const box of await page.$$("[data-testid=screener-select] input[name=screener]")) {
        const want = (await box.getAttribute("value")) === "turtle";
        if (want !== (await box.isChecked())) await box.click();
      }
      await page.click("[data-testid=run]");
      await page.waitForFunction(
        () => /rows from/.test(document.querySelector("[data-testid=status]")!.textContent!),
        null,
        { timeout: 30_000 },
      );
      await page.fill("[data-testid=filter-text]", SYMBOL.toLowerCase());
      assert.equal(await page.$("[data-testid=default-note]"), null, "the stored scan replaced it");
      const row = `${ROWS}[data-symbol=${SYMBOL}]`;
      await page.waitForSelector(row);

      // 4. one-click backtest from the row, then a saved sma_cross run on /backtest
      await page.click(`${row} [data-testid=backtest]`);
      await page.waitForFunction(
        (s) => {
          const t = document.querySelector("[data-testid=backtest-result]")?.textContent ?? "";
          return t.includes(s) && /return .* %/.test(t);
        },
        SYMBOL,
        { timeout: 30_000 },
      );
      await page.goto(`${server.url}/backtest`);
      await waitForIslands(page);
      await page.waitForSelector(".backtest-lab[data-hydrated=true]");
      await page.fill("#bt-symbols", SYMBOL);
      await page.selectOption("#bt-strategy", "sma_cross");
      await page.fill("#bt-name", "journey sma");
      await page.fill("#bt-params input[name=fast]", "5");
      await page.fill("#bt-params input[name=slow]", "20");
      await page.click("#bt-run");
      await page.waitForFunction(
        () =>
          document.querySelector("#bt-result h2")?.textContent === "journey sma" &&
          !!document.querySelector("#bt-equity canvas"),
        null,
        { timeout: 30_000 },
      );
      const stats = await page.$$eval("#bt-stats tr", (trs) =>
        Object.fromEntries(
          trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
        ));
      assert.match(
        stats["Final equity"] ?? "",
        /^-?\d{1,3}(,\d{3})*\.\d\d$/,
        JSON.stringify(stats),
      );
      assert.ok(await page.$eval("#bt-equity", (el) => !!(el as HTMLElement).dataset.sig));
      const trades = await page.locator("#bt-trades tbody tr").count();
      assert.ok(trades >= 3, `${trades} trades`);
      await page.waitForSelector("#bt-runs tbody tr");
      const runId = (await page.getAttribute("#bt-runs tbody tr", "data-run"))!;
      assert.ok(runId);

      // 5. Monte Carlo on the saved backtest's trades
      await page.goto(`${server.url}/montecarlo`);
      await mcReady(page);
      const label = await page.textContent(`#mc-source option[value="bt:${runId}"]`);
      assert.match(label ?? "", new RegExp(`journey sma \\(${trades} trades\\)`));
      await pickSource(page, "bt:" + runId);

      // 6. audit a tastytrade export, simulate, and open its trades in Monte Carlo
      await page.goto(`${server.url}/audit`);
      await waitForIslands(page);
      await page.setInputFiles("#audit-files", AUDIT_FIXTURE);
      await page.waitForFunction(() =>
        document.querySelectorAll("#audit-file-list li").length === 1
      );
      await page.fill("input[name=asOf]", "2024-03-01");
      await Promise.all([page.waitForURL(/\/audit\/[^/]+$/), page.click("#audit-submit")]);
      await waitForIslands(page);
      const verdict = await page.textContent("#audit-verdict") ?? "";
      const closed = verdict.match(/(\d+) closed strateg/)?.[1];
      assert.ok(closed && Number(closed) > 0, verdict);
      await page.click("#audit-simulate");
      await page.waitForSelector("#audit-sim", { timeout: 30_000 });
      assert.match(await page.textContent("#audit-sim") ?? "", /Final equity p50/);
      // The sandbox link opens Monte Carlo with this audit's trades already selected.
      await Promise.all([
        page.waitForURL(/\/montecarlo\?source=audit-/),
        page.click("a[href^='/montecarlo?source=']:has-text('Monte Carlo sandbox')"),
      ]);
      await mcReady(page);
      const auditOption = page.locator("#mc-source option", { hasText: /^Audit: / });
      assert.equal(await auditOption.count(), 1, "the audit is a trade source");
      assert.match(await auditOption.textContent() ?? "", new RegExp(`\\(${closed} closed trades`));
      assert.equal(
        await page.inputValue("#mc-source"),
        await auditOption.getAttribute("value"),
        "the audit's trades are preselected",
      );

      // 7. sign up: the first account takes over the local data; sign out; sign in again
      await page.goto(server.url + "/signup");
      await page.fill("#signup-form input[name=username]", "trader");
      await page.fill("#signup-form input[name=password]", "a long journey password");
      await page.click("#signup-form button[type=submit]");
      await page.waitForURL(/\/account\?ok=/);
      assert.equal(await page.textContent(".topbar .user"), "trader");
      await page.goto(server.url + "/data");
      await waitForIslands(page);
      await page.waitForSelector(`tr[data-symbol="${SYMBOL}"]`);
      await page.goto(server.url + "/backtest");
      await waitForIslands(page);
      await page.waitForSelector(`#bt-runs tr[data-run="${runId}"]`);
      await page.goto(server.url + "/account");
      await page.click("#logout-button");
      await page.waitForURL(/\/login$/);
      await page.goto(server.url + "/backtest");
      await page.waitForURL(/\/login\?next=%2Fbacktest$/);
      await page.fill("#login-form input[name=username]", "trader");
      await page.fill("#login-form input[name=password]", "a long journey password");
      await page.click("#login-form button[type=submit]");
      await page.waitForURL(/\/backtest$/);
      await waitForIslands(page);
      await page.waitForSelector(`#bt-runs tr[data-run="${runId}"]`);

      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await server.stop();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
