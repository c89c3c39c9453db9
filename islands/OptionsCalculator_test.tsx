import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { serverKernels } from "../core-wasm/load_server.ts";
import OptionsCalculator, {
  type CalculatorInputs,
  computeAll,
  fieldErrors,
  fromRaw,
  ivBounds,
  toRaw,
  validInputs,
} from "./OptionsCalculator.tsx";

const HULL: CalculatorInputs = {
  type: "call",
  style: "european",
  spot: 42,
  strike: 40,
  ratePct: 10,
  volPct: 20,
  dividendPct: 0,
  days: 182.5,
  marketPrice: 4.76,
};

Deno.test("fieldErrors - names each bad field; a valid contract has none", () => {
  assert.deepEqual(fieldErrors(HULL), {});
  assert.deepEqual(fieldErrors({ ...HULL, volPct: -5 }), {
    volPct: "Volatility can't be negative",
  });
  assert.deepEqual(fieldErrors({ ...HULL, spot: 0, days: -1, ratePct: NaN }), {
    spot: "Spot must be above 0",
    days: "Days to expiry can't be negative",
    ratePct: "Enter a number",
  });
  assert.deepEqual(fieldErrors({ ...HULL, marketPrice: -1 }), {
    marketPrice: "Price must be above 0",
  });
  assert.deepEqual(fieldErrors({ ...HULL, marketPrice: null }), {});
  // a bad market price alone does not stop the Greeks
  assert.equal(validInputs({ ...HULL, marketPrice: NaN }), true);
  assert.equal(validInputs({ ...HULL, volPct: -5 }), false);
});

Deno.test("fromRaw - empty fields are NaN (reported), an empty market price is null", () => {
  const raw = toRaw(HULL);
  assert.deepEqual(fromRaw(HULL, raw), HULL);
  const r = fromRaw(HULL, { ...raw, volPct: "", marketPrice: " " });
  assert.ok(Number.isNaN(r.volPct));
  assert.equal(r.marketPrice, null);
  assert.equal(fieldErrors(r).volPct, "Enter a number");
});

Deno.test("ivBounds - Hull's call: S - K e^-rT = 3.9508 and S; the IV kernel agrees at the edges", async () => {
  const b = ivBounds(HULL);
  // 42 - 40 e^(-0.1 * 0.5) = 42 - 40 x 0.9512294245 = 42 - 38.0491770 (hand computed)
  assert.ok(Math.abs(b.lower - 3.950823) < 1e-6, String(b.lower));
  assert.equal(b.upper, 42);
  const put = ivBounds({ ...HULL, type: "put" });
  assert.equal(put.lower, 0);
  assert.ok(Math.abs(put.upper - 38.049177) < 1e-6, String(put.upper));
  const k = await serverKernels();
  const ivAt = (p: number) => computeAll(k, { ...HULL, marketPrice: p }).iv!;
  assert.equal(ivAt(b.lower - 0.01).iv, null);
  assert.match(ivAt(b.lower - 0.01).reason!, /below the no-arbitrage lower bound/);
  assert.ok(ivAt(b.lower + 0.05).iv! > 0);
  assert.equal(ivAt(b.upper + 0.01).iv, null);
});

Deno.test("OptionsCalculator - invalid input renders the error by its field and blank cards", async () => {
  const k = await serverKernels();
  const stale = computeAll(k, HULL);
  const html = renderToString(
    <OptionsCalculator initial={{ ...HULL, volPct: -5 }} result={stale} />,
  );
  assert.match(html, /name="volPct"[^>]*aria-invalid="true"[^>]*aria-describedby="oc-err-volPct"/);
  assert.match(html, /id="oc-err-volPct">Volatility can't be negative</);
  assert.match(html, /data-testid="oc-price">–</);
  assert.match(html, /data-testid="oc-iv"[^>]*>–</);
  assert.doesNotMatch(html, /Implied vol 20/);
  // a valid contract with a price below the lower bound names the bound
  const low = { ...HULL, marketPrice: 0.01 };
  const html2 = renderToString(<OptionsCalculator initial={low} result={computeAll(k, low)} />);
  assert.match(
    html2,
    /data-testid="oc-iv" class="oc-error"[^>]*>No implied vol: price is below the no-arbitrage lower bound .*\(bounds 3\.9508 to 42\.0000\)/,
  );
  assert.match(html2, /computed on the server until WebAssembly loads/);
});
