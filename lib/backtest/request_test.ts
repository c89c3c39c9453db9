import assert from "node:assert/strict";
import { jsonBody, testApp } from "../../tests/helpers.ts";
import { cliHarness } from "../cli/testing.ts";
import { importCsv } from "../data/market.ts";
import { LOCAL_OWNER } from "../http/env.ts";
import { BacktestRequest, loadRequestBars, RequestError, runRequest } from "./request.ts";
import { randomWalk } from "./testing.ts";

/** CSV of a random walk's bars from `start` (days after 2000-01-03), skipping the `holidays`. */
function csv(seed: number, n: number, holidays: readonly number[], start = 0): string {
  const w = randomWalk(n, seed);
  const lines = [",Open,High,Low,Close,Volume"];
  for (let i = 0; i < n; i++) {
    if (holidays.includes(i)) continue;
    const day = new Date(w.ts[i] + start * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${day},${w.open[i]},${w.high[i]},${w.low[i]},${w.close[i]},${w.volume[i]}`);
  }
  return lines.join("\n") + "\n";
}

async function seeded(b: string) {
  const t = await testApp();
  assert.ok((await importCsv(t.kv, LOCAL_OWNER, "AAA", csv(3, 80, [4, 20, 21]))).ok);
  assert.ok((await importCsv(t.kv, LOCAL_OWNER, "BBB", b)).ok);
  return t;
}

const request = (symbols: string[]) =>
  BacktestRequest.parse({ symbols, strategy: "sma_cross", params: { fast: 3, slow: 8 } });

Deno.test("loadRequestBars - two symbols with different holidays run on their common bar times", async () => {
  using t = await seeded(csv(5, 80, [7, 20, 60, 79]));
  const req = request(["AAA", "BBB"]);
  const data = await loadRequestBars(t.kv, LOCAL_OWNER, req);
  assert.deepEqual(data.symbols.map((s) => s.bars.length), [77, 76]);
  const result = runRequest(req, data);
  // 80 − |{4, 20, 21} ∪ {7, 20, 60, 79}| = 80 − 6 = 74
  assert.deepEqual(result.alignment, {
    rule: "intersection",
    bars: 74,
    dropped: { AAA: 3, BBB: 2 },
  });
  assert.equal(result.equity.ts.length, 74);
  const single = runRequest(
    request(["AAA"]),
    await loadRequestBars(t.kv, LOCAL_OWNER, request(["AAA"])),
  );
  assert.equal(single.alignment, undefined);
  const res = await t.app.request(
    "/api/v1/backtests",
    jsonBody({ ...req, symbols: ["AAA", "BBB"] }),
  );
  assert.equal(res.status, 200);
  const json = await res.json();
  assert.deepEqual(json.alignment, result.alignment);
  assert.equal(json.equity.length, 74);
});

Deno.test("loadRequestBars - disjoint date ranges are invalid_request; the API answers 400 naming both", async () => {
  using t = await seeded(csv(5, 30, [], 200));
  await assert.rejects(
    () => loadRequestBars(t.kv, LOCAL_OWNER, request(["AAA", "BBB"])),
    (err: unknown) =>
      err instanceof RequestError && err.code === "invalid_request" &&
      err.message.includes("AAA 2000-01-03 to 2000-03-22") &&
      err.message.includes("BBB 2000-07-21 to 2000-08-19"),
  );
  const res = await t.app.request(
    "/api/v1/backtests",
    jsonBody({ symbols: ["AAA", "BBB"], strategy: "sma_cross", params: { fast: 3, slow: 8 } }),
  );
  assert.equal(res.status, 400);
  const json = await res.json();
  assert.equal(json.error.code, "invalid_request");
  assert.match(json.error.message, /no bar time is common to all symbols \(AAA 2000-01-03 to/);
});

Deno.test("cli backtest - several --symbol with different holidays align; disjoint ones exit 1 with one line", async () => {
  using h = await cliHarness({
    "a.csv": csv(3, 80, [4, 20, 21]),
    "b.csv": csv(5, 80, [7, 20, 60, 79]),
    "c.csv": csv(5, 30, [], 200),
  });
  for (const [file, sym] of [["a.csv", "AAA"], ["b.csv", "BBB"], ["c.csv", "CCC"]]) {
    assert.equal((await h.run("import", "--file", file, "--symbol", sym)).code, 0);
  }
  const args = ["backtest", "--strategy", "sma_cross", "--param", "fast=3", "--param", "slow=8"];
  const ok = await h.run(...args, "--symbol", "AAA", "--symbol", "BBB", "--json");
  assert.equal(ok.code, 0, ok.stderr);
  const json = JSON.parse(ok.stdout);
  assert.deepEqual(json.alignment, { rule: "intersection", bars: 74, dropped: { AAA: 3, BBB: 2 } });
  assert.equal(json.equity.length, 74);
  const bad = await h.run(...args, "--symbol", "AAA", "--symbol", "CCC");
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr.trim().split("\n").length, 1);
  assert.match(bad.stderr, /AAA 2000-01-03 to 2000-03-22, CCC 2000-07-21 to 2000-08-19/);
});
