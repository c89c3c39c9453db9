/**
 * `/api/v1/auth/*` (sign up, log in, log out, who am I, change password) and `/api/v1/tokens`
 * (personal API tokens: create, list, revoke). Sessions travel as HttpOnly cookies; API tokens as
 * `Authorization: Bearer`. Sign-up, login and `me` return the CSRF token (`csrf`) that cookie
 * clients send back as `x-csrf-token` on unsafe requests.
 * @module
 */
import { Hono } from "hono";
import type { Context } from "hono";
import * as z from "zod";
import { changePassword, logIn, signUp } from "../../lib/auth/accounts.ts";
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  TokenName,
  tokenView,
} from "../../lib/auth/api_tokens.ts";
import {
  clearSessionCookies,
  clientIp,
  csrfForSession,
  sessionCookies,
} from "../../lib/auth/middleware.ts";
import { revokeSession } from "../../lib/auth/sessions.ts";
import { accountsExist, getUser, Password, publicUser, Username } from "../../lib/auth/users.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { ApiError } from "../../lib/http/errors.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, requireOwner, validate } from "../../lib/http/validate.ts";

const Credentials = z.object({ username: Username, password: Password });
const LoginBody = z.object({ username: z.string().max(64), password: z.string().max(1024) });
const PasswordChange = z.object({ currentPassword: z.string().max(1024), newPassword: Password });
const NewToken = z.object({ name: TokenName });
const TokenParam = z.object({ id: z.string().min(1).max(64) });

const PublicUserSchema = z.object({ id: z.string(), username: z.string(), createdAt: z.number() });
const Me = z.object({
  owner: z.string(),
  username: z.string().nullable(),
  auth: z.enum(["session", "token", "local", "custom"]),
  accounts: z.boolean(),
  csrf: z.string(),
});
const TokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  unlimited: z.boolean(),
});

async function jsonOf(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, "invalid_request", "Body is not valid JSON");
  }
}

function withCookies(res: Response, cookies: string[]): Response {
  for (const v of cookies) res.headers.append("set-cookie", v);
  return res;
}

/**
 * Token management and password changes need a browser session (or single-user mode): a leaked
 * API token must not be able to mint more tokens or take the account over.
 */
function requireInteractive(c: Context<AppEnv>): string {
  const owner = requireOwner(c);
  if (c.var.auth.kind === "token") {
    throw new ApiError(403, "forbidden", "Sign in with a browser session to manage tokens");
  }
  return owner;
}

