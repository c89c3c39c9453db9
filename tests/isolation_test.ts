/**
 * Multi-user isolation: every API route in the OpenAPI document, and every page route the app
 * registers, is requested as a second user (cookie session and API token) and anonymously, with
 * the first user's object ids in the path. Anonymous callers get 401 (API) or a redirect to /login
 * (pages) except on the explicitly listed public routes; the second user never sees the first
 * user's data and cannot change it. New routes are covered automatically; a resource that needs a
 * seeded object to be meaningful gets one line in SEEDS.
 */
import assert from "node:assert/strict";
import { accountsApp, Client } from "../lib/auth/testing.ts";

/** API routes anonymous callers may use, as "METHOD /path" (OpenAPI syntax, under /api/v1). */
const PUBLIC_API = new Set([
  "GET /health",
  "GET /openapi.json",
  "POST /auth/signup",
  "POST /auth/login",
  "POST /auth/logout",
  "GET /screeners", // the static catalogue of screener definitions, no user data
]);

/** Page routes anonymous visitors may use (Hono syntax). /share/:token is for shared links. */
const PUBLIC_PAGES = new Set([
  "GET /login",
  "POST /login",
  "GET /signup",
  "POST /signup",
  "POST /logout",
  "POST /theme",
  "GET /api-docs",
  "GET /static/*",
  "GET /share/:token",
]);

/** Path parameters that name things inside each owner's namespace (not owned object ids). */
const NAME_PARAMS = new Set(["symbol"]);

const SYMBOL = "AXPRIV";
/** 120 daily bars starting at `base` (a marker: no other data has it), enough for short SMAs. */
function barCsv(base: number): string {
  return "ts,open,high,low,close,volume\n" + Array.from({ length: 120 }, (_, i) => {
    const c = (base + 50 * Math.sin(i / 5)).toFixed(4);
    return `${1700000000000 + i * 86_400_000},${c},${Number(c) + 1},${
      Number(c) - 1
    },${c},987654321`;
  }).join("\n") + "\n";
}

interface Seed {
  method: string;
  /** OpenAPI path under /api/v1. */
  path: string;
  query?: string;
  body: string;
  type: string;
  /** Text that appears only in the first user's object. */
  marker: string;
  /** The second user's version of the body (default: the marker swapped for another). */
  other?: string;
  /** Read-back route that must still show the marker afterwards. */
  readBack: string;
  /** Name of the path parameter the created object's id fills, read from the response. */
  idParam?: { name: string; from: (json: any) => string };
}

/** One object of each kind for user A (add a line per new resource). */
const SEEDS: Seed[] = [
  {
    method: "POST",
    path: "/bars/{symbol}",
    body: barCsv(4242.4242),
    other: barCsv(5151.5151),
    type: "text/csv",
    marker: "4242.4242",
    readBack: `/bars/${SYMBOL}`,
  },
  {
    method: "PUT",
    path: "/drawings/{symbol}",
    query: "?timeframe=1d",
    body: JSON.stringify({
      drawings: [{
        id: "d1",
        kind: "text",
        a: { ts: 1700000000000, price: 1 },
        text: "ann-drawing-x",
      }],
    }),
    type: "application/json",
    marker: "ann-drawing-x",
    readBack: `/drawings/${SYMBOL}?timeframe=1d`,
  },
  {
    method: "PUT",
    path: "/chart/layout",
    body: JSON.stringify({ overlays: ["sma:173"], panes: [], scale: "log", volume: false }),
    type: "application/json",
    marker: "sma:173",
    readBack: "/chart/layout",
  },
  {
    method: "POST",
    path: "/backtests",
    body: JSON.stringify({
      symbols: [SYMBOL],
      strategy: "sma_cross",
      params: { fast: 3, slow: 8 },
      name: "ann-backtest-x",
    }),
    type: "application/json",
    marker: "ann-backtest-x",
    readBack: "/backtests",
    idParam: { name: "backtestId", from: (j) => j.id },
  },
  {
    method: "POST",
    path: "/optimizations",
    body: JSON.stringify({
      symbols: [SYMBOL],
      strategy: "sma_cross",
      space: { fast: { values: [2, 3] }, slow: { values: [8, 10] } },
      name: "ann-optimization-x",
    }),
    type: "application/json",
    marker: "ann-optimization-x",
    readBack: "/optimizations",
    idParam: { name: "optimizationId", from: (j) => j.id },
  },
  {
    method: "POST",
    path: "/watchlists",
    body: JSON.stringify({ name: "ann-watchlist-x", symbols: [SYMBOL] }),
    type: "application/json",
    marker: "ann-watchlist-x",
    readBack: "/watchlists",
    idParam: { name: "watchlistId", from: (j) => j.id },
  },
  {
    method: "POST",
    path: "/audits",
    body: JSON.stringify({
      files: [{
        name: "tasty.csv",
        text: Deno.readTextFileSync(new URL("./fixtures/audit/tasty_core.csv", import.meta.url)),
      }],
      name: "ann-audit-x",
    }),
    type: "application/json",
    marker: "ann-audit-x",
    readBack: "/audits",
    idParam: { name: "auditId", from: (j) => j.id },
  },
  {
    method: "POST",
    path: "/scans",
    body: JSON.stringify({
      screeners: [{ name: "turtle" }],
      universe: { kind: "symbols", symbols: [SYMBOL, "ZQANNX"] },
    }),
    type: "application/json",
    marker: "ZQANNX",
    readBack: "/scans",
    idParam: { name: "scanId", from: (j) => j.id },
  },
  {
    method: "POST",
    path: "/tokens",
    body: JSON.stringify({ name: "ann-token-x" }),
    type: "application/json",
    marker: "ann-token-x",
    readBack: "/tokens",
    idParam: { name: "id", from: (j) => j.id },
  },
];

