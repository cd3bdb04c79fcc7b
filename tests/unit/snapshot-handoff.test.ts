/**
 * The proxy's read of a permalink's snapshot, handed to the page of the same request
 * (lib/snapshots/handoff.ts): taken once, by the right id, while fresh; the map never grows past its cap.
 */
import { HANDOFF_TTL_MS, MAX_WAITING, handOff, takeHandedOff, waitingHandoffs } from "@/lib/snapshots/handoff";

const record = { id: "AAAAAAAAAAAAAAAAAAAAAA", title: "Shared" };

it("hands a record to the page once, under its token", () => {
  const token = handOff(record.id, record);
  expect(takeHandedOff(token, record.id)).toEqual({ record });
  // A second take (or a copied token) finds nothing: the page then reads for itself.
  expect(takeHandedOff(token, record.id)).toBeUndefined();
});

it("hands over 'no such snapshot' too, so the page answers 404 without asking again", () => {
  expect(takeHandedOff(handOff(record.id, null), record.id)).toEqual({ record: null });
});

it("gives nothing for another id, a stale entry, a made-up token or none", () => {
  expect(takeHandedOff(handOff(record.id, record), "BBBBBBBBBBBBBBBBBBBBBB")).toBeUndefined();
  const now = Date.now();
  expect(takeHandedOff(handOff(record.id, record, now), record.id, now + HANDOFF_TTL_MS)).toBeUndefined();
  expect(takeHandedOff("not-a-token", record.id)).toBeUndefined();
  expect(takeHandedOff(null, record.id)).toBeUndefined();
  expect(takeHandedOff(undefined, record.id)).toBeUndefined();
});

it("drops what nobody took: stale entries first, then the oldest past the cap", () => {
  const now = Date.now();
  const first = handOff(record.id, record, now);
  for (let i = 1; i < MAX_WAITING * 2; i += 1) handOff(record.id, record, now);
  expect(waitingHandoffs()).toBeLessThanOrEqual(MAX_WAITING);
  expect(takeHandedOff(first, record.id, now)).toBeUndefined();
  const newest = handOff(record.id, record, now);
  expect(takeHandedOff(newest, record.id, now)).toEqual({ record });
  // Once stale, the next hand-off sweeps them all away.
  handOff(record.id, record, now + HANDOFF_TTL_MS);
  expect(waitingHandoffs()).toBe(1);
});
