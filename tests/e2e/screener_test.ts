// Browser test of the screener grid: a first visit shows a default scan's rows (labelled, not
// stored), then run a scan from the page (with progress), filter, sort
// (click and shift+click), choose columns, keep a watchlist (create, add, pin, tag, note, rename,
// remove, delete), and check that pins survive a reload because they live in KV.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { hasHorizontalScroll, launchBrowser, startServer, waitForIslands } from "./helpers.ts";

const GRID = "[data-testid=grid]";
const ROWS = `${GRID} tbody tr[data-key]`;

async function renderedSymbols(page: Page): Promise<string[]> {
  return await page.$$eval(
    ROWS,
    (trs) => trs.map((tr) => (tr as HTMLElement).dataset.symbol ?? ""),
  );
}

async function columnText(page: Page, col: string): Promise<string[]> {
  const idx = await page.$$eval(
    `${GRID} thead th`,
    (ths, c) => ths.findIndex((th) => (th as HTMLElement).dataset.col === c),
    col,
  );
  assert.ok(idx >= 0, `column ${col} is shown`);
  return await page.$$eval(
    ROWS,
    (trs, i) => trs.map((tr) => (tr.children[i] as HTMLElement).textContent!.trim()),
    idx,
  );
}

/** Unfolds the "Scan settings" panel (folded whenever results are on screen at load). */
async function openSettings(page: Page): Promise<void> {
  if (!(await page.$eval("[data-testid=scan-settings]", (d) => (d as HTMLDetailsElement).open))) {
    await page.click("[data-testid=scan-settings] > summary");
  }
}

/** Ticks exactly `names` in the grouped screener checkboxes. */
async function chooseScreeners(page: Page, names: string[]): Promise<void> {
  await openSettings(page);
  for (const box of await page.$$("[data-testid=screener-select] input[name=screener]")) {
    const want = names.includes((await box.getAttribute("value"))!);
    if (want !== (await box.isChecked())) await box.click();
  }
}

async function shownCount(page: Page): Promise<number> {
  const t = (await page.textContent("[data-testid=count]"))!;
  return Number(t.split(" of ")[0]);
}

