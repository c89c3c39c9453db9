import assert from "node:assert/strict";
import { accountsApp, Client } from "../../lib/auth/testing.ts";
import { TEST_NOW } from "../../tests/helpers.ts";

function clock() {
  const c = { t: TEST_NOW, now: () => c.t };
  return c;
}

Deno.test("single-user mode - no account: everything is the local owner, pages need no login", async () => {
  using t = await accountsApp();
  const anon = new Client(t.app);
  const { csrf, ...me } = await (await anon.request("/api/v1/auth/me")).json();
  assert.deepEqual(me, { owner: "local", username: null, auth: "local", accounts: false });
  assert.match(csrf, /^[A-Za-z0-9_-]{43}$/);
  assert.equal((await anon.request("/data")).status, 200);
  const login = await (await anon.request("/login")).text();
  assert.match(login, /id="local-mode-note"/);
});

Deno.test("sign-up - the first account takes over 'local'; then anonymous gets 401 (API) or /login (pages)", async () => {
  using t = await accountsApp();
  const ann = new Client(t.app);
  // Single-user data made before any account exists.
  const csv = "ts,open,high,low,close,volume\n1700000000000,1,2,0.5,1.5,10\n";
  assert.equal(
    (await ann.request("/api/v1/bars/MINE", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv,
    })).status,
    201,
  );
  assert.equal(await ann.signUp("ann"), "local");
  assert.equal(await new Client(t.app).signUp("bob"), "id-1");
  const anon = new Client(t.app);
  assert.equal((await anon.request("/api/v1/auth/me")).status, 401);
  assert.equal((await anon.request("/api/v1/bars/MINE")).status, 401);
  const page = await anon.request("/data?x=1");
  assert.equal(page.status, 303);
  assert.equal(page.headers.get("location"), "/login?next=%2Fdata%3Fx%3D1");
  for (const open of ["/login", "/signup", "/api-docs", "/api/v1/health", "/api/v1/openapi.json"]) {
    assert.equal((await anon.request(open)).status, 200, open);
  }
  const bars = await (await ann.request("/api/v1/bars/MINE")).json();
  assert.equal(bars.count, 1, "ann owns the single-user data");
  const { csrf: _, ...me } = await (await ann.request("/api/v1/auth/me")).json();
  assert.deepEqual(me, { owner: "local", username: "ann", auth: "session", accounts: true });
  const taken = await new Client(t.app).json("/api/v1/auth/signup", {
    username: "ANN",
    password: "whatever123",
  });
  assert.equal(taken.status, 409);
});

