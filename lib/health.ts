import "server-only";
import { read } from "./database";
import { AppError } from "./errors";

/**
 * "ok" once the database answers and holds the current schema (read() checks it: 503 "run `npm run
 * migrate`" when that deploy step is missing, lib/migrations.ts), and
 * nothing about the data: the answer is public, so it carries no counts or names of anything stored.
 * A frozen or unreachable database gives the 503 of lib/db within its deadline (REDSTRING_DB_DEADLINE_MS).
 */
export async function checkHealth(): Promise<{ status: "ok"; database: "reachable" }> {
  await read((tx) => tx.run("RETURN 1"));
  return { status: "ok", database: "reachable" };
}

/** Set by scripts/server.mjs when it begins to stop: readiness turns 503 so that balancers stop sending work. */
const holder = globalThis as typeof globalThis & { __redstringDraining?: boolean };

/**
 * Readiness, for a load balancer or orchestrator deciding whether to send this replica traffic: the
 * health check's conditions (the database reachable and migrated: a replica on a database that was not
 * migrated is not ready, and says to run `npm run migrate`), and not stopping. (Liveness is a different question, answered by any reply
 * from this process at all: a replica whose database is down is alive, and restarting it does not help.)
 */
export async function checkReadiness(): Promise<{ status: "ready"; database: "reachable" }> {
  if (holder.__redstringDraining) throw new AppError(503, "This server is stopping: send requests to another one.");
  await checkHealth();
  return { status: "ready", database: "reachable" };
}
