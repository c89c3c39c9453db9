/**
 * Small WebCrypto helpers for the auth layer: random tokens, base64url, SHA-256, constant-time
 * comparison, and the server's HMAC secrets (generated once, kept in KV, never logged).
 * @module
 */

const enc = new TextEncoder();

/** Encodes bytes as unpadded base64url. */
export function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes unpadded base64url; null when `text` is not base64url. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** `n` cryptographically random bytes as base64url (32 bytes = 256 bits by default). */
export function randomToken(n = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}

/** SHA-256 of a UTF-8 string, as lower-case hex (64 characters). */
export async function sha256Hex(text: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(text)));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = enc.encode(a), y = enc.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** What a server secret is for; each purpose has its own key. */
export type SecretPurpose = "jwt" | "csrf";

const keyCache = new WeakMap<Deno.Kv, Map<SecretPurpose, Promise<CryptoKey>>>();

/**
 * The HMAC-SHA256 key for `purpose`, created on first use and stored at `["auth_secret",
 * purpose]`. Concurrent first uses agree on one key (atomic create-if-absent).
 */
export function serverKey(kv: Deno.Kv, purpose: SecretPurpose): Promise<CryptoKey> {
  let byPurpose = keyCache.get(kv);
  if (!byPurpose) keyCache.set(kv, byPurpose = new Map());
  let key = byPurpose.get(purpose);
  if (!key) {
    key = loadOrCreateKey(kv, purpose);
    byPurpose.set(purpose, key);
    key.catch(() => byPurpose.delete(purpose));
  }
  return key;
}

async function loadOrCreateKey(kv: Deno.Kv, purpose: SecretPurpose): Promise<CryptoKey> {
  const k = ["auth_secret", purpose];
  let raw = (await kv.get<Uint8Array>(k)).value;
  if (!raw) {
    const fresh = crypto.getRandomValues(new Uint8Array(32));
    const res = await kv.atomic().check({ key: k, versionstamp: null }).set(k, fresh).commit();
    raw = res.ok ? fresh : (await kv.get<Uint8Array>(k)).value;
    if (!raw) throw new Error("serverKey: could not create the server secret");
  }
  return await crypto.subtle.importKey(
    "raw",
    new Uint8Array(raw),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

/** HMAC-SHA256 of `message` under `key`, as base64url. */
export async function hmac(key: CryptoKey, message: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(message))));
}
