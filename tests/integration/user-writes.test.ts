/**
 * An admin's changes to accounts, through the real route handlers and Neo4j, answer from the write
 * itself: the statement that creates or changes the user returns it (lib/auth/records.ts), and nothing
 * reads the user back afterwards, in that transaction or another. Counted with Neo4j's query collector.
 */
import { NextRequest } from "next/server";
import { PATCH as patchUserRoute } from "@/app/api/admin/users/[id]/route";
import { POST as createUserRoute } from "@/app/api/admin/users/route";
import type { UserSummary } from "@/lib/auth/users";
import { closeDriver } from "@/lib/db/driver";
import { toPlain } from "@/lib/db/values";
import { createTestUser, createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher } from "../support/neo4j";
import { countQueries, timesRun } from "../support/query-stats";
import { SAME_ORIGIN, TEST_BASE } from "../support/requests";

let users: TestUsers;

beforeAll(async () => {
  users = await createTestUsers("user-writes");
});

afterAll(async () => {
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

const asAdmin = (method: string, path: string, body: unknown) =>
  new NextRequest(new URL(path, TEST_BASE), {
    method,
    headers: { "content-type": "application/json", cookie: users.admin.cookie, ...SAME_ORIGIN },
    body: JSON.stringify(body),
  });

async function json<T>(response: Promise<Response>): Promise<{ status: number; body: T & { error?: string } }> {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T & { error?: string } };
}

/** Runs `work` with the collector on: its answer and the statements that touched :User nodes. */
async function counted<T>(work: () => Promise<T>): Promise<{ answer: T; counts: Map<string, number> }> {
  const counter = await countQueries(async (query) => cypher(query));
  try {
    const answer = await work();
    return { answer, counts: await counter.counts() };
  } finally {
    await counter.stop();
  }
}

/** The statement that reads a user by id (lib/auth/records.ts findUserById): what a read-back would run. */
const READ_BACK = "MATCH (u:User {id: $id}) RETURN properties(u) AS u";

/** The user's dates as stored, written as the app writes them (lib/db/values.ts). */
async function stored(id: string): Promise<{ createdAt: unknown; disabledAt: unknown }> {
  const [row] = await cypher("MATCH (u:User {id: $id}) RETURN u.createdAt AS createdAt, u.disabledAt AS disabledAt", { id });
  return { createdAt: toPlain(row?.createdAt), disabledAt: toPlain(row?.disabledAt) };
}

it("creates a user with one statement that returns it: the answer is what was stored", async () => {
  const email = `${users.prefix}made@example.test`;
  const { answer, counts } = await counted(() =>
    json<UserSummary>(createUserRoute(asAdmin("POST", "/api/admin/users", { email, name: "Made here", role: "editor", password: "long enough password" }))),
  );
  expect(answer.status, answer.body.error).toBe(201);
  expect(timesRun(counts, "CREATE (u:User")).toBe(1);
  expect(timesRun(counts, READ_BACK)).toBe(0);
  const row = await stored(answer.body.id);
  expect(answer.body).toEqual({ id: answer.body.id, email, name: "Made here", role: "editor", createdAt: row.createdAt, disabledAt: null });
  expect(answer.body).not.toHaveProperty("passwordHash");
});

it("changes a role, disables and enables an account with one statement each that returns the user", async () => {
  const user = await createTestUser(users.prefix, "viewer", { suffix: "changed" });
  const patch = (change: Record<string, unknown>) => () =>
    json<UserSummary>(patchUserRoute(asAdmin("PATCH", `/api/admin/users/${user.id}`, change), { params: Promise.resolve({ id: user.id }) }));

  const promoted = await counted(patch({ role: "analyst" }));
  expect(promoted.answer.status, promoted.answer.body.error).toBe(200);
  expect(promoted.answer.body).toMatchObject({ id: user.id, email: user.email, role: "analyst", disabledAt: null });
  expect(timesRun(promoted.counts, "SET u.role = coalesce($role, u.role)")).toBe(1);
  expect(timesRun(promoted.counts, READ_BACK)).toBe(0);

  const disabled = await counted(patch({ disabled: true }));
  expect(disabled.answer.status).toBe(200);
  const row = await stored(user.id);
  expect(row.disabledAt).not.toBeNull();
  expect(disabled.answer.body).toMatchObject({ role: "analyst", createdAt: row.createdAt, disabledAt: row.disabledAt });
  expect(timesRun(disabled.counts, READ_BACK)).toBe(0);

  const enabled = await counted(patch({ disabled: false }));
  expect(enabled.answer.body).toMatchObject({ role: "analyst", disabledAt: null });
  expect(timesRun(enabled.counts, READ_BACK)).toBe(0);
});

it("still answers 404 for a user that does not exist, and changes nothing", async () => {
  const unknown = "A".repeat(16);
  const answer = await json(patchUserRoute(asAdmin("PATCH", `/api/admin/users/${unknown}`, { role: "editor" }), { params: Promise.resolve({ id: unknown }) }));
  expect(answer.status).toBe(404);
  expect(await cypher("MATCH (u:User {id: $id}) RETURN u", { id: unknown })).toEqual([]);
});
