// The README must stay true: every documented API route and every CLI command appears in it.
import assert from "node:assert/strict";
import { API_DOCS } from "../app.tsx";
import { COMMANDS } from "../lib/cli/registry.ts";

const README = await Deno.readTextFile(new URL("../README.md", import.meta.url));
const lines = README.split("\n");

Deno.test("README - lists every API route with its method", () => {
  for (const d of API_DOCS) {
    const path = `\`/api/v1${d.path}\``;
    const row = lines.find((l) => l.startsWith("|") && l.includes(path));
    assert.ok(row, `README has no row for ${path}`);
    assert.ok(row.includes(d.method.toUpperCase()), `README row for ${path} lacks ${d.method}`);
  }
});

Deno.test("README - lists every CLI command and the two set-up commands", () => {
  for (const c of COMMANDS) {
    assert.ok(
      lines.some((l) => l.startsWith(`| \`${c.name}\``)),
      `README has no CLI row for ${c.name}`,
    );
  }
  assert.match(README, /npm install && npm start/);
  assert.match(README, /npm test/);
});