Deno.test("cookies - HttpOnly, SameSite=Lax; Secure and HSTS only over HTTPS", async () => {
  for (const secure of [false, true]) {
    using t = await accountsApp({
      deps: {
        config: {
          secure,
          seedSampleData: false,
          auth: { passwordCost: { memoryKiB: 64, iterations: 1, parallelism: 1 } },
        },
      },
    });
    const first = await t.app.request("/api-docs");
    const res = await new Client(t.app).json("/api/v1/auth/signup", {
      username: "ann",
      password: "correct horse",
    });
    const cookies = [...first.headers.getSetCookie(), ...res.headers.getSetCookie()];
    for (const name of ["tf_session", "tf_refresh", "tf_csrf"]) {
      const c = cookies.find((v) => v.startsWith(name + "="));
      assert.ok(c, name);
      assert.match(c, /; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
      assert.equal(c.includes("; Secure"), secure, `${name} Secure`);
    }
    assert.equal(res.headers.has("strict-transport-security"), secure);
    assert.match(res.headers.get("content-security-policy")!, /frame-ancestors 'none'/);
  }
});

Deno.test("login - wrong password 401; lockout with backoff (429 + Retry-After) even for the right one", async () => {
  const c = clock();
  using t = await accountsApp({ deps: { clock: c } });
  await new Client(t.app).signUp("ann", "right password");
  const anon = new Client(t.app);
  const tryLogin = (password: string) =>
    anon.json("/api/v1/auth/login", { username: "ann", password });
  for (let i = 0; i < 4; i++) assert.equal((await tryLogin("wrong")).status, 401);
  const fifth = await tryLogin("wrong");
  assert.equal(fifth.status, 429);
  assert.equal(fifth.headers.get("retry-after"), "30");
  const locked = await tryLogin("right password");
  assert.equal(locked.status, 429, "locked even with the right password");
  assert.doesNotMatch(await locked.text(), /right password/);
  c.t += 30_001;
  assert.equal((await tryLogin("wrong")).status, 429, "the 6th failure locks for 60 s");
  c.t += 60_001;
  const ok = await tryLogin("right password");
  assert.equal(ok.status, 200);
  assert.equal((await anon.request("/api/v1/auth/me")).status, 200);
  // Unknown names behave the same (no user enumeration).
  const ghost = await anon.json("/api/v1/auth/login", { username: "ghost", password: "x" });
  assert.equal(ghost.status, 401);
  assert.equal((await ghost.json()).error.message, "Wrong user name or password");
});

Deno.test("sessions - expired access token is refreshed transparently and rotated; logout revokes", async () => {
  const c = clock();
  using t = await accountsApp({ deps: { clock: c } });
  const ann = new Client(t.app);
  await ann.signUp("ann");
  const firstRefresh = ann.cookies.get("tf_refresh");
  const stolen = new Map(ann.cookies);
  c.t += 16 * 60_000; // past the 15-minute access token
  const res = await ann.request("/api/v1/auth/me");
  assert.equal(res.status, 200);
  assert.notEqual(ann.cookies.get("tf_refresh"), firstRefresh, "refresh token rotated");
  // The thief replays the old refresh token after the grace period: the session is revoked.
  c.t += 60_000;
  const thief = new Client(t.app);
  thief.cookies.set("tf_refresh", stolen.get("tf_refresh")!);
  assert.equal((await thief.request("/api/v1/auth/me")).status, 401);
  c.t += 16 * 60_000;
  assert.equal((await ann.request("/api/v1/auth/me")).status, 401, "ann's session ended too");

  const bob = new Client(t.app);
  await bob.signUp("bob");
  const bobCookies = new Map(bob.cookies);
  assert.equal((await bob.json("/api/v1/auth/logout", {})).status, 200);
  assert.equal(bob.cookies.has("tf_session"), false, "cookies cleared");
  const replay = new Client(t.app);
  for (const [k, v] of bobCookies) replay.cookies.set(k, v);
  assert.equal((await replay.request("/api/v1/auth/me")).status, 401, "access token revoked");
});

Deno.test("password change - needs the current password, ends other sessions, keeps this one", async () => {
  using t = await accountsApp();
  const a1 = new Client(t.app);
  await a1.signUp("ann", "first password");
  const a2 = new Client(t.app);
  assert.equal(
    (await a2.json("/api/v1/auth/login", { username: "ann", password: "first password" })).status,
    200,
  );
  const wrong = await a1.json("/api/v1/auth/password", {
    currentPassword: "nope",
    newPassword: "second password",
  });
  assert.equal(wrong.status, 400);
  const short = await a1.json("/api/v1/auth/password", {
    currentPassword: "first password",
    newPassword: "short",
  });
  assert.equal(short.status, 400);
  const ok = await a1.json("/api/v1/auth/password", {
    currentPassword: "first password",
    newPassword: "second password",
  });
  assert.deepEqual(await ok.json(), { ok: true, otherSessionsEnded: 1 });
  assert.equal((await a1.request("/api/v1/auth/me")).status, 200);
  assert.equal((await a2.request("/api/v1/auth/me")).status, 401);
  const anon = new Client(t.app);
  const old = await anon.json("/api/v1/auth/login", {
    username: "ann",
    password: "first password",
  });
  assert.equal(old.status, 401);
});

Deno.test("API tokens - shown once, listed without secret, Bearer works, revocation ends it", async () => {
  using t = await accountsApp();
  const ann = new Client(t.app);
  await ann.signUp("ann");
  const created = await (await ann.json("/api/v1/tokens", { name: "laptop" })).json();
  assert.match(created.token, /^tf_/);
  const list = await (await ann.request("/api/v1/tokens")).text();
  assert.ok(!list.includes(created.token), "secret never listed");
  assert.match(list, /"name":"laptop"/);
  const script = new Client(t.app);
  script.bearer = created.token;
  const { csrf: _, ...me } = await (await script.request("/api/v1/auth/me")).json();
  assert.deepEqual(me, { owner: "local", username: "ann", auth: "token", accounts: true });
  // Bearer requests need no CSRF token; but a token cannot mint tokens or change the password.
  assert.equal((await script.json("/api/v1/tokens", { name: "more" })).status, 403);
  assert.equal(
    (await script.json("/api/v1/auth/password", {
      currentPassword: "correct horse battery",
      newPassword: "taken over!!",
    })).status,
    403,
  );
  assert.equal((await ann.json(`/api/v1/tokens/${created.id}`, undefined, "DELETE")).status, 200);
  const after = await script.request("/api/v1/auth/me");
  assert.equal(after.status, 401);
  assert.equal((await after.json()).error.message, "Invalid or revoked API token");
  // A bad bearer header is refused even in single-user mode.
  using t2 = await accountsApp();
  const bad = new Client(t2.app);
  bad.bearer = "tf_nope";
  assert.equal((await bad.request("/api/v1/symbols")).status, 401);
});

Deno.test("API tokens - rate limited per token with 429 + Retry-After; an unlimited token is exempt", async () => {
  const c = clock();
  using t = await accountsApp({ deps: { clock: c }, auth: { tokenRatePerMinute: 3 } });
  const ann = new Client(t.app);
  await ann.signUp("ann");
  const script = new Client(t.app);
  script.bearer = await ann.createToken();
  for (let i = 0; i < 3; i++) assert.equal((await script.request("/api/v1/symbols")).status, 200);
  const limited = await script.request("/api/v1/symbols");
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "20");
  assert.equal((await limited.json()).error.code, "rate_limited");
  assert.equal((await ann.request("/api/v1/symbols")).status, 200, "sessions are not limited");
  c.t += 20_000;
  assert.equal((await script.request("/api/v1/symbols")).status, 200);

  const { createApiToken } = await import("../../lib/auth/api_tokens.ts");
  const load = await createApiToken(t.kv, "local", {
    name: "load",
    now: c.t,
    id: "load",
    unlimited: true,
  });
  assert.ok(load.ok);
  const bench = new Client(t.app);
  bench.bearer = load.secret;
  for (let i = 0; i < 10; i++) assert.equal((await bench.request("/api/v1/symbols")).status, 200);
});

