/**
 * Browser tests for accounts and the security headers: sign up (taking over the single-user
 * data), API tokens, log out, the login redirect, log in, an island's CSRF-protected upload, and
 * the CSP: external module scripts and WebAssembly (static/build/core.wasm through
 * instantiateStreaming) work, inline scripts do not.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { launchBrowser, startServer, waitForIslands } from "./helpers.ts";

/** Runs in the page: streams core.wasm into an instance and reports what happened. */
const PROBE = `
const out = document.documentElement.dataset;
try {
  const mod = await WebAssembly.compileStreaming(fetch("/static/build/core.wasm"));
  const imports = {};
  for (const i of WebAssembly.Module.imports(mod)) {
    (imports[i.module] ??= {})[i.name] = i.kind === "function" ? () => {} : undefined;
  }
  const { instance } = await WebAssembly.instantiateStreaming(fetch("/static/build/core.wasm"), imports);
  out.wasm = "ok:" + Object.keys(instance.exports).length;
} catch (err) {
  out.wasm = "error:" + err.name;
}
`;

async function probeWasm(page: Page): Promise<string> {
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.type = "module";
    s.src = "/static/__csp_probe.js";
    document.head.append(s);
  });
  await page.waitForFunction(() => document.documentElement.dataset.wasm !== undefined);
  return await page.evaluate(() => document.documentElement.dataset.wasm!);
}

Deno.test("accounts in the browser - sign up, token, log out, redirect, log in, CSRF-protected island upload", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    const csp: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.goto(server.url + "/login");
    assert.ok(await page.isVisible("#local-mode-note"), "single-user mode is explained");

    await page.goto(server.url + "/signup");
    await page.fill("#signup-form input[name=username]", "ann");
    await page.fill("#signup-form input[name=password]", "correct horse battery");
    await page.click("#signup-form button[type=submit]");
    await page.waitForURL(/\/account\?ok=/);
    assert.equal(await page.textContent("#account-name"), "ann");
    assert.equal(await page.textContent(".topbar .user"), "ann");
    const cookies = await browser.context.cookies();
    const session = cookies.find((c) => c.name === "tf_session");
    assert.ok(session?.httpOnly && session.sameSite === "Lax", "HttpOnly, SameSite=Lax session");
    assert.equal(
      await page.evaluate(() => document.cookie),
      "",
      "no auth cookie is readable by scripts",
    );

    await page.fill("#token-form input[name=name]", "script");
    await page.click("#token-form button[type=submit]");
    const secret = (await page.textContent("#new-token-secret"))!;
    assert.match(secret, /^tf_[A-Za-z0-9_-]{43}$/);
    const me = await (await fetch(server.url + "/api/v1/auth/me", {
      headers: { authorization: `Bearer ${secret}` },
    })).json();
    assert.equal(me.username, "ann");
    await page.goto(server.url + "/account");
    assert.equal(await page.isVisible("#new-token-secret"), false, "shown only once");

    await page.click("#logout-button");
    await page.waitForURL(/\/login$/);
    await page.goto(server.url + "/data");
    await page.waitForURL(/\/login\?next=%2Fdata$/);
    await page.fill("#login-form input[name=username]", "ann");
    await page.fill("#login-form input[name=password]", "wrong password");
    await page.click("#login-form button[type=submit]");
    await page.waitForSelector(".alert.error");
    assert.match((await page.textContent(".alert.error"))!, /Wrong user name or password/);
    await page.fill("#login-form input[name=password]", "correct horse battery");
    await page.click("#login-form button[type=submit]");
    await page.waitForURL(/\/data$/);

    // The island's XHR upload carries the CSRF header; the browser sends Origin, so it is checked.
    await waitForIslands(page);
    await page.setInputFiles("#upload-file", {
      name: "MINE.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1.5,2,1,1.8,12\n",
      ),
    });
    await page.click("#upload-button");
    await page.waitForSelector("#upload-message");
    assert.match((await page.textContent("#upload-message"))!, /Imported 2 bars into MINE/);
    const forged = await page.evaluate(async () =>
      (await fetch("/api/v1/bars/MINE", { method: "DELETE" })).status
    );
    assert.equal(forged, 403, "a fetch without the CSRF token is refused");
    assert.deepEqual(csp, [], "no CSP violations on these pages");
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

Deno.test("CSP - WebAssembly streams and instantiates, inline scripts are blocked; without 'wasm-unsafe-eval' WASM fails", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.route(
      "**/static/__csp_probe.js",
      (route) => route.fulfill({ contentType: "text/javascript", body: PROBE }),
    );
    const res = await page.goto(server.url + "/api-docs");
    const policy = res!.headers()["content-security-policy"];
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.match(await probeWasm(page), /^ok:\d+$/, "core.wasm instantiated under the CSP");

    const blocked = await page.evaluate(async () => {
      const seen = new Promise<string>((resolve) =>
        document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective))
      );
      const s = document.createElement("script");
      s.textContent = "document.documentElement.dataset.inline = 'ran'";
      document.body.append(s);
      return [await seen, document.documentElement.dataset.inline ?? "blocked"];
    });
    assert.deepEqual(blocked, ["script-src-elem", "blocked"]);

    // The real consumer: the options calculator switches from server numbers to core.wasm.
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(server.url + "/options");
    await waitForIslands(page);
    await page.waitForFunction(() =>
      document.querySelector("[data-backend]")?.getAttribute("data-backend") !== "server"
    );
    assert.equal(
      await page.getAttribute("[data-backend]", "data-backend"),
      "wasm",
      "the /options island runs on WebAssembly under the CSP",
    );
    assert.deepEqual(violations, []);

    // Control: the same probe under a policy without 'wasm-unsafe-eval' cannot compile WASM,
    // so the check above really depends on the header.
    await page.route("**/__csp_control", (route) =>
      route.fulfill({
        contentType: "text/html",
        headers: { "content-security-policy": "script-src 'self'" },
        body: "<!doctype html><title>control</title>",
      }));
    await page.goto(server.url + "/__csp_control");
    assert.match(await probeWasm(page), /^error:/);
  } finally {
    await browser.close();
    await server.stop();
  }
});
