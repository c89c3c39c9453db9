import assert from "node:assert/strict";
import { bsm, bsmBatch } from "../options/bsm.ts";
import { barsFromCloses, DAY, linspace, randomWalk, repeat } from "./test_bars.ts";
import type { OptionChain, OptionQuote } from "./chains/chain.ts";
import { chooseExpiry, historicalVol, pickShortPut, putDelta } from "./chains/select.ts";
import { strikeStep, syntheticChain } from "./chains/synthetic.ts";
import {
  bullPut,
  BullPutParams,
  fortress,
  fortressK,
  FortressParams,
  fortressStrike,
  optionsOnly,
  OptionsOnlyParams,
  verticalPut,
  VerticalPutParams,
} from "./income.ts";

const kernels = { bsmBatch };

/** 260 bars rising 60 → 100 with noise, 2M shares a day. */
function uptrendBars() {
  const noise = randomWalk(260, 3, 1, 0.01);
  return barsFromCloses(linspace(60, 100, 260).map((x, i) => x * noise[i]), { volume: 2e6 });
}

function put(strike: number, bid: number, ask: number, iv = 0.3): OptionQuote {
  return {
    right: "put",
    strike,
    bid,
    ask,
    last: (bid + ask) / 2,
    iv,
    volume: 100,
    openInterest: 500,
  };
}

function handChain(asOfTs: number, spot: number): OptionChain {
  const quotes = [put(80, 0.3, 0.4), put(85, 0.8, 0.9), put(90, 2.0, 2.1), put(95, 3.5, 3.7)];
  return {
    underlying: "TEST",
    asOfTs,
    spot,
    source: "hand",
    synthetic: false,
    expiries: [20, 44, 50, 61].map((d) => ({ expiryTs: asOfTs + d * DAY, quotes })),
  };
}

Deno.test("chain selection - expiry nearest 45 days inside 30-60, short put nearest −0.30 delta", () => {
  const chain = handChain(0, 100);
  const e = chooseExpiry(chain, { min: 30, max: 60, target: 45 })!;
  assert.equal(e.expiryTs, 44 * DAY);
  const picked = pickShortPut(e, 100, 0, { fallbackVol: 0.3 })!;
  const deltas = [80, 85, 90, 95].map((k) =>
    bsm({ type: "put", spot: 100, strike: k, rate: 0.045, vol: 0.3, time: 44 / 365 }).delta
  );
  const best = [
    80,
    85,
    90,
    95,
  ][deltas.reduce((b, d, i) => (Math.abs(d + 0.3) < Math.abs(deltas[b] + 0.3) ? i : b), 0)];
  assert.equal(picked.quote.strike, best);
  assert.equal(putDelta(100, 90, 0, 0.3), -0.5); // the original's T ≤ 0 convention
});

Deno.test("bull_put - credit, risk, ROI, POP and break-even from a hand-made chain", () => {
  const bars = uptrendBars();
  const asOf = bars.ts[bars.length - 1];
  const spot = bars.close[bars.length - 1];
  const chain = handChain(asOf, 100);
  const row = bullPut.run({ bars, chain }, BullPutParams.parse({}));
  const short = row.values.shortStrike as number;
  assert.equal(row.values.longStrike, short - 5);
  const q = new Map([[80, [0.3, 0.4]], [85, [0.8, 0.9]], [90, [2.0, 2.1]], [95, [3.5, 3.7]]]);
  const credit = q.get(short)![0] - q.get(short - 5)![1];
  assert.ok(Math.abs((row.values.credit as number) - credit) < 1e-12);
  assert.ok(Math.abs((row.values.roiPct as number) - (100 * credit) / (5 - credit)) < 1e-9);
  assert.ok(
    Math.abs((row.values.popPct as number) - 100 * (1 + (row.values.shortDelta as number))) < 1e-9,
  );
  assert.equal(row.values.breakEven, short - credit);
  assert.equal(row.values.creditPerContract, 100 * credit);
  assert.equal(row.signal, (100 * credit) / (5 - credit) >= 15 ? "buy" : "wait");
  assert.ok(spot > 0);
});

Deno.test("bull_put - no chain, no expiry in range, below SMA50", () => {
  const bars = uptrendBars();
  const p = BullPutParams.parse({});
  const none = bullPut.run({ bars }, p);
  assert.equal(none.signal, "not_evaluated");
  assert.match(none.reason, /option chain/);
  const asOf = bars.ts[bars.length - 1];
  const far: OptionChain = {
    ...handChain(asOf, 100),
    expiries: [{ expiryTs: asOf + 200 * DAY, quotes: [] }],
  };
  assert.equal(bullPut.run({ bars, chain: far }, p).signal, "not_evaluated");
  const down = barsFromCloses(linspace(100, 60, 260), { volume: 2e6 });
  assert.equal(bullPut.run({ bars: down, chain: handChain(0, 60) }, p).label, "WAIT (Below SMA50)");
});

