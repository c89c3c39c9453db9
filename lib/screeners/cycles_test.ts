import assert from "node:assert/strict";
import { analyticAt, detrendLinear, dominantCycle, fft } from "./cycles.ts";
import { mulberry32 } from "./test_bars.ts";

function naiveDft(x: number[]): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k < n; k++) {
    let r = 0;
    let i = 0;
    for (let t = 0; t < n; t++) {
      r += x[t] * Math.cos((-2 * Math.PI * k * t) / n);
      i += x[t] * Math.sin((-2 * Math.PI * k * t) / n);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

Deno.test("fft - matches the naive DFT for power-of-two and other lengths", () => {
  const rand = mulberry32(1);
  for (const n of [1, 2, 8, 64, 3, 5, 30, 97, 100]) {
    const x = Array.from({ length: n }, () => rand() - 0.5);
    const got = fft(x);
    const want = naiveDft(x);
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(got.re[k] - want.re[k]) < 1e-9, `n=${n} k=${k}`);
      assert.ok(Math.abs(got.im[k] - want.im[k]) < 1e-9, `n=${n} k=${k}`);
    }
    const back = fft(got.re, got.im, { inverse: true });
    for (let t = 0; t < n; t++) assert.ok(Math.abs(back.re[t] - x[t]) < 1e-9);
  }
});

Deno.test("detrendLinear - removes a straight line exactly and matches scipy", () => {
  const d = detrendLinear([3, 5, 7, 9, 11]);
  for (const v of d) assert.ok(Math.abs(v) < 1e-12);
  // scipy.signal.detrend([1, 4, 2, 8, 5, 7]) (scipy 1.x)
  const want = [
    -0.7142857142857126,
    1.171428571428573,
    -1.9428571428571417,
    2.942857142857144,
    -1.1714285714285708,
    -0.2857142857142847,
  ];
  const got = detrendLinear([1, 4, 2, 8, 5, 7]);
  want.forEach((w, i) => assert.ok(Math.abs(got[i] - w) < 1e-12, `${i}: ${got[i]} vs ${w}`));
});

Deno.test("analyticAt - a cosine's analytic signal is e^{iωt}", () => {
  // For x = cos(2πkt/N) with integer k, H(x) = sin, so z[t] = e^{i·2πkt/N}.
  for (const n of [64, 50, 51]) {
    const k = 5;
    const x = Array.from({ length: n }, (_, t) => Math.cos((2 * Math.PI * k * t) / n));
    for (const at of [n - 1, 10]) {
      const z = analyticAt(x, at);
      assert.ok(Math.abs(z.amplitude - 1) < 1e-9, `n=${n}`);
      const expected = Math.atan2(
        Math.sin((2 * Math.PI * k * at) / n),
        Math.cos((2 * Math.PI * k * at) / n),
      );
      assert.ok(Math.abs(z.phase - expected) < 1e-9, `n=${n} at=${at}: ${z.phase} vs ${expected}`);
    }
  }
});

Deno.test("analyticAt - agrees with scipy.signal.hilbert", () => {
  // scipy 1.x: hilbert([1, 2, 0, -1, 3])[-1] = 3 - 0.940456403667957j
  const z = analyticAt([1, 2, 0, -1, 3]);
  assert.ok(Math.abs(z.amplitude - Math.hypot(3, 0.940456403667957)) < 1e-12);
  assert.ok(Math.abs(z.phase - Math.atan2(-0.940456403667957, 3)) < 1e-12);
  // x_i = sin(0.7i) + 0.1i + 0.2(i mod 3), i < 30: hilbert(detrend(x))[-1]
  // = 1.1937059407600223 + 0.3092025686095857j
  const x = Array.from({ length: 30 }, (_, i) => Math.sin(i * 0.7) + 0.1 * i + (i % 3) * 0.2);
  const w = analyticAt(detrendLinear(x));
  assert.ok(Math.abs(w.amplitude - 1.2331018211974776) < 1e-12);
  assert.ok(Math.abs(w.phase - 0.2534568451990862) < 1e-12);
});

Deno.test("dominantCycle - agrees with numpy's Hann-windowed rfft argmax", () => {
  // y_i = sin(0.5i) + 0.05i + 0.3(i mod 4), i < 64: argmax |rfft(detrend(y)·hanning(64))[1:]| + 1 = 5
  const y = Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.5) + 0.05 * i + (i % 4) * 0.3);
  const d = dominantCycle(y);
  assert.equal(d.bin, 5);
  assert.equal(d.period, 12.8);
});

Deno.test("dominantCycle - finds the period and the phase of a pure cycle on a trend", () => {
  const n = 128;
  const period = 16;
  // Trough at the last bar: cos(2π(t − (n−1))/P + π) = −1 at t = n − 1.
  const x = Array.from(
    { length: n },
    (_, t) => 0.3 * t + Math.cos((2 * Math.PI * (t - (n - 1))) / period + Math.PI),
  );
  const d = dominantCycle(x);
  assert.equal(d.period, 16);
  assert.ok(d.position < -0.99, `position ${d.position}`);
  const crest = Array.from(
    { length: n },
    (_, t) => Math.cos((2 * Math.PI * (t - (n - 1))) / period),
  );
  assert.ok(dominantCycle(crest).position > 0.99);
});
