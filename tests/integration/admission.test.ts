/**
 * A crowd waiting its turn is not a database that does not answer: with one unit of work at a time and a
 * 1 s deadline, requests queued behind a slow read wait past the deadline and still get their answer,
 * because the database keeps answering (lib/db/admission.ts, lib/db/liveness.ts).
 */
import { forgetCachedConfig, getConfig } from "@/lib/config";
import { runRead } from "@/lib/db/session";
import { admissionState } from "@/lib/db/admission";
import { closeDriver } from "@/lib/db/driver";

const saved = { concurrency: process.env.REDSTRING_DB_CONCURRENCY, deadline: process.env.REDSTRING_DB_DEADLINE_MS };

function setEnvironment(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

beforeAll(() => {
  process.env.REDSTRING_DB_CONCURRENCY = "1";
  process.env.REDSTRING_DB_DEADLINE_MS = "1000";
  forgetCachedConfig();
});

afterAll(async () => {
  setEnvironment("REDSTRING_DB_CONCURRENCY", saved.concurrency);
  setEnvironment("REDSTRING_DB_DEADLINE_MS", saved.deadline);
  forgetCachedConfig();
  await closeDriver();
});

it("answers requests queued past the deadline behind slow work, in the order they came", async () => {
  const { databaseDeadlineMs } = getConfig();
  const order: string[] = [];
  const started = Date.now();
  // Slow but live: a unit of work holds the only slot, its transaction open, until the test releases it,
  // while the database answers trivial questions (the probe) the whole time.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const slow = runRead(async (tx) => {
    const result = await tx.run("RETURN 42 AS n");
    await released;
    order.push("slow");
    return result.records[0]?.get("n").toNumber();
  });
  const queued = Array.from({ length: 4 }, (_, index) =>
    runRead(async (tx) => {
      await tx.run("RETURN 1");
      order.push(`queued ${index}`);
    }),
  );
  // Everyone is in line, and stays there past two deadlines: the watchdog looks at each of them meanwhile.
  await expect.poll(() => admissionState().waiting, { timeout: 10_000 }).toBe(4);
  await expect.poll(() => Date.now() - started, { timeout: 10_000, interval: 100 }).toBeGreaterThan(databaseDeadlineMs * 2);
  expect(admissionState().waiting).toBe(4);
  release();
  await expect(slow).resolves.toBe(42);
  // Not turned away: each queued request got its answer, in the order it came.
  await Promise.all(queued);
  expect(order).toEqual(["slow", "queued 0", "queued 1", "queued 2", "queued 3"]);
});
