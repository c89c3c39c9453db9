import assert from "node:assert/strict";
import { COMMANDS } from "./registry.ts";
import { cliHarness } from "./testing.ts";

const harness = (files: Record<string, string> = {}) => cliHarness(files);

const CSV =
  "date,open,high,low,close,volume\n2024-01-02,10,12,9,11,100\n2024-01-03,11,13,10,12,200\n";

Deno.test("cli import/symbols/bars - --json prints pure JSON", async () => {
  using h = await harness({ "a.csv": CSV });
  const imp = await h.run("import", "--file", "a.csv", "--symbol", "vod.l", "--json");
  assert.equal(imp.code, 0, imp.stderr);
  assert.equal(JSON.parse(imp.stdout).symbol, "VOD.L");
  const list = await h.run("symbols", "--json");
  assert.deepEqual(JSON.parse(list.stdout).symbols.map((s: { symbol: string }) => s.symbol), [
    "VOD.L",
  ]);
  const bars = await h.run("bars", "--symbol", "VOD.L", "--from", "2024-01-03", "--json");
  assert.deepEqual(JSON.parse(bars.stdout).close, [12]);
  const csv = await h.run("bars", "--symbol", "VOD.L");
  assert.match(
    csv.stdout,
    /^timestamp,open,high,low,close,volume\n2024-01-02T00:00:00.000Z,10,12,9,11,100\n/,
  );
});

Deno.test("cli - bad input exits non-zero with one line naming the row or field", async () => {
  using h = await harness({ "bad.csv": "date,open,high,low,close\n2024-01-02,10,12,9,x\n" });
  const bad = await h.run("import", "--file", "bad.csv", "--symbol", "AAA");
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'error: bad.csv: line 2, close: unparsable number "x"; nothing saved\n');
  assert.equal((await h.run("symbols", "--json")).stdout.includes("AAA"), false, "nothing saved");
  const missing = await h.run("import", "--symbol", "AAA");
  assert.equal(missing.stderr, "error: --file is required\n");
  const unknownFlag = await h.run("bars", "--symbol", "AAA", "--frm", "x");
  assert.equal(unknownFlag.code, 1);
  assert.match(unknownFlag.stderr, /^error: .*--frm.*\n$/);
  const tf = await h.run("bars", "--symbol", "AAA", "--timeframe", "2d");
  assert.match(tf.stderr, /--timeframe: expected one of/);
  assert.equal((await h.run("nope")).code, 1);
});

Deno.test("cli --help lists every command; each command has its own help", async () => {
  using h = await harness();
  const help = await h.run("--help");
  assert.equal(help.code, 0);
  for (const c of COMMANDS) {
    assert.match(help.stdout, new RegExp(`\\b${c.name}\\b`));
    const own = await h.run(c.name, "--help");
    assert.equal(own.code, 0);
    assert.match(own.stdout, /Usage: cli /);
  }
});
