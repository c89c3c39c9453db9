/**
 * Account use cases shared by the JSON API and the pages: sign up, log in (with lockout), change
 * password. Expected failures are returned as `{ ok: false, reason }`; nothing here logs or echoes
 * a password.
 * @module
 */
import type { Deps } from "../http/env.ts";
import { clearLoginFailures, loginLockRemaining, recordLoginFailure, takeToken } from "./limits.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { revokeOtherSessions, type SessionAuth, startSession } from "./sessions.ts";
import { authSettings } from "./settings.ts";
import { createUser, findUserByName, getUser, setPasswordHash, type User } from "./users.ts";

/** A login or sign-up that started a session: the user and the tokens to set as cookies. */
export interface Started {
  ok: true;
  user: User;
  session: SessionAuth & { issued: { access: string; refresh: string } };
  /** True when this account took over the single-user (local) data. */
  tookOverLocal: boolean;
}

/** Creates an account and signs it in. */
export async function signUp(
  deps: Deps,
  input: { username: string; password: string },
): Promise<Started | { ok: false; reason: "taken" }> {
  const now = deps.clock.now();
  const settings = authSettings(deps.config);
  const passwordHash = await hashPassword(input.password, settings.passwordCost);
  const created = await createUser(deps.kv, {
    username: input.username,
    passwordHash,
    now,
    newId: deps.newId,
  });
  if (!created.ok) return created;
  const session = await startSession(deps.kv, created.user, now, settings);
  return { ok: true, user: created.user, session, tookOverLocal: created.user.id === "local" };
}

// Verified against when the user name is unknown, so both paths cost one argon2 run.
let dummyHash: Promise<string> | null = null;

/**
 * Checks a user name and password. While the name is locked out, even the right password is
 * refused with `locked` and the remaining wait; each failure extends the lockout (see limits.ts).
 * With `ip`, attempts from one address are also limited (`loginAttemptsPerMinutePerIp`).
 */
export async function logIn(
  deps: Deps,
  input: { username: string; password: string; ip?: string | null },
): Promise<
  | Started
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterMs: number }
> {
  const now = deps.clock.now();
  const settings = authSettings(deps.config);
  if (input.ip) {
    // Password spraying across many names from one address.
    const wait = takeToken(deps, `login-ip:${input.ip}`, now, settings.loginAttemptsPerMinutePerIp);
    if (wait > 0) return { ok: false, reason: "locked", retryAfterMs: wait };
  }
  const locked = await loginLockRemaining(deps.kv, input.username, now);
  if (locked > 0) return { ok: false, reason: "locked", retryAfterMs: locked };
  const user = await findUserByName(deps.kv, input.username);
  dummyHash ??= hashPassword("not a password", settings.passwordCost);
  const good = await verifyPassword(input.password, user?.passwordHash ?? await dummyHash);
  if (!user || !good) {
    const lockMs = await recordLoginFailure(deps.kv, input.username, now, settings);
    return lockMs > 0
      ? { ok: false, reason: "locked", retryAfterMs: lockMs }
      : { ok: false, reason: "invalid" };
  }
  await clearLoginFailures(deps.kv, input.username);
  const session = await startSession(deps.kv, user, now, settings);
  return { ok: true, user, session, tookOverLocal: false };
}

/** Changes a password after checking the current one; ends every other session of the user. */
export async function changePassword(
  deps: Deps,
  input: { owner: string; sessionId?: string; current: string; next: string },
): Promise<{ ok: true; revoked: number } | { ok: false; reason: "no_account" | "wrong_password" }> {
  const user = await getUser(deps.kv, input.owner);
  if (!user) return { ok: false, reason: "no_account" };
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    return { ok: false, reason: "wrong_password" };
  }
  const settings = authSettings(deps.config);
  const hash = await hashPassword(input.next, settings.passwordCost);
  if (!(await setPasswordHash(deps.kv, user.id, hash, deps.clock.now()))) {
    return { ok: false, reason: "no_account" };
  }
  const revoked = await revokeOtherSessions(deps.kv, user.id, input.sessionId);
  return { ok: true, revoked };
}
