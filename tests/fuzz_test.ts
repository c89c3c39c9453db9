/**
 * Fuzzing with fast-check: every parser never throws on arbitrary input (or throws only its
 * documented input error), and every API route with a body, query or path parameters answers
 * arbitrary input with a success or a clear 4xx JSON error, never a 500, and stores nothing when
 * it refuses. Routes come from the OpenAPI document, so new ones are fuzzed automatically.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { accountsApp, Client } from "../lib/auth/testing.ts";
import { parseOhlcvCsv } from "../lib/data/csv.ts";
import { parseTimestamp } from "../lib/data/time.ts";
import { parseIndicatorSpec, parseIndicatorSpecs } from "../lib/indicators/spec.ts";
import { checkSpec } from "../lib/chart/layout.ts";
import { parseCsv } from "../lib/audit/csv.ts";
import { importFile } from "../lib/audit/importers/mod.ts";
import { parseDateTime, parseExpiry, parseNumber } from "../lib/audit/parse.ts";
import { AuditInputError } from "../lib/audit/types.ts";
import { verifyJwt } from "../lib/auth/jwt.ts";
import { parseCookies } from "../lib/auth/cookies.ts";
import { fromBase64url } from "../lib/auth/crypto.ts";
import { handleQueueMessage } from "../workers/queue.ts";
import { DEFAULT_CONFIG, localOwner } from "../lib/http/env.ts";

const RUNS = 150;

/** Text that looks like a CSV: a header-ish first line and rows of numbers, dates and junk. */
const csvish = fc.array(
  fc.array(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.double().map(String),
      fc.integer().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom("Date", "Open", "High", "Low", "Close", "Volume", "Adj Close", "", "NaN"),
    ),
    { maxLength: 8 },
  ).map((cells) => cells.join(fc.sample(fc.constantFrom(",", ";", "\t"), 1)[0])),
  { maxLength: 12 },
).map((lines) => lines.join("\n"));

const anyText = fc.oneof(fc.string(), fc.string({ unit: "binary" }), csvish);

Deno.test("fuzz parsers - OHLCV CSV: never throws; accepted files are strictly increasing and complete", () => {
  fc.assert(
    fc.property(
      anyText,
      fc.record({ sort: fc.boolean(), dedupe: fc.boolean(), adjust: fc.boolean() }),
      (text, opts) => {
        const r = parseOhlcvCsv(text, opts);
        if (r.ok) {
          assert.ok(r.bars.length > 0);
          for (let i = 1; i < r.bars.length; i++) assert.ok(r.bars.ts[i] > r.bars.ts[i - 1]);
        } else {
          assert.ok(r.issues.length > 0);
          for (const i of r.issues) assert.ok(i.line >= 0 && i.message.length > 0);
        }
      },
    ),
    { numRuns: RUNS * 2 },
  );
});

Deno.test("fuzz parsers - timestamps, indicator specs, chart specs never throw", () => {
  fc.assert(
    fc.property(fc.string(), fc.array(fc.string(), { maxLength: 5 }), (s, list) => {
      const t = parseTimestamp(s);
      assert.ok(Number.isNaN(t) || Number.isFinite(t));
      const spec = parseIndicatorSpec(s);
      if (spec.ok) assert.ok(spec.spec.params.every(Number.isFinite));
      else assert.ok(spec.issue.message.length > 0);
      parseIndicatorSpecs(list);
      for (const slot of ["overlay", "pane"] as const) checkSpec(slot, s);
    }),
    { numRuns: RUNS * 2 },
  );
});

