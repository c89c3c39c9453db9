/**
 * xoshiro128** 1.1 (Blackman and Vigna, 2018) seeded by splitmix64: a named, seeded generator
 * that gives the same stream in Deno, the browser and core-wasm/assembly/montecarlo.ts (which
 * ports it operation for operation). Only 32-bit integer operations are used per draw, so JS
 * and WASM agree bit for bit.
 * @module
 */

/** Largest seed accepted (seeds are integers that a double holds exactly). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const TWO_32 = 4294967296;
const TWO_NEG_53 = 1 / 9007199254740992;

/** The four 32-bit words of xoshiro128** state from splitmix64(seed) (two outputs, low word first). */
export function seedState(seed: number): Uint32Array {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seedState: expected an integer seed in [0, 2^53), was ${seed}`);
  }
  const mask = (1n << 64n) - 1n;
  let x = BigInt(seed);
  const next = () => {
    x = (x + 0x9e3779b97f4a7c15n) & mask;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    return z ^ (z >> 31n);
  };
  const a = next();
  const b = next();
  return Uint32Array.of(
    Number(a & 0xffffffffn),
    Number(a >> 32n),
    Number(b & 0xffffffffn),
    Number(b >> 32n),
  );
}

/**
 * The generator. `nextU32` is xoshiro128**; `nextFloat` takes 53 bits from two draws;
 * `nextInt(n)` is unbiased (Lemire's multiply-shift with rejection); `nextNormal` is
 * Marsaglia's polar method (one spare value cached).
 *
 * @example
 * ```ts
 * const rng = new Xoshiro128ss(42);
 * rng.nextU32(); // the same number in every runtime for seed 42
 * ```
 */
export class Xoshiro128ss {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spare = 0;
  #hasSpare = false;

  /** Seeds from an integer in [0, 2^53) through {@link seedState}, or takes raw state words. */
  constructor(seed: number | Uint32Array) {
    const s = typeof seed === "number" ? seedState(seed) : seed;
    if (s.length !== 4 || (s[0] | s[1] | s[2] | s[3]) === 0) {
      throw new RangeError("Xoshiro128ss: expected 4 state words, not all zero");
    }
    this.#s0 = s[0];
    this.#s1 = s[1];
    this.#s2 = s[2];
    this.#s3 = s[3];
  }

  /** Next 32-bit output as an unsigned integer. */
  nextU32(): number {
    const s1 = this.#s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = (this.#s3 << 11) | (this.#s3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) * TWO_NEG_53;
  }

  /** Uniform integer in [0, n), unbiased; n in [1, 2^21]. */
  nextInt(n: number): number {
    let m = this.nextU32() * n; // exact: < 2^53
    let hi = Math.floor(m / TWO_32);
    let lo = m - hi * TWO_32;
    if (lo < n) {
      const threshold = (TWO_32 - n) % n;
      while (lo < threshold) {
        m = this.nextU32() * n;
        hi = Math.floor(m / TWO_32);
        lo = m - hi * TWO_32;
      }
    }
    return hi;
  }

  /** Standard normal variate (Marsaglia polar method). */
  nextNormal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.nextFloat() - 1;
      v = 2 * this.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt(-2 * Math.log(s) / s);
    this.#spare = v * f;
    this.#hasSpare = true;
    return u * f;
  }
}
