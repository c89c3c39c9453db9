// Standard normal CDF and density for the kernels. This file is a line-for-line port of
// lib/options/normal.ts (the reference): keep both in step, the parity tests compare them.
// Math is NativeMath (musl-derived exp), which matches V8's to about one ulp.

/** 1 / sqrt(2 pi). */
export const INV_SQRT_2PI: f64 = 0.3989422804014327;

const SQRT_32: f64 = 5.656854249492380195206754896838;

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23
// (1969), as in Cody's ANORM (TOMS 715) and R's pnorm.c; relative error about 1e-16 down to
// the far lower tail.
const A0: f64 = 2.2352520354606839287;
const A1: f64 = 161.02823106855587881;
const A2: f64 = 1067.6894854603709582;
const A3: f64 = 18154.981253343561249;
const A4: f64 = 0.065682337918207449113;
const B0: f64 = 47.20258190468824187;
const B1: f64 = 976.09855173777669322;
const B2: f64 = 10260.932208618978205;
const B3: f64 = 45507.789335026729956;
const C0: f64 = 0.39894151208813466764;
const C1: f64 = 8.8831497943883759412;
const C2: f64 = 93.506656132177855979;
const C3: f64 = 597.27027639480026226;
const C4: f64 = 2494.5375852903726711;
const C5: f64 = 6848.1904505362823326;
const C6: f64 = 11602.651437647350124;
const C7: f64 = 9842.7148383839780218;
const C8: f64 = 1.0765576773720192317e-8;
const D0: f64 = 22.266688044328115691;
const D1: f64 = 235.38790178262499861;
const D2: f64 = 1519.377599407554805;
const D3: f64 = 6485.558298266760755;
const D4: f64 = 18615.571640885098091;
const D5: f64 = 34900.952721145977266;
const D6: f64 = 38912.003286093271411;
const D7: f64 = 19685.429676859990727;
const P0: f64 = 0.21589853405795699;
const P1: f64 = 0.1274011611602473639;
const P2: f64 = 0.022235277870649807;
const P3: f64 = 0.001421619193227893466;
const P4: f64 = 2.9112874951168792e-5;
const P5: f64 = 0.02307344176494017303;
const Q0: f64 = 1.28426009614491121;
const Q1: f64 = 0.468238212480865118;
const Q2: f64 = 0.0659881378689285515;
const Q3: f64 = 0.00378239633202758244;
const Q4: f64 = 7.29751555083966205e-5;

/**
 * Standard normal cumulative distribution function N(x) = P(Z <= x), Cody's algorithm: relative
 * error near 1e-16 for x down to -37.5 (N(-37.5) ~ 5e-308), so far-tail put prices and implied
 * vols keep their digits. NaN in, NaN out.
 *
 * @example
 * ```ts
 * normCdf(0); // 0.5
 * normCdf(-1); // 0.15865525393145705
 * ```
 */
export function normCdf(x: f64): f64 {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const xsq = x * x;
    let xnum = A4 * xsq;
    let xden = xsq;
    xnum = (xnum + A0) * xsq;
    xden = (xden + B0) * xsq;
    xnum = (xnum + A1) * xsq;
    xden = (xden + B1) * xsq;
    xnum = (xnum + A2) * xsq;
    xden = (xden + B2) * xsq;
    lastPdf = NaN; // no exp was needed here: callers compute n(x) themselves
    return 0.5 + x * (xnum + A3) / (xden + B3);
  }
  let tail: f64;
  if (y <= SQRT_32) {
    let xnum = C8 * y;
    let xden = y;
    xnum = (xnum + C0) * y;
    xden = (xden + D0) * y;
    xnum = (xnum + C1) * y;
    xden = (xden + D1) * y;
    xnum = (xnum + C2) * y;
    xden = (xden + D2) * y;
    xnum = (xnum + C3) * y;
    xden = (xden + D3) * y;
    xnum = (xnum + C4) * y;
    xden = (xden + D4) * y;
    xnum = (xnum + C5) * y;
    xden = (xden + D5) * y;
    xnum = (xnum + C6) * y;
    xden = (xden + D6) * y;
    tail = gaussTail(y) * ((xnum + C7) / (xden + D7));
  } else if (y < 37.5193) {
    const xsq = 1 / (y * y);
    let xnum = P5 * xsq;
    let xden = xsq;
    xnum = (xnum + P0) * xsq;
    xden = (xden + Q0) * xsq;
    xnum = (xnum + P1) * xsq;
    xden = (xden + Q1) * xsq;
    xnum = (xnum + P2) * xsq;
    xden = (xden + Q2) * xsq;
    xnum = (xnum + P3) * xsq;
    xden = (xden + Q3) * xsq;
    const r = xsq * (xnum + P4) / (xden + Q4);
    tail = gaussTail(y) * ((INV_SQRT_2PI - r) / y);
  } else if (y == y) {
    lastPdf = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    tail = 0;
  } else {
    lastPdf = NaN;
    return x; // NaN
  }
  return x > 0 ? 1 - tail : tail;
}

// exp(-ysq^2 / 2) for every ysq = k / 16 the tail branches can use (k <= 600 as y < 37.52),
// filled once at instantiation with the same expression gaussTail would evaluate, so the
// lookup returns exactly the value the exp call would: one exp saved per tail evaluation.
const EXP_TABLE: usize = memory.data(601 * 8);
for (let k = 0; k <= 600; k++) {
  const ysq = <f64>k / 16;
  store<f64>(EXP_TABLE + ((<usize>k) << 3), Math.exp(-ysq * ysq * 0.5));
}

/** exp(-y^2 / 2), with y^2 split so the exponent keeps full precision; sets lastPdf. */
// @ts-ignore: decorator
@inline function gaussTail(y: f64): f64 {
  const k = Math.trunc(y * 16);
  const ysq = k / 16;
  const del = (y - ysq) * (y + ysq);
  const g = load<f64>(EXP_TABLE + ((<usize>k) << 3)) * Math.exp(-del * 0.5);
  lastPdf = INV_SQRT_2PI * g;
  return g;
}

/** n(x) of the last normCdf call when its tail branch computed it (|x| > 0.674), else NaN. */
export let lastPdf: f64 = 0;

/**
 * Standard normal density phi(x) = exp(-x^2 / 2) / sqrt(2 pi).
 *
 * @example
 * ```ts
 * normPdf(0); // 0.3989422804014327
 * ```
 */
// @ts-ignore: decorator
@inline export function normPdf(x: f64): f64 {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}