Deno.test("fuzz parsers - broker exports: only AuditInputError, which names the line", () => {
  const headers = fc.constantFrom(
    "Date,Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Currency",
    "ClientAccountID,Symbol,TradeDate,Quantity,TradePrice,Put/Call,Strike,Expiry,Multiplier",
    "Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price",
    "date,symbol,expiry,strike,right,qty,price,fees",
  );
  fc.assert(
    fc.property(fc.oneof(anyText, fc.tuple(headers, csvish).map(([h, b]) => `${h}\n${b}`)), (t) => {
      parseCsv(t);
      for (const cell of t.split(/[,\n]/).slice(0, 5)) {
        parseNumber(cell);
        parseDateTime(cell);
        parseExpiry(cell);
      }
      try {
        importFile("fuzz.csv", t, "auto", Date.UTC(2024, 0, 1));
      } catch (err) {
        if (!(err instanceof AuditInputError)) throw err;
        assert.ok(err.message.length > 0);
      }
    }),
    { numRuns: RUNS * 2 },
  );
});

Deno.test("fuzz parsers - JWTs, cookies and base64url: garbage is refused, never thrown", async () => {
  const key = await crypto.subtle.importKey(
    "raw",
    new Uint8Array(32),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.string(), fc.array(fc.base64String(), { maxLength: 4 }).map((a) => a.join("."))),
      async (s) => {
        assert.equal((await verifyJwt(s, key, 0)).ok, false);
        parseCookies(s);
        fromBase64url(s);
      },
    ),
    { numRuns: RUNS },
  );
});

Deno.test("fuzz queue - malformed messages are dropped, never thrown and never handled", async () => {
  using kv = await Deno.openKv(":memory:");
  const deps = {
    kv,
    clock: { now: () => 0 },
    config: DEFAULT_CONFIG,
    currentOwner: localOwner,
    newId: () => "x",
  };
  const log = console.error;
  console.error = () => {};
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({ type: fc.constantFrom("PingRequested", "Nope"), id: fc.anything() }),
        ),
        async (raw) => {
          const r = await handleQueueMessage(deps, raw);
          assert.ok(["dropped", "done", "duplicate"].includes(r));
        },
      ),
      { numRuns: RUNS },
    );
  } finally {
    console.error = log;
  }
});

/** Keys that legitimately change on a refused request (failed-login counters). */
const VOLATILE = new Set(["auth_login_fail"]);

async function snapshot(kv: Deno.Kv): Promise<string> {
  const out: string[] = [];
  for await (const e of kv.list({ prefix: [] })) {
    if (!VOLATILE.has(String(e.key[0]))) out.push(`${JSON.stringify(e.key)}@${e.versionstamp}`);
  }
  return out.join("\n");
}

function bodyArbitrary(op: any): fc.Arbitrary<{ type: string; body: string }> {
  const content = op.requestBody?.content ?? {};
  const arbs: fc.Arbitrary<{ type: string; body: string }>[] = [];
  const json = content["application/json"]?.schema;
  if (json || !op.requestBody) {
    const keys = Object.keys(json?.properties ?? {});
    const value = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.jsonValue(), { maxLength: 3 }),
      fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 3 }),
    );
    arbs.push(
      fc.json().map((body) => ({ type: "application/json", body })),
      fc.string().map((body) => ({ type: "application/json", body })),
    );
    if (keys.length > 0) {
      arbs.push(
        fc.dictionary(fc.constantFrom(...keys), value).map((o) => ({
          type: "application/json",
          body: JSON.stringify(o),
        })),
      );
    }
  }
  for (const type of Object.keys(content)) {
    if (type !== "application/json") arbs.push(anyText.map((body) => ({ type, body })));
  }
  return fc.oneof(...arbs);
}