Deno.test("CSRF - cookie sessions and browsers must send the token; Bearer and cookieless clients need none", async () => {
  using t = await accountsApp();
  const ann = new Client(t.app);
  // Single-user mode: a cross-site form post from a browser is refused.
  const crossSite = await ann.request("/api/v1/bars/X", {
    method: "DELETE",
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  });
  assert.equal(crossSite.status, 403);
  const noToken = await ann.request("/api/v1/bars/X", {
    method: "DELETE",
    headers: { origin: "http://localhost", "sec-fetch-site": "same-origin" },
  });
  assert.equal(noToken.status, 403);
  assert.equal((await noToken.json()).error.code, "csrf_failed");
  const withToken = await ann.request("/api/v1/bars/X", {
    method: "DELETE",
    headers: { origin: "http://localhost", "x-csrf-token": await ann.csrf() },
  });
  assert.equal(withToken.status, 404, "passes CSRF, then: nothing to delete");

  await ann.signUp("ann");
  const formNoToken = await ann.request("/account/tokens", {
    method: "POST",
    body: new URLSearchParams({ name: "x" }),
  });
  assert.equal(formNoToken.status, 403, "session cookie without token");
  const formBadToken = await ann.request("/account/tokens", {
    method: "POST",
    body: new URLSearchParams({ name: "x", csrf: "forged" }),
  });
  assert.equal(formBadToken.status, 403);
  const formOk = await ann.request("/account/tokens", {
    method: "POST",
    body: new URLSearchParams({ name: "x", csrf: await ann.csrf() }),
  });
  assert.equal(formOk.status, 200);
  const html = await formOk.text();
  assert.match(html, /id="new-token-secret">tf_[A-Za-z0-9_-]{43}</);
  assert.equal(formOk.headers.get("cache-control"), "no-store");
  // Another browser's token does not fit this browser's cookie.
  const other = new Client(t.app);
  const stolenToken = await other.csrf();
  const mismatch = await ann.request("/account/tokens", {
    method: "POST",
    body: new URLSearchParams({ name: "x", csrf: stolenToken }),
  });
  assert.equal(mismatch.status, 403);
});

