import { type Command, parseFlags, printJson } from "../command.ts";
import { listManifests } from "../../storage/bars_repo.ts";
import { LOCAL_OWNER } from "../../http/env.ts";
import { symbolInfo } from "../../../routes/api/market.ts";
import { formatTimestamp } from "../../data/time.ts";

/** `cli symbols [--json]` */
export const symbolsCommand: Command = {
  name: "symbols",
  summary: "List stored symbols with their ranges and bar counts",
  usage: `Usage: cli symbols [--json]

Lists every symbol in the store (bundled sample data appears after the first \`npm start\`).`,
  async run(args, io) {
    const { values } = parseFlags(args, {});
    const kv = await io.openKv();
    const list = (await listManifests(kv, LOCAL_OWNER)).map(symbolInfo);
    if (values.json) return printJson(io, { symbols: list });
    for (const s of list) {
      io.stdout(
        `${s.symbol.padEnd(10)} ${s.timeframe.padEnd(4)} ${String(s.count).padStart(7)} bars  ${
          formatTimestamp(s.first)
        } .. ${formatTimestamp(s.last)}  ${s.description}\n`,
      );
    }
  },
};
