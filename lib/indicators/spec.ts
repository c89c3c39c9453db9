/**
 * Indicator specs as the API and CLI take them: `sma:20`, `bbands:20:2`, `macd:12:26:9`, `vwap`.
 *
 * A spec is a name followed by optional `:`-separated parameters; omitted trailing parameters take
 * their defaults. Output keys use the spec string exactly as written: a single-output indicator
 * gives one key (`"sma:20"`), a multi-output one gives `"<spec>.<output>"` (`"bbands:20:2.upper"`,
 * `"bbands:20:2.middle"`, `"bbands:20:2.lower"`).
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { adx } from "./adx.ts";
import { atr } from "./atr.ts";
import { bbands } from "./bbands.ts";
import { donchian, keltner } from "./channels.ts";
import { macd } from "./macd.ts";
import { ema, sma, wma } from "./moving_average.ts";
import { roc, rollingStd } from "./rolling.ts";
import { rsi } from "./rsi.ts";
import { stoch } from "./stoch.ts";
import { obv, vwap } from "./volume.ts";

/** Largest accepted period: far above any useful look-back, small enough to stay cheap. */
const MAX_PERIOD = 100_000;

/** One parameter of an indicator spec. */
export interface ParamDef {
  readonly name: string;
  readonly default: number;
  /** `period`: an integer from 1 to 100000; `multiplier`: a finite number ≥ 0. */
  readonly kind: "period" | "multiplier";
}

/** What the spec parser and the API docs know about one indicator. */
export interface IndicatorDef {
  readonly title: string;
  readonly params: readonly ParamDef[];
  /** Output names of a multi-output indicator (fields of `compute`'s result); absent for one output. */
  readonly outputs?: readonly string[];
  readonly compute: (
    bars: BarSeries,
    p: readonly number[],
  ) => Float64Array | object;
}

const period = (name: string, def: number): ParamDef => ({ name, default: def, kind: "period" });
const mult = (name: string, def: number): ParamDef => ({ name, default: def, kind: "multiplier" });
const BANDS = ["upper", "middle", "lower"] as const;

/** Every indicator the specs accept, with parameters (in spec order), defaults and outputs. */
export const INDICATORS = {
  sma: {
    title: "Simple moving average",
    params: [period("period", 20)],
    compute: (b, p) => sma(b.close, p[0]),
  },
  ema: {
    title: "Exponential moving average (SMA seed)",
    params: [period("period", 20)],
    compute: (b, p) => ema(b.close, p[0]),
  },
  wma: {
    title: "Linearly weighted moving average",
    params: [period("period", 20)],
    compute: (b, p) => wma(b.close, p[0]),
  },
  rsi: {
    title: "Relative Strength Index (Wilder)",
    params: [period("period", 14)],
    compute: (b, p) => rsi(b.close, p[0]),
  },
  macd: {
    title: "MACD line, signal and histogram",
    params: [period("fast", 12), period("slow", 26), period("signal", 9)],
    outputs: ["macd", "signal", "hist"],
    compute: (b, p) => macd(b.close, { fast: p[0], slow: p[1], signal: p[2] }),
  },
  bbands: {
    title: "Bollinger Bands (population σ)",
    params: [period("period", 20), mult("k", 2)],
    outputs: BANDS,
    compute: (b, p) => bbands(b.close, p[0], p[1]),
  },
  stoch: {
    title: "Slow stochastic %K/%D",
    params: [period("k", 14), period("kSmooth", 3), period("d", 3)],
    outputs: ["k", "d"],
    compute: (b, p) => stoch(b.high, b.low, b.close, { k: p[0], kSmooth: p[1], d: p[2] }),
  },
  adx: {
    title: "Average Directional Index with +DI/-DI",
    params: [period("period", 14)],
    outputs: ["adx", "plusDi", "minusDi"],
    compute: (b, p) => adx(b.high, b.low, b.close, p[0]),
  },
  atr: {
    title: "Average True Range (Wilder)",
    params: [period("period", 14)],
    compute: (b, p) => atr(b.high, b.low, b.close, p[0]),
  },
  donchian: {
    title: "Donchian channel (bars i-n+1..i)",
    params: [period("period", 20)],
    outputs: BANDS,
    compute: (b, p) => donchian(b.high, b.low, p[0]),
  },
  keltner: {
    title: "Keltner channel (EMA ± mult·ATR)",
    params: [period("emaPeriod", 20), period("atrPeriod", 10), mult("mult", 2)],
    outputs: BANDS,
    compute: (b, p) =>
      keltner(b.high, b.low, b.close, { emaPeriod: p[0], atrPeriod: p[1], mult: p[2] }),
  },
  vwap: {
    title: "VWAP, reset each UTC day",
    params: [],
    compute: (b) => vwap(b.ts, b.high, b.low, b.close, b.volume),
  },
  obv: { title: "On-Balance Volume", params: [], compute: (b) => obv(b.close, b.volume) },
  std: {
    title: "Rolling population standard deviation of close",
    params: [period("period", 20)],
    compute: (b, p) => rollingStd(b.close, p[0]),
  },
  roc: {
    title: "Rate of change, percent",
    params: [period("period", 10)],
    compute: (b, p) => roc(b.close, p[0]),
  },
} as const satisfies Record<string, IndicatorDef>;