export const authApi = new Hono<AppEnv>()
  .post("/auth/signup", async (c) => {
    const body = parseOr400(Credentials, await jsonOf(c));
    const r = await signUp(c.var.deps, body);
    if (!r.ok) throw new ApiError(409, "conflict", "That user name is taken");
    return withCookies(
      jsonResponse(
        {
          user: publicUser(r.user),
          tookOverLocal: r.tookOverLocal,
          csrf: await csrfForSession(c, r.session.sid),
        },
        201,
      ),
      sessionCookies(r.session.issued, c.var.deps),
    );
  })
  .post("/auth/login", async (c) => {
    const body = parseOr400(LoginBody, await jsonOf(c));
    const r = await logIn(c.var.deps, { ...body, ip: clientIp(c) });
    if (!r.ok && r.reason === "locked") {
      const s = Math.ceil(r.retryAfterMs / 1000);
      c.header("retry-after", String(s));
      throw new ApiError(429, "rate_limited", `Too many failed logins; try again in ${s} s`);
    }
    if (!r.ok) throw new ApiError(401, "unauthorized", "Wrong user name or password");
    return withCookies(
      jsonResponse({ user: publicUser(r.user), csrf: await csrfForSession(c, r.session.sid) }),
      sessionCookies(r.session.issued, c.var.deps),
    );
  })
  .post("/auth/logout", async (c) => {
    const sid = c.var.auth.sessionId;
    if (c.var.auth.kind === "session" && c.var.owner && sid) {
      await revokeSession(c.var.deps.kv, c.var.owner, sid);
    }
    return withCookies(jsonResponse({ ok: true }), clearSessionCookies(c.var.deps));
  })
  .get("/auth/me", async (c) => {
    const owner = requireOwner(c);
    const kind = c.var.auth.kind;
    const user = await getUser(c.var.deps.kv, owner);
    return jsonResponse({
      owner,
      username: user?.username ?? null,
      auth: kind === "anonymous" ? "custom" : kind,
      accounts: await accountsExist(c.var.deps.kv),
      csrf: c.var.csrf,
    });
  })
  .post("/auth/password", async (c) => {
    const owner = requireInteractive(c);
    const body = parseOr400(PasswordChange, await jsonOf(c));
    const r = await changePassword(c.var.deps, {
      owner,
      sessionId: c.var.auth.sessionId,
      current: body.currentPassword,
      next: body.newPassword,
    });
    if (!r.ok && r.reason === "no_account") {
      throw new ApiError(409, "conflict", "There is no account yet: sign up first");
    }
    if (!r.ok) {
      throw new ApiError(400, "invalid_request", "The current password is wrong", [
        { path: "currentPassword", message: "wrong password" },
      ]);
    }
    return jsonResponse({ ok: true, otherSessionsEnded: r.revoked });
  })
  .get("/tokens", async (c) => {
    const owner = requireOwner(c);
    return jsonResponse({
      tokens: (await listApiTokens(c.var.deps.kv, owner)).map(tokenView),
    });
  })
  .post("/tokens", async (c) => {
    const owner = requireInteractive(c);
    const body = parseOr400(NewToken, await jsonOf(c));
    const r = await createApiToken(c.var.deps.kv, owner, {
      name: body.name,
      now: c.var.deps.clock.now(),
      id: c.var.deps.newId(),
    });
    if (!r.ok) throw new ApiError(409, "conflict", "Too many tokens: revoke one first");
    return jsonResponse({ ...tokenView(r.token), token: r.secret }, 201);
  })
  .delete("/tokens/:id", validate("param", TokenParam), async (c) => {
    const owner = requireInteractive(c);
    const { id } = c.req.valid("param");
    if (!(await revokeApiToken(c.var.deps.kv, owner, id))) {
      throw new ApiError(404, "not_found", "No such token");
    }
    return jsonResponse({ revoked: id });
  });

export const authDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/auth/signup",
    summary: "Create an account and sign in (sets the session cookies)",
    description:
      "The first account takes over the data made in single-user mode. Passwords: 8-1024 characters; user names: 3-64 of letters, digits and . _ @ + -.",
    tags: ["accounts"],
    body: Credentials,
    response: z.object({ user: PublicUserSchema, tookOverLocal: z.boolean(), csrf: z.string() }),
    status: 201,
    public: true,
  },
  {
    method: "post",
    path: "/auth/login",
    summary: "Sign in (sets the session cookies); 429 with Retry-After while locked out",
    tags: ["accounts"],
    body: LoginBody,
    response: z.object({ user: PublicUserSchema, csrf: z.string() }),
    public: true,
  },
  {
    method: "post",
    path: "/auth/logout",
    summary: "End this session and clear its cookies",
    tags: ["accounts"],
    response: z.object({ ok: z.boolean() }),
    public: true,
  },
  {
    method: "get",
    path: "/auth/me",
    summary: "Who the request is authenticated as",
    tags: ["accounts"],
    response: Me,
  },
  {
    method: "post",
    path: "/auth/password",
    summary: "Change your password (ends your other sessions); browser session only",
    tags: ["accounts"],
    body: PasswordChange,
    response: z.object({ ok: z.boolean(), otherSessionsEnded: z.number() }),
  },
  {
    method: "get",
    path: "/tokens",
    summary: "List your personal API tokens (never the secrets)",
    tags: ["accounts"],
    response: z.object({ tokens: z.array(TokenViewSchema) }),
  },
  {
    method: "post",
    path: "/tokens",
    summary: "Create a personal API token; the secret is in `token` and shown only once",
    tags: ["accounts"],
    body: NewToken,
    response: TokenViewSchema.extend({ token: z.string() }),
    status: 201,
  },
  {
    method: "delete",
    path: "/tokens/{id}",
    summary: "Revoke one of your API tokens",
    tags: ["accounts"],
    params: TokenParam,
    response: z.object({ revoked: z.string() }),
  },
];
