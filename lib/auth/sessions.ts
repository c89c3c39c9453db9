/**
 * Browser sessions: a short-lived signed access token (JWT, `tf_session` cookie) plus a long-lived
 * opaque refresh token (`tf_refresh` cookie) that is rotated on every use.
 *
 * Keys: `["auth_sessions", owner, sid]` → {@link Session} (deleting it revokes the session and
 * every token issued for it); `["auth_refresh", sha256(refresh token)]` → {@link RefreshRecord}.
 * Only hashes of refresh tokens are stored.
 *
 * Reuse detection: a refresh token that was already rotated away, presented again after the grace
 * period, means two parties hold it; the whole session is revoked.
 * @module
 */
import { randomToken, serverKey, sha256Hex } from "./crypto.ts";
import { signJwt, verifyJwt } from "./jwt.ts";
import type { AuthSettings } from "./settings.ts";

/** A live session. */
export interface Session {
  id: string;
  owner: string;
  username: string;
  /** Unix ms. */
  createdAt: number;
  expiresAt: number;
  /** Hash of the current refresh token, and of the one it replaced (with the rotation time). */
  refreshHash: string;
  previousHash: string | null;
  rotatedAt: number;
}

/** Points a refresh token hash to its session. */
export interface RefreshRecord {
  owner: string;
  sid: string;
}

/** Who a valid access or refresh token belongs to, and the new tokens to hand out, if any. */
export interface SessionAuth {
  owner: string;
  username: string;
  sid: string;
  /** Set when the client must store new cookies (after login or a refresh rotation). */
  issued?: { access: string; refresh?: string };
}

const keys = {
  session: (owner: string, sid: string) => ["auth_sessions", owner, sid] as const,
  sessions: (owner: string) => ["auth_sessions", owner] as const,
  refresh: (hash: string) => ["auth_refresh", hash] as const,
};

async function accessToken(
  kv: Deno.Kv,
  s: { owner: string; username: string; sid: string },
  now: number,
  settings: AuthSettings,
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return await signJwt(
    {
      sub: s.owner,
      sid: s.sid,
      name: s.username,
      iat,
      exp: iat + Math.max(1, Math.floor(settings.accessTtlMs / 1000)),
    },
    await serverKey(kv, "jwt"),
  );
}

/** Starts a session for a user who just proved their password. */
export async function startSession(
  kv: Deno.Kv,
  user: { id: string; username: string },
  now: number,
  settings: AuthSettings,
): Promise<SessionAuth & { issued: { access: string; refresh: string } }> {
  const sid = randomToken(16);
  const refresh = randomToken(32);
  const hash = await sha256Hex(refresh);
  const session: Session = {
    id: sid,
    owner: user.id,
    username: user.username,
    createdAt: now,
    expiresAt: now + settings.refreshTtlMs,
    refreshHash: hash,
    previousHash: null,
    rotatedAt: now,
  };
  const expireIn = settings.refreshTtlMs;
  const res = await kv.atomic()
    .set(keys.session(user.id, sid), session, { expireIn })
    .set(keys.refresh(hash), { owner: user.id, sid } satisfies RefreshRecord, { expireIn })
    .commit();
  if (!res.ok) throw new Error("startSession: commit failed");
  const auth = { owner: user.id, username: user.username, sid };
  return {
    ...auth,
    issued: { access: await accessToken(kv, auth, now, settings), refresh },
  };
}

/** Checks an access token: valid signature, not expired, and its session not revoked. */
export async function checkAccessToken(
  kv: Deno.Kv,
  token: string,
  now: number,
): Promise<SessionAuth | null> {
  const v = await verifyJwt(token, await serverKey(kv, "jwt"), now);
  if (!v.ok) return null;
  const s = (await kv.get<Session>(keys.session(v.claims.sub, v.claims.sid))).value;
  if (!s || s.expiresAt <= now) return null;
  return { owner: s.owner, username: s.username, sid: s.id };
}

/**
 * Uses a refresh token: rotates it (new refresh + access token) when it is the session's current
 * one; honours a just-replaced one within the grace period (new access token only); revokes the
 * session when an older one is replayed. Null when the token is unknown, expired or revoked.
 */
export async function useRefreshToken(
  kv: Deno.Kv,
  refresh: string,
  now: number,
  settings: AuthSettings,
): Promise<SessionAuth | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(refresh)) return null;
  const hash = await sha256Hex(refresh);
  const rec = (await kv.get<RefreshRecord>(keys.refresh(hash))).value;
  if (!rec) return null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const entry = await kv.get<Session>(keys.session(rec.owner, rec.sid));
    const s = entry.value;
    if (!s || s.expiresAt <= now) return null;
    const auth = { owner: s.owner, username: s.username, sid: s.id };
    if (s.refreshHash === hash) {
      const next = randomToken(32);
      const nextHash = await sha256Hex(next);
      const expireIn = Math.max(1, s.expiresAt - now);
      const res = await kv.atomic().check(entry)
        .set(entry.key, { ...s, refreshHash: nextHash, previousHash: hash, rotatedAt: now }, {
          expireIn,
        })
        .set(keys.refresh(nextHash), rec, { expireIn })
        .commit();
      if (!res.ok) continue; // a concurrent rotation won; re-read and take the grace path
      return {
        ...auth,
        issued: { access: await accessToken(kv, auth, now, settings), refresh: next },
      };
    }
    if (s.previousHash === hash && now - s.rotatedAt <= settings.refreshGraceMs) {
      return { ...auth, issued: { access: await accessToken(kv, auth, now, settings) } };
    }
    await revokeSession(kv, s.owner, s.id); // replay of a rotated token: assume theft
    return null;
  }
  return null;
}

/** Revokes one session (logout). */
export async function revokeSession(kv: Deno.Kv, owner: string, sid: string): Promise<void> {
  const s = (await kv.get<Session>(keys.session(owner, sid))).value;
  const op = kv.atomic().delete(keys.session(owner, sid));
  if (s) op.delete(keys.refresh(s.refreshHash));
  await op.commit();
}

/** How many live sessions `owner` has (signed-in browsers). */
export async function countSessions(kv: Deno.Kv, owner: string): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix: keys.sessions(owner) })) n++;
  return n;
}

/** Revokes every session of `owner` except `keep` (after a password change). Returns the count. */
export async function revokeOtherSessions(
  kv: Deno.Kv,
  owner: string,
  keep?: string,
): Promise<number> {
  let n = 0;
  for await (const e of kv.list<Session>({ prefix: keys.sessions(owner) })) {
    if (e.value.id === keep) continue;
    await revokeSession(kv, owner, e.value.id);
    n++;
  }
  return n;
}