/** Names accepted in specs. */
export type IndicatorName = keyof typeof INDICATORS;

/** A parsed spec: `raw` is the string as the user wrote it, `params` has defaults filled in. */
export interface IndicatorSpec {
  readonly raw: string;
  readonly name: IndicatorName;
  readonly params: readonly number[];
}

/** Why a spec was rejected; `spec` is the string as written, `message` names it. */
export interface IndicatorSpecIssue {
  readonly spec: string;
  readonly code: "unknown_indicator" | "bad_params";
  readonly message: string;
}

/** Thrown by {@link computeIndicators} for invalid spec strings; carries every issue. */
export class IndicatorSpecError extends Error {
  constructor(readonly issues: readonly IndicatorSpecIssue[]) {
    super(issues.map((i) => i.message).join("; "));
    this.name = "IndicatorSpecError";
  }
}

const NAMES = Object.keys(INDICATORS) as IndicatorName[];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses one spec such as `"rsi:14"` or `"bbands:20:2.5"`. Names are case-insensitive; omitted
 * trailing parameters take their defaults.
 *
 * @example
 * ```ts
 * parseIndicatorSpec("macd:5"); // { ok: true, spec: { raw: "macd:5", name: "macd", params: [5, 26, 9] } }
 * parseIndicatorSpec("sma:0");  // { ok: false, issue: { code: "bad_params", message: "sma:0: period must be …" } }
 * ```
 */
export function parseIndicatorSpec(
  raw: string,
): { ok: true; spec: IndicatorSpec } | { ok: false; issue: IndicatorSpecIssue } {
  const [rawName, ...args] = raw.trim().split(":");
  const name = rawName.toLowerCase();
  if (!Object.hasOwn(INDICATORS, name)) {
    const message = `${JSON.stringify(raw)}: unknown indicator ${JSON.stringify(rawName)} (known: ${
      NAMES.join(", ")
    })`;
    return { ok: false, issue: { spec: raw, code: "unknown_indicator", message } };
  }
  const def: IndicatorDef = INDICATORS[name as IndicatorName];
  const bad = (why: string) => ({
    ok: false as const,
    issue: { spec: raw, code: "bad_params" as const, message: `${JSON.stringify(raw)}: ${why}` },
  });
  if (args.length > def.params.length) {
    const names = def.params.map((p) => p.name).join(":");
    return bad(
      def.params.length === 0
        ? `${name} takes no parameters, got ${args.length}`
        : `${name} takes at most ${def.params.length} (${names}), got ${args.length}`,
    );
  }
  const params: number[] = [];
  for (let i = 0; i < def.params.length; i++) {
    const p = def.params[i];
    if (i >= args.length) {
      params.push(p.default);
      continue;
    }
    const text = args[i].trim();
    const x = NUMBER.test(text) ? Number(text) : NaN;
    if (p.kind === "period" && !(Number.isInteger(x) && x >= 1 && x <= MAX_PERIOD)) {
      return bad(
        `${p.name} must be a whole number from 1 to ${MAX_PERIOD}, was ${JSON.stringify(args[i])}`,
      );
    }
    if (p.kind === "multiplier" && !(Number.isFinite(x) && x >= 0)) {
      return bad(`${p.name} must be a number ≥ 0, was ${JSON.stringify(args[i])}`);
    }
    params.push(x);
  }
  return { ok: true, spec: { raw, name: name as IndicatorName, params } };
}

