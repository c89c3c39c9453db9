/**
 * Browser-test helpers: start the real server (`main.ts`) on a free port with a fresh KV file, and
 * launch Debian's Chromium through playwright-core.
 * @module
 */
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

/** A running server. `stop()` kills it and removes its KV directory. */
export interface TestServer {
  url: string;
  kvPath: string;
  child: Deno.ChildProcess;
  stop(): Promise<void>;
}

/** Starts `deno run main.ts` on a free port; resolves once it is listening. */
export async function startServer(
  options: { env?: Record<string, string>; kvPath?: string } = {},
): Promise<TestServer> {
  const kvDir = options.kvPath ? null : await Deno.makeTempDir({ prefix: "tf-e2e-" });
  const kvPath = options.kvPath ?? `${kvDir}/e2e.kv`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    env: { PORT: "0", THETAFORGE_KV: kvPath, DENO_NO_UPDATE_CHECK: "1", ...options.env },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  while (!/listening on (\S+)/.test(buf)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited early: ${buf}`);
    buf += value;
  }
  const url = buf.match(/listening on (\S+)/)![1].replace(/\/$/, "");
  // Keep draining stdout so the server never blocks on a full pipe.
  (async () => {
    try {
      while (!(await reader.read()).done) { /* drain */ }
    } catch { /* closed */ }
  })();
  return {
    url,
    kvPath,
    child,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
      if (kvDir) await Deno.remove(kvDir, { recursive: true }).catch(() => {});
    },
  };
}

/** A fresh Chromium profile; `close()` removes it. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors collected so far; tests assert it stays empty. */
  errors: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile and one page. */
export async function launchBrowser(
  options: { width?: number; height?: number; colorScheme?: "light" | "dark" } = {},
): Promise<TestBrowser> {
  const userDataDir = await Deno.makeTempDir({ prefix: "tf-chromium-" });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? "light",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      await Deno.remove(userDataDir, { recursive: true }).catch(() => {});
    },
  };
}

/** Waits until every island on the page has hydrated. */
export async function waitForIslands(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.islands === "ready");
}

/** Whether the page scrolls horizontally (phone-layout check). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return await page.evaluate(() =>
    document.documentElement.scrollWidth > document.documentElement.clientWidth + 1
  );
}
