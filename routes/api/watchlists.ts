/**
 * `/api/v1/watchlists`: the owner's watchlists (create, rename, delete), their symbols (add,
 * remove) and per-symbol pin, tags and note. Stored per owner (lib/storage/watchlists_repo.ts).
 * @module
 */
import { Hono } from "hono";
import * as z from "zod";
import { Symbol } from "../../lib/domain/symbol.ts";
import type { AppEnv } from "../../lib/http/env.ts";
import { ApiError } from "../../lib/http/errors.ts";
import { jsonResponse } from "../../lib/http/json.ts";
import type { RouteDoc } from "../../lib/http/openapi.ts";
import { parseOr400, readJsonBody, requireOwner, validate } from "../../lib/http/validate.ts";
import {
  addItems,
  createWatchlist,
  deleteWatchlist,
  getWatchlist,
  listWatchlists,
  MAX_ITEMS,
  removeItem,
  Tag,
  updateItem,
  updateWatchlist,
  type WatchlistError,
} from "../../lib/storage/watchlists_repo.ts";

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "colour must be #rrggbb");
const NewWatchlist = z.object({
  name: z.string().trim().min(1).max(80),
  symbols: z.array(Symbol).max(MAX_ITEMS).default([]),
  tagColors: z.record(Tag, Color).optional(),
}).strict();
const PatchWatchlist = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  tagColors: z.record(Tag, Color).optional(),
}).strict();
const AddItems = z.object({ symbols: z.array(Symbol).min(1).max(MAX_ITEMS) }).strict();
const PatchItem = z.object({
  pinned: z.boolean().optional(),
  tags: z.array(Tag).max(10).optional(),
  note: z.string().max(2000).optional(),
}).strict();
const IdParam = z.object({ watchlistId: z.string().min(1).max(64) });
const ItemParam = z.object({ watchlistId: z.string().min(1).max(64), symbol: Symbol });

function failure(e: WatchlistError): never {
  if (e.reason === "not_found") {
    throw new ApiError(404, "not_found", "Watchlist or symbol not found");
  }
  if (e.reason === "too_many") {
    throw new ApiError(
      409,
      "limit_exceeded",
      `At most 100 watchlists and ${MAX_ITEMS} symbols per list`,
    );
  }
  throw new ApiError(409, "conflict", "The watchlist changed meanwhile; try again");
}

export const watchlistsApi = new Hono<AppEnv>()
  .get("/watchlists", async (c) => {
    const owner = requireOwner(c);
    return jsonResponse({ watchlists: await listWatchlists(c.var.deps.kv, owner) });
  })
  .post("/watchlists", async (c) => {
    const owner = requireOwner(c);
    const body = parseOr400(NewWatchlist, await readJsonBody(c.req.raw));
    const r = await createWatchlist(c.var.deps.kv, owner, body, {
      id: c.var.deps.newId(),
      now: c.var.deps.clock.now(),
    });
    if (!r.ok) failure(r);
    return jsonResponse(r.watchlist, 201);
  })
  .get("/watchlists/:watchlistId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const w = await getWatchlist(c.var.deps.kv, owner, c.req.valid("param").watchlistId);
    if (!w) throw new ApiError(404, "not_found", "Watchlist not found");
    return jsonResponse(w);
  })
  .patch("/watchlists/:watchlistId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const body = parseOr400(PatchWatchlist, await readJsonBody(c.req.raw));
    const r = await updateWatchlist(
      c.var.deps.kv,
      owner,
      c.req.valid("param").watchlistId,
      body,
      c.var.deps.clock.now(),
    );
    if (!r.ok) failure(r);
    return jsonResponse(r.watchlist);
  })
  .delete("/watchlists/:watchlistId", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const id = c.req.valid("param").watchlistId;
    if (!(await deleteWatchlist(c.var.deps.kv, owner, id))) {
      throw new ApiError(404, "not_found", "Watchlist not found");
    }
    return jsonResponse({ id, deleted: true });
  })
  .post("/watchlists/:watchlistId/items", validate("param", IdParam), async (c) => {
    const owner = requireOwner(c);
    const body = parseOr400(AddItems, await readJsonBody(c.req.raw));
    const r = await addItems(
      c.var.deps.kv,
      owner,
      c.req.valid("param").watchlistId,
      body.symbols,
      c.var.deps.clock.now(),
    );
    if (!r.ok) failure(r);
    return jsonResponse(r.watchlist);
  })
  .patch("/watchlists/:watchlistId/items/:symbol", validate("param", ItemParam), async (c) => {
    const owner = requireOwner(c);
    const { watchlistId, symbol } = c.req.valid("param");
    const body = parseOr400(PatchItem, await readJsonBody(c.req.raw));
    const r = await updateItem(c.var.deps.kv, owner, watchlistId, symbol, body);
    if (!r.ok) failure(r);
    return jsonResponse(r.item);
  })
  .delete("/watchlists/:watchlistId/items/:symbol", validate("param", ItemParam), async (c) => {
    const owner = requireOwner(c);
    const { watchlistId, symbol } = c.req.valid("param");
    if (!(await removeItem(c.var.deps.kv, owner, watchlistId, symbol))) {
      throw new ApiError(404, "not_found", "Symbol not in the watchlist");
    }
    return jsonResponse({ watchlistId, symbol, deleted: true });
  });

export const watchlistsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/watchlists",
    summary: "Your watchlists with item counts",
    tags: ["watchlists"],
  },
  {
    method: "post",
    path: "/watchlists",
    summary: "Create a watchlist",
    tags: ["watchlists"],
    body: NewWatchlist,
    status: 201,
  },
  {
    method: "get",
    path: "/watchlists/{watchlistId}",
    summary: "A watchlist with its symbols (pinned first)",
    tags: ["watchlists"],
    params: IdParam,
  },
  {
    method: "patch",
    path: "/watchlists/{watchlistId}",
    summary: "Rename a watchlist or set its tag colours",
    tags: ["watchlists"],
    params: IdParam,
    body: PatchWatchlist,
  },
  {
    method: "delete",
    path: "/watchlists/{watchlistId}",
    summary: "Delete a watchlist",
    tags: ["watchlists"],
    params: IdParam,
  },
  {
    method: "post",
    path: "/watchlists/{watchlistId}/items",
    summary: "Add symbols",
    tags: ["watchlists"],
    params: IdParam,
    body: AddItems,
  },
  {
    method: "patch",
    path: "/watchlists/{watchlistId}/items/{symbol}",
    summary: "Pin, tag or annotate a symbol",
    tags: ["watchlists"],
    params: ItemParam,
    body: PatchItem,
  },
  {
    method: "delete",
    path: "/watchlists/{watchlistId}/items/{symbol}",
    summary: "Remove a symbol",
    tags: ["watchlists"],
    params: ItemParam,
  },
];
