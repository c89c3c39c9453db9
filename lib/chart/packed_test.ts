import assert from "node:assert/strict";
import { packF64 } from "../../routes/api/market.ts";
import { toBarSeries } from "../domain/bar.ts";
import { fromColumns, unpackF64 } from "./packed.ts";

Deno.test("unpackF64 - round-trips the API's packF64 columns without copying", () => {
  const bars = toBarSeries([
    { ts: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
    { ts: 86_400_000, open: 1.5, high: 3, low: 1, close: 2.5, volume: 20 },
  ]);
  const packed = packF64(bars);
  const out = unpackF64(packed.buffer);
  assert.equal(out.length, 2);
  for (const k of ["ts", "open", "high", "low", "close", "volume"] as const) {
    assert.deepEqual(Array.from(out[k]), Array.from(bars[k]), k);
  }
  assert.equal(out.close.buffer, packed.buffer);
});

Deno.test("unpackF64 - rejects a buffer whose length disagrees with its header", () => {
  assert.throws(() => unpackF64(Float64Array.of(2, 1, 2, 3).buffer), RangeError);
  assert.throws(() => unpackF64(new ArrayBuffer(12)), RangeError);
  assert.equal(unpackF64(Float64Array.of(0).buffer).length, 0);
});

Deno.test("fromColumns - null volumes (NaN sent as null) become NaN", () => {
  const s = fromColumns({ ts: [1], open: [2], high: [3], low: [1], close: [2], volume: [null] });
  assert.ok(Number.isNaN(s.volume[0]));
  assert.equal(s.close[0], 2);
});