Deno.test("fuzz API - every route with a body, query or path parameter: no 500, clear 4xx, nothing stored", async () => {
  // Market data providers answer from a local stub (nothing is found), never the network.
  const stub = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    () => new Response("", { status: 404 }),
  );
  using t = await accountsApp();
  t.deps.config.yahooBaseUrl = `http://127.0.0.1:${stub.addr.port}`;
  const ann = new Client(t.app);
  await ann.signUp("ann");
  // Fixed cookies: a fuzzed sign-up or login must not switch this client to another user.
  const headers = {
    cookie: [...ann.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    "x-csrf-token": await ann.csrf(),
  };
  await ann.request("/api/v1/bars/FUZZ", {
    method: "POST",
    headers: { ...headers, "content-type": "text/csv" },
    body: "ts,open,high,low,close,volume\n1700000000000,1,2,0.5,1.5,10\n",
  });
  const doc = await (await t.app.request("/api/v1/openapi.json")).json();
  let fuzzed = 0;
  for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const M = method.toUpperCase();
      if (path === "/api/v1/auth/logout") continue; // no input; would end the session
      const params: any[] = op.parameters ?? [];
      if (!op.requestBody && params.length === 0) continue;
      fuzzed++;
      const paramArb = fc.record(
        Object.fromEntries(params.map((p) => [
          `${p.in}:${p.name}`,
          p.in === "path"
            ? fc.oneof(fc.constant("FUZZ"), fc.string({ minLength: 1 }))
            : fc.option(fc.oneof(fc.string(), fc.integer().map(String)), { nil: undefined }),
        ])),
      );
      const hasBody = ["POST", "PUT", "PATCH"].includes(M);
      await fc.assert(
        fc.asyncProperty(paramArb, bodyArbitrary(op), async (p, b) => {
          let url = path;
          const q = new URLSearchParams();
          for (const [k, v] of Object.entries(p)) {
            const [where, name] = k.split(":");
            if (where === "path") url = url.replace(`{${name}}`, encodeURIComponent(String(v)));
            else if (v !== undefined) q.set(name, String(v));
          }
          const before = await snapshot(t.kv);
          const res = await t.app.request(`${url}${q.size ? "?" + q : ""}`, {
            method: M,
            headers: hasBody ? { ...headers, "content-type": b.type } : headers,
            body: hasBody ? b.body : undefined,
          });
          const text = await res.text();
          const where = `${M} ${url}?${q} ${hasBody ? b.body.slice(0, 200) : ""}`;
          assert.ok(res.status < 500, `${where}: ${res.status} ${text}`);
          if (res.status >= 400) {
            const err = JSON.parse(text).error;
            assert.ok(err.code && err.message, `${where}: unclear error ${text}`);
            assert.equal(await snapshot(t.kv), before, `${where}: refused but stored`);
          }
        }),
        { numRuns: RUNS / 3 },
      );
    }
  }
  assert.ok(fuzzed >= 8, `fuzzed ${fuzzed} routes`);
  await stub.shutdown();
});

Deno.test("fuzz pages - every form post answers arbitrary fields without a 500", async () => {
  using t = await accountsApp();
  const ann = new Client(t.app);
  await ann.signUp("ann");
  const csrf = await ann.csrf();
  const cookie = [...ann.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const posts = [
    ...new Set(
      t.app.routes.filter((r) => r.method === "POST" && !r.path.startsWith("/api/"))
        .map((r) => r.path),
    ),
  ].filter((p) => p !== "/logout");
  assert.ok(posts.length >= 6, posts.join(", "));
  const field = fc.oneof(fc.string(), fc.string({ unit: "binary" }), anyText);
  for (const path of posts) {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.oneof(
            fc.constantFrom("username", "password", "name", "currentPassword", "newPassword"),
            fc.constantFrom("next", "theme", "back", "symbol", "mode", "file", "text", "id"),
            fc.string({ maxLength: 10 }),
          ),
          field,
        ),
        fc.string({ minLength: 1, maxLength: 12 }),
        async (fields, param) => {
          const url = path.replace(/:([A-Za-z_]+)/g, () => encodeURIComponent(param));
          const res = await t.app.request(url, {
            method: "POST",
            headers: { cookie },
            body: new URLSearchParams({ ...fields, csrf }),
          });
          assert.ok(res.status < 500, `${url} ${JSON.stringify(fields)}: ${res.status}`);
        },
      ),
      { numRuns: 25 },
    );
  }
});
