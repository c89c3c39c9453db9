/**
 * What a request can reach: the injected dependencies and the current owner.
 * @module
 */

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
  /** Base URL of the Yahoo chart endpoint (THETAFORGE_YAHOO_URL; tests point it at a fake). */
  yahooBaseUrl?: string;
}

/** The default configuration for local use and tests. */
export const DEFAULT_CONFIG: Config = { secure: false, seedSampleData: true };

/**
 * Decides who is making a request. Returns the owner id, or null for an anonymous visitor.
 * Until accounts exist, the local single-user mode returns {@link LOCAL_OWNER}.
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

/** Hono environment: `c.var.deps` and `c.var.owner` (null when anonymous). */
export type AppEnv = { Variables: { deps: Deps; owner: string | null } };

/** The local single-user owner resolver. */
export const localOwner: OwnerResolver = () => Promise.resolve(LOCAL_OWNER);
