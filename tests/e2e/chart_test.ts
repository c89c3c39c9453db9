// Browser test of the chart page: indicators and a styled trend line survive a reload, the magnet
// snaps to a high and a low, notes are typed inline, dark and light
// themes paint different candle and background colours, zoom works, and the phone layout does not
// scroll sideways.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  hasHorizontalScroll,
  launchBrowser,
  startServer,
  type TestServer,
  waitForIslands,
} from "./helpers.ts";

async function openChart(page: Page, url: string) {
  await page.goto(url);
  await waitForIslands(page);
  // the full history replaces the inlined bars right after the first paint; wait for it
  await page.waitForSelector("#tf-chart[data-ready=true][data-history=full]", { timeout: 15_000 });
}

/** Exact-colour pixel counts and the background pixel of the price pane's canvas. */
async function canvasColours(page: Page) {
  return await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>(".tf-pane canvas")!;
    const ctx = canvas.getContext("2d")!;
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const css = getComputedStyle(document.documentElement);
    const hex = (name: string) => css.getPropertyValue(name).trim().toLowerCase();
    const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    const want = { up: rgb(hex("--up")), down: rgb(hex("--down")) };
    const counts = { up: 0, down: 0 };
    for (let i = 0; i < img.length; i += 4) {
      for (const k of ["up", "down"] as const) {
        const c = want[k];
        if (img[i] === c[0] && img[i + 1] === c[1] && img[i + 2] === c[2]) counts[k]++;
      }
    }
    const bg = Array.from(img.slice(0, 3));
    return { counts, bg, up: hex("--up"), down: hex("--down"), bgVar: hex("--bg") };
  });
}

function toRgb(h: string): number[] {
  return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
}

