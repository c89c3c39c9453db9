/**
 * Audit upload island: drag-and-drop (or pick) several broker exports, and/or type manual rows,
 * choose the style and account figures, and POST them to /api/v1/audits; on success the browser
 * opens the saved report at /audit/{id}. Without JavaScript the form still posts the files to
 * /audit (multipart) and the server redirects.
 */
import { useSignal } from "@preact/signals";
import type { InputHTMLAttributes } from "preact";

/** Props: the CSRF token for the POST. */
export interface AuditUploadProps {
  csrf?: string;
  /** Default as-of date shown as a placeholder. */
  today: string;
}

interface RowDraft {
  date: string;
  symbol: string;
  action: string;
  qty: string;
  price: string;
  fees: string;
  expiry: string;
  strike: string;
  right: string;
}

const EMPTY_ROW: RowDraft = {
  date: "",
  symbol: "",
  action: "STO",
  qty: "1",
  price: "",
  fees: "0.65",
  expiry: "",
  strike: "",
  right: "put",
};

const BROKER_OPTIONS = [
  ["auto", "Detect from columns"],
  ["tastytrade", "Tastytrade transaction history"],
  ["tastytrade-legacy", "Tastytrade (legacy layout)"],
  ["tastytrade-fills", "Tastytrade orders/fills"],
  ["ibkr-flex", "IBKR Flex query"],
  ["ibkr-statement", "IBKR Activity Statement"],
  ["manual", "Manual CSV"],
];

