/**
 * The auth seam of the app: who is asking (the {@link accountOwner} resolver for
 * `Deps.currentOwner`), the anonymous gate, per-token rate limits and CSRF protection.
 *
 * Resolution order: an `Authorization: Bearer` header decides alone (valid token → its owner,
 * anything else → anonymous); otherwise a valid `tf_session` access token; otherwise a
 * `tf_refresh` token, rotated on use; otherwise, while no account exists, the local owner
 * (single-user mode); otherwise anonymous.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { type AppEnv, type AuthInfo, type Deps, LOCAL_OWNER } from "../http/env.ts";
import { ApiError } from "../http/errors.ts";
import type { RouteDoc } from "../http/openapi.ts";
import { resolveApiToken } from "./api_tokens.ts";
import { cookie, CSRF_COOKIE, parseCookies, REFRESH_COOKIE, SESSION_COOKIE } from "./cookies.ts";
import { hmac, randomToken, serverKey, timingSafeEqual } from "./crypto.ts";
import { takeToken } from "./limits.ts";
import { checkAccessToken, type SessionAuth, useRefreshToken } from "./sessions.ts";
import { authSettings } from "./settings.ts";
import { accountsExist } from "./users.ts";

/** Everything the resolver learnt about a request. */
export interface Identity extends AuthInfo {
  owner: string | null;
  userName: string | null;
  /** Token exempt from rate limits. */
  unlimited?: boolean;
  /** `Set-Cookie` values to send with the response (rotation, clearing stale cookies). */
  setCookies: string[];
  /** Why a presented credential was refused (for the 401 message). */
  refused?: string;
}

const identities = new WeakMap<Request, Identity>();
// Keyed by the Hono context: body limits replace `c.req.raw` further down the chain.
const nonces = new WeakMap<object, string>();

/**
 * The CSRF token: HMAC of the browser's nonce cookie and, when signed in, the session id, so a
 * nonce cookie planted by someone else does not let them compute a signed-in user's token.
 */
async function csrfToken(deps: Deps, nonce: string, sessionId?: string): Promise<string> {
  return await hmac(await serverKey(deps.kv, "csrf"), `${nonce}:${sessionId ?? ""}`);
}

/** The CSRF token this browser will need once `sessionId` (just started) is its session. */
export async function csrfForSession(
  c: { var: { deps: Deps; csrf: string } },
  sessionId: string,
): Promise<string> {
  const nonce = nonces.get(c);
  return nonce ? await csrfToken(c.var.deps, nonce, sessionId) : c.var.csrf;
}

/** The identity {@link accountOwner} resolved for `req`, if it did. */
export function identityOf(req: Request): Identity | undefined {
  return identities.get(req);
}

/** Session cookies for a fresh or rotated session. */
export function sessionCookies(
  issued: { access: string; refresh?: string },
  deps: Pick<Deps, "config">,
): string[] {
  const s = authSettings(deps.config);
  const out = [cookie(SESSION_COOKIE, issued.access, s.accessTtlMs, deps.config.secure)];
  if (issued.refresh) {
    out.push(cookie(REFRESH_COOKIE, issued.refresh, s.refreshTtlMs, deps.config.secure));
  }
  return out;
}

/** Cookies that end the browser session. */
export function clearSessionCookies(deps: Pick<Deps, "config">): string[] {
  return [
    cookie(SESSION_COOKIE, "", 0, deps.config.secure),
    cookie(REFRESH_COOKIE, "", 0, deps.config.secure),
  ];
}

function fromSession(a: SessionAuth, setCookies: string[]): Identity {
  return { kind: "session", owner: a.owner, userName: a.username, sessionId: a.sid, setCookies };
}

