// Shared arena for every kernel in this module (options, Monte Carlo, backtests).
// Kernels read and write f64/i32 columns through pointers and never allocate on
// their own behalf unless documented; the host calls `alloc` for inputs, outputs
// and scratch, runs one batch call, reads the results, then calls `resetHeap`.
// With the stub runtime `heap.reset` frees everything at once.

/** Reserves `bytes` (16-byte aligned) for the host to fill; memory grows as needed. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Frees every allocation at once; call after reading results. */
export function resetHeap(): void {
  heap.reset();
}
