import assert from "node:assert/strict";
import { parseCsv } from "../csv.ts";
import { AuditInputError } from "../types.ts";
import { detectBroker, importAll } from "./mod.ts";

const FIX = new URL("../../../tests/fixtures/audit/", import.meta.url);
const read = (name: string) => Deno.readTextFileSync(new URL(name, FIX));

Deno.test("detectBroker - every fixture layout is recognised by its columns", () => {
  const cases: [string, string][] = [
    ["tasty_core.csv", "tastytrade"],
    ["tasty_legacy.csv", "tastytrade-legacy"],
    ["tasty_fills.csv", "tastytrade-fills"],
    ["ibkr_flex_core.csv", "ibkr-flex"],
    ["ibkr_statement_core.csv", "ibkr-statement"],
    ["manual_strategies.csv", "manual"],
  ];
  for (const [file, broker] of cases) {
    assert.equal(detectBroker(parseCsv(read(file))), broker, file);
  }
  assert.equal(detectBroker(parseCsv("a,b\n1,2\n")), null);
});

Deno.test("importAll - unknown columns fail with a hint; an explicit broker is used as given", () => {
  assert.throws(
    () => importAll({ files: [{ name: "x.csv", text: "a,b\n1,2\n" }], broker: "auto", asOfMs: 0 }),
    (e: unknown) => e instanceof AuditInputError && e.message.includes("choose the broker"),
  );
  assert.throws(
    () =>
      importAll({
        files: [{ name: "x.csv", text: read("tasty_legacy.csv") }],
        broker: "tastytrade",
        asOfMs: 0,
      }),
    (e: unknown) => e instanceof AuditInputError && e.column === "Date",
  );
});

const FLEX_HEAD = "ClientAccountID,Symbol,DateTime,Quantity,Proceeds,IBCommission,IBExecID";

Deno.test("importAll - duplicate execution ids are dropped, within a file too", () => {
  const a =
    `${FLEX_HEAD}\nU1,AAPL,20240102;100000,100,-18500,-1,X1\nU1,AAPL,20240102;100000,100,-18500,-1,X1\n`;
  const { legs, files } = importAll({ files: [{ name: "a", text: a }], broker: "auto", asOfMs: 0 });
  assert.equal(legs.length, 1);
  assert.equal(files[0].duplicates, 1);
});

Deno.test("importAll - identical rows: separate fills within a file, duplicates across files", () => {
  const row = "2024-01-02 10:00,SPY,STO,1,2,0.65,2024-03-15,450,put";
  const head = "date,symbol,action,qty,price,fees,expiry,strike,right";
  const a = `${head}\n${row}\n${row}\n`;
  const b = `${head}\n${row}\n${row}\n${row}\n`;
  const { legs, files } = importAll({
    files: [{ name: "a", text: a }, { name: "b", text: b }, { name: "c", text: a }],
    broker: "auto",
    asOfMs: 0,
  });
  // a has 2 fills; b has 3 of which 2 were already seen; c adds nothing
  assert.equal(legs.length, 3);
  assert.deepEqual(files.map((f) => f.duplicates), [0, 2, 2]);
});

Deno.test("importAll - --fee-per-contract replaces fees (0 on expirations)", () => {
  const text = read("tasty_core.csv");
  const { legs } = importAll({
    files: [{ name: "t", text }],
    broker: "auto",
    asOfMs: 0,
    feePerContract: 0.5,
  });
  const aapl = legs.find((l) => l.symbol === "AAPL" && l.qty === 3)!;
  assert.equal(aapl.fees, 1.5);
  assert.ok(legs.filter((l) => l.event === "expiration").every((l) => l.fees === 0));
  const stock = legs.find((l) => l.assetType === "stock")!;
  assert.equal(stock.fees, 0.5); // 100 shares = one contract-equivalent
});
