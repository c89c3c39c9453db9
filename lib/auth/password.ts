/**
 * Password hashing with argon2id (hash-wasm). Hashes are PHC strings
 * (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`), so each one carries its own cost and old hashes
 * keep verifying after the cost changes.
 * @module
 */
import { argon2id, argon2Verify } from "hash-wasm";

/** argon2id cost: memory in KiB, passes over memory, lanes. */
export interface PasswordCost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** OWASP's first recommended argon2id setting (2024): 19 MiB, 2 passes, 1 lane. */
export const STANDARD_COST: PasswordCost = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };

/** A deliberately cheap setting for tests only (64 KiB, 1 pass). */
export const TEST_COST: PasswordCost = { memoryKiB: 64, iterations: 1, parallelism: 1 };

/** Shortest and longest accepted passwords, in characters. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 1024;

/**
 * Hashes `password` with argon2id, a fresh 16-byte salt and a 32-byte output.
 *
 * @example
 * ```ts
 * const h = await hashPassword("correct horse", TEST_COST); // "$argon2id$v=19$m=64,t=1,p=1$..."
 * await verifyPassword("correct horse", h); // true
 * ```
 */
export async function hashPassword(
  password: string,
  cost: PasswordCost = STANDARD_COST,
): Promise<string> {
  if (cost.memoryKiB < 8 * cost.parallelism || cost.iterations < 1) {
    throw new RangeError(
      `hashPassword: expected memoryKiB >= 8 x parallelism and iterations >= 1, was ${
        JSON.stringify(cost)
      }`,
    );
  }
  return await argon2id({
    password,
    salt: crypto.getRandomValues(new Uint8Array(16)),
    iterations: cost.iterations,
    parallelism: cost.parallelism,
    memorySize: cost.memoryKiB,
    hashLength: 32,
    outputType: "encoded",
  });
}

/** Checks `password` against a PHC hash from {@link hashPassword}; false for malformed hashes. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}
