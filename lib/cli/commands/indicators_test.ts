import assert from "node:assert/strict";
import { cliHarness } from "../testing.ts";
import { readGoog } from "../../indicators/testing.ts";
import { bbands, rsi, sma } from "../../indicators/mod.ts";

const GOOG = Deno.readTextFileSync(new URL("../../../tests/fixtures/GOOG.csv", import.meta.url));
const goog = readGoog();

const harness = (files: Record<string, string>) => cliHarness(files);

/** JSON numbers, with null where the library gives NaN. */
const asJson = (xs: Float64Array) => Array.from(xs, (x) => (Number.isFinite(x) ? x : null));

Deno.test("cli indicators - --data FILE --json prints time and one column per output key", async () => {
  using h = await harness({ "GOOG.csv": GOOG });
  const r = await h.run(
    "indicators",
    "--data",
    "GOOG.csv",
    "--ind",
    "sma:20",
    "--ind",
    "rsi:14,bbands",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(body), [
    "time",
    "sma:20",
    "rsi:14",
    "bbands.upper",
    "bbands.middle",
    "bbands.lower",
  ]);
  assert.deepEqual(body.time, Array.from(goog.ts));
  assert.deepEqual(body["sma:20"], asJson(sma(goog.close, 20)));
  assert.equal(body["sma:20"][18], null);
  assert.deepEqual(body["rsi:14"], asJson(rsi(goog.close, 14)));
  assert.deepEqual(body["bbands.lower"], asJson(bbands(goog.close).lower));
});

Deno.test("cli indicators - --symbol, --from/--to keep the warm-up from earlier bars", async () => {
  using h = await harness({ "GOOG.csv": GOOG });
  assert.equal((await h.run("import", "--file", "GOOG.csv", "--symbol", "GOOG")).code, 0);
  const r = await h.run(
    "indicators",
    "--symbol",
    "goog",
    "--ind",
    "sma:20",
    "--from",
    "2004-10-01",
    "--to",
    "2004-10-05",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  const i = goog.ts.indexOf(Date.UTC(2004, 9, 1)); // bar 30: defined only thanks to earlier bars
  assert.deepEqual(body.time, [Date.UTC(2004, 9, 1), Date.UTC(2004, 9, 4), Date.UTC(2004, 9, 5)]);
  assert.deepEqual(body["sma:20"], Array.from(sma(goog.close, 20).slice(i, i + 3)));
  assert.ok(body["sma:20"].every((x: number | null) => typeof x === "number"));
  // the CSV form: ISO dates, empty cells in warm-up
  const csv = await h.run("indicators", "--symbol", "GOOG", "--ind", "sma:2", "--to", "2004-08-20");
  assert.equal(csv.stdout, `time,sma:2\n2004-08-19,\n2004-08-20,${(100.34 + 108.31) / 2}\n`);
});

Deno.test("cli indicators - bad input is one line naming the spec or flag", async () => {
  using h = await harness({
    "GOOG.csv": GOOG,
    "bad.csv": "date,open,high,low,close\n2024-01-02,1,2,0.5,x\n",
  });
  const unknown = await h.run(
    "indicators",
    "--data",
    "GOOG.csv",
    "--ind",
    "sma:20,foo:3",
    "--ind",
    "rsi:0",
  );
  assert.equal(unknown.code, 1);
  assert.match(
    unknown.stderr,
    /^error: --ind: "foo:3": unknown indicator "foo" .*; "rsi:0": period must be/,
  );
  assert.equal(unknown.stderr.split("\n").length, 2, "one line");
  assert.equal(
    (await h.run("indicators", "--data", "GOOG.csv")).stderr,
    "error: --ind is required (e.g. --ind sma:20 --ind rsi:14)\n",
  );
  assert.match(
    (await h.run("indicators", "--ind", "sma")).stderr,
    /exactly one of --data FILE or --symbol SYM/,
  );
  assert.match(
    (await h.run("indicators", "--data", "x.csv", "--ind", "sma")).stderr,
    /--data: cannot read "x.csv"/,
  );
  assert.match(
    (await h.run("indicators", "--data", "bad.csv", "--ind", "sma")).stderr,
    /bad.csv: line 2, close/,
  );
  assert.match(
    (await h.run("indicators", "--symbol", "NOPE", "--ind", "sma")).stderr,
    /no bars stored for NOPE/,
  );
  assert.match(
    (await h.run("indicators", "--data", "GOOG.csv", "--ind", "sma", "--from", "soon")).stderr,
    /--from: not a date/,
  );
  assert.match(
    (await h.run("indicators", "--data", "GOOG.csv", "--ind", "sma", "--timeframe", "1m")).stderr,
    /--timeframe: .*cannot be shown as 1m/,
  );
});

Deno.test("cli indicators - --timeframe resamples before computing", async () => {
  using h = await harness({ "GOOG.csv": GOOG });
  const r = await h.run(
    "indicators",
    "--data",
    "GOOG.csv",
    "--ind",
    "obv",
    "--timeframe",
    "1w",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.ok(body.time.length > 400 && body.time.length < 460, `${body.time.length} weeks`);
  assert.equal(body.obv.length, body.time.length);
});
