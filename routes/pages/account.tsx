/**
 * Account pages: `/login`, `/signup`, `/logout`, and `/account` (change password, personal API
 * tokens). Plain HTML forms that work without JavaScript; every form carries the CSRF token.
 * @module
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { changePassword, logIn, signUp } from "../../lib/auth/accounts.ts";
import {
  type ApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  TokenName,
} from "../../lib/auth/api_tokens.ts";
import { clearSessionCookies, clientIp, sessionCookies } from "../../lib/auth/middleware.ts";
import { countSessions, revokeOtherSessions, revokeSession } from "../../lib/auth/sessions.ts";
import { accountsExist, getUser, Password, Username } from "../../lib/auth/users.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { fmtDate, htmlPage } from "../../lib/ui/page.tsx";

type C = Context<AppEnv>;

/** Only same-site paths are followed after login (no open redirects). */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) && !next.startsWith("/login")
    ? next
    : "/";
}

function field(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === "string" ? v : "";
}

function redirectWithCookies(c: C, to: string, cookies: string[]): Response {
  const res = c.redirect(to, 303);
  for (const v of cookies) res.headers.append("set-cookie", v);
  return res;
}

function Csrf({ c }: { c: C }) {
  return <input type="hidden" name="csrf" value={c.var.csrf} />;
}

function Message({ kind, text }: { kind: "ok" | "error"; text?: string | null }) {
  return text
    ? <div class={`alert ${kind}`} role={kind === "error" ? "alert" : "status"}>{text}</div>
    : null;
}

function credentialsPage(
  c: C,
  mode: "login" | "signup",
  opts: { error?: string; username?: string; next?: string; status?: number; local?: boolean },
): Response {
  const login = mode === "login";
  return htmlPage(
    c,
    login ? "Sign in" : "Create an account",
    <section class="panel auth-panel" style="max-width: 30rem; margin: 2rem auto">
      <h1>{login ? "Sign in" : "Create an account"}</h1>
      {opts.local && (
        <p class="muted" id="local-mode-note">
          No account exists yet, so ThetaForge runs in single-user mode and everything you make
          belongs to the local owner. The first account created takes that data over.
        </p>
      )}
      <Message kind="error" text={opts.error} />
      <form method="post" action={login ? "/login" : "/signup"} id={`${mode}-form`}>
        <Csrf c={c} />
        <input type="hidden" name="next" value={opts.next ?? "/"} />
        <p>
          <label>
            User name<br />
            <input
              name="username"
              autocomplete="username"
              required
              minLength={3}
              maxLength={64}
              value={opts.username ?? ""}
            />
          </label>
        </p>
        <p>
          <label>
            Password<br />
            <input
              name="password"
              type="password"
              autocomplete={login ? "current-password" : "new-password"}
              required
              minLength={login ? 1 : 8}
              maxLength={1024}
            />
          </label>
        </p>
        <p>
          <button class="primary" type="submit">{login ? "Sign in" : "Create account"}</button>
        </p>
      </form>
      <p class="muted">
        {login
          ? (
            <>
              No account? <a href="/signup">Create one</a>.
            </>
          )
          : (
            <>
              Have an account? <a href="/login">Sign in</a>.
            </>
          )}
      </p>
    </section>,
    { status: opts.status, islands: false },
  );
}

