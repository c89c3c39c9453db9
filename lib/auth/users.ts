/**
 * Accounts in KV. The first account ever created gets the id {@link LOCAL_OWNER}, so it takes
 * over everything made in single-user mode without a migration; later accounts get fresh ids.
 *
 * Keys: `["users", id]` → {@link User}; `["users_by_name", lowercased name]` → id.
 * @module
 */
import * as z from "zod";
import { LOCAL_OWNER } from "../http/env.ts";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password.ts";

/** A user name: 3-64 characters of letters, digits and `. _ @ + -` (an e-mail address works). */
export const Username = z.string().trim().min(3, "user name must have at least 3 characters")
  .max(64, "user name must have at most 64 characters")
  .regex(/^[A-Za-z0-9._@+-]+$/, "user name may use letters, digits and . _ @ + - only");

/** A password: 8-1024 characters. */
export const Password = z.string().min(
  PASSWORD_MIN,
  `password must have at least ${PASSWORD_MIN} characters`,
).max(PASSWORD_MAX, `password must have at most ${PASSWORD_MAX} characters`);

/** A stored account. `passwordHash` never leaves the server. */
export interface User {
  id: string;
  username: string;
  passwordHash: string;
  /** Unix ms. */
  createdAt: number;
  passwordChangedAt: number;
}

/** The public view of a user. */
export interface PublicUser {
  id: string;
  username: string;
  createdAt: number;
}

/** Drops the password hash. */
export function publicUser(u: User): PublicUser {
  return { id: u.id, username: u.username, createdAt: u.createdAt };
}

const keys = {
  user: (id: string) => ["users", id] as const,
  byName: (name: string) => ["users_by_name", name.toLowerCase()] as const,
};

const existsCache = new WeakSet<Deno.Kv>();

/**
 * Whether any account exists (then single-user mode is over). Accounts are never deleted and the
 * first one is always {@link LOCAL_OWNER}, so one read answers it, and a `true` is cached.
 */
export async function accountsExist(kv: Deno.Kv): Promise<boolean> {
  if (existsCache.has(kv)) return true;
  const found = (await kv.get(keys.user(LOCAL_OWNER))).versionstamp !== null;
  if (found) existsCache.add(kv);
  return found;
}

/** Reads a user by id. */
export async function getUser(kv: Deno.Kv, id: string): Promise<User | null> {
  return (await kv.get<User>(keys.user(id))).value;
}

/** Reads a user by name (case-insensitive). */
export async function findUserByName(kv: Deno.Kv, username: string): Promise<User | null> {
  const id = (await kv.get<string>(keys.byName(username))).value;
  return id ? await getUser(kv, id) : null;
}

/**
 * Creates an account. The first one becomes {@link LOCAL_OWNER}; two concurrent first sign-ups
 * cannot both get it (atomic check). `taken` when the name (case-insensitively) is in use.
 */
export async function createUser(
  kv: Deno.Kv,
  input: { username: string; passwordHash: string; now: number; newId: () => string },
): Promise<{ ok: true; user: User } | { ok: false; reason: "taken" }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = (await accountsExist(kv)) ? input.newId() : LOCAL_OWNER;
    const user: User = {
      id,
      username: input.username,
      passwordHash: input.passwordHash,
      createdAt: input.now,
      passwordChangedAt: input.now,
    };
    const res = await kv.atomic()
      .check({ key: keys.byName(input.username), versionstamp: null })
      .check({ key: keys.user(id), versionstamp: null })
      .set(keys.user(id), user)
      .set(keys.byName(input.username), id)
      .commit();
    if (res.ok) {
      if (id === LOCAL_OWNER) existsCache.add(kv);
      return { ok: true, user };
    }
    if ((await kv.get(keys.byName(input.username))).versionstamp !== null) {
      return { ok: false, reason: "taken" };
    }
  }
  throw new Error("createUser: could not allocate a user id");
}

/** Replaces a user's password hash. */
export async function setPasswordHash(
  kv: Deno.Kv,
  id: string,
  passwordHash: string,
  now: number,
): Promise<boolean> {
  const entry = await kv.get<User>(keys.user(id));
  if (!entry.value) return false;
  const res = await kv.atomic().check(entry)
    .set(entry.key, { ...entry.value, passwordHash, passwordChangedAt: now }).commit();
  return res.ok;
}
