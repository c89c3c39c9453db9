// xoshiro128** seeded by splitmix64, and the draws built on it. Operation-for-operation
// port of lib/montecarlo/prng.ts: the same seed gives the same stream in JS and here.

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;
let spare: f64 = 0;
let hasSpare: bool = false;

const TWO_NEG_53: f64 = 1.0 / 9007199254740992.0;

// @ts-ignore: decorator
@inline function splitmix(x: u64): u64 {
  let z = x;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Seeds the generator from an integer seed in [0, 2^53). */
export function rngSeed(seed: f64): void {
  const x = <u64>seed;
  const a = splitmix(x + 0x9e3779b97f4a7c15);
  const b = splitmix(x + 0x9e3779b97f4a7c15 + 0x9e3779b97f4a7c15);
  s0 = <u32>a;
  s1 = <u32>(a >> 32);
  s2 = <u32>b;
  s3 = <u32>(b >> 32);
  hasSpare = false;
  spare = 0;
}

/** Next xoshiro128** output. */
// @ts-ignore: decorator
@inline export function rngNextU32(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

/** Uniform in [0, 1) with 53 bits. */
// @ts-ignore: decorator
@inline export function rngNextFloat(): f64 {
  const a = rngNextU32() >> 5;
  const b = rngNextU32() >> 6;
  return (<f64>a * 67108864.0 + <f64>b) * TWO_NEG_53;
}

/** Unbiased integer in [0, n) (Lemire), n in [1, 2^21]. */
// @ts-ignore: decorator
@inline export function rngNextInt(n: u32): u32 {
  let m = <u64>rngNextU32() * <u64>n;
  let lo = <u32>m;
  if (lo < n) {
    const threshold: u32 = (<u32>0 - n) % n;
    while (lo < threshold) {
      m = <u64>rngNextU32() * <u64>n;
      lo = <u32>m;
    }
  }
  return <u32>(m >> 32);
}

/** Standard normal (Marsaglia polar), one spare cached. */
export function rngNextNormal(): f64 {
  if (hasSpare) {
    hasSpare = false;
    return spare;
  }
  let u: f64 = 0;
  let v: f64 = 0;
  let s: f64 = 0;
  do {
    u = 2 * rngNextFloat() - 1;
    v = 2 * rngNextFloat() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const f = Math.sqrt(-2 * Math.log(s) / s);
  spare = v * f;
  hasSpare = true;
  return u * f;
}