async function ownedEntries(kv: Deno.Kv, owner: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const e of kv.list({ prefix: [] })) {
    if (e.key.includes(owner)) out.set(JSON.stringify(e.key), e.versionstamp);
  }
  return out;
}

function fill(path: string, ids: Map<string, string>, style: "openapi" | "hono"): string {
  const re = style === "openapi" ? /\{([^}]+)\}/g : /:([A-Za-z_]+)/g;
  return path.replace(re, (_, name) => encodeURIComponent(ids.get(name) ?? "unknown-id-1"))
    .replace(/\*$/, "x.css");
}

async function setUp() {
  const t = await accountsApp();
  const ann = new Client(t.app);
  const annId = await ann.signUp("ann");
  const bob = new Client(t.app);
  await bob.signUp("bob");
  const bobToken = new Client(t.app);
  bobToken.bearer = await bob.createToken("bob-script");
  const ids = new Map<string, string>([["symbol", SYMBOL]]);
  for (const s of SEEDS) {
    const res = await ann.request(`/api/v1${fill(s.path, ids, "openapi")}${s.query ?? ""}`, {
      method: s.method,
      headers: { "content-type": s.type, "x-csrf-token": await ann.csrf() },
      body: s.body,
    });
    const text = await res.text();
    assert.ok(res.status < 300, `seed ${s.method} ${s.path}: ${res.status} ${text}`);
    if (s.idParam) ids.set(s.idParam.name, s.idParam.from(JSON.parse(text)));
  }
  return { t, ann, annId, bob, bobToken, ids };
}

async function logIn(client: Client, username: string) {
  const res = await client.json("/api/v1/auth/login", {
    username,
    password: "correct horse battery",
  });
  assert.equal(res.status, 200, `log ${username} back in`);
}

/** The second user's counterpart of a marker. */
function swap(marker: string): string {
  return marker.replace("ann", "bob").replace("ANN", "BOB").replace("173", "174");
}

function leaked(text: string): string | undefined {
  return SEEDS.find((s) => text.includes(s.marker))?.marker;
}

