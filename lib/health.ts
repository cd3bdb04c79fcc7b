import "server-only";
import { read } from "./database";

/**
 * "ok" once the database answers and holds the schema (read() waits for the migration and seed), and
 * nothing about the data: the answer is public, so it carries no counts or names of anything stored.
 */
export async function checkHealth(): Promise<{ status: "ok"; database: "reachable" }> {
  await read((tx) => tx.run("RETURN 1"));
  return { status: "ok", database: "reachable" };
}
