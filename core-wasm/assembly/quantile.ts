// Quantiles by in-place selection with numpy "linear" interpolation. Port of
// lib/montecarlo/quantile.ts over f64 arrays in memory (base pointer + index).

// @ts-ignore: decorator
@inline function at(base: usize, i: i32): usize {
  return base + ((<usize>i) << 3);
}

/** Places the k-th order statistic of x[from, to) at index k (quickselect, median of 3). */
export function selectInPlace(x: usize, from: i32, to: i32, k: i32): void {
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    let a = load<f64>(at(x, lo));
    let b = load<f64>(at(x, mid));
    const c = load<f64>(at(x, hi));
    if (a > b) {
      const t = a;
      a = b;
      b = t;
    }
    if (b > c) {
      b = c;
      if (a > b) b = a;
    }
    const pivot = b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (load<f64>(at(x, i)) < pivot) i++;
      while (load<f64>(at(x, j)) > pivot) j--;
      if (i <= j) {
        const t = load<f64>(at(x, i));
        store<f64>(at(x, i), load<f64>(at(x, j)));
        store<f64>(at(x, j), t);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

// @ts-ignore: decorator
@inline function lerp(a: f64, b: f64, t: f64): f64 {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The 5/25/50/75/95 percentiles of x[from, from + n) written at out, out + stride, ... */
export function bandQuantiles(x: usize, from: i32, n: i32, out: usize, stride: usize): void {
  let start = from;
  for (let qi = 0; qi < 5; qi++) {
    const q: f64 = qi == 0 ? 0.05 : qi == 1 ? 0.25 : qi == 2 ? 0.5 : qi == 3 ? 0.75 : 0.95;
    const o = out + <usize>qi * stride;
    if (n == 0) {
      store<f64>(o, NaN);
      continue;
    }
    const h = <f64>(n - 1) * q;
    const lo = <i32>Math.floor(h);
    const k = from + lo;
    selectInPlace(x, start, from + n, k);
    const a = load<f64>(at(x, k));
    let b = a;
    if (lo + 1 < n) {
      b = load<f64>(at(x, k + 1));
      const end = from + n;
      for (let i = k + 2; i < end; i++) {
        const v = load<f64>(at(x, i));
        if (v < b) b = v;
      }
    }
    store<f64>(o, lerp(a, b, h - <f64>lo));
    start = k;
  }
}

// Target order statistics for multiSelect, and an explicit stack for its ranges. These
// live in static memory (memory.data), not on the heap: the host's resetHeap would hand
// heap-allocated globals out again.
const targets: usize = memory.data(16 * 4);
const stackLo: usize = memory.data(128 * 4);
const stackHi: usize = memory.data(128 * 4);
const stackTlo: usize = memory.data(128 * 4);
const stackThi: usize = memory.data(128 * 4);

// @ts-ignore: decorator
@inline function getI(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2));
}

// @ts-ignore: decorator
@inline function setI(base: usize, i: i32, v: i32): void {
  store<i32>(base + ((<usize>i) << 2), v);
}

/**
 * Places every order statistic listed in targets[0, nt) (ascending, inside [from, to)) at
 * its sorted position, partitioning only the ranges that hold a target (multi-quickselect).
 * Gives the same values as selectInPlace per target; faster for several quantiles at once.
 */
function multiSelect(x: usize, from: i32, to: i32, nt: i32): void {
  let sp = 0;
  setI(stackLo, 0, from);
  setI(stackHi, 0, to - 1);
  setI(stackTlo, 0, 0);
  setI(stackThi, 0, nt);
  sp = 1;
  while (sp > 0) {
    sp--;
    let lo = getI(stackLo, sp);
    let hi = getI(stackHi, sp);
    const tlo = getI(stackTlo, sp);
    const thi = getI(stackThi, sp);
    if (tlo >= thi || hi <= lo) continue;
    if (hi - lo < 24) {
      // insertion sort of a short range
      for (let i = lo + 1; i <= hi; i++) {
        const v = load<f64>(at(x, i));
        let j = i - 1;
        while (j >= lo && load<f64>(at(x, j)) > v) {
          store<f64>(at(x, j + 1), load<f64>(at(x, j)));
          j--;
        }
        store<f64>(at(x, j + 1), v);
      }
      continue;
    }
    const mid = lo + ((hi - lo) >> 1);
    let a = load<f64>(at(x, lo));
    let b = load<f64>(at(x, mid));
    const c = load<f64>(at(x, hi));
    if (a > b) {
      const t = a;
      a = b;
      b = t;
    }
    if (b > c) {
      b = c;
      if (a > b) b = a;
    }
    const pivot = b;
    // branchless Lomuto: [lo, s) < pivot, [s, k) >= pivot; swapping a >= element with
    // itself or another >= element keeps the invariant, so the swap is unconditional
    let s = lo;
    for (let k = lo; k <= hi; k++) {
      const v = load<f64>(at(x, k));
      store<f64>(at(x, k), load<f64>(at(x, s)));
      store<f64>(at(x, s), v);
      s += <i32>(v < pivot);
    }
    let j = s - 1; // last index of the left part
    let i = s; // first index of the right part
    if (s == lo) {
      // nothing below the pivot (it is the minimum): split off the elements equal to it,
      // which are then in their sorted places
      for (let k = lo; k <= hi; k++) {
        const v = load<f64>(at(x, k));
        store<f64>(at(x, k), load<f64>(at(x, s)));
        store<f64>(at(x, s), v);
        s += <i32>(v <= pivot);
      }
      j = lo - 1;
      i = s;
    }
    // targets <= j go left, >= i go right; those strictly between are already in place
    let split1 = tlo;
    while (split1 < thi && getI(targets, split1) <= j) split1++;
    let split2 = split1;
    while (split2 < thi && getI(targets, split2) < i) split2++;
    if (split1 > tlo) {
      setI(stackLo, sp, lo);
      setI(stackHi, sp, j);
      setI(stackTlo, sp, tlo);
      setI(stackThi, sp, split1);
      sp++;
    }
    if (thi > split2) {
      setI(stackLo, sp, i);
      setI(stackHi, sp, hi);
      setI(stackTlo, sp, split2);
      setI(stackThi, sp, thi);
      sp++;
    }
  }
}

/**
 * Same output as bandQuantiles (5/25/50/75/95, numpy "linear"), computed with one
 * multi-select over the ten order statistics involved instead of five sequential selects.
 */
export function bandQuantilesFast(x: usize, from: i32, n: i32, out: usize, stride: usize): void {
  if (n == 0) {
    for (let qi = 0; qi < 5; qi++) store<f64>(out + <usize>qi * stride, NaN);
    return;
  }
  let nt = 0;
  for (let qi = 0; qi < 5; qi++) {
    const q: f64 = qi == 0 ? 0.05 : qi == 1 ? 0.25 : qi == 2 ? 0.5 : qi == 3 ? 0.75 : 0.95;
    const lo = <i32>Math.floor(<f64>(n - 1) * q);
    const k = from + lo;
    if (nt == 0 || getI(targets, nt - 1) < k) setI(targets, nt++, k);
    if (lo + 1 < n && getI(targets, nt - 1) < k + 1) setI(targets, nt++, k + 1);
  }
  multiSelect(x, from, from + n, nt);
  for (let qi = 0; qi < 5; qi++) {
    const q: f64 = qi == 0 ? 0.05 : qi == 1 ? 0.25 : qi == 2 ? 0.5 : qi == 3 ? 0.75 : 0.95;
    const h = <f64>(n - 1) * q;
    const lo = <i32>Math.floor(h);
    const k = from + lo;
    const a = load<f64>(at(x, k));
    const b = lo + 1 < n ? load<f64>(at(x, k + 1)) : a;
    store<f64>(out + <usize>qi * stride, lerp(a, b, h - <f64>lo));
  }
}