Deno.test("synthetic chain - labelled synthetic, priced by the kernel, put-call parity holds", () => {
  const bars = uptrendBars();
  const chain = syntheticChain("TEST", bars, kernels)!;
  assert.equal(chain.synthetic, true);
  assert.equal(chain.source, "synthetic");
  const spot = chain.spot;
  assert.equal(strikeStep(spot), 1);
  const e = chain.expiries[4]; // 35 days
  const t = 35 / 365;
  for (const k of [Math.round(spot) - 5, Math.round(spot), Math.round(spot) + 5]) {
    const p = e.quotes.find((q) => q.right === "put" && q.strike === k)!;
    const c = e.quotes.find((q) => q.right === "call" && q.strike === k)!;
    assert.equal(p.iv, c.iv);
    // Mid prices are rounded to cents: parity C − P = S − K e^{−rT} within a cent.
    assert.ok(Math.abs(c.last - p.last - (spot - k * Math.exp(-0.045 * t))) <= 0.011);
    assert.ok(p.bid <= p.last && p.last <= p.ask);
  }
  assert.ok(Math.abs(historicalVol(bars.close, 252)) > 0);
});

Deno.test("income screeners on a synthetic chain say so in the label", () => {
  const bars = uptrendBars();
  const chain = syntheticChain("TEST", bars, kernels)!;
  const row = bullPut.run({ bars, chain }, BullPutParams.parse({ minRoiPct: 0 }));
  assert.equal(row.signal, "buy");
  assert.match(row.label, /\(synthetic chain\)$/);
  assert.equal(row.values.synthetic, true);
  assert.ok(Math.abs((row.values.shortDelta as number) + 0.3) < 0.06);
  const strict = bullPut.run({ bars, chain }, BullPutParams.parse({ minRoiPct: 1000 }));
  assert.equal(strict.signal, "wait");
});

Deno.test("vertical_put and options_only - an unknown earnings date is never a pass", () => {
  const bars = uptrendBars();
  const chain = syntheticChain("TEST", bars, kernels)!;
  const loose = { minRocPct: 0, minCredit: 0 };
  const v = verticalPut.run({ bars, chain }, VerticalPutParams.parse(loose));
  const o = optionsOnly.run(
    { bars, chain },
    OptionsOnlyParams.parse({ ...loose, minTurnover5d: 0 }),
  );
  for (const row of [v, o]) {
    assert.equal(row.signal, "watch", `${row.screener}: ${row.label} ${row.reason}`);
    assert.match(row.reason, /earnings date unknown/);
  }
  const clear = { nextEarningsTs: null };
  assert.equal(
    verticalPut.run({ bars, chain, fundamentals: clear }, VerticalPutParams.parse(loose)).signal,
    "buy",
  );
  const soon = { nextEarningsTs: chain.asOfTs + 10 * DAY };
  assert.equal(
    verticalPut.run({ bars, chain, fundamentals: soon }, VerticalPutParams.parse(loose)).label,
    "EARNINGS",
  );
  assert.equal(
    optionsOnly.run(
      { bars, chain, fundamentals: soon },
      OptionsOnlyParams.parse({ minTurnover5d: 0 }),
    ).label,
    "EARNINGS",
  );
});

Deno.test("fortress - safety multiple and strike rounding follow the original's table", () => {
  assert.equal(fortressK(30), 2.7);
  assert.equal(fortressK(10), 1.5);
  assert.equal(fortressK(60), 3);
  assert.deepEqual(fortressStrike(50, 45.7), { strike: 45, width: 1 });
  assert.deepEqual(fortressStrike(150, 137.3), { strike: 135, width: 5 });
  assert.deepEqual(fortressStrike(150, 138.9), { strike: 137.5, width: 5 });
  assert.deepEqual(fortressStrike(400, 373), { strike: 370, width: 10 });
});

Deno.test("fortress - volatile uptrend sells below the floor; quiet market is dead money", () => {
  const p = FortressParams.parse({});
  const bars = barsFromCloses(linspace(50, 80, 150), { spread: 1.5 });
  const row = fortress.run({ bars, vix: barsFromCloses(repeat(27, 150)) }, p);
  assert.equal(row.signal, "buy");
  const k = fortressK(27);
  assert.ok(
    Math.abs(
      (row.values.floor as number) -
        ((row.values.ema20 as number) - k * ((row.values.volatilityPct as number) * 80 / 100)),
    ) < 1e-9,
  );
  assert.ok((row.values.sellStrike as number) < (row.values.floor as number) + 1e-9);
  const quiet = barsFromCloses(linspace(50, 80, 150), { spread: 0.1 });
  assert.equal(
    fortress.run({ bars: quiet, vix: barsFromCloses(repeat(14, 150)) }, p).label,
    "DEAD MONEY",
  );
  assert.equal(fortress.run({ bars }, p).signal, "not_evaluated");
});