Deno.test("pages - sign up, log out, log in and change password with plain forms", async () => {
  using t = await accountsApp();
  const b = new Client(t.app);
  const form = async (path: string, fields: Record<string, string>) =>
    await b.request(path, {
      method: "POST",
      body: new URLSearchParams({ ...fields, csrf: await b.csrf() }),
    });
  const bad = await form("/signup", { username: "a", password: "correct horse" });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /User name must have at least 3 characters/);
  const up = await form("/signup", { username: "ann", password: "correct horse" });
  assert.equal(up.status, 303);
  assert.match(up.headers.get("location")!, /^\/account\?ok=/);
  const account = await (await b.request("/account")).text();
  assert.match(account, /id="account-name">ann</);
  assert.match(account, /<a href="\/account" class="user">ann<\/a>/, "the header shows the user");
  assert.equal((await form("/logout", {})).headers.get("location"), "/login");
  assert.equal((await b.request("/account")).status, 303);
  const wrong = await form("/login", { username: "ann", password: "nope", next: "/data" });
  assert.equal(wrong.status, 401);
  assert.match(await wrong.text(), /Wrong user name or password/);
  const good = await form("/login", { username: "ann", password: "correct horse", next: "/data" });
  assert.equal(good.headers.get("location"), "/data");
  const evil = await form("/login", {
    username: "ann",
    password: "correct horse",
    next: "//evil.example",
  });
  assert.equal(evil.headers.get("location"), "/", "no open redirect");
  const changed = await form("/account/password", {
    currentPassword: "correct horse",
    newPassword: "new horse battery",
  });
  assert.equal(changed.status, 303);
  assert.match(changed.headers.get("location")!, /Password%20changed/);
});

Deno.test("body limits - JSON over 16 MB and uploads over 50 MB get 413 with a clear message", async () => {
  using t = await accountsApp();
  const big = new Uint8Array(16 * 1024 * 1024 + 10).fill(32);
  const json = await t.app.request("/api/v1/bars/X", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: new ReadableStream({ // streamed: no Content-Length to trust
      start(ctl) {
        ctl.enqueue(big);
        ctl.close();
      },
    }),
  });
  assert.equal(json.status, 413);
  assert.equal((await json.json()).error.message, "JSON bodies are limited to 16 MB");
  const csv = await t.app.request("/api/v1/bars/X", {
    method: "POST",
    headers: { "content-type": "text/csv", "content-length": String(51 * 1024 * 1024) },
    body: "x",
  });
  assert.equal(csv.status, 413);
  assert.equal((await csv.json()).error.message, "Request body is larger than 50 MB");
});

Deno.test("secrets - passwords, tokens and session cookies never reach logs or error bodies", async () => {
  using t = await accountsApp();
  const logged: string[] = [];
  const saved = { ...console };
  for (const level of ["log", "error", "warn", "info", "debug"] as const) {
    console[level] = (...args: unknown[]) => logged.push(args.map(String).join(" "));
  }
  const bodies: string[] = [];
  const password = "hunter2-correct-horse";
  try {
    const ann = new Client(t.app);
    await ann.signUp("ann", password);
    const secret = await ann.createToken();
    const anon = new Client(t.app);
    bodies.push(
      await (await anon.json("/api/v1/auth/login", { username: "ann", password: "x" + password }))
        .text(),
    );
    bodies.push(
      await (await anon.json("/api/v1/auth/signup", { username: "ann", password })).text(),
    );
    anon.bearer = secret.slice(0, -2) + (secret.endsWith("zz") ? "yy" : "zz");
    bodies.push(await (await anon.request("/api/v1/symbols")).text());
    // A store failure during login: a logged 500 that must not carry the credentials.
    const get = t.kv.get.bind(t.kv);
    t.kv.get = ((key: Deno.KvKey) => {
      if (key[0] === "users_by_name") throw new Error("disk on fire");
      return get(key);
    }) as typeof t.kv.get;
    const failed = await new Client(t.app).json("/api/v1/auth/login", {
      username: "ann",
      password,
    });
    assert.equal(failed.status, 500);
    bodies.push(await failed.text());
    t.kv.get = get;
    assert.ok(logged.some((l) => l.includes("disk on fire")), "the 500 was logged");
    const secrets = [password, secret, secret.slice(3), ...ann.cookies.values()];
    for (const text of [...logged, ...bodies]) {
      for (const s of secrets) {
        assert.ok(!text.includes(s), `a secret leaked into: ${text.slice(0, 120)}`);
      }
    }
  } finally {
    Object.assign(console, saved);
  }
});

