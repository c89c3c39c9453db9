/**
 * `cli token create|list|revoke`: personal API tokens from the command line, e.g. for scripts or
 * a load test (`--unlimited` exempts a token from the per-token rate limit; only the CLI can set
 * that).
 * @module
 */
import { CliError, type Command, parseFlags, printJson } from "../command.ts";
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  TokenName,
  tokenView,
} from "../../auth/api_tokens.ts";
import { findUserByName } from "../../auth/users.ts";
import { LOCAL_OWNER } from "../../http/env.ts";

async function ownerOf(kv: Deno.Kv, user: string | undefined): Promise<string> {
  if (user === undefined) return LOCAL_OWNER;
  const found = await findUserByName(kv, user);
  if (!found) throw new CliError(`--user: no account named "${user}"`);
  return found.id;
}

/** `cli token create --name N [--user U] [--unlimited] [--json]`, `list`, `revoke --id ID`. */
export const tokenCommand: Command = {
  name: "token",
  summary: "Create, list or revoke personal API tokens",
  usage: `Usage: cli token create --name NAME [--user USER] [--unlimited] [--json]
       cli token list [--user USER] [--json]
       cli token revoke --id ID [--user USER] [--json]

Tokens belong to USER (default: the local owner, which is also the first account). The secret is
printed once, at creation; only its SHA-256 is stored. Send it as "Authorization: Bearer <token>".
--unlimited exempts the token from the per-token rate limit (for load tests).`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {
      name: { type: "string" },
      user: { type: "string" },
      id: { type: "string" },
      unlimited: { type: "boolean" },
    });
    const kv = await io.openKv();
    const owner = await ownerOf(kv, values.user);
    const action = positionals[0];
    if (action === "create") {
      const name = TokenName.safeParse(values.name ?? "");
      if (!name.success) throw new CliError(`--name: ${name.error.issues[0].message}`);
      const r = await createApiToken(kv, owner, {
        name: name.data,
        now: io.now(),
        id: crypto.randomUUID(),
        unlimited: values.unlimited ?? false,
      });
      if (!r.ok) throw new CliError("too many tokens: revoke one first");
      if (values.json) return printJson(io, { ...tokenView(r.token), token: r.secret });
      io.stdout(`${r.secret}\n`);
      io.stderr(`created token "${r.token.name}" (id ${r.token.id}); it is shown only once\n`);
    } else if (action === "list") {
      const list = (await listApiTokens(kv, owner)).map(tokenView);
      if (values.json) return printJson(io, { tokens: list });
      for (const t of list) {
        io.stdout(`${t.id}  ${t.prefix}…  ${t.name}${t.unlimited ? "  (unlimited)" : ""}\n`);
      }
    } else if (action === "revoke") {
      if (!values.id) throw new CliError("--id: required");
      if (!(await revokeApiToken(kv, owner, values.id))) {
        throw new CliError(`--id: no token ${values.id}`);
      }
      if (values.json) return printJson(io, { revoked: values.id });
      io.stdout(`revoked ${values.id}\n`);
    } else {
      throw new CliError(`expected create, list or revoke, was "${action ?? ""}"`);
    }
  },
};