Deno.test({
  name: "screener grid - scan, filter, sort, columns, watchlists and pins in a browser",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser({ width: 1600, height: 1000 });
    const { page } = browser;
    try {
      await page.goto(`${server.url}/screener`);
      await waitForIslands(page);
      // First visit: a default scan's rows are already there, labelled and not stored.
      assert.doesNotMatch((await page.textContent(GRID))!, /No scan yet/);
      const note = (await page.textContent("[data-testid=default-note]"))!;
      assert.match(note, /^Default scan, not saved: ISA trend follower, Turtle breakout/);
      assert.match(
        note,
        /bundled sample data \(\d+ real price histor(y|ies), \d+ synthetic series\)/,
      );
      assert.ok(await page.isVisible("[data-testid=default-note]"), "the label is on screen");
      assert.ok((await shownCount(page)) >= 30, "default rows");
      assert.ok((await renderedSymbols(page)).includes("ACME"), "ACME in the default scan");
      assert.ok(await page.isVisible("[data-testid=regime]"), "regime light on the default scan");
      assert.equal(await page.inputValue("[data-testid=scan-select]"), "default");
      assert.equal(
        await page.$eval("[data-testid=scan-settings]", (d) => (d as HTMLDetailsElement).open),
        false,
        "the settings start folded when there are results",
      );
      assert.deepEqual(
        await page.evaluate(async () => (await (await fetch("/api/v1/scans")).json()).scans),
        [],
        "the default scan is not stored",
      );

      // Run a scan of every stored symbol with three screeners.
      await chooseScreeners(page, ["turtle", "ema_5_13_21", "alpha101"]);
      await page.click("[data-testid=run]");
      await page.waitForFunction(
        () => /rows from/.test(document.querySelector("[data-testid=status]")!.textContent!),
        null,
        {
          timeout: 60_000,
        },
      );
      const total = await shownCount(page);
      assert.ok(total >= 30, `rows: ${total}`);
      assert.ok(await page.isVisible("[data-testid=regime]"), "regime badge");
      assert.equal(await page.$("[data-testid=default-note]"), null, "no default label now");
      const symbols = [...new Set(await renderedSymbols(page))];
      assert.ok(symbols.includes("ACME"), `symbols: ${symbols}`);

      // Text filter.
      await page.fill("[data-testid=filter-text]", "acme");
      assert.equal(await shownCount(page), 3);
      assert.deepEqual([...new Set(await renderedSymbols(page))], ["ACME"]);
      await page.fill("[data-testid=filter-text]", "");
      // Signal-type filter.
      await page.check("[data-testid=filter-signals] input[value=wait]");
      const signals = await columnText(page, "signal");
      assert.ok(signals.length > 0 && signals.every((s) => s.startsWith("wait")), signals.join());
      await page.uncheck("[data-testid=filter-signals] input[value=wait]");
      // Numeric range filter on price (in the toolbar's Ranges pop-over).
      await page.click("[data-testid=range-filters] > summary");
      await page.fill("[data-testid=min-price]", "100000000");
      assert.equal(await shownCount(page), 0);
      await page.fill("[data-testid=min-price]", "");
      assert.equal(await shownCount(page), total);
      await page.click("[data-testid=range-filters] > summary");

      // Sort: click symbol (ascending), shift+click screener (second key).
      await page.click(`${GRID} th[data-col=symbol]`);
      assert.equal(
        await page.getAttribute(`${GRID} th[data-col=symbol]`, "aria-sort"),
        "ascending",
      );
      await page.click(`${GRID} th[data-col=screener]`, { modifiers: ["Shift"] });
      assert.match((await page.textContent(`${GRID} th[data-col=screener]`))!, /▲2/);
      const sym = await columnText(page, "symbol");
      const scr = await columnText(page, "screener");
      for (let i = 1; i < sym.length; i++) {
        const a = `${sym[i - 1]}\u0000${scr[i - 1]}`;
        const b = `${sym[i]}\u0000${scr[i]}`;
        assert.ok(
          sym[i - 1].localeCompare(sym[i]) < 0 ||
            (sym[i - 1] === sym[i] && scr[i - 1].localeCompare(scr[i]) <= 0),
          `${a} before ${b}`,
        );
      }
      // Click symbol again without shift: a single descending key.
      await page.click(`${GRID} th[data-col=symbol]`);
      await page.click(`${GRID} th[data-col=symbol]`);
      assert.equal(
        await page.getAttribute(`${GRID} th[data-col=symbol]`, "aria-sort"),
        "descending",
      );
      assert.equal(await page.getAttribute(`${GRID} th[data-col=screener]`, "aria-sort"), "none");
      const firstDesc = (await renderedSymbols(page))[0];
      assert.notEqual(firstDesc, "ACME");

      // Column chooser: hide the stop column.
      await page.click("[data-testid=column-chooser] summary");
      await page.uncheck("[data-testid=column-chooser] input[data-col=stop]");
      assert.equal(await page.$(`${GRID} th[data-col=stop]`), null);
      await page.click("[data-testid=column-chooser] summary");

      // Watchlist: create, add ACME from the grid, pin it to the top.
      await page.fill("[data-testid=watchlist-new]", "E2E list");
      await page.click("[data-testid=watchlist-create]");
      await page.waitForFunction(() =>
        [...document.querySelectorAll("[data-testid=watchlist-select] option")].some((o) =>
          o.textContent!.startsWith("E2E list")
        )
      );
      await page.fill("[data-testid=filter-text]", "acme");
      await page.click(`${ROWS}[data-symbol=ACME] [data-testid=watch]`);
      await page.waitForSelector("[data-testid=watchlist-items] li[data-symbol=ACME]");
      await page.click(`${ROWS}[data-symbol=ACME] [data-testid=pin]`);
      await page.waitForSelector(`${ROWS}[data-symbol=ACME].pinned`);
      await page.fill("[data-testid=filter-text]", "");
      await page.waitForFunction(() =>
        document.querySelector("[data-testid=grid] tbody tr[data-key]")?.getAttribute(
          "data-symbol",
        ) === "ACME"
      );
      // Tags and a note.
      await page.fill(
        "[data-testid=watchlist-items] li[data-symbol=ACME] [data-testid=item-tags]",
        "core, breakout",
      );
      await page.press(
        "[data-testid=watchlist-items] li[data-symbol=ACME] [data-testid=item-tags]",
        "Enter",
      );
      await page.waitForSelector(`${ROWS}[data-symbol=ACME] .tag`);
      await page.fill(
        "[data-testid=watchlist-items] li[data-symbol=ACME] [data-testid=item-note]",
        "wait for volume",
      );
      await page.click("h1"); // blur: the note is saved on change
      await page.waitForFunction(async () => {
        const lists = await (await fetch("/api/v1/watchlists")).json();
        const w = await (await fetch(`/api/v1/watchlists/${lists.watchlists[0].id}`)).json();
        return w.items[0]?.note === "wait for volume";
      });

      // Reload: the pin, tags and note come back from KV; ACME still heads the grid.
      await page.reload();
      await waitForIslands(page);
      await page.waitForSelector(`${ROWS}[data-symbol=ACME].pinned`);
      assert.equal((await renderedSymbols(page))[0], "ACME");
      assert.equal(
        await page.inputValue(
          "[data-testid=watchlist-items] li[data-symbol=ACME] [data-testid=item-note]",
        ),
        "wait for volume",
      );
      assert.deepEqual(
        await page.$$eval(
          `${ROWS}[data-symbol=ACME] .tag`,
          (els) => [...new Set(els.map((e) => e.textContent))],
        ),
        ["core", "breakout"],
      );

      // Rename, remove ACME from the list (unpinned again), delete the list.
      await page.fill("[data-testid=watchlist-rename]", "Renamed");
      await page.click("[data-testid=watchlist-rename-save]");
      await page.waitForFunction(() =>
        [...document.querySelectorAll("[data-testid=watchlist-select] option")].some((o) =>
          o.textContent!.startsWith("Renamed")
        )
      );
      await page.click(`${ROWS}[data-symbol=ACME] [data-testid=unwatch]`);
      await page.waitForFunction(() =>
        !document.querySelector("[data-testid=watchlist-items] li[data-symbol=ACME]")
      );
      assert.equal(await page.$(`${ROWS}.pinned`), null);
      page.once("dialog", (d) => d.accept());
      await page.click("[data-testid=watchlist-delete]");
      await page.waitForFunction(() =>
        ![...document.querySelectorAll("[data-testid=watchlist-select] option")].some((o) =>
          o.textContent!.startsWith("Renamed")
        )
      );

      // One-click backtest of a row's rule.
      await page.click(`${ROWS} [data-testid=backtest]`);
      await page.waitForFunction(
        () =>
          /return .* %/.test(
            document.querySelector("[data-testid=backtest-result]")?.textContent ?? "",
          ),
        null,
        {
          timeout: 30_000,
        },
      );

      // Virtual scrolling: a scan of every screener on three timeframes gives hundreds of rows,
      // but only a window of them is in the DOM; scrolling to the end draws the last ones.
      // Every screener, through each category's select-all box.
      await openSettings(page);
      for (const all of await page.$$("[data-testid=screener-select] [data-testid=group-all]")) {
        if (!(await all.isChecked())) await all.click();
      }
      assert.ok(
        await page.$$eval(
          "[data-testid=screener-select] input[name=screener]",
          (bs) => bs.length >= 20 && bs.every((b) => (b as HTMLInputElement).checked),
        ),
        "all screeners ticked",
      );
      await page.check("[data-testid=tf-1w]");
      await page.check("[data-testid=tf-1mo]");
      await page.click("[data-testid=run]");
      await page.waitForFunction(
        (before) => {
          const t = document.querySelector("[data-testid=count]")!.textContent!;
          return Number(t.split(" of ")[1].split(" ")[0]) > before;
        },
        total,
        { timeout: 60_000 },
      );
      const big = Number(
        (await page.textContent("[data-testid=count]"))!.split(" of ")[1].split(" ")[0],
      );
      assert.ok(big >= 500, `rows: ${big}`);
      const inDom = (await page.$$(ROWS)).length;
      assert.ok(inDom < 60, `rows in the DOM: ${inDom} of ${big}`);
      for (let i = 0; i < 3; i++) {
        if (await page.getAttribute(`${GRID} th[data-col=symbol]`, "aria-sort") === "ascending") {
          break;
        }
        await page.click(`${GRID} th[data-col=symbol]`);
      }
      assert.equal(
        await page.getAttribute(`${GRID} th[data-col=symbol]`, "aria-sort"),
        "ascending",
      );
      assert.notEqual((await renderedSymbols(page)).at(-1), "WAYNE");
      await page.$eval(GRID, (el) => (el.scrollTop = el.scrollHeight));
      await page.waitForFunction(() => {
        const trs = [...document.querySelectorAll("[data-testid=grid] tbody tr[data-key]")];
        return trs.length > 0 && trs.length < 60 &&
          trs.at(-1)!.getAttribute("data-symbol") === "WAYNE";
      });
      const header = await page.$eval(`${GRID} thead th`, (th) => th.getBoundingClientRect().top);
      const gridTop = await page.$eval(GRID, (g) => g.getBoundingClientRect().top);
      assert.ok(Math.abs(header - gridTop) < 2, "the header sticks to the top while scrolled");

      // Check my position: every screener's verdict on one symbol.
      await page.fill("[data-testid=check-symbol]", "acme");
      await page.fill("[data-testid=check-entry]", "10");
      await page.click("[data-testid=check-run]");
      await page.waitForSelector("[data-testid=check-result] tr[data-screener=isa_trend]");
      assert.match((await page.textContent("[data-testid=check-result]"))!, /P&L/);

      // Click-through to the chart: the row's stop and target are drawn as lines.
      const keys = await page.$$eval(
        ROWS,
        (trs) => trs.map((tr) => (tr as HTMLElement).dataset.key!),
      );
      const targets = await columnText(page, "target");
      const target = keys.find((_, i) => targets[i] !== "–");
      assert.ok(target, "a rendered row with a target level");
      const [symbol, , tf] = target.split("|");
      await page.click(`${ROWS}[data-key="${target}"] td a`);
      await page.waitForURL(new RegExp(`/chart/${symbol.replace("^", "\\^")}`));
      const drawings = await page.evaluate(
        async ([s, t]) =>
          (await (await fetch(`/api/v1/drawings/${encodeURIComponent(s)}?timeframe=${t}`)).json())
            .drawings,
        [symbol, tf],
      );
      assert.ok(
        drawings.some((d: { id: string }) => d.id === "scr-target"),
        JSON.stringify(drawings),
      );

      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});

Deno.test({
  name: "screener page - first visit shows default rows above the fold at 1280x800 and 375 px",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    try {
      for (const [width, scheme] of [[1280, "light"], [375, "dark"]] as const) {
        const browser = await launchBrowser({ width, height: 800, colorScheme: scheme });
        try {
          await browser.page.goto(`${server.url}/screener`);
          await waitForIslands(browser.page);
          // The header and at least three default rows are inside the first screen.
          const third = await browser.page.$eval(
            `${ROWS}:nth-of-type(3)`,
            (tr) => tr.getBoundingClientRect().bottom,
          );
          assert.ok(third <= 800, `${width}px: third row ends at ${third}`);
          assert.equal(await hasHorizontalScroll(browser.page), false, `${width}px sideways`);
          assert.ok(await browser.page.isVisible("[data-testid=default-note]"));
          assert.deepEqual(browser.errors, []);
        } finally {
          await browser.close();
        }
      }
    } finally {
      await server.stop();
    }
  },
});

