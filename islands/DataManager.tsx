/**
 * Data manager island: upload OHLCV CSV files with progress and a line-by-line error report, and
 * list or delete stored symbols. Without JS the same form posts to /data/upload.
 */
import { useSignal } from "@preact/signals";

export interface SymbolRow {
  symbol: string;
  description: string;
  source: string;
  synthetic: boolean;
  mine: boolean;
  timeframe: string;
  count: number;
  first: number;
  last: number;
}

export interface DataManagerProps {
  symbols: SymbolRow[];
  csrf?: string;
}

interface Issue {
  path: string;
  message: string;
}

function day(ms: number, tf: string): string {
  const iso = new Date(ms).toISOString();
  return /m|h/.test(tf) && tf !== "1mo" ? iso.slice(0, 16).replace("T", " ") : iso.slice(0, 10);
}

/** A date or date-time whose date and time may wrap apart but never break inside. */
function stamp(text: string) {
  const [date, time] = text.split(" ");
  return time
    ? (
      <>
        <span>{date}</span> <span>{time}</span>
      </>
    )
    : <span>{date}</span>;
}

export default function DataManager({ symbols, csrf }: DataManagerProps) {
  const rows = useSignal(symbols);
  const progress = useSignal<number | null>(null);
  const message = useSignal<{ kind: "ok" | "error"; text: string; issues?: Issue[] } | null>(null);
  const busy = useSignal(false);

  async function refresh() {
    const res = await fetch("/api/v1/symbols");
    if (res.ok) rows.value = (await res.json()).symbols;
  }

  function onSubmit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const file = data.get("file") as File | null;
    const symbol = String(data.get("symbol") ?? "").trim() ||
      (file?.name ?? "").replace(/\.[^.]*$/, "").toUpperCase();
    if (!file || file.size === 0) {
      message.value = { kind: "error", text: "Choose a CSV file first." };
      return;
    }
    const params = new URLSearchParams({ mode: String(data.get("mode") ?? "merge") });
    for (const flag of ["sort", "dedupe", "adjust"]) if (data.get(flag)) params.set(flag, "true");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/bars/${encodeURIComponent(symbol)}?${params}`);
    xhr.setRequestHeader("content-type", "text/csv");
    if (csrf) xhr.setRequestHeader("x-csrf-token", csrf);
    busy.value = true;
    progress.value = 0;
    message.value = null;
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) progress.value = ev.loaded / ev.total;
    };
    xhr.onload = async () => {
      busy.value = false;
      progress.value = null;
      let body: any = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch { /* not JSON */ }
      if (xhr.status === 201) {
        message.value = {
          kind: "ok",
          text:
            `Imported ${body.imported} bars into ${body.symbol} (${body.count} stored, ${body.timeframe}).`,
        };
        form.reset();
        await refresh();
      } else {
        message.value = {
          kind: "error",
          text: body?.error?.message ?? `Upload failed (${xhr.status})`,
          issues: body?.error?.issues ?? [],
        };
      }
    };
    xhr.onerror = () => {
      busy.value = false;
      progress.value = null;
      message.value = { kind: "error", text: "Network error: the server did not answer." };
    };
    xhr.send(file);
  }

  async function remove(symbol: string) {
    if (!confirm(`Delete your uploaded bars for ${symbol}?`)) return;
    const res = await fetch(`/api/v1/bars/${encodeURIComponent(symbol)}`, {
      method: "DELETE",
      headers: csrf ? { "x-csrf-token": csrf } : {},
    });
    if (res.ok) {
      message.value = { kind: "ok", text: `Deleted ${symbol}.` };
      await refresh();
    } else {
      message.value = { kind: "error", text: (await res.json()).error?.message ?? "Delete failed" };
    }
  }

  return (
    <div class="data-manager">
      <form
        class="panel upload-form"
        method="post"
        action="/data/upload"
        enctype="multipart/form-data"
        onSubmit={onSubmit}
        id="upload-form"
      >
        {csrf && <input type="hidden" name="csrf" value={csrf} />}
        <label class="upload-file">
          CSV file
          <input type="file" name="file" accept=".csv,text/csv" required id="upload-file" />
        </label>
        <label>
          Symbol
          <input name="symbol" placeholder="from file name" size={10} id="upload-symbol" />
        </label>
        <label>
          Mode
          <select name="mode">
            <option value="merge">merge</option>
            <option value="replace">replace</option>
          </select>
        </label>
        <div class="upload-flags" role="group" aria-label="Import options">
          <label class="check" title="Sort rows by time before importing">
            <input type="checkbox" name="sort" value="true" /> sort
          </label>
          <label class="check" title="Keep the last of rows with the same time">
            <input type="checkbox" name="dedupe" value="true" /> dedupe
          </label>
          <label class="check" title="Multiply OHLC by Adj Close / Close (Yahoo files)">
            <input type="checkbox" name="adjust" value="true" /> adjust
          </label>
        </div>
        <button class="primary" type="submit" disabled={busy.value} id="upload-button">
          {busy.value ? "Uploading…" : "Upload"}
        </button>
        {progress.value !== null && (
          <progress
            id="upload-progress"
            max={1}
            value={progress.value}
            aria-label="Upload progress"
          />
        )}
      </form>
      {message.value && (
        <div class={`alert ${message.value.kind}`} id="upload-message" role="status">
          <div>{message.value.text}</div>
          {message.value.issues && message.value.issues.length > 0 && (
            <ul id="upload-issues">
              {message.value.issues.map((i) => <li>{i.path}: {i.message}</li>)}
            </ul>
          )}
        </div>
      )}
      <div class="table-wrap">
        <table id="symbols-table" class="symbols-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>
                <abbr title="Timeframe">TF</abbr>
              </th>
              <th class="num">Bars</th>
              <th>Range (UTC)</th>
              <th>
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.value.length === 0 && (
              <tr>
                <td colspan={5} class="empty">
                  No market data yet: upload a CSV file above.
                </td>
              </tr>
            )}
            {rows.value.map((r) => (
              <tr data-symbol={r.symbol}>
                <td class="symbol-cell">
                  <a href={`/chart/${encodeURIComponent(r.symbol)}`}>
                    <strong>{r.symbol}</strong>
                  </a>{" "}
                  <span
                    class={`badge ${r.synthetic ? "amber" : r.mine ? "green" : ""}`}
                    title={r.mine ? "Uploaded by you" : `Source: ${r.source}`}
                  >
                    {r.mine ? "your upload" : r.source}
                  </span>
                  <div class="muted small">{r.description}</div>
                </td>
                <td>{r.timeframe}</td>
                <td class="num">{r.count.toLocaleString("en-US")}</td>
                <td class="range">
                  {stamp(day(r.first, r.timeframe))} <span aria-hidden="true">→</span>{" "}
                  {stamp(day(r.last, r.timeframe))}
                </td>
                <td class="actions">
                  {r.mine && (
                    <form method="post" action={`/data/delete/${encodeURIComponent(r.symbol)}`}>
                      {csrf && <input type="hidden" name="csrf" value={csrf} />}
                      <button
                        class="danger"
                        type="submit"
                        aria-label={`Delete ${r.symbol}`}
                        onClick={(e) => {
                          e.preventDefault();
                          remove(r.symbol);
                        }}
                      >
                        Delete
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
