import { admissionState, admitted } from "@/lib/db/admission";

/** A unit of work that ends when the test says so. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

it("runs at most the limit at once and lets the others in first come, first served", async () => {
  const started: number[] = [];
  const units = Array.from({ length: 5 }, () => pending());
  const runs = units.map((unit, index) =>
    admitted(2, async () => {
      started.push(index);
      await unit.done;
    }),
  );
  await Promise.resolve();
  expect(started).toEqual([0, 1]);
  expect(admissionState()).toEqual({ running: 2, waiting: 3 });

  // The last in line must not overtake: finishing the second lets the third in, then the fourth, in order.
  units[1]!.finish();
  await expect.poll(() => started).toEqual([0, 1, 2]);
  units[0]!.finish();
  await expect.poll(() => started).toEqual([0, 1, 2, 3]);
  for (const unit of units) unit.finish();
  await Promise.all(runs);
  expect(started).toEqual([0, 1, 2, 3, 4]);
  expect(admissionState()).toEqual({ running: 0, waiting: 0 });
});

it("runs work started inside admitted work at once instead of waiting for the slot its caller holds", async () => {
  const inner = await admitted(1, () => admitted(1, async () => "inner ran"));
  expect(inner).toBe("inner ran");
  expect(admissionState()).toEqual({ running: 0, waiting: 0 });
});

it("frees the slot when the work fails", async () => {
  await expect(admitted(1, async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
  await expect(admitted(1, async () => "next")).resolves.toBe("next");
  expect(admissionState()).toEqual({ running: 0, waiting: 0 });
});

it("takes aborted work out of the line without running it, and lets the next in", async () => {
  const first = pending();
  const ran: string[] = [];
  const holding = admitted(1, async () => {
    ran.push("first");
    await first.done;
  });
  const controller = new AbortController();
  const aborted = admitted(
    1,
    async () => {
      ran.push("aborted");
    },
    controller.signal,
  );
  const next = admitted(1, async () => {
    ran.push("next");
  });
  expect(admissionState()).toEqual({ running: 1, waiting: 2 });

  controller.abort();
  await expect(aborted).rejects.toMatchObject({ status: 499 });
  expect(admissionState()).toEqual({ running: 1, waiting: 1 });
  first.finish();
  await Promise.all([holding, next]);
  expect(ran).toEqual(["first", "next"]);
  expect(admissionState()).toEqual({ running: 0, waiting: 0 });
});

it("refuses work whose request was aborted before it asked for a turn", async () => {
  const controller = new AbortController();
  controller.abort();
  let ran = false;
  await expect(
    admitted(
      1,
      async () => {
        ran = true;
      },
      controller.signal,
    ),
  ).rejects.toMatchObject({ status: 499 });
  expect(ran).toBe(false);
});