Deno.test("isolation - every API route: anonymous gets 401, another user never sees or changes the owner's data", async () => {
  const { t, ann, annId, bob, bobToken, ids } = await setUp();
  try {
    const doc = await (await new Client(t.app).request("/api/v1/openapi.json")).json();
    const before = await ownedEntries(t.kv, annId);
    const publicFound = new Set<string>();
    let walked = 0;
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      const rel = path.replace(/^\/api\/v1/, "");
      for (const [method, op] of Object.entries(ops)) {
        const M = method.toUpperCase();
        const name = `${M} ${rel}`;
        const url = `/api/v1${fill(rel, ids, "openapi")}`;
        const seed = SEEDS.find((s) => s.method === M && s.path === rel);
        const body = ["POST", "PUT", "PATCH"].includes(M)
          ? (seed ? seed.other ?? seed.body.replaceAll(seed.marker, swap(seed.marker)) : "{}")
          : undefined;
        const type = seed?.type ?? "application/json";
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (isPublic) publicFound.add(name);

        const anon = await new Client(t.app).request(url + (seed?.query ?? ""), {
          method: M,
          headers: body ? { "content-type": type } : {},
          body,
        });
        const anonText = await anon.text();
        assert.equal(leaked(anonText), undefined, `${name} anonymous leaked data`);
        assert.ok(anon.status < 500, `${name} anonymous: ${anon.status}`);
        if (!isPublic) assert.equal(anon.status, 401, `${name} anonymous: ${anon.status}`);

        for (const [who, client] of [["bob (session)", bob], ["bob (token)", bobToken]] as const) {
          const headers: Record<string, string> = body ? { "content-type": type } : {};
          if (M !== "GET" && !client.bearer) headers["x-csrf-token"] = await client.csrf();
          const res = await client.request(url + (seed?.query ?? ""), { method: M, headers, body });
          const text = await res.text();
          assert.ok(res.status < 500, `${name} as ${who}: ${res.status} ${text}`);
          assert.equal(leaked(text), undefined, `${name} as ${who} leaked the owner's data`);
          const addressesOwned = [...rel.matchAll(/\{([^}]+)\}/g)].some((m) =>
            !NAME_PARAMS.has(m[1])
          );
          if (addressesOwned && !isPublic) {
            if (res.status === 400 && body) {
              // The body was refused before the id was looked at: fine, as long as the answer is
              // the same for an id that does not exist (no existence oracle).
              const ghost = await client.request(
                `/api/v1${fill(rel, new Map([["symbol", SYMBOL]]), "openapi")}${seed?.query ?? ""}`,
                { method: M, headers, body },
              );
              assert.equal(ghost.status, 400, `${name} as ${who}: 400 only for real ids`);
              assert.equal(
                (await ghost.json()).error.message,
                JSON.parse(text).error.message,
                `${name} as ${who}: same refusal for a missing id`,
              );
            } else {
              assert.ok(
                [401, 403, 404].includes(res.status),
                `${name} as ${who} on the owner's object: ${res.status} ${text}`,
              );
            }
          }
          if (!client.bearer && !client.cookies.has("tf_session")) await logIn(client, "bob");
        }
        walked++;
      }
    }
    assert.deepEqual([...publicFound].sort(), [...PUBLIC_API].sort(), "the public API routes");
    assert.ok(walked >= 15, `walked ${walked} routes`);
    assert.deepEqual(await ownedEntries(t.kv, annId), before, "the owner's KV entries unchanged");
    for (const s of SEEDS) {
      const back = await (await ann.request(`/api/v1${s.readBack}`)).text();
      assert.ok(back.includes(s.marker), `${s.readBack} still has the owner's data`);
      assert.ok(!back.includes(s.marker.replace("ann-", "bob-")) || !s.marker.startsWith("ann-"));
    }
  } finally {
    t.kv.close();
  }
});

Deno.test("isolation - every page route: anonymous is sent to /login unless public; another user sees only their own", async () => {
  const { t, annId, bob, ids } = await setUp();
  try {
    const before = await ownedEntries(t.kv, annId);
    const pages = t.app.routes.filter((r) =>
      r.method !== "ALL" && !r.path.startsWith("/api/") && r.path !== "/*"
    );
    const seen = new Set<string>();
    for (const r of pages) {
      const name = `${r.method} ${r.path}`;
      if (seen.has(name)) continue;
      seen.add(name);
      const url = fill(r.path, ids, "hono");
      const body = r.method === "POST" ? new URLSearchParams({ name: "x" }) : undefined;
      const anon = await new Client(t.app).request(url, { method: r.method, body });
      const anonText = await anon.text();
      assert.equal(leaked(anonText), undefined, `${name} anonymous leaked data`);
      assert.ok(anon.status < 500, `${name} anonymous: ${anon.status}`);
      if (!PUBLIC_PAGES.has(name)) {
        assert.equal(anon.status, 303, `${name} anonymous: ${anon.status}`);
        assert.match(anon.headers.get("location") ?? "", /^\/login/, name);
      }
      const form = body && new URLSearchParams({ name: "x", csrf: await bob.csrf() });
      const res = await bob.request(url, { method: r.method, body: form });
      const text = await res.text();
      assert.ok(res.status < 500, `${name} as bob: ${res.status}`);
      assert.equal(leaked(text), undefined, `${name} as bob leaked the owner's data`);
      const ownedId = [...r.path.matchAll(/:([A-Za-z_]+)/g)].some((m) => !NAME_PARAMS.has(m[1]));
      if (ownedId && r.method === "GET") {
        assert.ok([403, 404].includes(res.status), `${name} as bob: ${res.status}`);
      }
      if (!bob.cookies.has("tf_session")) await logIn(bob, "bob");
    }
    for (const p of PUBLIC_PAGES) {
      assert.ok(seen.has(p) || p.includes("/share/"), `public page ${p} exists`);
    }
    assert.deepEqual(await ownedEntries(t.kv, annId), before, "the owner's KV entries unchanged");
  } finally {
    t.kv.close();
  }
});

Deno.test("isolation - every registered API route is in the OpenAPI document (so the walk covers it)", async () => {
  using t = await accountsApp();
  const doc = await (await t.app.request("/api/v1/openapi.json")).json();
  const documented = new Set<string>();
  for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
    for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path}`);
  }
  const missing = t.app.routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/"))
    .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)(\{[^}]*\})?/g, "{$1}")}`)
    .filter((r) => !documented.has(r));
  assert.deepEqual(missing, [], "undocumented API routes");
});
