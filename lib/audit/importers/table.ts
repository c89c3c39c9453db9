/**
 * Column access for the importers: finds columns by name (case-insensitive, trimmed), and reads
 * cells as numbers, dates and text with errors that name the file, line and column.
 * @module
 */
import { type CsvRecord, headerIndex } from "../csv.ts";
import { AuditInputError } from "../types.ts";
import { parseDateTime, parseExpiry, parseNumber, trimmed } from "../parse.ts";

/** A header plus typed cell readers that raise {@link AuditInputError}. */
export class Table {
  readonly index: Map<string, number>;
  constructor(readonly file: string, readonly header: CsvRecord) {
    this.index = headerIndex(header.cells);
  }

  /** Column index of the first of `names` present, or -1. */
  find(...names: string[]): number {
    for (const n of names) {
      const i = this.index.get(n.toLowerCase());
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** Like {@link find} but a missing column is an error naming the first candidate. */
  need(...names: string[]): number {
    const i = this.find(...names);
    if (i < 0) {
      throw new AuditInputError(
        this.file,
        this.header.line,
        names[0],
        "required column is missing",
      );
    }
    return i;
  }

  /** The header name of column `i`. */
  name(i: number): string {
    return (this.header.cells[i] ?? `#${i + 1}`).trim();
  }

  /** Trimmed text of a cell ("" when the column is absent). */
  text(rec: CsvRecord, i: number): string {
    return i < 0 ? "" : trimmed(rec.cells[i] ?? "");
  }

  /** A number, or `fallback` when the cell is empty or the column absent; junk is an error. */
  num(rec: CsvRecord, i: number, fallback: number | null = null): number | null {
    if (i < 0) return fallback;
    const x = parseNumber(rec.cells[i]);
    if (x === null) return fallback;
    if (Number.isNaN(x)) this.fail(rec, i, "expected a number");
    return x;
  }

  /** A required number. */
  needNum(rec: CsvRecord, i: number): number {
    const x = this.num(rec, i);
    if (x === null) this.fail(rec, i, "a number is required");
    return x as number;
  }

  /** A required date/time (wall-clock ms). */
  dateTime(rec: CsvRecord, i: number): number {
    const ms = parseDateTime(this.text(rec, i));
    if (!Number.isFinite(ms)) this.fail(rec, i, "expected a date and time");
    return ms;
  }

  /** An expiry date `YYYY-MM-DD`; error when the cell is not a date. */
  expiry(rec: CsvRecord, i: number): string {
    const e = parseExpiry(this.text(rec, i));
    if (e === null) this.fail(rec, i, "expected an expiry date");
    return e as string;
  }

  /** Raises the error for a cell. */
  fail(rec: CsvRecord, i: number, what: string): never {
    const v = i < 0 ? "" : (rec.cells[i] ?? "");
    throw new AuditInputError(this.file, rec.line, this.name(i), `${what}, was "${v.trim()}"`);
  }
}

/**
 * Splits records into the header and an iterable of the data rows (consumed once).
 * Throws when there is no header.
 */
export function headerAndRows(
  input: Iterable<CsvRecord>,
  file: string,
): { header: CsvRecord; rows: Iterable<CsvRecord> } {
  const it = input[Symbol.iterator]();
  const first = it.next();
  if (first.done) throw new AuditInputError(file, 0, "", "the file is empty");
  return { header: first.value, rows: { [Symbol.iterator]: () => it } };
}
