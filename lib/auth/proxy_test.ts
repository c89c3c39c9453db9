import assert from "node:assert/strict";
import { TEST_NOW } from "../../tests/helpers.ts";
import { clientIp, type ClientIpContext } from "./middleware.ts";
import { accountsApp, Client } from "./testing.ts";

function clock() {
  const c = { t: TEST_NOW, now: () => c.t };
  return c;
}

function ctx(trustProxy: boolean | undefined, headers: Record<string, string>): ClientIpContext {
  const h = new Headers(headers);
  return {
    env: { remoteAddr: { transport: "tcp", hostname: "10.0.0.1", port: 40000 } },
    req: { header: (name) => h.get(name) ?? undefined },
    var: { deps: { config: { trustProxy } } },
  };
}

Deno.test("clientIp - off by default: X-Forwarded-For is ignored, the socket address is used", () => {
  const xff = { "x-forwarded-for": "203.0.113.7" };
  assert.equal(clientIp(ctx(undefined, xff)), "10.0.0.1");
  assert.equal(clientIp(ctx(false, xff)), "10.0.0.1");
});

Deno.test("clientIp - trustProxy: the right-most X-Forwarded-For entry (the one the proxy added)", () => {
  assert.equal(clientIp(ctx(true, { "x-forwarded-for": "203.0.113.7" })), "203.0.113.7");
  // The client sent "1.2.3.4, 5.6.7.8"; the proxy appended the address it saw.
  assert.equal(
    clientIp(ctx(true, { "x-forwarded-for": "1.2.3.4, 5.6.7.8,  198.51.100.2 " })),
    "198.51.100.2",
  );
  assert.equal(clientIp(ctx(true, { "x-forwarded-for": "1.2.3.4, 2001:DB8::1" })), "2001:db8::1");
});

Deno.test("clientIp - trustProxy: a missing, empty or non-address last entry falls back to the socket", () => {
  assert.equal(clientIp(ctx(true, {})), "10.0.0.1");
  assert.equal(clientIp(ctx(true, { "x-forwarded-for": "" })), "10.0.0.1");
  assert.equal(clientIp(ctx(true, { "x-forwarded-for": "1.2.3.4, " })), "10.0.0.1");
  assert.equal(clientIp(ctx(true, { "x-forwarded-for": "1.2.3.4, unknown" })), "10.0.0.1");
  assert.equal(clientIp(ctx(true, { "x-forwarded-for": "<script>" })), "10.0.0.1");
});

async function sprayApp(trustProxy: boolean) {
  const c = clock();
  const t = await accountsApp({
    deps: { clock: c },
    auth: { loginAttemptsPerMinutePerIp: 3 },
    config: { trustProxy },
  });
  await new Client(t.app).signUp("ann", "right password");
  let n = 0;
  const login = (socket: string, xff?: string) =>
    t.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(xff === undefined ? {} : { "x-forwarded-for": xff }),
      },
      body: JSON.stringify({ username: `guess${++n}`, password: "guess" }),
    }, { remoteAddr: { transport: "tcp", hostname: socket, port: 40000 } });
  return { t, c, login };
}

Deno.test("login limit - trustProxy on: each forwarded client has its own budget behind one proxy", async () => {
  const { t, c, login } = await sprayApp(true);
  using _ = t;
  const proxy = "10.0.0.2";
  for (let i = 0; i < 3; i++) assert.equal((await login(proxy, "203.0.113.7")).status, 401);
  const over = await login(proxy, "203.0.113.7");
  assert.equal(over.status, 429);
  assert.equal(over.headers.get("retry-after"), "20");
  // Another client through the same proxy is unaffected.
  assert.equal((await login(proxy, "203.0.113.8")).status, 401);
  // Forged left-most entries do not give the limited client a fresh budget.
  assert.equal((await login(proxy, "9.9.9.9, 203.0.113.7")).status, 429);
  c.t += 20_000;
  assert.equal((await login(proxy, "203.0.113.7")).status, 401);
});

Deno.test("login limit - trustProxy off: a forged X-Forwarded-For cannot dodge the per-address limit", async () => {
  const { t, c, login } = await sprayApp(false);
  using _ = t;
  for (let i = 0; i < 3; i++) {
    assert.equal((await login("10.0.0.9", `198.51.100.${i}`)).status, 401);
  }
  const forged = await login("10.0.0.9", "198.51.100.99");
  assert.equal(forged.status, 429);
  assert.equal(forged.headers.get("retry-after"), "20");
  assert.equal((await login("10.0.0.9", "10.0.0.10")).status, 429);
  assert.equal((await login("10.0.0.10")).status, 401, "other socket addresses are unaffected");
  c.t += 20_000;
  assert.equal((await login("10.0.0.9", "198.51.100.99")).status, 401);
});
