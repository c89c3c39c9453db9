/**
 * What a request can reach: the injected dependencies and the current owner.
 * @module
 */
import type { AuthSettings } from "../auth/settings.ts";

/** Clock seam: handlers and workers read time here, so tests and replays can fix it. */
export interface Clock {
  /** Unix ms. */
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Runtime configuration, read from the environment by `main.ts`. */
export interface Config {
  /** Whether the server is reached over HTTPS (Secure cookies, HSTS). */
  secure: boolean;
  /** Whether bundled sample data is loaded on start. */
  seedSampleData: boolean;
  /** Auth overrides (token lifetimes, password cost, rate limits); see lib/auth/settings.ts. */
  auth?: Partial<AuthSettings>;
  /** Base URL of the Yahoo chart endpoint (THETAFORGE_YAHOO_URL; tests point it at a fake). */
  yahooBaseUrl?: string;
  /**
   * Whether a reverse proxy in front sets `X-Forwarded-For` (THETAFORGE_TRUST_PROXY=1); per-address
   * login limits then use its right-most entry (see `clientIp` in lib/auth/middleware.ts). Off by
   * default: headers are ignored and the socket address is used.
   */
  trustProxy?: boolean;
}

/** The default configuration for local use and tests. */
export const DEFAULT_CONFIG: Config = { secure: false, seedSampleData: true };

/**
 * Decides who is making a request. Returns the owner id, or null for an anonymous visitor.
 * The app uses `accountOwner` (lib/auth/middleware.ts: API tokens, sessions, and, until an account
 * exists, the local single-user mode's {@link LOCAL_OWNER}); tests may pass {@link localOwner} or
 * any fixed resolver.
 */
export type OwnerResolver = (req: Request, deps: Deps) => Promise<string | null>;

/** The owner of everything created in single-user mode. */
export const LOCAL_OWNER = "local";

/** Dependencies injected into `createApp`; `main.ts` passes real ones, tests pass fakes. */
export interface Deps {
  kv: Deno.Kv;
  clock: Clock;
  config: Config;
  currentOwner: OwnerResolver;
  newId(): string;
}

/** How the current request authenticated (set by lib/auth/middleware.ts). */
export interface AuthInfo {
  /** `custom` when `currentOwner` is not the account resolver (tests with a fixed owner). */
  kind: "session" | "token" | "local" | "anonymous" | "custom";
  /** Session id, for `session`. */
  sessionId?: string;
  /** API token id, for `token`. */
  tokenId?: string;
}

/**
 * Hono environment: `c.var.deps`, `c.var.owner` (null when anonymous), the signed-in user's name
 * (null in single-user mode, for API tokens and anonymous visitors), how the request
 * authenticated, and the CSRF token forms and fetches must send back (`csrf` field or
 * `x-csrf-token` header).
 */
export type AppEnv = {
  Variables: {
    deps: Deps;
    owner: string | null;
    userName: string | null;
    auth: AuthInfo;
    csrf: string;
  };
};

/** The local single-user owner resolver. */
export const localOwner: OwnerResolver = () => Promise.resolve(LOCAL_OWNER);