Deno.test("login - attempts per client address are limited across user names (password spraying)", async () => {
  const c = clock();
  using t = await accountsApp({ deps: { clock: c }, auth: { loginAttemptsPerMinutePerIp: 3 } });
  await new Client(t.app).signUp("ann", "right password");
  const from = (hostname: string, username: string) =>
    t.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: "guess" }),
    }, { remoteAddr: { transport: "tcp", hostname, port: 40000 } });
  for (const name of ["a1", "a2", "a3"]) assert.equal((await from("10.0.0.9", name)).status, 401);
  const sprayed = await from("10.0.0.9", "a4");
  assert.equal(sprayed.status, 429);
  assert.equal(sprayed.headers.get("retry-after"), "20");
  assert.equal((await from("10.0.0.10", "a4")).status, 401, "other addresses are unaffected");
  c.t += 20_000;
  assert.equal((await from("10.0.0.9", "a5")).status, 401);
});

Deno.test("error pages - the theme form carries the CSRF token, so it still works there", async () => {
  using t = await accountsApp();
  const b = new Client(t.app);
  const res = await b.request("/no-such-page");
  assert.equal(res.status, 404);
  const token = /name="csrf" value="([^"]+)"/.exec(await res.text())?.[1];
  assert.ok(token);
  const toggled = await b.request("/theme", {
    method: "POST",
    headers: { origin: "http://localhost" },
    body: new URLSearchParams({ theme: "dark", back: "/", csrf: token }),
  });
  assert.equal(toggled.status, 303);
});

Deno.test("CSRF - a cookie-based API client takes the token from the login response", async () => {
  using t = await accountsApp();
  await new Client(t.app).signUp("ann");
  const curl = new Client(t.app); // keeps cookies, sends no browser headers
  const login = await curl.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "ann", password: "correct horse battery" }),
  });
  const { csrf } = await login.json();
  const post = (headers: Record<string, string>) =>
    curl.request("/api/v1/tokens", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ name: "cli" }),
    });
  assert.equal((await post({})).status, 403, "cookies without the token");
  assert.equal((await post({ "x-csrf-token": csrf })).status, 201);
});

Deno.test("CSRF - the token changes when the browser signs in (bound to the session)", async () => {
  using t = await accountsApp();
  await new Client(t.app).signUp("ann");
  const b = new Client(t.app);
  const before = await b.csrf();
  const login = await b.request("/login", {
    method: "POST",
    body: new URLSearchParams({ username: "ann", password: "correct horse battery", csrf: before }),
  });
  assert.equal(login.status, 303);
  const after = await b.csrf();
  assert.notEqual(after, before);
  const stale = await b.request("/account/tokens", {
    method: "POST",
    body: new URLSearchParams({ name: "x", csrf: before }),
  });
  assert.equal(stale.status, 403, "a token minted before login is not valid in the session");
});

Deno.test("account page - lists the browsers signed in and signs out all the others", async () => {
  using t = await accountsApp();
  const a1 = new Client(t.app);
  await a1.signUp("ann");
  const a2 = new Client(t.app);
  await a2.json("/api/v1/auth/login", { username: "ann", password: "correct horse battery" });
  const page = await (await a1.request("/account")).text();
  assert.match(page.replaceAll("<!-- -->", ""), /Signed in on 2 browsers/);
  const res = await a1.request("/account/sessions/revoke-others", {
    method: "POST",
    body: new URLSearchParams({ csrf: await a1.csrf() }),
  });
  assert.match(decodeURIComponent(res.headers.get("location")!), /Signed out of 1 other browser\./);
  assert.equal((await a2.request("/api/v1/auth/me")).status, 401);
  assert.equal((await a1.request("/api/v1/auth/me")).status, 200);
});
