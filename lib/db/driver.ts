import "server-only";
import neo4j, { type BookmarkManager, type Driver } from "neo4j-driver";
import { getConfig } from "../config";

/**
 * One driver per process. In development Next.js re-evaluates modules on every edit; keeping the driver on
 * globalThis stops each reload from leaking a connection pool.
 */
const holder = globalThis as typeof globalThis & {
  __redstringDriver?: Driver;
  __redstringProbeDriver?: Driver;
  __redstringBookmarks?: BookmarkManager;
};

/**
 * One bookmark manager for every session of the process: each transaction starts after every write this
 * process has committed, so in a cluster a read on a follower sees what another request of this server
 * just wrote. The bookmarks of another server's writes come with the browser (lib/bookmark-cookie.ts).
 */
export function processBookmarks(): BookmarkManager {
  holder.__redstringBookmarks ??= neo4j.bookmarkManager();
  return holder.__redstringBookmarks;
}

export function getDriver(): Driver {
  if (holder.__redstringDriver) return holder.__redstringDriver;
  const config = getConfig();
  const auth = config.neo4jPassword ? neo4j.auth.basic(config.neo4jUsername, config.neo4jPassword) : undefined;
  holder.__redstringDriver = neo4j.driver(config.neo4jUri, auth, {
    // Fail fast when the database is down: the user gets a 503 in seconds, not a hanging page. A database
    // that accepts connections but never answers is caught by lib/db/liveness.ts at the request deadline
    // (REDSTRING_DB_DEADLINE_MS); these keep an unreachable one (refused, no route) under that deadline.
    connectionTimeout: Math.min(3_000, config.databaseDeadlineMs),
    connectionAcquisitionTimeout: config.databaseDeadlineMs,
    maxTransactionRetryTime: Math.max(1_000, config.databaseDeadlineMs - 1_000),
    userAgent: "redstring/0.1",
  });
  return holder.__redstringDriver;
}

/**
 * A driver of one connection for lib/db/liveness.ts's probe, outside the requests' pool: when every pooled
 * connection is busy on a live database, the probe must still get through and say "alive", not wait in the
 * queue and report a busy database as one that does not answer.
 */
export function getProbeDriver(): Driver {
  if (holder.__redstringProbeDriver) return holder.__redstringProbeDriver;
  const config = getConfig();
  const auth = config.neo4jPassword ? neo4j.auth.basic(config.neo4jUsername, config.neo4jPassword) : undefined;
  holder.__redstringProbeDriver = neo4j.driver(config.neo4jUri, auth, {
    maxConnectionPoolSize: 1,
    connectionTimeout: Math.min(3_000, config.databaseDeadlineMs),
    connectionAcquisitionTimeout: config.databaseDeadlineMs,
    userAgent: "redstring/0.1 liveness",
  });
  return holder.__redstringProbeDriver;
}

export async function closeDriver(): Promise<void> {
  const drivers = [holder.__redstringDriver, holder.__redstringProbeDriver];
  holder.__redstringDriver = undefined;
  holder.__redstringProbeDriver = undefined;
  // Bookmarks belong to the database the driver spoke to: a new driver (another NEO4J_URI) starts afresh.
  holder.__redstringBookmarks = undefined;
  await Promise.all(drivers.map((driver) => driver?.close()));
}
