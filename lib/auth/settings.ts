/**
 * Auth settings: token lifetimes, password cost and rate limits. `Config.auth` overrides any of
 * them (tests pass a cheap password cost).
 * @module
 */
import { type PasswordCost, STANDARD_COST } from "./password.ts";

/** Every tunable of the auth layer. Durations are milliseconds. */
export interface AuthSettings {
  passwordCost: PasswordCost;
  /** Lifetime of the signed access token (the `tf_session` cookie). */
  accessTtlMs: number;
  /** Lifetime of a session and its rotating refresh token (`tf_refresh`). */
  refreshTtlMs: number;
  /**
   * How long a just-rotated refresh token is still honoured (two tabs refreshing at once); after
   * that, presenting it again counts as theft and revokes the session.
   */
  refreshGraceMs: number;
  /** Requests per minute per API token (token bucket of this size, refilled evenly). */
  tokenRatePerMinute: number;
  /** Failed logins for one user name before lockouts start. */
  loginFreeFailures: number;
  /** First lockout; each further failure doubles it, up to `loginLockMaxMs`. */
  loginLockBaseMs: number;
  loginLockMaxMs: number;
  /** Login attempts per minute from one client address, whatever the user names. */
  loginAttemptsPerMinutePerIp: number;
}

/** Production defaults. */
export const DEFAULT_AUTH: AuthSettings = {
  passwordCost: STANDARD_COST,
  accessTtlMs: 15 * 60_000,
  refreshTtlMs: 30 * 86_400_000,
  refreshGraceMs: 30_000,
  tokenRatePerMinute: 600,
  loginFreeFailures: 5,
  loginLockBaseMs: 30_000,
  loginLockMaxMs: 15 * 60_000,
  loginAttemptsPerMinutePerIp: 30,
};

/** The settings in force for a config (defaults overridden by `config.auth`). */
export function authSettings(config: { auth?: Partial<AuthSettings> }): AuthSettings {
  return { ...DEFAULT_AUTH, ...config.auth };
}
