import assert from "node:assert/strict";
import { YahooProvider } from "./yahoo.ts";
import { ProviderError } from "./provider.ts";

/** A local fake of Yahoo's chart endpoint; `script` decides each answer. */
function fakeYahoo(script: (url: URL, n: number) => Response | Promise<Response>) {
  let n = 0;
  const seen: URL[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    seen.push(url);
    return script(url, ++n);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    seen,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

// Two NYSE sessions (opens at 14:30 UTC, gmtoffset -18000) and a holiday row of nulls.
const CHART = {
  chart: {
    result: [{
      meta: { gmtoffset: -18000, symbol: "SPY" },
      timestamp: [1704205800, 1704292200, 1704378600],
      indicators: {
        quote: [{
          open: [472.16, 470.43, null],
          high: [473.67, 471.19, null],
          low: [470.49, 468.17, null],
          close: [472.65, 468.79, null],
          volume: [123623700, 103585900, null],
        }],
      },
    }],
    error: null,
  },
};

Deno.test("YahooProvider - parses sessions into UTC trading dates and skips null rows", async () => {
  await using fake = fakeYahoo(() => Response.json(CHART));
  const p = new YahooProvider({ baseUrl: fake.url });
  const bars = await p.fetchDaily("SPY", { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 5) });
  assert.equal(bars.length, 2);
  assert.deepEqual(Array.from(bars.ts), [Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
  assert.equal(bars.close[1], 468.79);
  assert.equal(bars.volume[0], 123623700);
  const q = fake.seen[0];
  assert.equal(q.pathname, "/v8/finance/chart/SPY");
  assert.equal(q.searchParams.get("interval"), "1d");
  assert.equal(q.searchParams.get("period1"), String(Date.UTC(2024, 0, 1) / 1000));
});

Deno.test("YahooProvider - retries 5xx and 429 with backoff, then succeeds", async () => {
  await using fake = fakeYahoo((_, n) =>
    n === 1
      ? new Response("busy", { status: 503 })
      : n === 2
      ? new Response("slow down", { status: 429 })
      : Response.json(CHART)
  );
  const p = new YahooProvider({ baseUrl: fake.url, attempts: 3, backoffMs: 5 });
  const bars = await p.fetchDaily("SPY", { from: 0, to: Date.UTC(2030, 0, 1) });
  assert.equal(bars.length, 2);
  assert.equal(fake.seen.length, 3);
});

Deno.test("YahooProvider - clear errors: unknown symbol, timeouts, persistent failure", async () => {
  await using fake = fakeYahoo((url) => {
    if (url.pathname.endsWith("/NOPE")) return new Response("", { status: 404 });
    if (url.pathname.endsWith("/GONE")) {
      return Response.json({
        chart: {
          result: null,
          error: { code: "Not Found", description: "No data found, symbol may be delisted" },
        },
      });
    }
    if (url.pathname.endsWith("/SLOW")) {
      return new Promise((r) => setTimeout(() => r(Response.json(CHART)), 300));
    }
    return new Response("down", { status: 502 });
  });
  const p = new YahooProvider({ baseUrl: fake.url, attempts: 2, backoffMs: 1, timeoutMs: 50 });
  const range = { from: 0, to: Date.UTC(2030, 0, 1) };
  await assert.rejects(
    p.fetchDaily("NOPE", range),
    (e) => e instanceof ProviderError && e.code === "not_found",
  );
  await assert.rejects(p.fetchDaily("GONE", range), /No data found/);
  await assert.rejects(
    p.fetchDaily("SLOW", range),
    (e) =>
      e instanceof ProviderError && e.code === "timeout" &&
      /within 50 ms \(after 2 attempts\)/.test(e.message),
  );
  await assert.rejects(p.fetchDaily("DOWN", range), /answered 502 for DOWN \(after 2 attempts\)/);
  // Let the slow handler finish before the server shuts down.
  await new Promise((r) => setTimeout(r, 300));
});
