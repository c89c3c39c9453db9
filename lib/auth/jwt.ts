/**
 * Compact JWTs signed with HMAC-SHA256 (HS256) through WebCrypto. Only HS256 is accepted: the
 * header is fixed, so `alg: none` and algorithm confusion are impossible.
 * @module
 */
import { base64url, fromBase64url } from "./crypto.ts";

/** The claims ThetaForge puts in an access token. Times are unix **seconds**, as RFC 7519 says. */
export interface AccessClaims {
  /** Owner id. */
  sub: string;
  /** Session id (revocation is checked against KV). */
  sid: string;
  /** User name, for the page header. */
  name: string;
  iat: number;
  exp: number;
}

/** Why a token was refused. */
export type JwtFailure = "malformed" | "bad_signature" | "expired";

const HEADER = base64url(new TextEncoder().encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));
const enc = new TextEncoder();

/** Signs `claims` as an HS256 JWT. */
export async function signJwt(claims: AccessClaims, key: CryptoKey): Promise<string> {
  const body = `${HEADER}.${base64url(enc.encode(JSON.stringify(claims)))}`;
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(body)));
  return `${body}.${base64url(sig)}`;
}

/**
 * Verifies an HS256 JWT at time `nowMs` (unix ms): the header must be exactly ours, the signature
 * valid (checked in constant time by WebCrypto) and `exp` in the future.
 */
export async function verifyJwt(
  token: string,
  key: CryptoKey,
  nowMs: number,
): Promise<{ ok: true; claims: AccessClaims } | { ok: false; reason: JwtFailure }> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: "malformed" };
  const sig = fromBase64url(parts[2]);
  if (!sig) return { ok: false, reason: "malformed" };
  const valid = await crypto.subtle.verify(
    "HMAC",
    key,
    sig,
    enc.encode(`${parts[0]}.${parts[1]}`),
  );
  if (!valid) return { ok: false, reason: "bad_signature" };
  let claims: AccessClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64url(parts[1]) ?? new Uint8Array()));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (
    typeof claims?.sub !== "string" || typeof claims.sid !== "string" ||
    typeof claims.exp !== "number" || typeof claims.name !== "string"
  ) {
    return { ok: false, reason: "malformed" };
  }
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