Deno.test({
  name: "screener grid - top N by volume = 2 keeps two stored symbols and notes the cut",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser({ width: 1400, height: 900 });
    const { page } = browser;
    try {
      await page.goto(`${server.url}/screener`);
      await waitForIslands(page);
      await chooseScreeners(page, ["turtle"]);
      await page.fill("[data-testid=top-volume]", "2");
      await page.click("[data-testid=run]");
      await page.waitForFunction(
        () => /rows from/.test(document.querySelector("[data-testid=status]")!.textContent!),
        null,
        { timeout: 60_000 },
      );
      const stored = await page.evaluate(
        async () => (await (await fetch("/api/v1/scans")).json()).scans[0],
      );
      assert.equal(stored.request.liquidity.topByVolume, 2, JSON.stringify(stored.request));
      const kept = [...new Set(await renderedSymbols(page))];
      assert.equal(kept.length, 2, `kept: ${kept}`);
      const note = (await page.textContent("[data-testid=volume-cut] > summary"))!;
      const m = note.match(
        /^Top 2 by 20-bar average volume \(set in Scan settings\): (\d+) symbols cut$/,
      );
      assert.ok(m, note);
      const cut = Number(m[1]);
      assert.ok(cut >= 1, note);
      await page.click("[data-testid=volume-cut] > summary");
      const listed = await page.$$eval(
        "[data-testid=volume-cut-list] li strong",
        (els) => els.map((e) => e.textContent!),
      );
      assert.equal(listed.length, cut, listed.join());
      assert.ok(listed.every((s) => !kept.includes(s)), `cut ${listed} vs kept ${kept}`);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
