import assert from "node:assert/strict";
import { bbands, ema, macd, rsi, sma, stoch } from "./mod.ts";
import {
  computeIndicators,
  IndicatorSpecError,
  outputKeys,
  parseIndicatorSpec,
  parseIndicatorSpecs,
  splitSpecList,
} from "./spec.ts";
import { randomBars } from "./testing.ts";

function spec(raw: string) {
  const r = parseIndicatorSpec(raw);
  if (!r.ok) throw new Error(r.issue.message);
  return r.spec;
}

Deno.test("spec - parses names and parameters, filling trailing defaults", () => {
  assert.deepEqual(spec("sma:20"), { raw: "sma:20", name: "sma", params: [20] });
  assert.deepEqual(spec("sma").params, [20]);
  assert.deepEqual(spec("rsi").params, [14]);
  assert.deepEqual(spec("bbands:20:2.5").params, [20, 2.5]);
  assert.deepEqual(spec("macd").params, [12, 26, 9]);
  assert.deepEqual(spec("macd:5").params, [5, 26, 9]);
  assert.deepEqual(spec("stoch:14:3:3").params, [14, 3, 3]);
  assert.deepEqual(spec("keltner").params, [20, 10, 2]);
  assert.deepEqual(spec("roc").params, [10]);
  assert.deepEqual(spec("vwap").params, []);
  assert.deepEqual(spec("RSI:7"), { raw: "RSI:7", name: "rsi", params: [7] });
});

Deno.test("spec - output keys use the spec exactly as written", () => {
  assert.deepEqual(outputKeys(spec("sma:20")), ["sma:20"]);
  assert.deepEqual(outputKeys(spec("bbands:20:2")), [
    "bbands:20:2.upper",
    "bbands:20:2.middle",
    "bbands:20:2.lower",
  ]);
  assert.deepEqual(outputKeys(spec("macd")), ["macd.macd", "macd.signal", "macd.hist"]);
  assert.deepEqual(outputKeys(spec("stoch:14:3:3")), ["stoch:14:3:3.k", "stoch:14:3:3.d"]);
  assert.deepEqual(outputKeys(spec("adx:14")), ["adx:14.adx", "adx:14.plusDi", "adx:14.minusDi"]);
  assert.deepEqual(outputKeys(spec("donchian")).length, 3);
  assert.deepEqual(outputKeys(spec("keltner:20:10:2"))[0], "keltner:20:10:2.upper");
});

Deno.test("spec - unknown indicators and bad parameters are typed issues naming the spec", () => {
  const cases: [string, "unknown_indicator" | "bad_params", RegExp][] = [
    ["foo:3", "unknown_indicator", /"foo:3": unknown indicator "foo" \(known: sma, ema/],
    ["", "unknown_indicator", /unknown indicator ""/],
    ["constructor", "unknown_indicator", /unknown indicator/],
    ["sma:0", "bad_params", /"sma:0": period must be a whole number from 1 to 100000, was "0"/],
    ["sma:20.5", "bad_params", /period must be a whole number/],
    ["sma:", "bad_params", /period must be a whole number/],
    ["sma:abc", "bad_params", /was "abc"/],
    ["sma:1e9", "bad_params", /from 1 to 100000/],
    ["sma:20:5", "bad_params", /"sma:20:5": sma takes at most 1 \(period\), got 2/],
    ["vwap:5", "bad_params", /vwap takes no parameters/],
    ["bbands:20:-1", "bad_params", /k must be a number ≥ 0, was "-1"/],
    ["bbands:20:Infinity", "bad_params", /k must be a number/],
  ];
  for (const [raw, code, message] of cases) {
    const r = parseIndicatorSpec(raw);
    assert.ok(!r.ok, raw);
    assert.equal(r.issue.code, code, raw);
    assert.equal(r.issue.spec, raw);
    assert.match(r.issue.message, message);
  }
});

Deno.test("spec - splitSpecList splits commas, trims items and drops empty ones", () => {
  assert.deepEqual(splitSpecList(["sma:20, rsi", "", "macd:5,,bbands:20:2 "]), [
    "sma:20",
    "rsi",
    "macd:5",
    "bbands:20:2",
  ]);
});

Deno.test("spec - parseIndicatorSpecs collects every issue", () => {
  const r = parseIndicatorSpecs(["sma:20", "nope", "rsi:0"]);
  assert.ok(!r.ok);
  assert.deepEqual(r.issues.map((i) => [i.spec, i.code]), [["nope", "unknown_indicator"], [
    "rsi:0",
    "bad_params",
  ]]);
  const good = parseIndicatorSpecs(["sma:20", "rsi"]);
  assert.ok(good.ok && good.specs.length === 2);
});

Deno.test("spec - computeIndicators returns the library's columns under the spec keys", () => {
  const bars = randomBars(120, 5);
  const out = computeIndicators(bars, [
    "sma:20",
    "RSI",
    "bbands:10:1.5",
    "macd:3:6:2",
    "stoch",
    "ema:5",
    "sma:20",
  ]);
  assert.deepEqual(Object.keys(out), [
    "sma:20",
    "RSI",
    "bbands:10:1.5.upper",
    "bbands:10:1.5.middle",
    "bbands:10:1.5.lower",
    "macd:3:6:2.macd",
    "macd:3:6:2.signal",
    "macd:3:6:2.hist",
    "stoch.k",
    "stoch.d",
    "ema:5",
  ]);
  assert.deepEqual(out["sma:20"], sma(bars.close, 20));
  assert.deepEqual(out["RSI"], rsi(bars.close, 14));
  assert.deepEqual(out["bbands:10:1.5.lower"], bbands(bars.close, 10, 1.5).lower);
  assert.deepEqual(out["macd:3:6:2.hist"], macd(bars.close, { fast: 3, slow: 6, signal: 2 }).hist);
  assert.deepEqual(out["stoch.d"], stoch(bars.high, bars.low, bars.close).d);
  assert.deepEqual(out["ema:5"], ema(bars.close, 5));
  for (const name of ["adx", "atr", "donchian", "keltner", "vwap", "obv", "std", "roc", "wma"]) {
    for (const col of Object.values(computeIndicators(bars, [name]))) assert.equal(col.length, 120);
  }
});

Deno.test("spec - computeIndicators throws IndicatorSpecError naming all bad specs", () => {
  const bars = randomBars(10, 1);
  assert.throws(
    () => computeIndicators(bars, ["sma:x", "zz"]),
    (err: unknown) =>
      err instanceof IndicatorSpecError && err.issues.length === 2 && /"sma:x"/.test(err.message) &&
      /"zz"/.test(err.message),
  );
});