/** Most specs one API request or CLI call accepts (each may have several outputs). */
export const MAX_SPECS = 32;

/**
 * Splits repeated and comma-separated spec lists (`ind=sma:20&ind=rsi,macd`) into specs, trimmed,
 * dropping empty items (`"sma:20, rsi"` gives keys `sma:20` and `rsi`). Commas never occur inside
 * a spec.
 */
export function splitSpecList(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(",")).map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * Parses several specs, collecting every issue rather than stopping at the first, so an API can
 * answer 400 naming all of them.
 */
export function parseIndicatorSpecs(
  raws: readonly string[],
): { ok: true; specs: IndicatorSpec[] } | { ok: false; issues: IndicatorSpecIssue[] } {
  const specs: IndicatorSpec[] = [];
  const issues: IndicatorSpecIssue[] = [];
  for (const raw of raws) {
    const r = parseIndicatorSpec(raw);
    if (r.ok) specs.push(r.spec);
    else issues.push(r.issue);
  }
  return issues.length ? { ok: false, issues } : { ok: true, specs };
}

/**
 * The output keys of a spec, in output order: `["sma:20"]`, or
 * `["bbands:20:2.upper", "bbands:20:2.middle", "bbands:20:2.lower"]`.
 */
export function outputKeys(spec: IndicatorSpec): string[] {
  const outputs: readonly string[] | undefined = (INDICATORS[spec.name] as IndicatorDef).outputs;
  return outputs ? outputs.map((o) => `${spec.raw}.${o}`) : [spec.raw];
}

/**
 * Computes the specs over `bars` and returns one column per output key (see {@link outputKeys}),
 * in spec order; a repeated spec is computed once. Strings are parsed first, and any invalid one
 * throws {@link IndicatorSpecError} naming all of them.
 *
 * @example
 * ```ts
 * import { toBarSeries } from "../domain/bar.ts";
 * const bars = toBarSeries([1, 2, 3].map((c, i) => ({
 *   ts: i * 86_400_000, open: c, high: c, low: c, close: c, volume: 1,
 * })));
 * computeIndicators(bars, ["sma:2"]); // { "sma:2": Float64Array [NaN, 1.5, 2.5] }
 * ```
 */
export function computeIndicators(
  bars: BarSeries,
  specs: readonly (string | IndicatorSpec)[],
): Record<string, Float64Array> {
  const parsed: IndicatorSpec[] = [];
  const issues: IndicatorSpecIssue[] = [];
  for (const s of specs) {
    if (typeof s !== "string") {
      parsed.push(s);
      continue;
    }
    const r = parseIndicatorSpec(s);
    if (r.ok) parsed.push(r.spec);
    else issues.push(r.issue);
  }
  if (issues.length) throw new IndicatorSpecError(issues);
  const out: Record<string, Float64Array> = {};
  for (const spec of parsed) {
    const keys = outputKeys(spec);
    if (keys[0] in out) continue;
    const def: IndicatorDef = INDICATORS[spec.name];
    const result = def.compute(bars, spec.params);
    if (result instanceof Float64Array) out[keys[0]] = result;
    else {
      const columns = result as Record<string, Float64Array>;
      def.outputs!.forEach((o, j) => (out[keys[j]] = columns[o]));
    }
  }
  return out;
}
