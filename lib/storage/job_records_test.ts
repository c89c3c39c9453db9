import assert from "node:assert/strict";
import * as z from "zod";
import { getTextChunks, putTextChunks } from "./chunked_json.ts";
import {
  deleteJobRecord,
  getJobRecord,
  type JobKeys,
  listJobRecords,
  updateJobRecord,
} from "./job_records.ts";

const Job = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  createdAt: z.number(),
  name: z.string(),
});
type Job = z.infer<typeof Job>;

const keysOf = (id: string): JobKeys => ({
  record: ["jobs", "alice", id],
  progress: ["job_progress", "alice", id],
  result: ["job_results", "alice", id],
});

const job = (id: string, createdAt: number, status: Job["status"] = "queued"): Job => ({
  id,
  status,
  createdAt,
  name: id,
});

Deno.test("job_records - progress is the stored fraction clamped to [0, 1], and 1 once done", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const k = keysOf("a");
    assert.equal(await getJobRecord(kv, Job, k), null);
    await kv.set(k.record, job("a", 1, "running"));
    assert.equal((await getJobRecord(kv, Job, k))!.progress, 0); // none stored yet
    await kv.set(k.progress, 0.4);
    assert.deepEqual(await getJobRecord(kv, Job, k), { ...job("a", 1, "running"), progress: 0.4 });
    await kv.set(k.progress, 1.7);
    assert.equal((await getJobRecord(kv, Job, k))!.progress, 1);
    await kv.set(k.progress, -3);
    assert.equal((await getJobRecord(kv, Job, k))!.progress, 0);
    await kv.set(k.progress, "half");
    assert.equal((await getJobRecord(kv, Job, k))!.progress, 0);
    await kv.set(k.record, job("a", 1, "done"));
    await kv.set(k.progress, 0.2);
    assert.equal((await getJobRecord(kv, Job, k))!.progress, 1);
    await kv.set(k.record, { id: "a", status: "lost" }); // fails the schema: treated as missing
    assert.equal(await getJobRecord(kv, Job, k), null);
  } finally {
    kv.close();
  }
});

Deno.test("job_records - lists valid records newest first, equal times by id descending", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    await kv.set(["jobs", "alice", "a"], job("a", 100));
    await kv.set(["jobs", "alice", "b"], job("b", 300));
    await kv.set(["jobs", "alice", "c"], job("c", 100));
    await kv.set(["jobs", "alice", "bad"], { nope: true });
    await kv.set(["jobs", "bob", "z"], job("z", 999));
    const list = await listJobRecords(kv, Job, ["jobs", "alice"]);
    assert.deepEqual(list.map((j) => j.id), ["b", "c", "a"]);
  } finally {
    kv.close();
  }
});

Deno.test("job_records - update merges the patch, keeps the id, and is null when missing", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const key = ["jobs", "alice", "a"];
    assert.equal(await updateJobRecord(kv, Job, key, { name: "x" }, "t: a"), null);
    await kv.set(key, { ...job("a", 5), extra: "dropped by the schema" });
    const next = await updateJobRecord(kv, Job, key, { status: "done", name: "renamed" }, "t: a");
    assert.deepEqual(next, { id: "a", status: "done", createdAt: 5, name: "renamed" });
    assert.deepEqual((await kv.get(key)).value, next);
  } finally {
    kv.close();
  }
});

Deno.test("job_records - an update that keeps losing the race throws after 5 tries", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const key = ["jobs", "alice", "a"];
    await kv.set(key, job("a", 5));
    let commits = 0;
    // a rival writes between every read and commit
    const racing = new Proxy(kv, {
      get(target, prop) {
        if (prop === "atomic") {
          return () => {
            const op = target.atomic();
            const commit = op.commit.bind(op);
            op.commit = async () => {
              commits++;
              await target.set(key, job("a", 5 + commits));
              return await commit();
            };
            return op;
          };
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    await assert.rejects(
      updateJobRecord(racing, Job, key, { name: "x" }, "updateRun: a"),
      { message: "updateRun: a kept changing; try again" },
    );
    assert.equal(commits, 5);
  } finally {
    kv.close();
  }
});

Deno.test("job_records - delete removes record, progress and result; false when absent", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const k = keysOf("a");
    await kv.set(k.record, job("a", 1, "done"));
    await kv.set(k.progress, 1);
    const chunks = await putTextChunks(kv, k.result, "r".repeat(130_000));
    await kv.set(keysOf("b").record, job("b", 2));
    assert.equal(await deleteJobRecord(kv, k), true);
    assert.equal(await deleteJobRecord(kv, k), false);
    assert.equal((await kv.get(k.record)).value, null);
    assert.equal((await kv.get(k.progress)).value, null);
    assert.equal(await getTextChunks(kv, k.result, chunks), null);
    assert.notEqual((await kv.get(keysOf("b").record)).value, null);
  } finally {
    kv.close();
  }
});