/** Resolves a request to an identity (see the module doc for the order). */
export async function resolveIdentity(req: Request, deps: Deps): Promise<Identity> {
  const now = deps.clock.now();
  const kv = deps.kv;
  const authz = req.headers.get("authorization");
  if (authz !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    const t = m ? await resolveApiToken(kv, m[1], now) : null;
    if (!t) {
      return {
        kind: "anonymous",
        owner: null,
        userName: null,
        setCookies: [],
        refused: "Invalid or revoked API token",
      };
    }
    return {
      kind: "token",
      owner: t.owner,
      userName: null,
      tokenId: t.id,
      unlimited: t.unlimited,
      setCookies: [],
    };
  }
  const cookies = parseCookies(req.headers.get("cookie"));
  const access = cookies.get(SESSION_COOKIE);
  if (access) {
    const a = await checkAccessToken(kv, access, now);
    if (a) return fromSession(a, []);
  }
  const refresh = cookies.get(REFRESH_COOKIE);
  let setCookies: string[] = [];
  if (refresh) {
    const a = await useRefreshToken(kv, refresh, now, authSettings(deps.config));
    if (a) return fromSession(a, a.issued ? sessionCookies(a.issued, deps) : []);
    setCookies = clearSessionCookies(deps);
  }
  if (!(await accountsExist(kv))) {
    return { kind: "local", owner: LOCAL_OWNER, userName: null, setCookies };
  }
  return { kind: "anonymous", owner: null, userName: null, setCookies };
}

/**
 * `Deps.currentOwner` for the real app: accounts, sessions, API tokens and single-user mode.
 * Remembers the full identity for {@link authenticate}.
 */
export async function accountOwner(req: Request, deps: Deps): Promise<string | null> {
  const id = await resolveIdentity(req, deps);
  identities.set(req, id);
  return id.owner;
}

/** Pages anonymous visitors may see once accounts exist (besides public API routes). */
export const PUBLIC_PAGES: readonly RegExp[] = [
  /^\/login$/,
  /^\/signup$/,
  /^\/logout$/,
  /^\/theme$/,
  /^\/api-docs$/,
  /^\/static\//,
  /^\/share\/[^/]+$/,
];

/** Regexes for the API routes documented as public (`RouteDoc.public`). */
export function publicApiPatterns(docs: readonly RouteDoc[]): { method: string; re: RegExp }[] {
  return docs.filter((d) => d.public).map((d) => ({
    method: d.method.toUpperCase(),
    re: new RegExp(
      "^/api/v1" +
        d.path.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(
          "[^/]+",
        ) + "$",
    ),
  }));
}

/**
 * Sets `owner`, `userName`, `auth` and `csrf`, turns anonymous requests away from everything but
 * public pages and routes (API: 401 JSON; pages: redirect to /login), applies the per-token rate
 * limit (429), and sends any cookies the resolver issued.
 */
export function authenticate(publicApi: readonly RouteDoc[]): MiddlewareHandler<AppEnv> {
  const apiPatterns = publicApiPatterns(publicApi);
  return async function authenticateMiddleware(c, next) {
    const deps = c.var.deps;
    const req = c.req.raw;
    if (c.req.path.startsWith("/static/")) {
      // Public files: no session lookups (and no refresh rotation racing the page request).
      c.set("owner", null);
      c.set("userName", null);
      c.set("auth", { kind: "anonymous" });
      c.set("csrf", "");
      return await next();
    }
    const owner = await deps.currentOwner(req, deps);
    const id: Identity = identities.get(req) ??
      { kind: owner ? "custom" : "anonymous", owner, userName: null, setCookies: [] };
    c.set("owner", owner);
    c.set("userName", id.userName);
    c.set("auth", { kind: id.kind, sessionId: id.sessionId, tokenId: id.tokenId });

    const cookies = parseCookies(c.req.header("cookie"));
    const had = cookies.get(CSRF_COOKIE);
    const nonce = had && /^[A-Za-z0-9_-]{24}$/.test(had) ? had : randomToken(18);
    nonces.set(c, nonce);
    c.set("csrf", await csrfToken(deps, nonce, id.sessionId));
    const finish = () => {
      for (const v of id.setCookies) c.res.headers.append("set-cookie", v);
      if (nonce !== had) {
        c.res.headers.append(
          "set-cookie",
          cookie(CSRF_COOKIE, nonce, authSettings(deps.config).refreshTtlMs, deps.config.secure),
        );
      }
    };

    const path = c.req.path;
    const isApi = path.startsWith("/api/");
    if (!owner) {
      const method = c.req.method === "HEAD" ? "GET" : c.req.method;
      const open = isApi
        ? apiPatterns.some((p) => p.method === method && p.re.test(path))
        : PUBLIC_PAGES.some((re) => re.test(path));
      if (!open) {
        if (isApi) {
          throw new ApiError(401, "unauthorized", id.refused ?? "Sign in or send an API token");
        }
        const next = method === "GET" ? `?next=${encodeURIComponent(path + qs(c.req.url))}` : "";
        c.res = c.redirect(`/login${next}`, 303);
        finish();
        return;
      }
    }
    if (id.kind === "token" && !id.unlimited && id.tokenId) {
      const wait = takeToken(
        deps,
        id.tokenId,
        deps.clock.now(),
        authSettings(deps.config).tokenRatePerMinute,
      );
      if (wait > 0) {
        c.header("retry-after", String(Math.ceil(wait / 1000)));
        throw new ApiError(429, "rate_limited", "Too many requests for this API token; slow down");
      }
    }
    await next();
    finish();
  };
}

