/**
 * Watchlists per owner in Deno KV: named lists of symbols, each item with a pin, coloured tags
 * and a note. Items are one entry each, so a list is not bound by the 64 KiB value limit.
 *
 * Keys:
 * - `["watchlists", owner, id]` → {@link Watchlist} (name, tag colours, times)
 * - `["watchlist_items", owner, id, symbol]` → {@link WatchlistItem}
 * @module
 */
import * as z from "zod";
import { Symbol } from "../domain/symbol.ts";

/** Most lists per owner and items per list. */
export const MAX_WATCHLISTS = 100;
export const MAX_ITEMS = 1000;

/** A tag: short text. */
export const Tag = z.string().trim().min(1).max(24);

/** One symbol in a list. */
export const WatchlistItem = z.object({
  symbol: Symbol,
  pinned: z.boolean().default(false),
  tags: z.array(Tag).max(10).default([]),
  note: z.string().max(2000).default(""),
  /** When it was added, unix ms. */
  addedTs: z.number(),
});
export type WatchlistItem = z.infer<typeof WatchlistItem>;

/** A list's own fields. */
export const Watchlist = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(80),
  /** Colour per tag, `#rrggbb`. */
  tagColors: z.record(Tag, z.string().regex(/^#[0-9a-fA-F]{6}$/)).default({}),
  createdTs: z.number(),
  updatedTs: z.number(),
});
export type Watchlist = z.infer<typeof Watchlist>;

/** A list with its items (pinned first, then in the order added). */
export type WatchlistWithItems = Watchlist & { items: WatchlistItem[] };

/** Key builders. */
export const keys = {
  list: (owner: string, id: string) => ["watchlists", owner, id] as const,
  lists: (owner: string) => ["watchlists", owner] as const,
  item: (owner: string, id: string, symbol: string) =>
    ["watchlist_items", owner, id, symbol] as const,
  items: (owner: string, id: string) => ["watchlist_items", owner, id] as const,
};

/** An expected failure. */
export type WatchlistError = { ok: false; reason: "not_found" | "too_many" | "conflict" };

async function items(kv: Deno.Kv, owner: string, id: string): Promise<WatchlistItem[]> {
  const out: WatchlistItem[] = [];
  for await (const e of kv.list({ prefix: keys.items(owner, id) })) {
    const p = WatchlistItem.safeParse(e.value);
    if (p.success) out.push(p.data);
  }
  return out.sort((a, b) =>
    Number(b.pinned) - Number(a.pinned) || a.addedTs - b.addedTs || a.symbol.localeCompare(b.symbol)
  );
}

