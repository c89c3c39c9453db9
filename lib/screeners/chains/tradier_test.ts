import assert from "node:assert/strict";
import { ChainProviderError, tradierProvider } from "./tradier.ts";

const AS_OF = Date.UTC(2026, 0, 5);

/** A local stand-in for the Tradier API: fixed JSON, token check, one symbol known. */
function fakeTradier(): { server: Deno.HttpServer; url: string; paths: string[] } {
  const paths: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const u = new URL(req.url);
    paths.push(u.pathname + u.search);
    if (req.headers.get("authorization") !== "Bearer secret") {
      return new Response("unauthorized", { status: 401 });
    }
    const sym = u.searchParams.get("symbols") ?? u.searchParams.get("symbol");
    if (u.pathname === "/v1/markets/quotes") {
      return Response.json(
        sym === "AAPL"
          ? { quotes: { quote: { symbol: "AAPL", last: 190.5 } } }
          : { quotes: { unmatched_symbols: { symbol: sym } } },
      );
    }
    if (u.pathname === "/v1/markets/options/expirations") {
      return Response.json({ expirations: { date: ["2026-01-16", "2026-02-20", "2026-06-19"] } });
    }
    if (u.pathname === "/v1/markets/options/chains") {
      const exp = u.searchParams.get("expiration");
      const option = exp === "2026-01-16"
        // A single contract comes back as an object, not a list.
        ? {
          strike: 185,
          option_type: "put",
          bid: 1.1,
          ask: 1.2,
          last: 1.15,
          volume: 10,
          open_interest: 99,
          greeks: { mid_iv: 0.25, smv_vol: 0.24 },
        }
        : [
          {
            strike: 180,
            option_type: "put",
            bid: 2,
            ask: 2.2,
            last: null,
            volume: null,
            open_interest: 5,
            greeks: null,
          },
          {
            strike: 200,
            option_type: "call",
            bid: 3,
            ask: 3.3,
            last: 3.1,
            volume: 7,
            open_interest: 8,
            greeks: { mid_iv: null, smv_vol: 0.3 },
          },
        ];
      return Response.json({ options: { option } });
    }
    return new Response("not found", { status: 404 });
  });
  const addr = server.addr as Deno.NetAddr;
  return { server, url: `http://127.0.0.1:${addr.port}`, paths };
}

Deno.test("tradier - parses quotes, expirations within 90 days and chains (object or list)", async () => {
  const fake = fakeTradier();
  try {
    const p = tradierProvider({ baseUrl: fake.url, token: "secret", now: () => AS_OF });
    assert.equal(p.synthetic, false);
    const chain = (await p.getChain("AAPL"))!;
    assert.equal(chain.spot, 190.5);
    assert.equal(chain.source, "tradier");
    assert.equal(chain.synthetic, false);
    assert.equal(chain.expiries.length, 2); // June is beyond 90 days
    assert.equal(chain.expiries[0].expiryTs, Date.UTC(2026, 0, 16));
    assert.deepEqual(chain.expiries[0].quotes, [
      {
        right: "put",
        strike: 185,
        bid: 1.1,
        ask: 1.2,
        last: 1.15,
        iv: 0.25,
        volume: 10,
        openInterest: 99,
      },
    ]);
    const [p180, c200] = chain.expiries[1].quotes;
    assert.ok(Number.isNaN(p180.last) && Number.isNaN(p180.iv));
    assert.equal(p180.volume, 0);
    assert.equal(c200.iv, 0.3); // smv_vol when mid_iv is missing
    assert.ok(fake.paths.some((x) => x.includes("greeks=true")));
  } finally {
    await fake.server.shutdown();
  }
});

Deno.test("tradier - unknown symbols give null, a bad token an error", async () => {
  const fake = fakeTradier();
  try {
    const ok = tradierProvider({ baseUrl: fake.url, token: "secret", now: () => AS_OF });
    assert.equal(await ok.getChain("NOPE"), null);
    const bad = tradierProvider({ baseUrl: fake.url, token: "wrong", now: () => AS_OF });
    await assert.rejects(() => bad.getChain("AAPL"), ChainProviderError);
  } finally {
    await fake.server.shutdown();
  }
});
