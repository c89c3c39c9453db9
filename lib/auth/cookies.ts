/**
 * The auth cookies: names, parsing and `Set-Cookie` values. All are HttpOnly, SameSite=Lax (never
 * sent on cross-site POSTs), Path=/, and Secure when the app is served over HTTPS.
 * @module
 */

/** Signed access token (JWT). */
export const SESSION_COOKIE = "tf_session";
/** Opaque rotating refresh token. */
export const REFRESH_COOKIE = "tf_refresh";
/** Random nonce the CSRF token is derived from. */
export const CSRF_COOKIE = "tf_csrf";

/** Parses a Cookie header into a map (first occurrence wins). */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (name && !out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

/** A `Set-Cookie` value; `maxAgeMs` 0 deletes the cookie. */
export function cookie(name: string, value: string, maxAgeMs: number, secure: boolean): string {
  return `${name}=${value}; Path=/; Max-Age=${Math.floor(maxAgeMs / 1000)}; HttpOnly; SameSite=Lax${
    secure ? "; Secure" : ""
  }`;
}
