/**
 * Personal API tokens for JSON API clients (`Authorization: Bearer tf_...`). A token is 256 random
 * bits, shown once at creation; only its SHA-256 is stored (a fast hash is enough for a
 * high-entropy secret and keeps the per-request check cheap).
 *
 * Keys: `["api_tokens", owner, id]` → {@link ApiToken}; `["api_token_hash", sha256]` →
 * `{ owner, id }`.
 * @module
 */
import * as z from "zod";
import { randomToken, sha256Hex } from "./crypto.ts";

/** A token's display name. */
export const TokenName = z.string().trim().min(1, "name the token").max(
  80,
  "token names have at most 80 characters",
);

/** Most tokens one owner may hold. */
export const MAX_TOKENS = 50;

/** A stored token (without the secret). */
export interface ApiToken {
  id: string;
  owner: string;
  name: string;
  /** The first characters of the secret, so the user can tell tokens apart. */
  prefix: string;
  hash: string;
  /** Unix ms. */
  createdAt: number;
  lastUsedAt: number | null;
  /** Exempt from the per-token rate limit (load tests); only settable server-side. */
  unlimited: boolean;
}

/** What the API and UI show about a token. */
export type ApiTokenView = Omit<ApiToken, "hash" | "owner">;

/** Drops the hash and owner. */
export function tokenView(t: ApiToken): ApiTokenView {
  const { hash: _h, owner: _o, ...view } = t;
  return view;
}

const TOKEN_RE = /^tf_[A-Za-z0-9_-]{43}$/;
const keys = {
  token: (owner: string, id: string) => ["api_tokens", owner, id] as const,
  tokens: (owner: string) => ["api_tokens", owner] as const,
  byHash: (hash: string) => ["api_token_hash", hash] as const,
};

/** Creates a token; returns the secret (to show once) and the stored record. */
export async function createApiToken(
  kv: Deno.Kv,
  owner: string,
  input: { name: string; now: number; id: string; unlimited?: boolean },
): Promise<{ ok: true; secret: string; token: ApiToken } | { ok: false; reason: "too_many" }> {
  let count = 0;
  for await (const _ of kv.list({ prefix: keys.tokens(owner) })) count++;
  if (count >= MAX_TOKENS) return { ok: false, reason: "too_many" };
  const secret = `tf_${randomToken(32)}`;
  const token: ApiToken = {
    id: input.id,
    owner,
    name: input.name,
    prefix: secret.slice(0, 10),
    hash: await sha256Hex(secret),
    createdAt: input.now,
    lastUsedAt: null,
    unlimited: input.unlimited ?? false,
  };
  const res = await kv.atomic()
    .check({ key: keys.token(owner, token.id), versionstamp: null })
    .set(keys.token(owner, token.id), token)
    .set(keys.byHash(token.hash), { owner, id: token.id })
    .commit();
  if (!res.ok) throw new Error("createApiToken: token id already in use");
  return { ok: true, secret, token };
}

/** The owner's tokens, oldest first. */
export async function listApiTokens(kv: Deno.Kv, owner: string): Promise<ApiToken[]> {
  const out: ApiToken[] = [];
  for await (const e of kv.list<ApiToken>({ prefix: keys.tokens(owner) })) out.push(e.value);
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Revokes one of the owner's tokens; false when the owner has no such token. */
export async function revokeApiToken(kv: Deno.Kv, owner: string, id: string): Promise<boolean> {
  const entry = await kv.get<ApiToken>(keys.token(owner, id));
  if (!entry.value) return false;
  const res = await kv.atomic().check(entry).delete(entry.key).delete(keys.byHash(entry.value.hash))
    .commit();
  return res.ok;
}

/**
 * Resolves a bearer secret to its token, or null. Records `lastUsedAt` at most once an hour so the
 * hot path stays one read.
 */
export async function resolveApiToken(
  kv: Deno.Kv,
  secret: string,
  now: number,
): Promise<ApiToken | null> {
  if (!TOKEN_RE.test(secret)) return null;
  const ref = (await kv.get<{ owner: string; id: string }>(keys.byHash(await sha256Hex(secret))))
    .value;
  if (!ref) return null;
  const entry = await kv.get<ApiToken>(keys.token(ref.owner, ref.id));
  if (!entry.value) return null;
  if (entry.value.lastUsedAt === null || now - entry.value.lastUsedAt > 3_600_000) {
    await kv.atomic().check(entry).set(entry.key, { ...entry.value, lastUsedAt: now }).commit();
  }
  return entry.value;
}
