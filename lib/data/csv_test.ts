import assert from "node:assert/strict";
import fc from "fast-check";
import { parseOhlcvCsv, toOhlcvCsv } from "./csv.ts";

const GOOG = await Deno.readTextFile(new URL("../../tests/fixtures/GOOG.csv", import.meta.url));
const EURUSD = await Deno.readTextFile(new URL("../../tests/fixtures/EURUSD.csv", import.meta.url));

function ok(text: string, options = {}) {
  const r = parseOhlcvCsv(text, options);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.issues)}`);
  return r;
}

function issues(text: string, options = {}) {
  const r = parseOhlcvCsv(text, options);
  assert.equal(r.ok, false, "expected the file to be rejected");
  return (r as { issues: { line: number; column: string; message: string }[] }).issues;
}

Deno.test("parseOhlcvCsv - date-index layout (GOOG daily)", () => {
  const r = ok(GOOG);
  assert.equal(r.format, "date-index");
  assert.equal(r.timeframe, "1d");
  assert.equal(r.bars.length, 2148);
  assert.equal(r.bars.ts[0], Date.UTC(2004, 7, 19));
  assert.equal(r.bars.open[0], 100);
  assert.equal(r.bars.high[0], 104.06);
  assert.equal(r.bars.close[0], 100.34);
  assert.equal(r.bars.volume[0], 22351900);
});

Deno.test("parseOhlcvCsv - intraday timestamps are UTC (EURUSD hourly)", () => {
  const r = ok(EURUSD);
  assert.equal(r.timeframe, "1h");
  assert.equal(r.bars.ts[0], Date.UTC(2017, 3, 19, 9));
  assert.equal(r.bars.ts[1] - r.bars.ts[0], 3_600_000);
});

Deno.test("parseOhlcvCsv - Yahoo layout, Adj Close ignored unless adjust", () => {
  const yahoo = "Date,Open,High,Low,Close,Adj Close,Volume\n" +
    "2024-01-02,10,12,9,11,5.5,100\n2024-01-03,11,13,10,12,6,200\n";
  const raw = ok(yahoo);
  assert.equal(raw.format, "yahoo");
  assert.equal(raw.bars.close[0], 11);
  const adj = ok(yahoo, { adjust: true });
  // factor = 5.5 / 11 = 0.5 on the first row
  assert.deepEqual([...adj.bars.open.subarray(0, 1)], [5]);
  assert.equal(adj.bars.high[0], 6);
  assert.equal(adj.bars.low[0], 4.5);
  assert.equal(adj.bars.close[0], 5.5);
  assert.equal(adj.bars.volume[0], 100);
});

Deno.test("parseOhlcvCsv - generic headers in any case and order, unix seconds and ms", () => {
  const secs = "Close;TIMESTAMP;open;High;LOW\n11;1704153600;10;12;9\n12;1704240000;11;13;10\n";
  const r = ok(secs);
  assert.equal(r.bars.ts[0], Date.UTC(2024, 0, 2));
  assert.equal(r.bars.close[1], 12);
  assert.equal(r.bars.volume[0], 0, "volume is optional");
  const ms = "time,open,high,low,close,volume\n1704153600000,10,12,9,11,5\n";
  assert.equal(ok(ms).bars.ts[0], Date.UTC(2024, 0, 2));
  const iso = "datetime,open,high,low,close\n2024-01-02T09:30:00-05:00,10,12,9,11\n";
  assert.equal(ok(iso).bars.ts[0], Date.UTC(2024, 0, 2, 14, 30));
});

Deno.test("parseOhlcvCsv - monthly data is detected", () => {
  const btc = ok(
    Deno.readTextFileSync(new URL("../../tests/fixtures/BTCUSD.csv", import.meta.url)),
  );
  assert.equal(btc.timeframe, "1mo");
});

Deno.test("parseOhlcvCsv - every validation rule names the line and column", () => {
  const head = "date,open,high,low,close,volume\n";
  assert.deepEqual(issues(head + "2024-01-02,10,12,9,abc,1\n")[0], {
    line: 2,
    column: "close",
    message: 'unparsable number "abc"',
  });
  assert.equal(issues(head + "2024-01-02,10,12,9,11,1\n2024-01-03,0,12,9,11,1\n")[0].line, 3);
  assert.match(
    issues(head + "2024-01-02,10,12,9,11,1\n2024-01-03,0,12,9,11,1\n")[0].message,
    /must be > 0/,
  );
  const high = issues(head + "2024-01-02,10,10.5,9,11,1\n")[0];
  assert.equal(high.column, "high");
  assert.match(high.message, /below close/);
  const low = issues(head + "2024-01-02,10,12,10.5,11,1\n")[0];
  assert.equal(low.column, "low");
  assert.match(low.message, /above open/);
  assert.equal(issues(head + "yesterday,10,12,9,11,1\n")[0].column, "time");
  assert.equal(issues(head + "2024-01-02,10,12,9,11,-5\n")[0].column, "volume");
  assert.equal(issues("foo,bar\n1,2\n")[0].line, 1);
  assert.equal(issues("")[0].message, "file is empty");
});

Deno.test("parseOhlcvCsv - unsorted and duplicate rows only pass when asked", () => {
  const text = "date,open,high,low,close\n2024-01-03,11,13,10,12\n2024-01-02,10,12,9,11\n" +
    "2024-01-03,11,14,10,13\n";
  const unsorted = issues(text);
  assert.equal(unsorted[0].line, 3);
  assert.match(unsorted[0].message, /before the previous row/);
  const dup = issues(text, { sort: true });
  assert.match(dup[0].message, /duplicate timestamp/);
  const r = ok(text, { sort: true, dedupe: true });
  assert.equal(r.bars.length, 2);
  assert.equal(r.bars.ts[0], Date.UTC(2024, 0, 2));
  assert.equal(r.bars.high[1], 14, "the last duplicate row wins");
});

Deno.test("parseOhlcvCsv - a file over the row limit is flagged too large", () => {
  const rows = ["date,open,high,low,close"];
  for (let d = 1; d <= 5; d++) rows.push(`2024-01-0${d},1,2,0.5,1.5`);
  const r = issues(rows.join("\n"), { maxRows: 3 });
  assert.deepEqual(r, [{
    line: 5,
    column: "",
    message: "file has more than 3 rows",
    tooLarge: true,
  }]);
});

Deno.test("parseOhlcvCsv - quoted fields, CRLF and a BOM", () => {
  const r = ok('\uFEFF"Date","Open","High","Low","Close"\r\n"2024-01-02","10","12","9","11"\r\n');
  assert.equal(r.bars.close[0], 11);
});

Deno.test("parseOhlcvCsv - property: never throws on arbitrary input", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      const r = parseOhlcvCsv("date,open,high,low,close,volume\n" + s);
      assert.equal(typeof r.ok, "boolean");
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.array(fc.array(fc.string(), { maxLength: 7 }), { maxLength: 20 }), (rows) => {
      const r = parseOhlcvCsv(rows.map((r) => r.join(",")).join("\n"));
      assert.equal(typeof r.ok, "boolean");
    }),
    { numRuns: 200 },
  );
});

Deno.test("parseOhlcvCsv - property: valid files round-trip through toOhlcvCsv", () => {
  const bar = fc.record({
    low: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
    span: fc.double({ min: 0, max: 1e4, noNaN: true }),
    volume: fc.nat(),
    gapMinutes: fc.integer({ min: 1, max: 60 * 24 * 40 }),
  });
  fc.assert(
    fc.property(fc.array(bar, { minLength: 1, maxLength: 50 }), (rows) => {
      let t = Date.UTC(2020, 0, 1);
      const csv = ["timestamp,open,high,low,close,volume"];
      const expected: number[][] = [];
      for (const r of rows) {
        t += r.gapMinutes * 60_000;
        const high = r.low + r.span;
        const open = r.low + r.a * r.span;
        const close = r.low + r.b * r.span;
        csv.push(`${new Date(t).toISOString()},${open},${high},${r.low},${close},${r.volume}`);
        expected.push([t, open, high, r.low, close, r.volume]);
      }
      const first = ok(csv.join("\n"));
      const again = ok(toOhlcvCsv(first.bars));
      assert.equal(again.bars.length, expected.length);
      for (let i = 0; i < expected.length; i++) {
        const got = [
          again.bars.ts[i],
          again.bars.open[i],
          again.bars.high[i],
          again.bars.low[i],
          again.bars.close[i],
          again.bars.volume[i],
        ];
        assert.deepEqual(got, expected[i]);
      }
    }),
    { numRuns: 150 },
  );
});
