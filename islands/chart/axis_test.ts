import assert from "node:assert/strict";
import { barSplits, compact, tickLabel } from "./axis.ts";

Deno.test("barSplits - nice bar steps inside the window, at least `space` px apart", () => {
  const s = barSplits(-3.5, 997.2, 1000, 900, 90);
  assert.ok(s.length >= 5 && s.length <= 11, String(s.length));
  const step = s[1] - s[0];
  assert.ok([100, 150, 200].includes(step), `step ${step}`);
  assert.ok(
    s.every((v, i) => v % step === 0 && v >= 0 && v <= 899 && (i === 0 || v - s[i - 1] === step)),
  );
  assert.ok((step / (997.2 + 3.5)) * 1000 >= 90);
  assert.deepEqual(barSplits(0, 4, 1000, 5, 90), [0, 1, 2, 3, 4]);
});

Deno.test("tickLabel - time of day for short intraday spans, months and years for long ones", () => {
  const t = Date.UTC(2024, 2, 5, 14, 30);
  assert.equal(tickLabel(t, 86_400_000, true), "14:30");
  assert.equal(tickLabel(t, 20 * 86_400_000, true), "5 Mar 14:30");
  assert.equal(tickLabel(t, 200 * 86_400_000, false), "5 Mar");
  assert.equal(tickLabel(t, 3 * 365 * 86_400_000, false), "Mar 2024");
  assert.equal(tickLabel(t, 20 * 365 * 86_400_000, false), "2024");
});

Deno.test("compact - suffixes by magnitude, dash for non-finite", () => {
  assert.equal(compact(65_450_000), "65.45M");
  assert.equal(compact(12_345), "12.3K");
  assert.equal(compact(2.5e9), "2.50B");
  assert.equal(compact(NaN), "–");
});
