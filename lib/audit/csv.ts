/**
 * A small RFC 4180 CSV reader for broker exports: quoted cells may hold commas, doubled quotes and
 * line breaks (Tastytrade's order export puts one leg per line inside a cell); CRLF, LF and a
 * leading byte-order mark are accepted; blank lines are skipped.
 * @module
 */

/** One CSV record and the 1-based physical line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Splits `text` into records. Cells are returned verbatim (no trimming); an unterminated quote
 * runs to the end of the text.
 *
 * @example
 * parseCsv('a,b\n1,"x\ny"\n') // [{line:1,cells:["a","b"]},{line:2,cells:["1","x\ny"]}]
 */
export function parseCsv(text: string): CsvRecord[] {
  return Array.from(csvRecords(text));
}

/** The first `limit` records of `text` (for detecting a layout without parsing everything). */
export function firstRecords(text: string, limit: number): CsvRecord[] {
  const out: CsvRecord[] = [];
  for (const r of csvRecords(text)) {
    if (out.length >= limit) break;
    out.push(r);
  }
  return out;
}

/**
 * Yields the records of `text` one at a time, so an importer can turn each into a leg and drop
 * its cells at once (far less garbage-collector work than holding every cell of a big file).
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // position of the next quote at or after i (-1: none left); kept to avoid rescanning
  let nextQuote = text.indexOf('"', i);
  while (i < n) {
    // fast path: a line without quotes splits natively
    let eol = text.indexOf("\n", i);
    if (eol < 0) eol = n;
    if (nextQuote !== -1 && nextQuote < i) nextQuote = text.indexOf('"', i);
    if (nextQuote < 0 || nextQuote > eol) {
      const end = eol > i && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
      const lineText = text.slice(i, end);
      if (lineText.trim() !== "") yield { line, cells: lineText.split(",") };
      i = eol + 1;
      line++;
      continue;
    }
    const startLine = line;
    const cells: string[] = [];
    let cell = "";
    let end = false;
    while (!end) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      let c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        i++;
        let start = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            cell += text.slice(start);
            line += countLines(text, start, n);
            i = n;
            break;
          }
          line += countLines(text, start, q);
          if (text.charCodeAt(q + 1) === 34) {
            cell += text.slice(start, q + 1);
            i = q + 2;
            start = i;
            continue;
          }
          cell += text.slice(start, q);
          i = q + 1;
          break;
        }
        continue;
      }
      // unquoted run up to the next comma or line break
      const start = i;
      while (i < n) {
        c = text.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        i++;
      }
      cell += text.slice(start, i);
      if (i >= n) {
        cells.push(cell);
        end = true;
      } else if (c === 44) {
        cells.push(cell);
        cell = "";
        i++;
      } else {
        cells.push(cell);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        i++;
        line++;
        end = true;
      }
    }
    if (cells.length > 1 || cells[0].trim() !== "") yield { line: startLine, cells };
  }
}

function countLines(text: string, from: number, to: number): number {
  let k = 0;
  for (let j = text.indexOf("\n", from); j >= 0 && j < to; j = text.indexOf("\n", j + 1)) k++;
  return k;
}

/** Quotes one cell for CSV output when it needs it. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "number"
    ? (Number.isFinite(value) ? String(value) : "")
    : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A header row as a lookup from trimmed, lower-cased name to column index. */
export function headerIndex(cells: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  cells.forEach((c, i) => {
    const k = c.trim().toLowerCase();
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}