/** The owner's lists with their item counts, by name. */
export async function listWatchlists(
  kv: Deno.Kv,
  owner: string,
): Promise<(Watchlist & { count: number })[]> {
  const out: (Watchlist & { count: number })[] = [];
  for await (const e of kv.list({ prefix: keys.lists(owner) })) {
    const p = Watchlist.safeParse(e.value);
    if (!p.success) continue;
    let count = 0;
    for await (const _ of kv.list({ prefix: keys.items(owner, p.data.id) })) count++;
    out.push({ ...p.data, count });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** One list with its items, or null. */
export async function getWatchlist(
  kv: Deno.Kv,
  owner: string,
  id: string,
): Promise<WatchlistWithItems | null> {
  const e = await kv.get(keys.list(owner, id));
  const p = Watchlist.safeParse(e.value);
  if (!p.success) return null;
  return { ...p.data, items: await items(kv, owner, id) };
}

/** Creates a list, optionally with symbols. */
export async function createWatchlist(
  kv: Deno.Kv,
  owner: string,
  input: { name: string; symbols?: readonly string[]; tagColors?: Record<string, string> },
  context: { id: string; now: number },
): Promise<{ ok: true; watchlist: WatchlistWithItems } | WatchlistError> {
  let count = 0;
  for await (const _ of kv.list({ prefix: keys.lists(owner) })) count++;
  if (count >= MAX_WATCHLISTS) return { ok: false, reason: "too_many" };
  const symbols = [...new Set((input.symbols ?? []).map((s) => Symbol.parse(s)))];
  if (symbols.length > MAX_ITEMS) return { ok: false, reason: "too_many" };
  const list = Watchlist.parse({
    id: context.id,
    name: input.name,
    tagColors: input.tagColors ?? {},
    createdTs: context.now,
    updatedTs: context.now,
  });
  const res = await kv.atomic().check({ key: keys.list(owner, list.id), versionstamp: null })
    .set(keys.list(owner, list.id), list).commit();
  if (!res.ok) return { ok: false, reason: "conflict" };
  await writeItems(
    kv,
    owner,
    list.id,
    symbols.map((symbol) => WatchlistItem.parse({ symbol, addedTs: context.now })),
  );
  return { ok: true, watchlist: (await getWatchlist(kv, owner, list.id))! };
}

async function writeItems(kv: Deno.Kv, owner: string, id: string, list: readonly WatchlistItem[]) {
  for (let i = 0; i < list.length; i += 200) {
    const op = kv.atomic();
    for (const it of list.slice(i, i + 200)) op.set(keys.item(owner, id, it.symbol), it);
    await op.commit();
  }
}

/** Renames a list or sets its tag colours. */
export async function updateWatchlist(
  kv: Deno.Kv,
  owner: string,
  id: string,
  patch: { name?: string; tagColors?: Record<string, string> },
  now: number,
): Promise<{ ok: true; watchlist: WatchlistWithItems } | WatchlistError> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const e = await kv.get(keys.list(owner, id));
    const p = Watchlist.safeParse(e.value);
    if (!p.success) return { ok: false, reason: "not_found" };
    const next = Watchlist.parse({ ...p.data, ...patch, updatedTs: now });
    const res = await kv.atomic().check(e).set(e.key, next).commit();
    if (res.ok) return { ok: true, watchlist: (await getWatchlist(kv, owner, id))! };
  }
  return { ok: false, reason: "conflict" };
}

/** Deletes a list and its items; false when there was none. */
export async function deleteWatchlist(kv: Deno.Kv, owner: string, id: string): Promise<boolean> {
  const e = await kv.get(keys.list(owner, id));
  if (e.value === null) return false;
  await kv.delete(e.key);
  for await (const it of kv.list({ prefix: keys.items(owner, id) })) await kv.delete(it.key);
  return true;
}

/** Adds symbols (existing ones keep their pin, tags and note). */
export async function addItems(
  kv: Deno.Kv,
  owner: string,
  id: string,
  symbols: readonly string[],
  now: number,
): Promise<{ ok: true; watchlist: WatchlistWithItems } | WatchlistError> {
  const list = await getWatchlist(kv, owner, id);
  if (!list) return { ok: false, reason: "not_found" };
  const have = new Set(list.items.map((i) => i.symbol));
  const fresh = [...new Set(symbols.map((s) => Symbol.parse(s)))].filter((s) => !have.has(s));
  if (have.size + fresh.length > MAX_ITEMS) return { ok: false, reason: "too_many" };
  await writeItems(
    kv,
    owner,
    id,
    fresh.map((symbol) => WatchlistItem.parse({ symbol, addedTs: now })),
  );
  await kv.set(keys.list(owner, id), { ...Watchlist.parse(list), updatedTs: now });
  return { ok: true, watchlist: (await getWatchlist(kv, owner, id))! };
}

/** Removes a symbol; false when the list or the symbol is absent. */
export async function removeItem(
  kv: Deno.Kv,
  owner: string,
  id: string,
  symbol: string,
): Promise<boolean> {
  const e = await kv.get(keys.item(owner, id, symbol));
  if (e.value === null) return false;
  await kv.delete(e.key);
  return true;
}

/** Pins or unpins a symbol, or sets its tags or note. */
export async function updateItem(
  kv: Deno.Kv,
  owner: string,
  id: string,
  symbol: string,
  patch: { pinned?: boolean; tags?: string[]; note?: string },
): Promise<{ ok: true; item: WatchlistItem } | WatchlistError> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const e = await kv.get(keys.item(owner, id, symbol));
    const p = WatchlistItem.safeParse(e.value);
    if (!p.success) return { ok: false, reason: "not_found" };
    const next = WatchlistItem.parse({ ...p.data, ...patch });
    const res = await kv.atomic().check(e).set(e.key, next).commit();
    if (res.ok) return { ok: true, item: next };
  }
  return { ok: false, reason: "conflict" };
}
