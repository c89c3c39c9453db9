/**
 * Spectral tools for the cycle screeners: an FFT of any length (radix-2, Bluestein otherwise),
 * linear detrending, the analytic signal (Hilbert transform, as `scipy.signal.hilbert`) and the
 * dominant cycle period of a Hann-windowed spectrum.
 * @module
 */

/** In-place radix-2 FFT of (re, im); the length must be a power of two. `inverse` omits 1/N. */
function fftRadix2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    const half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

/**
 * Discrete Fourier transform X[k] = Σ x[t]·e^{∓2πikt/N} of any length N (Bluestein's chirp-z
 * for non-powers of two). With `inverse`, the sign is + and the result is divided by N, so
 * `fft(fft(x), {inverse: true})` returns x. Returns new arrays.
 */
export function fft(
  re: ArrayLike<number>,
  im: ArrayLike<number> | null = null,
  options: { inverse?: boolean } = {},
): { re: Float64Array; im: Float64Array } {
  const inverse = options.inverse ?? false;
  const n = re.length;
  const outRe = Float64Array.from(re);
  const outIm = im ? Float64Array.from(im) : new Float64Array(n);
  if (n <= 1) return { re: outRe, im: outIm };
  if ((n & (n - 1)) === 0) {
    fftRadix2(outRe, outIm, inverse);
  } else {
    bluestein(outRe, outIm, inverse);
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      outRe[i] /= n;
      outIm[i] /= n;
    }
  }
  return { re: outRe, im: outIm };
}

function bluestein(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const sign = inverse ? 1 : -1;
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k² mod 2n keeps the angle small and exact for large k
    const ang = (sign * Math.PI * ((k * k) % (2 * n))) / n;
    cr[k] = Math.cos(ang);
    ci[k] = Math.sin(ang);
  }
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = re[k] * cr[k] - im[k] * ci[k];
    ai[k] = re[k] * ci[k] + im[k] * cr[k];
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = cr[0];
  bi[0] = -ci[0];
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = cr[k];
    bi[k] = bi[m - k] = -ci[k];
  }
  fftRadix2(ar, ai, false);
  fftRadix2(br, bi, false);
  for (let i = 0; i < m; i++) {
    const r = ar[i] * br[i] - ai[i] * bi[i];
    ai[i] = ar[i] * bi[i] + ai[i] * br[i];
    ar[i] = r;
  }
  fftRadix2(ar, ai, true);
  for (let k = 0; k < n; k++) {
    const r = ar[k] / m;
    const i = ai[k] / m;
    re[k] = r * cr[k] - i * ci[k];
    im[k] = r * ci[k] + i * cr[k];
  }
}

/** `x` minus its least-squares straight line (as `scipy.signal.detrend(x, type="linear")`). */
export function detrendLinear(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const tMean = (n - 1) / 2;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += x[i];
  yMean /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - tMean) * (x[i] - yMean);
    sxx += (i - tMean) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  for (let i = 0; i < n; i++) out[i] = x[i] - (yMean + slope * (i - tMean));
  return out;
}

/**
 * The analytic signal x + i·H(x) at index `at` (default: the last), computed like
 * `scipy.signal.hilbert`: FFT, zero the negative frequencies, double the positive ones (keeping
 * DC and, for even N, Nyquist), inverse FFT. Returns its amplitude |z| and phase arg z (radians,
 * (−π, π]).
 */
export function analyticAt(
  x: ArrayLike<number>,
  at = x.length - 1,
): { amplitude: number; phase: number } {
  const n = x.length;
  const X = fft(x);
  // z[at] = (1/N) Σ_k h_k X_k e^{2πi k·at/N}, with h = 1 at DC/Nyquist, 2 below Nyquist, 0 above.
  let zr = 0;
  let zi = 0;
  const half = n >> 1;
  const top = n % 2 === 0 ? half : (n - 1) / 2;
  for (let k = 0; k <= top; k++) {
    const h = k === 0 || (n % 2 === 0 && k === half) ? 1 : 2;
    const ang = (2 * Math.PI * ((k * at) % n)) / n;
    const c = Math.cos(ang);
    const s = Math.sin(ang);
    zr += h * (X.re[k] * c - X.im[k] * s);
    zi += h * (X.re[k] * s + X.im[k] * c);
  }
  zr /= n;
  zi /= n;
  return { amplitude: Math.hypot(zr, zi), phase: Math.atan2(zi, zr) };
}

/**
 * Dominant cycle of `x`: linear detrend, Hann window (`numpy.hanning`), FFT, and the positive
 * non-DC frequency bin k with the largest magnitude. Returns the period N/k (bars), k, and the
 * position of that cycle on the last bar, cos(2πk(N−1)/N + arg X_k) of the unwindowed detrended
 * spectrum: −1 at a trough, +1 at a crest. NaN when N < 4.
 */
export function dominantCycle(
  x: ArrayLike<number>,
): { period: number; bin: number; position: number } {
  const n = x.length;
  if (n < 4) return { period: NaN, bin: 0, position: NaN };
  const d = detrendLinear(x);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = d[i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
  const W = fft(w);
  let best = 1;
  let bestMag = -1;
  for (let k = 1; k <= n >> 1; k++) {
    const mag = Math.hypot(W.re[k], W.im[k]);
    if (mag > bestMag) {
      bestMag = mag;
      best = k;
    }
  }
  // One DFT coefficient of the unwindowed series, O(N): no second FFT needed.
  let re = 0;
  let im = 0;
  for (let t = 0; t < n; t++) {
    const ang = (-2 * Math.PI * ((best * t) % n)) / n;
    re += d[t] * Math.cos(ang);
    im += d[t] * Math.sin(ang);
  }
  const phase0 = Math.atan2(im, re);
  const position = Math.cos((2 * Math.PI * best * (n - 1)) / n + phase0);
  return { period: n / best, bin: best, position };
}
