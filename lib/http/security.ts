/**
 * Security headers for every response: a CSP without inline scripts (WASM allowed), no framing,
 * no sniffing, and HSTS when served over HTTPS.
 * @module
 */
import type { MiddlewareHandler } from "hono";

/** The Content-Security-Policy: scripts only from this origin, plus WebAssembly compilation. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Adds the security headers; `secure` adds HSTS. */
export function securityHeaders(secure: boolean): MiddlewareHandler {
  return async function securityHeadersMiddleware(c, next) {
    await next();
    const h = c.res.headers;
    h.set("content-security-policy", CSP);
    h.set("x-content-type-options", "nosniff");
    h.set("x-frame-options", "DENY");
    h.set("referrer-policy", "same-origin");
    h.set("cross-origin-opener-policy", "same-origin");
    if (secure) h.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  };
}
