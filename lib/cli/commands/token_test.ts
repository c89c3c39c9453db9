import assert from "node:assert/strict";
import { runCli } from "../run.ts";
import type { CliIo } from "../command.ts";
import { tokenCommand } from "./token.ts";
import { resolveApiToken } from "../../auth/api_tokens.ts";
import { createUser } from "../../auth/users.ts";

Deno.test("cli token - create (shown once), list, revoke; --unlimited; --user must exist", async () => {
  using kv = await Deno.openKv(":memory:");
  const out: string[] = [], err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    readFile: () => Promise.reject(new Error("no files")),
    writeFile: () => Promise.resolve(),
    openKv: () => Promise.resolve(kv),
    now: () => 1000,
  };
  const run = async (...argv: string[]) => {
    out.length = err.length = 0;
    return {
      code: await runCli(argv, io, [tokenCommand]),
      stdout: out.join(""),
      stderr: err.join(""),
    };
  };
  const made = await run("token", "create", "--name", "load", "--unlimited", "--json");
  assert.equal(made.code, 0, made.stderr);
  const j = JSON.parse(made.stdout);
  assert.equal(j.unlimited, true);
  const t = await resolveApiToken(kv, j.token, 1000);
  assert.deepEqual([t?.owner, t?.unlimited], ["local", true]);
  const list = await run("token", "list", "--json");
  assert.ok(!list.stdout.includes(j.token), "the secret is never listed");
  assert.equal(JSON.parse(list.stdout).tokens[0].name, "load");
  assert.equal((await run("token", "revoke", "--id", j.id)).code, 0);
  assert.equal(await resolveApiToken(kv, j.token, 1000), null);
  const ghost = await run("token", "list", "--user", "ghost");
  assert.equal(ghost.code, 1);
  assert.match(ghost.stderr, /no account named "ghost"/);
  await createUser(kv, { username: "ann", passwordHash: "h", now: 0, newId: () => "u2" });
  await createUser(kv, { username: "bob", passwordHash: "h", now: 0, newId: () => "u2" });
  const bobs = await run("token", "create", "--name", "x", "--user", "bob", "--json");
  assert.equal((await resolveApiToken(kv, JSON.parse(bobs.stdout).token, 0))?.owner, "u2");
  assert.equal((await run("token", "create", "--name", "")).code, 1);
  assert.equal((await run("token", "frobnicate")).code, 1);
});
