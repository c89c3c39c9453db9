/**
 * Chart drawings and layouts in Deno KV. Drawings are kept one entry per drawing under
 * `["drawings", owner, symbol, timeframe, id]` (no 64 KiB value limit on a set); a PUT replaces the
 * whole set in one atomic operation. The layout is one entry per owner: `["chart_layout", owner]`.
 * Every read is parsed with the zod schemas, so a bad stored value is skipped rather than served.
 * @module
 */
import { ChartLayout, Drawing, MAX_DRAWINGS } from "../chart/drawing_schema.ts";
import type { Drawing as DrawingType } from "../chart/drawings.ts";
import { type ChartLayout as ChartLayoutType, DEFAULT_LAYOUT } from "../chart/layout.ts";

/** Key builders. */
export const keys = {
  drawingSet: (owner: string, symbol: string, timeframe: string) =>
    ["drawings", owner, symbol, timeframe] as const,
  drawing: (owner: string, symbol: string, timeframe: string, id: string) =>
    ["drawings", owner, symbol, timeframe, id] as const,
  layout: (owner: string) => ["chart_layout", owner] as const,
};

/** The drawings `owner` saved for `symbol` at `timeframe`, in saved order. */
export async function listDrawings(
  kv: Deno.Kv,
  owner: string,
  symbol: string,
  timeframe: string,
): Promise<DrawingType[]> {
  const rows: { order: number; d: DrawingType }[] = [];
  for await (const e of kv.list({ prefix: keys.drawingSet(owner, symbol, timeframe) })) {
    const v = e.value as { order?: unknown; drawing?: unknown } | null;
    const parsed = Drawing.safeParse(v?.drawing);
    if (parsed.success) rows.push({ order: Number(v?.order) || 0, d: parsed.data });
  }
  return rows.sort((x, y) => x.order - y.order).map((r) => r.d);
}

/**
 * Replaces the set for `owner`/`symbol`/`timeframe` with `drawings` atomically (at most
 * {@link MAX_DRAWINGS}; ids unique, as the schema checks). Returns the number stored.
 */
export async function saveDrawings(
  kv: Deno.Kv,
  owner: string,
  symbol: string,
  timeframe: string,
  drawings: readonly DrawingType[],
): Promise<number> {
  if (drawings.length > MAX_DRAWINGS) {
    throw new RangeError(`saveDrawings: expected at most ${MAX_DRAWINGS}, was ${drawings.length}`);
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const op = kv.atomic();
    const keep = new Set(drawings.map((d) => d.id));
    for await (const e of kv.list({ prefix: keys.drawingSet(owner, symbol, timeframe) })) {
      op.check(e);
      if (!keep.has(String(e.key[4]))) op.delete(e.key);
    }
    drawings.forEach((d, order) =>
      op.set(keys.drawing(owner, symbol, timeframe, d.id), { order, drawing: d })
    );
    if ((await op.commit()).ok) return drawings.length;
  }
  throw new Error(`saveDrawings: ${symbol} drawings kept changing; try again`);
}

/** Deletes every drawing of `owner` for `symbol` at `timeframe`; returns how many there were. */
export async function deleteDrawings(
  kv: Deno.Kv,
  owner: string,
  symbol: string,
  timeframe: string,
): Promise<number> {
  let n = 0;
  const op = kv.atomic();
  for await (const e of kv.list({ prefix: keys.drawingSet(owner, symbol, timeframe) })) {
    op.delete(e.key);
    n++;
  }
  await op.commit();
  return n;
}

/** The owner's chart layout, or the default when none (or an unreadable one) is stored. */
export async function getLayout(kv: Deno.Kv, owner: string | null): Promise<ChartLayoutType> {
  if (!owner) return structuredClone(DEFAULT_LAYOUT);
  const parsed = ChartLayout.safeParse((await kv.get(keys.layout(owner))).value);
  return parsed.success ? parsed.data : structuredClone(DEFAULT_LAYOUT);
}

/** Stores the owner's chart layout. */
export async function saveLayout(
  kv: Deno.Kv,
  owner: string,
  layout: ChartLayoutType,
): Promise<void> {
  await kv.set(keys.layout(owner), layout);
}
