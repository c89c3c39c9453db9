/**
 * Test helpers for anything behind accounts: an in-memory app with the real account resolver and
 * a cheap password hash, and a cookie-keeping client that sends the CSRF token like a browser.
 * @module
 */
import { testApp } from "../../tests/helpers.ts";
import { type Config, DEFAULT_CONFIG, type Deps } from "../http/env.ts";
import { accountOwner } from "./middleware.ts";
import { TEST_COST } from "./password.ts";
import type { AuthSettings } from "./settings.ts";

/** An app over `:memory:` KV with accounts enabled (single-user mode until the first sign-up). */
export async function accountsApp(
  options: {
    auth?: Partial<AuthSettings>;
    deps?: Partial<Deps>;
    /** Other config fields (e.g. `trustProxy`). */
    config?: Partial<Config>;
  } = {},
) {
  return await testApp({
    currentOwner: accountOwner,
    config: {
      ...DEFAULT_CONFIG,
      seedSampleData: false,
      ...options.config,
      auth: { passwordCost: TEST_COST, ...options.auth },
    },
    ...options.deps,
  });
}

type Fetchable = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** A cookie jar over `app.request`, acting like a same-origin browser tab. */
export class Client {
  readonly cookies = new Map<string, string>();
  /** A bearer token to send instead of cookies. */
  bearer?: string;
  constructor(readonly app: Fetchable) {}

  /** Sends a request with the jar's cookies (and the bearer token, if set); stores new cookies. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has("cookie")) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    if (this.bearer) headers.set("authorization", `Bearer ${this.bearer}`);
    const res = await this.app.request(path, { ...init, headers, redirect: "manual" });
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim(), value = pair.slice(i + 1).trim();
      if (attrs.some((a) => /^\s*max-age=0$/i.test(a)) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** The CSRF token pages render for this client (read from the /api-docs page). */
  async csrf(): Promise<string> {
    const html = await (await this.request("/api-docs")).text();
    const m = /name="csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error("Client.csrf: no csrf field on /api-docs");
    return m[1];
  }

  /** A JSON request with the CSRF header, as an island's fetch would send it. */
  async json(path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
    const headers: Record<string, string> = {};
    if (method !== "GET") headers["x-csrf-token"] = await this.csrf();
    if (body !== undefined) headers["content-type"] = "application/json";
    return await this.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Signs up through the API and keeps the session cookies. */
  async signUp(username: string, password = "correct horse battery"): Promise<string> {
    const res = await this.json("/api/v1/auth/signup", { username, password });
    if (res.status !== 201) {
      throw new Error(`signUp ${username}: ${res.status} ${await res.text()}`);
    }
    return (await res.json()).user.id;
  }

  /** Creates an API token through the API and returns its secret. */
  async createToken(name = "test"): Promise<string> {
    const res = await this.json("/api/v1/tokens", { name });
    if (res.status !== 201) throw new Error(`createToken: ${res.status} ${await res.text()}`);
    return (await res.json()).token;
  }
}