/** The upload form. */
export default function AuditUpload({ csrf, today }: AuditUploadProps) {
  const files = useSignal<File[]>([]);
  const rows = useSignal<RowDraft[]>([]);
  const busy = useSignal(false);
  const dragging = useSignal(false);
  const error = useSignal<{ message: string; issues: { path: string; message: string }[] } | null>(
    null,
  );

  function addFiles(list: FileList | null) {
    if (!list) return;
    const seen = new Set(files.value.map((f) => `${f.name}:${f.size}`));
    files.value = [...files.value, ...[...list].filter((f) => !seen.has(`${f.name}:${f.size}`))];
  }

  function setRow(i: number, key: keyof RowDraft, value: string) {
    rows.value = rows.value.map((r, k) => (k === i ? { ...r, [key]: value } : r));
  }

  /** The text-like input editing field `key` of manual row `i` (extra attributes as given). */
  function rowInput(
    i: number,
    key: Exclude<keyof RowDraft, "action" | "right">,
    attrs: InputHTMLAttributes<HTMLInputElement> = {},
  ) {
    return (
      <input
        {...attrs}
        value={rows.value[i][key]}
        onInput={(e) => setRow(i, key, (e.currentTarget as HTMLInputElement).value)}
      />
    );
  }

  async function submit(e: Event) {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const data = new FormData();
    for (const f of files.value) data.append("file", f, f.name);
    for (const [k, v] of new FormData(formEl).entries()) {
      if (k !== "file" && typeof v === "string" && v.trim() !== "") data.append(k, v);
    }
    const manual = rows.value.filter((r) => r.date && r.symbol).map((r) => ({
      ...r,
      right: r.right,
      expiry: r.right === "stock" ? undefined : r.expiry,
      strike: r.right === "stock" ? undefined : r.strike,
    }));
    if (manual.length) data.set("rows", JSON.stringify(manual));
    if (!files.value.length && !manual.length) {
      error.value = { message: "Add at least one file or manual row.", issues: [] };
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      const res = await fetch("/api/v1/audits", {
        method: "POST",
        body: data,
        headers: csrf ? { "x-csrf-token": csrf } : {},
      });
      const body = await res.json();
      if (!res.ok) {
        error.value = {
          message: body.error?.message ?? `Upload failed (${res.status})`,
          issues: body.error?.issues ?? [],
        };
        return;
      }
      location.href = `/audit/${encodeURIComponent(body.id)}`;
    } catch (err) {
      error.value = { message: `Upload failed: ${(err as Error).message}`, issues: [] };
    } finally {
      busy.value = false;
    }
  }

  return (
    <form
      class="panel audit-upload"
      method="post"
      action="/audit"
      encType="multipart/form-data"
      onSubmit={submit}
      id="audit-form"
    >
      <input type="hidden" name="csrf" value={csrf ?? ""} />
      <div
        id="audit-drop"
        class="drop-zone"
        style={{
          border: `2px dashed ${dragging.value ? "var(--accent)" : "var(--border, #888)"}`,
          borderRadius: "8px",
          padding: "1.25rem clamp(0.5rem, 3vw, 1.25rem)",
          textAlign: "center",
          marginBottom: "1rem",
        }}
        onDragOver={(e) => {
          e.preventDefault();
          dragging.value = true;
        }}
        onDragLeave={() => (dragging.value = false)}
        onDrop={(e) => {
          e.preventDefault();
          dragging.value = false;
          addFiles(e.dataTransfer?.files ?? null);
        }}
      >
        <p>Drop Tastytrade or IBKR exports here (several files and accounts can go in one audit)</p>
        <label style={{ display: "flex", alignItems: "center", width: "100%", minWidth: 0 }}>
          or choose files{" "}
          <input
            type="file"
            name="file"
            id="audit-files"
            style={{ width: "100%", maxWidth: "24rem", minWidth: 0, boxSizing: "border-box" }}
            multiple
            accept=".csv,text/csv"
            onChange={(e) => addFiles((e.currentTarget as HTMLInputElement).files)}
          />
        </label>
        {files.value.length > 0 && (
          <ul id="audit-file-list" style={{ listStyle: "none", padding: 0 }}>
            {files.value.map((f, i) => (
              <li key={f.name}>
                {f.name} <span class="muted">({Math.ceil(f.size / 1024)} KB)</span>{" "}
                <button
                  type="button"
                  onClick={() => (files.value = files.value.filter((_, k) => k !== i))}
                >
                  remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="form-row">
        <label>
          Style{" "}
          <select name="style" id="audit-style">
            <option value="income">Income (premium selling)</option>
            <option value="speculation">Speculation</option>
          </select>
        </label>
        <label>
          Format{" "}
          <select name="broker">
            {BROKER_OPTIONS.map(([v, label]) => <option value={v} key={v}>{label}</option>)}
          </select>
        </label>
        <label>
          As of <input type="date" name="asOf" placeholder={today} />
        </label>
        <label>
          From <input type="date" name="from" />
        </label>
        <label>
          To <input type="date" name="to" />
        </label>
      </div>
      <div class="form-row">
        <label>
          Fee per contract ($){" "}
          <input type="number" name="feePerContract" step="0.01" min="0" size={6} />
        </label>
        <label>
          Account size ($) <input type="number" name="accountSize" step="any" min="0" />
        </label>
        <label>
          Net liquidation ($) <input type="number" name="netLiq" step="any" min="0" />
        </label>
        <label>
          Buying power ($) <input type="number" name="buyingPower" step="any" min="0" />
        </label>
        <label title="Buying power used above this share of net liquidation is over-leverage">
          BP limit (%){" "}
          <input
            type="number"
            name="buyingPowerLimitPct"
            min="0"
            max="100"
            step="1"
            placeholder="50"
          />
        </label>
        <label>
          Name <input type="text" name="name" maxLength={120} />
        </label>
      </div>
      <details open={rows.value.length > 0}>
        <summary id="audit-manual-summary">Manual rows ({rows.value.length})</summary>
        <div class="table-wrap">
          <table id="audit-manual">
            <thead>
              <tr>
                <th>Date</th>
                <th>Symbol</th>
                <th>Action</th>
                <th>Qty</th>
                <th>Price</th>
                <th>Fees</th>
                <th>Type</th>
                <th>Expiry</th>
                <th>Strike</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {rows.value.map((r, i) => (
                <tr key={i}>
                  <td>{rowInput(i, "date", { type: "datetime-local" })}</td>
                  <td>{rowInput(i, "symbol", { size: 6 })}</td>
                  <td>
                    <select
                      value={r.action}
                      onChange={(e) =>
                        setRow(i, "action", (e.currentTarget as HTMLSelectElement).value)}
                    >
                      {["BTO", "STO", "BTC", "STC", "Expired", "Assigned", "Exercised"].map((a) => (
                        <option key={a}>{a}</option>
                      ))}
                    </select>
                  </td>
                  {(["qty", "price", "fees"] as const).map((k) => (
                    <td key={k}>{rowInput(i, k, { size: 5 })}</td>
                  ))}
                  <td>
                    <select
                      value={r.right}
                      onChange={(e) =>
                        setRow(i, "right", (e.currentTarget as HTMLSelectElement).value)}
                    >
                      <option value="call">Call</option>
                      <option value="put">Put</option>
                      <option value="stock">Stock</option>
                    </select>
                  </td>
                  <td>{rowInput(i, "expiry", { type: "date", disabled: r.right === "stock" })}</td>
                  <td>{rowInput(i, "strike", { size: 6, disabled: r.right === "stock" })}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => (rows.value = rows.value.filter((_, k) => k !== i))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button
          type="button"
          id="audit-add-row"
          onClick={() => (rows.value = [...rows.value, { ...EMPTY_ROW }])}
        >
          Add row
        </button>
      </details>
      <p>
        <button class="primary" type="submit" id="audit-submit" disabled={busy.value}>
          {busy.value ? "Auditing…" : "Run audit"}
        </button>
      </p>
      {error.value && (
        <div class="alert error" role="alert" id="audit-error">
          <strong>{error.value.message}</strong>
          {error.value.issues.length > 0 && (
            <ul>{error.value.issues.map((i) => <li key={i.path}>{i.path}: {i.message}</li>)}</ul>
          )}
        </div>
      )}
    </form>
  );
}
