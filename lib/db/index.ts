import "server-only";
import { ensureDatabaseReady } from "./ready";
import { runRead, type Work } from "./session";

/**
 * What the data-access modules (lib/search.ts, lib/entities.ts, ...) use: a read transaction that first
 * makes sure the schema exists and the seed is loaded. (Writes from the app arrive with editing.)
 */
export async function read<T>(work: Work<T>): Promise<T> {
  await ensureDatabaseReady();
  return runRead(work);
}

export type { Work };
