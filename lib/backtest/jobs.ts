/**
 * Executing a stored backtest run: used inline by `POST /api/v1/backtests` (with a time budget)
 * and by the KV queue worker (workers/backtest_job.ts, without one).
 * @module
 */
import { toSafeJson } from "../http/json.ts";
import { BacktestRequest, loadRequestBars, RequestError, runRequest } from "./request.ts";
import { getRun, putResult, setProgress, statsForStorage, updateRun } from "./runs_repo.ts";
import { resultToJson } from "./serialize.ts";
import { serverBacktestKernel } from "./wasm_server.ts";

/** How {@link executeRun} ended. */
export type RunOutcome = "done" | "failed" | "missing" | "over_budget";

class OverBudget extends Error {}

/**
 * Runs the stored run `id` of `owner` unless it is already finished, storing progress, the
 * result and the final status. With `budgetMs`, a run still going after that many milliseconds
 * is abandoned and put back to `queued` (outcome `over_budget`) for the queue to run in full.
 * The budget is checked at the TypeScript engine's progress callbacks; a run on the WASM loop
 * (over 100 M bars/s) reports progress only at its end.
 * Safe to call twice for the same run.
 */
export async function executeRun(
  kv: Deno.Kv,
  owner: string,
  id: string,
  options: { now: () => number; budgetMs?: number },
): Promise<RunOutcome> {
  const run = await getRun(kv, owner, id);
  if (!run) return "missing";
  if (run.status === "done" || run.status === "failed") return run.status;
  const fail = async (message: string): Promise<RunOutcome> => {
    await updateRun(kv, owner, id, { status: "failed", error: message, updatedAt: options.now() });
    return "failed";
  };
  const req = BacktestRequest.safeParse(run.request);
  if (!req.success) return await fail("stored request is no longer valid: " + req.error.message);
  await updateRun(kv, owner, id, { status: "running", updatedAt: options.now() });
  let data;
  try {
    data = await loadRequestBars(kv, owner, req.data);
  } catch (err) {
    if (err instanceof RequestError) return await fail(err.message);
    throw err;
  }
  const kernel = await serverBacktestKernel();
  const started = performance.now();
  const writes: Promise<void>[] = [];
  let lastWritten = 0;
  let result;
  try {
    result = runRequest(req.data, data, {
      kernel,
      progressEvery: 20_000,
      onProgress: (fraction) => {
        if (
          options.budgetMs !== undefined && fraction < 1 &&
          performance.now() - started > options.budgetMs
        ) throw new OverBudget();
        if (fraction - lastWritten >= 0.05 && fraction < 1) {
          lastWritten = fraction;
          writes.push(setProgress(kv, owner, id, fraction));
        }
      },
    });
  } catch (err) {
    await Promise.all(writes);
    if (err instanceof OverBudget) {
      await updateRun(kv, owner, id, { status: "queued", updatedAt: options.now() });
      return "over_budget";
    }
    if (err instanceof RangeError) return await fail(err.message);
    throw err;
  }
  await Promise.all(writes);
  const chunks = await putResult(kv, owner, id, toSafeJson(resultToJson(result)));
  await setProgress(kv, owner, id, 1);
  await updateRun(kv, owner, id, {
    status: "done",
    stats: statsForStorage(result.stats),
    resultChunks: chunks,
    updatedAt: options.now(),
  });
  return "done";
}