/** What {@link clientIp} reads from a Hono context. */
export interface ClientIpContext {
  env: unknown;
  req: { header(name: string): string | undefined };
  var: { deps?: { config: { trustProxy?: boolean } } };
}

/** An IPv4 or IPv6 literal (no port, no brackets, no zone), as a proxy writes it. */
const IP_LITERAL = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/;

/**
 * The address a request comes from, for per-address limits (login attempts).
 *
 * By default it is the socket's peer when served by `Deno.serve` (Hono passes its info as
 * `c.env`), and request headers are ignored: anyone can send `X-Forwarded-For`.
 *
 * With `config.trustProxy` (`THETAFORGE_TRUST_PROXY=1`, for deployments behind exactly one
 * reverse proxy that appends to `X-Forwarded-For`), it is the right-most entry of that header
 * (all its lines, joined in order): the address the trusted proxy itself saw and appended. Entries
 * to its left were sent by the client and can be forged, so they are never used. When the header
 * is missing or its right-most entry is not an IP literal, the socket address is used.
 */
export function clientIp(c: ClientIpContext): string | null {
  if (c.var.deps?.config.trustProxy) {
    const forwarded = c.req.header("x-forwarded-for");
    const last = forwarded?.split(",").at(-1)?.trim();
    if (last && last.length <= 45 && IP_LITERAL.test(last)) return last.toLowerCase();
  }
  const addr = (c.env as { remoteAddr?: Deno.Addr } | undefined)?.remoteAddr;
  return addr && "hostname" in addr ? addr.hostname : null;
}

function qs(url: string): string {
  const i = url.indexOf("?");
  return i < 0 ? "" : url.slice(i);
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF protection for unsafe methods. Bearer-token requests are exempt (browsers cannot attach
 * the header cross-site without a CORS preflight, which we never grant). Every other unsafe
 * request that comes from a browser (it has an `Origin` or `Sec-Fetch-Site` header, which all
 * current browsers send on POSTs) or carries a session cookie must be same-origin and present the
 * CSRF token in `x-csrf-token` or a `csrf` form field. Non-browser clients without cookies (curl,
 * the CLI, in-process tests) need none: there is no ambient credential to abuse.
 */
export const csrfProtect: MiddlewareHandler<AppEnv> = async function csrfMiddleware(c, next) {
  if (!UNSAFE.has(c.req.method) || c.var.auth?.kind === "token") return await next();
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  const cookies = parseCookies(c.req.header("cookie"));
  const hasSession = cookies.has(SESSION_COOKIE) || cookies.has(REFRESH_COOKIE);
  if (origin === undefined && site === undefined && !hasSession) return await next();
  const self = new URL(c.req.url).host;
  let foreign = site === "cross-site" || site === "same-site";
  if (origin !== undefined) {
    try {
      foreign ||= new URL(origin).host !== self;
    } catch {
      foreign = true; // "null" or garbage
    }
  }
  if (foreign) throw new ApiError(403, "csrf_failed", "Cross-site request refused");
  let sent = c.req.header("x-csrf-token");
  if (sent === undefined) {
    const type = c.req.header("content-type") ?? "";
    if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) {
      try {
        const form = await c.req.parseBody();
        if (typeof form.csrf === "string") sent = form.csrf;
      } catch {
        throw new ApiError(400, "invalid_request", "The form body could not be read");
      }
    }
  }
  if (sent === undefined || !timingSafeEqual(sent, c.var.csrf)) {
    throw new ApiError(
      403,
      "csrf_failed",
      "Missing or stale form token: reload the page and try again",
    );
  }
  await next();
};