function accountView(
  c: C,
  data: {
    username: string | null;
    tokens: ApiToken[];
    sessions: number;
    newSecret?: { name: string; secret: string };
    ok?: string | null;
    error?: string | null;
    status?: number;
  },
): Response {
  const kind = c.var.auth.kind;
  return htmlPage(
    c,
    "Account",
    <>
      <h1>Account</h1>
      <Message kind="ok" text={data.ok} />
      <Message kind="error" text={data.error} />
      <section class="panel">
        {data.username
          ? (
            <>
              <p>
                Signed in as <strong id="account-name">{data.username}</strong>.
              </p>
              {kind === "session" && (
                <form method="post" action="/logout">
                  <Csrf c={c} />
                  <button type="submit" id="logout-button">Log out</button>
                </form>
              )}
            </>
          )
          : (
            <p id="local-mode-note">
              Single-user mode: no account exists yet, and everything belongs to the local owner.
              {" "}
              <a href="/signup">Create an account</a>{" "}
              to require a password; it takes over the data you have made so far.
            </p>
          )}
      </section>
      {data.username && kind === "session" && (
        <section class="panel">
          <h2>Change password</h2>
          <form method="post" action="/account/password" id="password-form">
            <Csrf c={c} />
            <p>
              <label>
                Current password<br />
                <input
                  name="currentPassword"
                  type="password"
                  autocomplete="current-password"
                  required
                />
              </label>
            </p>
            <p>
              <label>
                New password (8 characters or more)<br />
                <input
                  name="newPassword"
                  type="password"
                  autocomplete="new-password"
                  required
                  minLength={8}
                  maxLength={1024}
                />
              </label>
            </p>
            <button type="submit">Change password</button>
          </form>
          <p class="muted small">Changing it signs out your other browsers.</p>
        </section>
      )}
      {data.username && kind === "session" && (
        <section class="panel">
          <h2>Sessions</h2>
          <p id="session-count">
            Signed in on {data.sessions} {data.sessions === 1 ? "browser" : "browsers"}{" "}
            (this one included).
          </p>
          <form method="post" action="/account/sessions/revoke-others">
            <Csrf c={c} />
            <button type="submit" id="revoke-others" disabled={data.sessions <= 1}>
              Sign out everywhere else
            </button>
          </form>
        </section>
      )}
      <section class="panel">
        <h2>Personal API tokens</h2>
        <p class="muted">
          For scripts using the <a href="/api-docs">JSON API</a>: send{" "}
          <code>Authorization: Bearer &lt;token&gt;</code>. A token is shown once, when created;
          only its hash is stored.
        </p>
        {data.newSecret && (
          <div class="alert ok" role="status" id="new-token">
            <p>
              New token{" "}
              <strong>{data.newSecret.name}</strong>. Copy it now; it will not be shown again:
            </p>
            <pre><code id="new-token-secret">{data.newSecret.secret}</code></pre>
          </div>
        )}
        <form method="post" action="/account/tokens" class="form-row" id="token-form">
          <Csrf c={c} />
          <label>
            Name
            <input name="name" required maxLength={80} placeholder="e.g. laptop script" />
          </label>
          <button class="primary" type="submit">Create token</button>
        </form>
        <div class="table-wrap">
          <table id="tokens-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Starts with</th>
                <th>Created</th>
                <th>Last used</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {data.tokens.length === 0 && (
                <tr>
                  <td colSpan={5} class="muted">No tokens yet.</td>
                </tr>
              )}
              {data.tokens.map((t) => (
                <tr data-token-id={t.id}>
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{fmtDate(t.createdAt, true)}</td>
                  <td>{t.lastUsedAt ? fmtDate(t.lastUsedAt, true) : "never"}</td>
                  <td>
                    <form
                      method="post"
                      action={`/account/tokens/${encodeURIComponent(t.id)}/revoke`}
                    >
                      <Csrf c={c} />
                      <button class="danger" type="submit">Revoke</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>,
    { status: data.status, islands: false },
  );
}

async function showAccount(c: C, extra: Partial<Parameters<typeof accountView>[1]> = {}) {
  const owner = c.var.owner!;
  const kv = c.var.deps.kv;
  const user = await getUser(kv, owner);
  return accountView(c, {
    username: c.var.userName ?? user?.username ?? null,
    tokens: await listApiTokens(kv, owner),
    sessions: await countSessions(kv, owner),
    ok: c.req.query("ok"),
    error: c.req.query("error"),
    ...extra,
  });
}

export const accountPage = new Hono<AppEnv>()
  .get("/login", async (c) => {
    if (c.var.auth.kind === "session") return c.redirect(safeNext(c.req.query("next")), 303);
    return credentialsPage(c, "login", {
      next: safeNext(c.req.query("next")),
      local: !(await accountsExist(c.var.deps.kv)),
    });
  })
  .post("/login", async (c) => {
    const form = await c.req.parseBody();
    const username = field(form, "username").slice(0, 64);
    const next = safeNext(form.next);
    const r = await logIn(c.var.deps, {
      username,
      password: field(form, "password").slice(0, 1024),
      ip: clientIp(c),
    });
    if (r.ok) return redirectWithCookies(c, next, sessionCookies(r.session.issued, c.var.deps));
    if (r.reason === "locked") {
      c.header("retry-after", String(Math.ceil(r.retryAfterMs / 1000)));
    }
    return credentialsPage(c, "login", {
      username,
      next,
      status: r.reason === "locked" ? 429 : 401,
      error: r.reason === "locked"
        ? `Too many failed attempts. Try again in ${Math.ceil(r.retryAfterMs / 1000)} seconds.`
        : "Wrong user name or password.",
    });
  })
  .get("/signup", async (c) =>
    credentialsPage(c, "signup", {
      next: safeNext(c.req.query("next")),
      local: !(await accountsExist(c.var.deps.kv)),
    }))
  .post("/signup", async (c) => {
    const form = await c.req.parseBody();
    const username = Username.safeParse(field(form, "username"));
    const password = Password.safeParse(field(form, "password"));
    const shownName = field(form, "username").slice(0, 64);
    if (!username.success || !password.success) {
      const issue = (username.error ?? password.error)!.issues[0].message;
      return credentialsPage(c, "signup", {
        username: shownName,
        status: 400,
        error: issue[0].toUpperCase() + issue.slice(1) + ".",
      });
    }
    const r = await signUp(c.var.deps, { username: username.data, password: password.data });
    if (!r.ok) {
      return credentialsPage(c, "signup", {
        username: shownName,
        status: 409,
        error: "That user name is taken.",
      });
    }
    const to = r.tookOverLocal
      ? `/account?ok=${
        encodeURIComponent("Account created. It owns everything made in single-user mode.")
      }`
      : safeNext(form.next);
    return redirectWithCookies(c, to, sessionCookies(r.session.issued, c.var.deps));
  })
  .post("/logout", async (c) => {
    const sid = c.var.auth.sessionId;
    if (c.var.auth.kind === "session" && c.var.owner && sid) {
      await revokeSession(c.var.deps.kv, c.var.owner, sid);
    }
    return redirectWithCookies(c, "/login", clearSessionCookies(c.var.deps));
  })
  .get("/account", (c) => showAccount(c))
  .post("/account/password", async (c) => {
    const form = await c.req.parseBody();
    const next = Password.safeParse(field(form, "newPassword"));
    if (!next.success) {
      return showAccount(c, { status: 400, error: next.error.issues[0].message });
    }
    const r = await changePassword(c.var.deps, {
      owner: c.var.owner!,
      sessionId: c.var.auth.sessionId,
      current: field(form, "currentPassword").slice(0, 1024),
      next: next.data,
    });
    if (!r.ok) {
      return showAccount(c, {
        status: 400,
        error: r.reason === "no_account"
          ? "There is no account yet: create one first."
          : "The current password is wrong.",
      });
    }
    return c.redirect(`/account?ok=${encodeURIComponent("Password changed.")}`, 303);
  })
  .post("/account/tokens", async (c) => {
    const form = await c.req.parseBody();
    const name = TokenName.safeParse(field(form, "name"));
    if (!name.success) return showAccount(c, { status: 400, error: name.error.issues[0].message });
    const r = await createApiToken(c.var.deps.kv, c.var.owner!, {
      name: name.data,
      now: c.var.deps.clock.now(),
      id: c.var.deps.newId(),
    });
    if (!r.ok) return showAccount(c, { status: 409, error: "Too many tokens: revoke one first." });
    // Rendered directly (not redirected) so the secret never lands in a URL or history.
    c.header("cache-control", "no-store");
    return showAccount(c, { newSecret: { name: r.token.name, secret: r.secret } });
  })
  .post("/account/sessions/revoke-others", async (c) => {
    const sid = c.var.auth.sessionId;
    const n = c.var.auth.kind === "session" && sid
      ? await revokeOtherSessions(c.var.deps.kv, c.var.owner!, sid)
      : 0;
    return c.redirect(
      `/account?ok=${
        encodeURIComponent(`Signed out of ${n} other ${n === 1 ? "browser" : "browsers"}.`)
      }`,
      303,
    );
  })
  .post("/account/tokens/:id/revoke", async (c) => {
    const ok = await revokeApiToken(c.var.deps.kv, c.var.owner!, c.req.param("id").slice(0, 64));
    return c.redirect(
      ok
        ? `/account?ok=${encodeURIComponent("Token revoked.")}`
        : "/account?error=No%20such%20token",
      303,
    );
  });
