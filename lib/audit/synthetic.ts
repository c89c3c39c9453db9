/**
 * A synthetic Tastytrade transaction-history export of any size, for benchmarks and load tests:
 * single options, verticals and iron condors on 200 underlyings, opened and closed (or left to
 * expire), with deterministic pseudo-random prices.
 * @module
 */
import { mulberry32 } from "../data/synthetic.ts";

const HEADER =
  "Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency";

/** About `rows` data rows of Tastytrade transaction history (header included), seeded. */
export function syntheticTastytrade(rows: number, seed = 1): string {
  const rnd = mulberry32(seed);
  const out: string[] = [HEADER];
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamp = (ms: number) => {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${
      pad(d.getUTCHours())
    }:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}-0500`;
  };
  const t0 = Date.UTC(2020, 0, 2, 14, 30);
  let order = 1;
  let k = 0;
  while (out.length - 1 < rows) {
    const sym = `S${String(k % 200).padStart(3, "0")}`;
    const openMs = t0 + k * 7 * 60_000;
    const expMs = openMs + (20 + Math.floor(rnd() * 40)) * 86_400_000;
    const exp = new Date(expMs);
    const expText = `${exp.getUTCMonth() + 1}/${exp.getUTCDate()}/${
      String(exp.getUTCFullYear()).slice(2)
    }`;
    const base = 50 + (k % 200) * 2;
    const shape = rnd();
    const legs: [number, "CALL" | "PUT", number][] = shape < 0.4
      ? [[base, "PUT", -1]]
      : shape < 0.7
      ? [[base, "PUT", -1], [base - 5, "PUT", 1]]
      : [[base - 10, "PUT", 1], [base - 5, "PUT", -1], [base + 5, "CALL", -1], [
        base + 10,
        "CALL",
        1,
      ]];
    const qty = 1 + Math.floor(rnd() * 3);
    const closeMs = openMs + (1 + Math.floor(rnd() * 15)) * 86_400_000;
    const expire = rnd() < 0.2;
    const o1 = order++;
    const o2 = order++;
    for (const [strike, right, side] of legs) {
      const px = Math.round((0.5 + rnd() * 3) * 100) / 100;
      const occ = `${sym.padEnd(6)}${String(exp.getUTCFullYear()).slice(2)}${
        pad(exp.getUTCMonth() + 1)
      }${pad(exp.getUTCDate())}${right[0]}${String(strike * 1000).padStart(8, "0")}`;
      const openVal = -side * qty * px * 100;
      out.push(
        `${stamp(openMs)},Trade,${side < 0 ? "Sell to Open" : "Buy to Open"},${
          side < 0 ? "SELL_TO_OPEN" : "BUY_TO_OPEN"
        },${occ},Equity Option,x,${openVal.toFixed(2)},${qty},${px},-${qty}.00,-${
          (0.14 * qty).toFixed(2)
        },100,${sym},${sym},${expText},${strike},${right},${o1},0,USD`,
      );
      if (expire) {
        out.push(
          `${stamp(expMs)},Receive Deliver,Expiration,${
            side < 0 ? "BUY_TO_CLOSE" : "SELL_TO_CLOSE"
          },${occ},Equity Option,x,0.00,${qty},0,0.00,0.00,100,${sym},${sym},${expText},${strike},${right},,0,USD`,
        );
      } else {
        const cpx = Math.round(rnd() * px * 150) / 100;
        const closeVal = side * qty * cpx * 100;
        out.push(
          `${stamp(closeMs)},Trade,${side < 0 ? "Buy to Close" : "Sell to Close"},${
            side < 0 ? "BUY_TO_CLOSE" : "SELL_TO_CLOSE"
          },${occ},Equity Option,x,${closeVal.toFixed(2)},${qty},${cpx},0.00,-${
            (0.14 * qty).toFixed(2)
          },100,${sym},${sym},${expText},${strike},${right},${o2},0,USD`,
        );
      }
    }
    k++;
  }
  return out.join("\n") + "\n";
}
