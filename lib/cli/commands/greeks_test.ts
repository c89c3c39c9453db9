import assert from "node:assert/strict";
import type { Command } from "../command.ts";
import { cliHarness } from "../testing.ts";
import { greeksCommand } from "./greeks.ts";
import { ivCommand } from "./iv.ts";
import { bsm } from "../../options/bsm.ts";

const COMMANDS: readonly Command[] = [greeksCommand, ivCommand];

async function run(...argv: string[]) {
  using h = await cliHarness({}, { commands: COMMANDS });
  return await h.run(...argv);
}

const HULL = ["--spot", "42", "--strike", "40", "--rate", "0.1", "--vol", "0.2", "--time", "0.5"];

Deno.test("cli greeks - --json prints the eight fields for Hull's example", async () => {
  const r = await run("greeks", "--type", "call", ...HULL, "--json");
  assert.equal(r.code, 0, r.stderr);
  const g = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(g), [
    "price",
    "delta",
    "gamma",
    "theta",
    "vega",
    "rho",
    "thetaPerDay",
    "vegaPerPct",
  ]);
  assert.equal(g.price.toFixed(2), "4.76");
  const ref = bsm({ type: "call", spot: 42, strike: 40, rate: 0.1, vol: 0.2, time: 0.5 });
  for (const k of Object.keys(g)) {
    assert.ok(Math.abs(g[k] - ref[k as keyof typeof ref]) <= 1e-10 * Math.max(1, Math.abs(g[k])));
  }
});

Deno.test("cli greeks - american style, negative rates and dividends", async () => {
  const am = await run(
    "greeks",
    "--type",
    "put",
    "--spot",
    "50",
    "--strike",
    "50",
    "--rate",
    "0.1",
    "--vol",
    "0.4",
    "--time",
    String(5 / 12),
    "--style",
    "american",
    "--json",
  );
  assert.equal(am.code, 0, am.stderr);
  assert.equal(JSON.parse(am.stdout).price.toFixed(2), "4.29");
  const neg = await run(
    "greeks",
    "--type",
    "call",
    ...HULL.slice(0, 4),
    "--rate",
    "-0.01",
    "--vol",
    "0.2",
    "--time",
    "1",
    "--dividend",
    "0.03",
    "--json",
  );
  assert.equal(neg.code, 0, neg.stderr);
  assert.ok(JSON.parse(neg.stdout).price > 0);
});

Deno.test("cli greeks - bad input is one line naming the flag", async () => {
  const r = await run("greeks", "--type", "straddle", ...HULL);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: --type: expected call or put, was "straddle"\n');
  const r2 = await run(
    "greeks",
    "--type",
    "call",
    "--spot",
    "abc",
    "--strike",
    "1",
    "--rate",
    "0",
    "--vol",
    "1",
    "--time",
    "1",
  );
  assert.match(r2.stderr, /--spot: expected a number, was "abc"/);
  const r3 = await run("greeks", "--type", "call", "--spot", "42");
  assert.match(r3.stderr, /--strike is required/);
});

Deno.test("cli iv - round trip and a price outside the bounds", async () => {
  const price = bsm({ type: "put", spot: 42, strike: 40, rate: 0.1, vol: 0.2, time: 0.5 }).price;
  const ok = await run(
    "iv",
    "--type",
    "put",
    "--price",
    String(price),
    ...HULL.filter((_, i) => i < 6),
    "--time",
    "0.5",
    "--json",
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(Math.abs(JSON.parse(ok.stdout).iv - 0.2) < 1e-12);
  const bad = await run(
    "iv",
    "--type",
    "call",
    "--price",
    "50",
    "--spot",
    "42",
    "--strike",
    "40",
    "--rate",
    "0.1",
    "--time",
    "0.5",
    "--json",
  );
  assert.equal(bad.code, 0);
  const body = JSON.parse(bad.stdout);
  assert.equal(body.iv, null);
  assert.match(body.reason, /upper bound/);
});
