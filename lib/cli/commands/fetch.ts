import { CliError, type Command, parseFlags, printJson, required } from "../command.ts";
import { fetchAndStore, providerFor } from "../../data/fetch.ts";
import { parseTimestamp } from "../../data/time.ts";
import { ProviderError } from "../../data/providers/provider.ts";
import { Symbol } from "../../domain/symbol.ts";
import { symbolInfo } from "../../../routes/api/market.ts";

/** `cli fetch --symbol SYM --from DATE [--to DATE]` */
export const fetchCommand: Command = {
  name: "fetch",
  summary: "Fetch daily bars from the data provider (Yahoo) into the store",
  usage: `Usage: cli fetch --symbol SYM --from DATE [--to DATE] [--json]

Downloads daily bars from Yahoo's chart endpoint (THETAFORGE_YAHOO_URL overrides the address)
and merges them into the shared store. Requests time out after 10 s and are retried 3 times.`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      symbol: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
    });
    const symbol = Symbol.safeParse(required("symbol", values.symbol));
    if (!symbol.success) throw new CliError(`--symbol: ${symbol.error.issues[0].message}`);
    const from = parseTimestamp(required("from", values.from));
    if (Number.isNaN(from)) throw new CliError(`--from: not a date: "${values.from}"`);
    const to = values.to === undefined ? io.now() : parseTimestamp(values.to);
    if (Number.isNaN(to)) throw new CliError(`--to: not a date: "${values.to}"`);
    const kv = await io.openKv();
    try {
      const provider = providerFor({ yahooBaseUrl: Deno.env.get("THETAFORGE_YAHOO_URL") });
      const { manifest, fetched } = await fetchAndStore(
        kv,
        provider,
        symbol.data,
        { from, to },
        io.now(),
      );
      const out = { ...symbolInfo(manifest), fetched };
      if (values.json) printJson(io, out);
      else io.stdout(`fetched ${fetched} bars for ${out.symbol}: ${out.count} stored\n`);
    } catch (err) {
      if (err instanceof ProviderError) throw new CliError(err.message);
      throw err;
    }
  },
};