Deno.test({
  name:
    "chart page - indicators and a styled trend line survive a reload; magnet; inline notes; themes; phone",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server: TestServer = await startServer();
    const browser = await launchBrowser({ width: 1280, height: 800 });
    const { page } = browser;
    try {
      await openChart(page, `${server.url}/chart/SPY`);

      // add RSI (a pane) and Bollinger Bands (an overlay) from the UI; the layout is saved
      const savedLayout = page.waitForResponse((r) =>
        r.url().endsWith("/api/v1/chart/layout") && r.request().method() === "PUT" &&
        r.request().postData()!.includes("bbands")
      );
      await page.selectOption("#tf-add", "rsi");
      await page.waitForSelector('.tf-pane[data-spec="rsi:14"]');
      await page.selectOption("#tf-add", "bbands");
      await page.waitForSelector('.tf-legend-row[data-spec="bbands:20:2"]');
      assert.equal((await savedLayout).status(), 200);

      // draw a trend line by dragging across the price pane
      await page.click("#tool-trend");
      await page.waitForSelector("#tf-chart[data-tool=trend]");
      const over = (await page.locator(".tf-pane").first().locator(".u-over").boundingBox())!;
      const from = { x: over.x + over.width * 0.3, y: over.y + over.height * 0.35 };
      const to = { x: over.x + over.width * 0.7, y: over.y + over.height * 0.6 };
      const savedDrawing = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
      await page.mouse.move(to.x, to.y, { steps: 4 });
      await page.mouse.up();
      const put = await savedDrawing;
      assert.equal(put.status(), 200);
      const body = JSON.parse(put.request().postData()!);
      assert.equal(body.drawings.length, 1);
      assert.equal(body.drawings[0].kind, "trend");

      // the new line is selected: red and 3 px from the style control, saved with the drawing
      const savedStyle = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT" &&
        r.request().postData()!.includes('"width":3')
      );
      await page.click('.tf-swatch[data-color="#dc2626"]');
      await page.waitForSelector('.tf-swatch[data-color="#dc2626"][aria-pressed=true]');
      await page.click('.tf-width[data-width="3"]');
      const styled = JSON.parse((await savedStyle).request().postData()!).drawings[0];
      assert.equal(styled.color, "#dc2626");
      assert.equal(styled.width, 3);

      // select the line by its body and drag it 40 px down: both anchors move to lower prices
      const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
      const savedMove = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.mouse.move(mid.x, mid.y);
      await page.mouse.down();
      await page.mouse.move(mid.x, mid.y + 40, { steps: 4 });
      await page.mouse.up();
      const moved = JSON.parse((await savedMove).request().postData()!).drawings[0];
      assert.ok(
        moved.a.price < body.drawings[0].a.price && moved.b.price < body.drawings[0].b.price,
      );
      assert.ok(Math.abs(moved.a.ts - body.drawings[0].a.ts) < 86_400_000, "a vertical drag");
      // drag it back so the pixel check below samples the dragged path
      const savedBack = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.mouse.move(mid.x, mid.y + 40);
      await page.mouse.down();
      await page.mouse.move(mid.x, mid.y, { steps: 4 });
      await page.mouse.up();
      await savedBack;

      // reload: the panes, the overlay and the line come back
      await openChart(page, `${server.url}/chart/SPY`);
      assert.ok(await page.locator('.tf-pane[data-spec="rsi:14"]').isVisible());
      assert.ok(await page.locator('.tf-legend-row[data-spec="bbands:20:2"]').isVisible());
      await page.waitForSelector("#tf-chart[data-drawings='1']");
      const stored = await page.evaluate(() =>
        fetch("/api/v1/drawings/SPY?timeframe=1d").then((r) => r.json())
      );
      assert.equal(stored.drawings[0].color, "#dc2626");
      assert.equal(stored.drawings[0].width, 3);
      // the line is painted in the chosen red along the dragged path
      const onLine = await page.evaluate(({ from, to }) => {
        const canvas = document.querySelector<HTMLCanvasElement>(".tf-pane canvas")!;
        const r = canvas.getBoundingClientRect();
        const k = canvas.width / r.width;
        const want = [0xdc, 0x26, 0x26];
        const ctx = canvas.getContext("2d")!;
        let hits = 0;
        for (let t = 0.1; t < 0.95; t += 0.1) {
          const x = Math.round((from.x + (to.x - from.x) * t - r.left) * k);
          const y = Math.round((from.y + (to.y - from.y) * t - r.top) * k);
          const px = ctx.getImageData(x - 1, y - 1, 3, 3).data;
          let near = false;
          for (let i = 0; i < px.length; i += 4) {
            const d = Math.abs(px[i] - want[0]) + Math.abs(px[i + 1] - want[1]) +
              Math.abs(px[i + 2] - want[2]);
            if (d < 90) near = true;
          }
          if (near) hits++;
        }
        return hits;
      }, { from, to });
      assert.ok(onLine >= 7, `trend line found at ${onLine} of 9 sampled points`);

      // select and delete with the keyboard: the empty set is saved
      const savedDelete = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.keyboard.press("Escape");
      await page.mouse.click(mid.x, mid.y);
      await page.keyboard.press("Delete");
      const afterDelete = JSON.parse((await savedDelete).request().postData()!);
      assert.deepEqual(afterDelete.drawings, []);
      await page.waitForSelector("#tf-chart[data-drawings='0']");

      // magnet (M): a trend line started 5 px above a bar's high and ended 5 px below another
      // bar's low gets both anchors exactly on that high and low
      await page.focus("#tf-chart");
      await page.keyboard.press("m");
      await page.waitForSelector("#tf-chart[data-magnet=true]");
      assert.equal(await page.getAttribute("#tool-magnet", "aria-pressed"), "true");
      const targets = await page.evaluate(() => {
        const c = (document.querySelector("#tf-chart") as HTMLElement & {
          chart: {
            view: { xMin: number; xMax: number };
            bars: {
              ts: Float64Array;
              open: Float64Array;
              high: Float64Array;
              low: Float64Array;
              close: Float64Array;
            };
            xOf(i: number): number;
            yOf(p: number): number;
          };
        }).chart;
        const b = c.bars;
        // the visible bars whose high (low) stands farthest from the rest of the bar
        let hi = -1, lo = -1, lo2 = -1, hiGap = 0, loGap = 0, lo2Gap = 0;
        for (let i = Math.ceil(c.view.xMin) + 2; i < Math.floor(c.view.xMax) - 2; i++) {
          const top = c.yOf(Math.max(b.open[i], b.close[i])) - c.yOf(b.high[i]);
          const bot = c.yOf(b.low[i]) - c.yOf(Math.min(b.open[i], b.close[i]));
          if (i < (c.view.xMin + c.view.xMax) / 2 && top > hiGap) [hi, hiGap] = [i, top];
          if (i > (c.view.xMin + c.view.xMax) / 2 && bot > loGap) [lo, loGap] = [i, bot];
          if (i < (c.view.xMin + c.view.xMax) / 2 && bot > lo2Gap) [lo2, lo2Gap] = [i, bot];
        }
        const at = (i: number, p: number) => ({ x: c.xOf(i), y: c.yOf(p), ts: b.ts[i], price: p });
        return {
          hi: at(hi, b.high[hi]),
          lo: at(lo, b.low[lo]),
          lo2: at(lo2, b.low[lo2]),
          hiGap,
          loGap,
          lo2Gap,
        };
      });
      assert.ok(
        // 5 px off the wick's end, the body's edge is then 11+ px away: the wick end is nearest
        targets.hiGap > 6 && targets.loGap > 6 && targets.lo2Gap > 6 &&
          targets.lo2.ts !== targets.hi.ts,
        JSON.stringify(targets),
      );
      await page.click("#tool-trend");
      const savedSnap = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.mouse.move(over.x + targets.hi.x, over.y + targets.hi.y - 5);
      await page.mouse.down();
      await page.mouse.move(over.x + targets.lo.x, over.y + targets.lo.y + 5, { steps: 6 });
      await page.mouse.up();
      const snapped = JSON.parse((await savedSnap).request().postData()!).drawings[0];
      assert.deepEqual(snapped.a, { ts: targets.hi.ts, price: targets.hi.price });
      assert.deepEqual(snapped.b, { ts: targets.lo.ts, price: targets.lo.price });
      // dragging anchor a to 5 px under another bar's low snaps it onto that low
      const savedSnapDrag = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.mouse.move(over.x + targets.hi.x, over.y + targets.hi.y);
      await page.mouse.down();
      await page.mouse.move(over.x + targets.lo2.x, over.y + targets.lo2.y + 5, { steps: 6 });
      await page.mouse.up();
      const dragged = JSON.parse((await savedSnapDrag).request().postData()!).drawings[0];
      assert.deepEqual(dragged.a, { ts: targets.lo2.ts, price: targets.lo2.price });
      assert.deepEqual(dragged.b, snapped.b);
      const savedSnapDelete = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.keyboard.press("Delete");
      assert.deepEqual(JSON.parse((await savedSnapDelete).request().postData()!).drawings, []);
      await page.click("#tool-magnet");
      await page.waitForSelector("#tf-chart[data-magnet=false]");

      // text notes: typed into an inline field at the click (Esc cancels, Enter saves) and
      // edited by double-click; no window.prompt
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        d.dismiss().catch(() => {});
      });
      const note = { x: over.x + over.width * 0.4, y: over.y + over.height * 0.5 };
      await page.click("#tool-text");
      await page.mouse.click(note.x, note.y);
      await page.waitForSelector(".tf-note-input:focus");
      await page.keyboard.type("dropped");
      await page.keyboard.press("Escape");
      await page.waitForSelector(".tf-note-input", { state: "detached" });
      assert.equal(await page.getAttribute("#tf-chart", "data-drawings"), "0");
      await page.click("#tool-text");
      await page.mouse.click(note.x, note.y);
      await page.waitForSelector(".tf-note-input:focus");
      const box = (await page.locator(".tf-note-input").boundingBox())!;
      assert.ok(Math.abs(box.x - note.x) < 3 && box.y < note.y && box.y > note.y - 40);
      const savedNote = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.keyboard.type("Breakout");
      await page.keyboard.press("Enter");
      const noted = JSON.parse((await savedNote).request().postData()!).drawings;
      assert.equal(noted.length, 1);
      assert.equal(noted[0].kind, "text");
      assert.equal(noted[0].text, "Breakout");
      const savedEdit = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.mouse.dblclick(note.x + 12, note.y - 6);
      await page.waitForSelector(".tf-note-input:focus");
      assert.equal(await page.inputValue(".tf-note-input"), "Breakout");
      await page.fill(".tf-note-input", "Breakout retest");
      await page.keyboard.press("Enter");
      const edited = JSON.parse((await savedEdit).request().postData()!).drawings;
      assert.deepEqual(edited.map((d: { text: string }) => d.text), ["Breakout retest"]);
      const savedNoteDelete = page.waitForResponse((r) =>
        r.url().includes("/api/v1/drawings/SPY") && r.request().method() === "PUT"
      );
      await page.keyboard.press("Delete");
      assert.deepEqual(JSON.parse((await savedNoteDelete).request().postData()!).drawings, []);
      assert.deepEqual(dialogs, []);

      // wheel zoom narrows the visible window
      const span = () =>
        page.evaluate(() => {
          const el = document.querySelector("#tf-chart") as HTMLElement & {
            chart: { view: { xMin: number; xMax: number } };
          };
          return el.chart.view.xMax - el.chart.view.xMin;
        });
      const before = await span();
      await page.mouse.move(over.x + over.width / 2, over.y + over.height / 2);
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(100);
      assert.ok((await span()) < before * 0.8, "wheel up zooms in");

      // PNG export downloads a real PNG of the chart
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#tf-png")]);
      assert.match(download.suggestedFilename(), /^SPY-1d\.png$/);
      const png = await Deno.readFile((await download.path())!);
      assert.deepEqual(Array.from(png.subarray(0, 4)), [0x89, 0x50, 0x4e, 0x47]);
      assert.ok(png.length > 10_000, `png of ${png.length} bytes`);

      // in "auto" theme an OS switch to dark redraws the canvas without a reload
      assert.equal(await page.getAttribute("html", "data-theme"), "auto");
      await page.emulateMedia({ colorScheme: "dark" });
      await page.waitForFunction(() => {
        const c = document.querySelector<HTMLCanvasElement>(".tf-pane canvas")!;
        const px = c.getContext("2d")!.getImageData(0, 0, 1, 1).data;
        return px[0] + px[1] + px[2] < 150;
      });
      await page.emulateMedia({ colorScheme: "light" });
      await page.waitForFunction(() => {
        const c = document.querySelector<HTMLCanvasElement>(".tf-pane canvas")!;
        const px = c.getContext("2d")!.getImageData(0, 0, 1, 1).data;
        return px[0] + px[1] + px[2] > 600;
      });

      // light theme colours, then switch to dark and compare
      const light = await canvasColours(page);
      assert.deepEqual(light.bg, toRgb(light.bgVar));
      assert.ok(light.counts.up > 100 && light.counts.down > 100, JSON.stringify(light.counts));
      await page.click("#theme-toggle");
      await page.waitForSelector("html[data-theme=dark]");
      await page.waitForSelector("#tf-chart[data-ready=true][data-history=full]", {
        timeout: 15_000,
      });
      const dark = await canvasColours(page);
      assert.deepEqual(dark.bg, toRgb(dark.bgVar));
      assert.ok(dark.counts.up > 100 && dark.counts.down > 100, JSON.stringify(dark.counts));
      assert.notDeepEqual(dark.bg, light.bg);
      assert.notEqual(dark.up, light.up);
      assert.notEqual(dark.down, light.down);
      // dark backgrounds are dark, light ones light
      assert.ok(dark.bg.reduce((a, b) => a + b) < 150 && light.bg.reduce((a, b) => a + b) > 600);

      // keyboard: with the chart focused, ↑ zooms in and → pans to later bars
      await page.click(".tf-pane .u-over", { position: { x: 20, y: 40 } });
      const k0 = await span();
      await page.keyboard.press("ArrowUp");
      await page.waitForTimeout(50);
      assert.ok((await span()) < k0 * 0.85, "ArrowUp zooms in");

      // configure RSI to 7 periods and remove Bollinger from the legend buttons
      await page.click('button[data-act=configure][data-spec="rsi:14"]');
      await page.fill(".tf-config input", "7");
      const savedConfig = page.waitForResponse((r) =>
        r.url().endsWith("/api/v1/chart/layout") && r.request().method() === "PUT"
      );
      await page.click(".tf-config button[type=submit]");
      await page.waitForSelector('.tf-pane[data-spec="rsi:7"]');
      await savedConfig;
      const savedRemove = page.waitForResponse((r) =>
        r.url().endsWith("/api/v1/chart/layout") && r.request().method() === "PUT"
      );
      await page.click('button[data-act=remove][data-spec="bbands:20:2"]');
      const layout = JSON.parse((await savedRemove).request().postData()!);
      assert.deepEqual(layout.overlays, []);
      assert.deepEqual(layout.panes, ["rsi:7"]);
      assert.equal(await page.locator('.tf-legend-row[data-spec="bbands:20:2"]').count(), 0);

      // L switches to a log price scale (saved with the layout)
      const savedLog = page.waitForResponse((r) =>
        r.url().endsWith("/api/v1/chart/layout") && r.request().method() === "PUT"
      );
      await page.click(".tf-pane .u-over", { position: { x: 20, y: 40 } });
      await page.keyboard.press("l");
      assert.equal(JSON.parse((await savedLog).request().postData()!).scale, "log");
      await page.waitForSelector("#tf-log[aria-pressed=true]");

      // weekly bars: fewer bars, the address remembers the timeframe
      const daily = Number(await page.getAttribute("#tf-chart", "data-bars"));
      await page.click("[data-tf='1w']");
      await page.waitForFunction(
        (d) => Number(document.querySelector("#tf-chart")!.getAttribute("data-bars")) < d / 4,
        daily,
      );
      assert.match(page.url(), /\/chart\/SPY\?tf=1w$/);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }

    // phone layout: usable at 375 px, no sideways scroll
    const phoneServer = await startServer();
    const phone = await launchBrowser({ width: 375, height: 740 });
    try {
      await openChart(phone.page, `${phoneServer.url}/chart/SPY`);
      assert.equal(await hasHorizontalScroll(phone.page), false);
      const w = await phone.page.evaluate(() =>
        document.querySelector("#tf-chart")!.getBoundingClientRect().right
      );
      assert.ok(w <= 375, `chart right edge ${w}`);

      // touch: a one-finger swipe to the left pans to later bars, a pinch apart zooms in 3x
      const cdp = await phone.page.context().newCDPSession(phone.page);
      await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
      const touch = (type: string, points: { x: number; y: number; id: number }[]) =>
        cdp.send("Input.dispatchTouchEvent", {
          type: type as "touchStart",
          touchPoints: points,
        });
      const view = () =>
        phone.page.evaluate(() =>
          (document.querySelector("#tf-chart") as HTMLElement & {
            chart: { view: { xMin: number; xMax: number } };
          }).chart.view
        );
      const o = (await phone.page.locator(".tf-pane .u-over").first().boundingBox())!;
      const y = o.y + o.height / 2;
      const v0 = await view();
      await touch("touchStart", [{ x: o.x + 200, y, id: 1 }]);
      for (let k = 1; k <= 5; k++) await touch("touchMove", [{ x: o.x + 200 - 20 * k, y, id: 1 }]);
      await touch("touchEnd", []);
      await phone.page.waitForTimeout(50);
      const v1 = await view();
      const span0 = v0.xMax - v0.xMin;
      const expected = (100 / o.width) * span0;
      assert.ok(Math.abs(v1.xMin - v0.xMin - expected) < 0.05 * span0, JSON.stringify({ v0, v1 }));
      await touch("touchStart", [{ x: o.x + 100, y, id: 1 }, { x: o.x + 150, y, id: 2 }]);
      for (let k = 1; k <= 5; k++) {
        await touch("touchMove", [
          { x: o.x + 100 - 10 * k, y, id: 1 },
          { x: o.x + 150 + 10 * k, y, id: 2 },
        ]);
      }
      await touch("touchEnd", []);
      await phone.page.waitForTimeout(50);
      const v2 = await view();
      const ratio = span0 / (v2.xMax - v2.xMin);
      assert.ok(ratio > 2.9 && ratio < 3.1, `pinch zoom ratio ${ratio}`);

      // with RSI, MACD, Bollinger and SMA the price legend is one summary line with a toggle
      // (it used to cover the top of the candles); the toggle expands and collapses it
      await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: false });
      for (const k of ["rsi", "macd", "bbands", "sma"]) {
        await phone.page.selectOption("#tf-add", k);
        await phone.page.waitForFunction(
          (n) => document.querySelectorAll(".tf-legend-row[data-spec]").length === n,
          ["rsi", "macd", "bbands", "sma"].indexOf(k) + 1,
        );
      }
      const legend = () =>
        phone.page.evaluate(() => {
          const l = document.querySelector(".tf-legend-main")!.getBoundingClientRect();
          const over = document.querySelector(".tf-pane .u-over")!.getBoundingClientRect();
          return {
            height: l.height,
            plot: over.height,
            text: (document.querySelector(".tf-legend-main") as HTMLElement).innerText,
          };
        });
      const closed = await legend();
      assert.ok(closed.height <= 24, `collapsed legend ${closed.height}px of ${closed.plot}px`);
      assert.match(closed.text, /SPY.*C [\d,.]+.*2 indicators ▾/s);
      assert.doesNotMatch(closed.text, /BBANDS/);
      await phone.page.click(".tf-legend-toggle");
      const open = await legend();
      assert.ok(open.height > 50 && /BBANDS 20 2/.test(open.text) && /SMA 20/.test(open.text));
      assert.equal(await phone.page.getAttribute(".tf-legend-toggle", "aria-expanded"), "true");
      await phone.page.click(".tf-legend-toggle");
      assert.ok((await legend()).height <= 24);
      assert.deepEqual(phone.errors, []);
    } finally {
      await phone.close();
      await phoneServer.stop();
    }
  },
});
