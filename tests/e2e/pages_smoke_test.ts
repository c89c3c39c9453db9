// Phone smoke test of every page in both themes: one server, one 375 px browser. Each page must
// load without page errors or console errors, must not scroll sideways, and must show its main
// heading. The chart page has no <h1> (the chart fills the screen), so its heading is the
// symbol in the chart legend.
import assert from "node:assert/strict";
import { hasHorizontalScroll, launchBrowser, startServer } from "./helpers.ts";

interface PageCase {
  path: string;
  /** What must be visible: the page's main heading. */
  heading: string;
  /** Expected HTTP status (200 unless said). */
  status?: number;
  /** Text the heading must contain. */
  text?: RegExp;
}

const PAGES: PageCase[] = [
  { path: "/", heading: "main h1", text: /ThetaForge/ },
  { path: "/data", heading: "main h1", text: /Market data/ },
  { path: "/chart/SPY", heading: ".tf-legend-row.tf-ohlc", text: /SPY/ },
  { path: "/chart/EURUSD", heading: ".tf-legend-row.tf-ohlc", text: /EURUSD/ },
  { path: "/screener", heading: "main h1", text: /Screener/ },
  { path: "/options", heading: "main h1", text: /Options/ },
  { path: "/backtest", heading: "main h1", text: /Backtest/ },
  { path: "/montecarlo", heading: "main h1", text: /Monte Carlo/ },
  { path: "/audit", heading: "main h1", text: /audit/i },
  { path: "/account", heading: "main h1", text: /Account/ },
  { path: "/login", heading: "main h1", text: /Sign in/ },
  { path: "/signup", heading: "main h1", text: /account/i },
  { path: "/api-docs", heading: "main h1", text: /API/ },
  { path: "/no/such/page", heading: "main h1", text: /not found/i, status: 404 },
];

Deno.test({
  name:
    "pages - every page at 375 px in dark and light: no errors, no sideways scroll, heading shown",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser({ width: 375, height: 740 });
    const { page, context } = browser;
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(`${m.text()} (${m.location().url})`);
    });
    const failures: string[] = [];
    try {
      for (const theme of ["dark", "light"] as const) {
        await context.addCookies([{ name: "tf_theme", value: theme, url: server.url }]);
        for (const c of PAGES) {
          const where = `${c.path} (${theme})`;
          consoleErrors.length = 0;
          browser.errors.length = 0;
          const res = await page.goto(server.url + c.path);
          assert.equal(res?.status(), c.status ?? 200, `${where}: HTTP status`);
          assert.equal(
            await page.evaluate(() => document.documentElement.dataset.theme),
            theme,
            `${where}: theme from the cookie`,
          );
          // Pages with islands mark <html data-islands="ready"> once every island hydrated.
          await page.waitForFunction(
            () =>
              document.documentElement.dataset.islands === "ready" ||
              !document.querySelector('script[src$="islands.js"]'),
            null,
            { timeout: 15_000 },
          );
          const heading = page.locator(c.heading).first();
          await heading.waitFor({ state: "visible", timeout: 15_000 }).catch(() => {});
          if (!await heading.isVisible()) failures.push(`${where}: ${c.heading} not visible`);
          else if (c.text && !c.text.test(await heading.textContent() ?? "")) {
            failures.push(`${where}: heading "${await heading.textContent()}" lacks ${c.text}`);
          }
          // Let late fetches and effects report their errors before checking.
          await page.waitForTimeout(150);
          if (await hasHorizontalScroll(page)) {
            const wide = await page.evaluate(() => document.documentElement.scrollWidth);
            failures.push(`${where}: scrolls sideways (${wide} px wide)`);
          }
          // The browser logs the 404 document itself as a console error; that one is expected.
          const errors = consoleErrors.filter((e) =>
            !(c.status === 404 && /status of 404/.test(e) && e.includes(c.path))
          );
          for (const e of errors) failures.push(`${where}: console error ${e}`);
          for (const e of browser.errors) failures.push(`${where}: page error ${e}`);
          if (c.path === "/") {
            // Keyboard users: the first Tab shows the skip link above the sticky top bar.
            await page.keyboard.press("Tab");
            const onTop = await page.evaluate(() => {
              const skip = document.querySelector<HTMLElement>("a.skip")!;
              const r = skip.getBoundingClientRect();
              return document.activeElement === skip &&
                document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === skip;
            });
            if (!onTop) failures.push(`${where}: skip link hidden when focused`);
          }
        }
      }
      assert.deepEqual(failures, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
