import assert from "node:assert/strict";
import { verify as honoVerify } from "hono/jwt";
import { base64url, fromBase64url, sha256Hex, timingSafeEqual } from "./crypto.ts";
import { signJwt, verifyJwt } from "./jwt.ts";
import { hashPassword, TEST_COST, verifyPassword } from "./password.ts";
import { checkAccessToken, revokeSession, startSession, useRefreshToken } from "./sessions.ts";
import { DEFAULT_AUTH } from "./settings.ts";
import { createUser } from "./users.ts";
import { createApiToken, listApiTokens, resolveApiToken, revokeApiToken } from "./api_tokens.ts";
import { loginLockRemaining, recordLoginFailure, takeToken } from "./limits.ts";

const T0 = Date.UTC(2024, 5, 3, 12);
const S = { ...DEFAULT_AUTH, passwordCost: TEST_COST };

async function hmacKey(bytes: Uint8Array<ArrayBuffer>) {
  return await crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

Deno.test("sha256Hex - matches the FIPS 180-2 'abc' vector", async () => {
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

Deno.test("base64url - round-trips bytes and rejects other alphabets", () => {
  const bytes = Uint8Array.from({ length: 40 }, (_, i) => (i * 37) & 255);
  assert.deepEqual(fromBase64url(base64url(bytes)), bytes);
  assert.equal(base64url(Uint8Array.of(251, 255)), "-_8");
  assert.equal(fromBase64url("ab+c"), null);
  assert.equal(timingSafeEqual("abc", "abc"), true);
  assert.equal(timingSafeEqual("abc", "abd"), false);
  assert.equal(timingSafeEqual("abc", "abcd"), false);
});

Deno.test("signJwt - an independent verifier (hono/jwt) accepts it; tampering and expiry fail", async () => {
  const raw = new TextEncoder().encode("a-32-byte-secret-for-hs256-tests");
  const key = await hmacKey(raw);
  const claims = { sub: "u1", sid: "s1", name: "ann", iat: T0 / 1000, exp: T0 / 1000 + 60 };
  const jwt = await signJwt(claims, key);
  const other = await honoVerify(jwt, new TextDecoder().decode(raw), {
    alg: "HS256",
    exp: false,
    iat: false,
  });
  assert.equal(other.sub, "u1");
  assert.deepEqual(await verifyJwt(jwt, key, T0), { ok: true, claims });
  assert.deepEqual(await verifyJwt(jwt, key, T0 + 60_000), { ok: false, reason: "expired" });
  const [h, p, s] = jwt.split(".");
  const forged = base64url(new TextEncoder().encode(JSON.stringify({ ...claims, sub: "admin" })));
  assert.deepEqual(await verifyJwt(`${h}.${forged}.${s}`, key, T0), {
    ok: false,
    reason: "bad_signature",
  });
  const none = base64url(new TextEncoder().encode(JSON.stringify({ alg: "none", typ: "JWT" })));
  assert.deepEqual(await verifyJwt(`${none}.${p}.`, key, T0), { ok: false, reason: "malformed" });
  const wrongKey = await hmacKey(new TextEncoder().encode("another-secret-another-secret-32"));
  assert.equal((await verifyJwt(jwt, wrongKey, T0)).ok, false);
  assert.equal((await verifyJwt("a.b", key, T0)).ok, false);
});

Deno.test("hashPassword - argon2id PHC string with the requested cost; verifies only the right password", async () => {
  const h = await hashPassword("correct horse", TEST_COST);
  assert.match(h, /^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  assert.equal(await verifyPassword("correct horse", h), true);
  assert.equal(await verifyPassword("correct horsf", h), false);
  assert.equal(await verifyPassword("x", "not a hash"), false);
  assert.notEqual(await hashPassword("correct horse", TEST_COST), h, "salted");
  await assert.rejects(
    hashPassword("x", { memoryKiB: 4, iterations: 1, parallelism: 1 }),
    RangeError,
  );
});

Deno.test("argon2id - matches the reference C implementation (Debian argon2 0~20171227)", async () => {
  // echo -n "correct horse battery staple" | argon2 thetaforgesalt16 -id -t 2 -m 10 -p 1 -l 32 -e
  const reference =
    "$argon2id$v=19$m=1024,t=2,p=1$dGhldGFmb3JnZXNhbHQxNg$xk/OGu2OjL7j8pZzZ8rT8/C2BlejjdEeAvikVi3q4+c";
  assert.equal(await verifyPassword("correct horse battery staple", reference), true);
  assert.equal(await verifyPassword("correct horse battery stapler", reference), false);
  const { argon2id } = await import("hash-wasm");
  const raw = await argon2id({
    password: "correct horse battery staple",
    salt: "thetaforgesalt16",
    iterations: 2,
    memorySize: 1024, // KiB: the CLI's -m 10 means 2^10
    parallelism: 1,
    hashLength: 32,
    outputType: "hex",
  });
  assert.equal(raw, "c64fce1aed8e8cbee3f2967367cad3f3f0b60657a38dd11e02f8a4562deae3e7");
});

Deno.test("createUser - the first account is 'local', later ones fresh; names are unique ignoring case", async () => {
  using kv = await Deno.openKv(":memory:");
  let n = 0;
  const newId = () => `u${++n}`;
  const input = (username: string) => ({ username, passwordHash: "h", now: T0, newId });
  const results = await Promise.all(
    [input("Ann"), input("bob"), input("cy")].map((i) => createUser(kv, i)),
  );
  const ids = results.map((r) => r.ok ? r.user.id : "-").sort();
  assert.equal(ids.filter((id) => id === "local").length, 1, "exactly one concurrent winner");
  assert.equal(new Set(ids).size, 3);
  assert.deepEqual(await createUser(kv, input("ANN")), { ok: false, reason: "taken" });
});

Deno.test("sessions - access token checks, refresh rotation, grace window, replay revokes", async () => {
  using kv = await Deno.openKv(":memory:");
  const s = await startSession(kv, { id: "u1", username: "ann" }, T0, S);
  assert.equal((await checkAccessToken(kv, s.issued.access, T0))?.owner, "u1");
  assert.equal(await checkAccessToken(kv, s.issued.access, T0 + S.accessTtlMs), null, "expired");

  const t1 = T0 + S.accessTtlMs + 1;
  const r1 = await useRefreshToken(kv, s.issued.refresh, t1, S);
  assert.ok(r1?.issued?.refresh && r1.issued.refresh !== s.issued.refresh, "rotated");
  assert.equal((await checkAccessToken(kv, r1.issued.access, t1))?.sid, s.sid);
  // A second tab presenting the old token within the grace period: new access token only.
  const grace = await useRefreshToken(kv, s.issued.refresh, t1 + 1000, S);
  assert.equal(grace?.sid, s.sid);
  assert.equal(grace?.issued?.refresh, undefined);
  // The old token replayed later: treated as stolen, the whole session ends.
  assert.equal(await useRefreshToken(kv, s.issued.refresh, t1 + S.refreshGraceMs + 1, S), null);
  assert.equal(await useRefreshToken(kv, r1.issued.refresh!, t1 + S.refreshGraceMs + 2, S), null);
  assert.equal(await checkAccessToken(kv, r1.issued.access, t1), null);
});

Deno.test("sessions - logout revokes the access and refresh tokens; sessions end after their TTL", async () => {
  using kv = await Deno.openKv(":memory:");
  const s = await startSession(kv, { id: "u1", username: "ann" }, T0, S);
  await revokeSession(kv, "u1", s.sid);
  assert.equal(await checkAccessToken(kv, s.issued.access, T0), null);
  assert.equal(await useRefreshToken(kv, s.issued.refresh, T0, S), null);
  const s2 = await startSession(kv, { id: "u1", username: "ann" }, T0, S);
  assert.equal(await useRefreshToken(kv, s2.issued.refresh, T0 + S.refreshTtlMs, S), null);
  assert.equal(await useRefreshToken(kv, "garbage", T0, S), null);
});

Deno.test("api tokens - only the SHA-256 is stored; resolve, list and revoke per owner", async () => {
  using kv = await Deno.openKv(":memory:");
  const r = await createApiToken(kv, "u1", { name: "ci", now: T0, id: "t1" });
  assert.ok(r.ok);
  assert.match(r.secret, /^tf_[A-Za-z0-9_-]{43}$/);
  for await (const e of kv.list({ prefix: [] })) {
    assert.ok(!JSON.stringify(e).includes(r.secret.slice(3)), "secret not stored");
  }
  assert.equal(r.token.hash, await sha256Hex(r.secret));
  assert.equal((await resolveApiToken(kv, r.secret, T0))?.owner, "u1");
  assert.equal((await listApiTokens(kv, "u1"))[0].lastUsedAt, T0);
  const altered = r.secret.slice(0, -1) + (r.secret.endsWith("A") ? "B" : "A");
  assert.equal(await resolveApiToken(kv, altered, T0), null);
  assert.equal(await revokeApiToken(kv, "u2", "t1"), false, "not another owner's");
  assert.equal(await revokeApiToken(kv, "u1", "t1"), true);
  assert.equal(await resolveApiToken(kv, r.secret, T0), null);
});

Deno.test("recordLoginFailure - 4 free failures, then 30 s doubling up to 15 min", async () => {
  using kv = await Deno.openKv(":memory:");
  const locks = [];
  for (let i = 0; i < 12; i++) locks.push(await recordLoginFailure(kv, "Ann", T0, S));
  assert.deepEqual(locks.map((ms) => ms / 1000), [
    0,
    0,
    0,
    0,
    30,
    60,
    120,
    240,
    480,
    900,
    900,
    900,
  ]);
  assert.equal(await loginLockRemaining(kv, "ANN", T0 + 1000), 899_000, "case-insensitive");
});

Deno.test("takeToken - a bucket of perMinute requests refilled evenly", () => {
  const scope = {};
  for (let i = 0; i < 3; i++) assert.equal(takeToken(scope, "t", T0, 3), 0);
  assert.equal(takeToken(scope, "t", T0, 3), 20_000, "one request per 20 s");
  assert.equal(takeToken(scope, "t", T0 + 20_000, 3), 0);
  assert.equal(takeToken({}, "t", T0, 3), 0, "scopes are independent");
});
