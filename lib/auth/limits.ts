/**
 * Rate limits: login lockouts with exponential backoff (in KV, so they survive restarts and apply
 * across processes) and a per-API-token token bucket (in memory, per process).
 * @module
 */
import type { AuthSettings } from "./settings.ts";

/** Failed-login state for one user name. */
interface LoginFailures {
  failures: number;
  /** Unix ms; 0 when not locked. */
  lockedUntil: number;
}

const failKey = (username: string) => ["auth_login_fail", username.toLowerCase()] as const;

/** How long `username` is still locked out at `now` (ms); 0 when not locked. */
export async function loginLockRemaining(
  kv: Deno.Kv,
  username: string,
  now: number,
): Promise<number> {
  const f = (await kv.get<LoginFailures>(failKey(username))).value;
  return f ? Math.max(0, f.lockedUntil - now) : 0;
}

/**
 * Records a failed login. From the `loginFreeFailures`-th failure on, the name is locked for
 * `loginLockBaseMs x 2^(failures - free)`, capped at `loginLockMaxMs`. Returns the lock in ms.
 *
 * @example
 * ```ts
 * // defaults (5 free, 30 s base): failures 1-4 → 0; 5 → 30 s; 6 → 60 s; 7 → 120 s; ... ≤ 15 min
 * ```
 */
export async function recordLoginFailure(
  kv: Deno.Kv,
  username: string,
  now: number,
  settings: AuthSettings,
): Promise<number> {
  const key = failKey(username);
  for (let attempt = 0; attempt < 5; attempt++) {
    const entry = await kv.get<LoginFailures>(key);
    const failures = (entry.value?.failures ?? 0) + 1;
    const over = failures - settings.loginFreeFailures;
    const lockMs = over < 0
      ? 0
      : Math.min(settings.loginLockMaxMs, settings.loginLockBaseMs * 2 ** Math.min(over, 30));
    const res = await kv.atomic().check(entry)
      .set(key, { failures, lockedUntil: lockMs > 0 ? now + lockMs : 0 } satisfies LoginFailures, {
        expireIn: 86_400_000,
      })
      .commit();
    if (res.ok) return lockMs;
  }
  return settings.loginLockBaseMs;
}

/** Clears the failure count after a successful login. */
export async function clearLoginFailures(kv: Deno.Kv, username: string): Promise<void> {
  await kv.delete(failKey(username));
}

const buckets = new WeakMap<object, Map<string, { tokens: number; at: number }>>();

/**
 * Takes one request from the bucket of `id` (capacity `perMinute`, refilled at `perMinute / 60`
 * per second). Returns 0 when allowed, else the ms until one request is available. `scope` keeps
 * separate apps (tests) apart.
 */
export function takeToken(scope: object, id: string, now: number, perMinute: number): number {
  let map = buckets.get(scope);
  if (!map) buckets.set(scope, map = new Map());
  const perMs = perMinute / 60_000;
  const b = map.get(id) ?? { tokens: perMinute, at: now };
  b.tokens = Math.min(perMinute, b.tokens + Math.max(0, now - b.at) * perMs);
  b.at = now;
  map.set(id, b);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return Math.ceil((1 - b.tokens) / perMs);
}
