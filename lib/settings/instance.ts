import "server-only";
/**
 * Settings of the whole instance that admins change at run time, kept in Neo4j as one internal record,
 * `(:InstanceSettings {id: "instance", publicRead, updatedAt, updatedBy})`: not an Entity, so the explorer,
 * exports and saved queries never see it. Today it holds one switch, whether signed-out visitors may read
 * the graph. A new instance has no record, which means no: the graph is private until an admin says
 * otherwise (on /setup or /admin/settings). REDSTRING_PUBLIC_READ, when set, fixes the answer and the
 * record is ignored.
 *
 * Every signed-out request asks (lib/auth/session.ts), so the answer is kept for SETTINGS_CACHE_MS in
 * this process. Replicas share Neo4j but not this cache: after an admin changes the switch, another
 * replica may answer the old way for at most that long. The replica that saved it forgets at once.
 */
import type { ManagedTransaction, QueryResult } from "neo4j-driver";
import { z } from "zod";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { getConfig } from "../config";
import { read, write } from "../database";
import { ConflictError } from "../errors";
import { INSTANCE_SETTINGS_ID, INSTANCE_SETTINGS_LABEL } from "./schema";

/** How long one process trusts the stored answer (a few seconds: cheap, and soon true everywhere). */
export const SETTINGS_CACHE_MS = 5_000;

export interface InstanceSettings {
  /** Whether signed-out visitors may read the graph (search, explore, saved queries, export). */
  publicRead: boolean;
  /** "environment" when REDSTRING_PUBLIC_READ decides and the stored switch is ignored. */
  publicReadFixedBy: "environment" | null;
  /** When and by whom the stored switch was last changed; null if never. */
  updatedAt: string | null;
}

export const settingsChangeSchema = z.object({ publicRead: z.boolean() }).strict();

let cached: { publicRead: boolean; readAt: number } | undefined;

type StoredSettings = { publicRead: boolean; updatedAt: string | null };

/** What the record's columns (publicRead, updatedAt), read or just written, say. */
function storedSettingsOf(result: QueryResult): StoredSettings {
  const record = result.records[0];
  return { publicRead: record?.get("publicRead") === true, updatedAt: (record?.get("updatedAt") as string | null) ?? null };
}

const STORED_COLUMNS = "s.publicRead AS publicRead, toString(s.updatedAt) AS updatedAt";

async function readStoredPublicRead(tx: ManagedTransaction): Promise<StoredSettings> {
  return storedSettingsOf(
    await tx.run(`OPTIONAL MATCH (s:${INSTANCE_SETTINGS_LABEL} {id: $id}) RETURN ${STORED_COLUMNS}`, { id: INSTANCE_SETTINGS_ID }),
  );
}

/** The stored switch, from this process's cache while it is fresh (see SETTINGS_CACHE_MS). */
async function storedPublicRead(): Promise<boolean> {
  if (cached && Date.now() - cached.readAt < SETTINGS_CACHE_MS) return cached.publicRead;
  const { publicRead } = await read(readStoredPublicRead);
  cached = { publicRead, readAt: Date.now() };
  return publicRead;
}

/** Whether a signed-out visitor may read the graph now: the environment if it says, else the stored switch. */
export async function publicReadAllowed(): Promise<boolean> {
  const fixed = getConfig().publicRead;
  if (fixed !== undefined) return fixed;
  return storedPublicRead();
}

/** The settings as the admin page shows them (read fresh, not from the cache). */
export async function getInstanceSettings(actor: Actor): Promise<InstanceSettings> {
  requirePermission(actor, "users:manage");
  return describe(await read(readStoredPublicRead));
}

function describe(stored: StoredSettings): InstanceSettings {
  const fixed = getConfig().publicRead;
  return {
    publicRead: fixed ?? stored.publicRead,
    publicReadFixedBy: fixed === undefined ? null : "environment",
    updatedAt: stored.updatedAt,
  };
}

/** Admins turn signed-out reading on or off; refused (409) while REDSTRING_PUBLIC_READ decides. */
export async function updateInstanceSettings(actor: Actor, change: z.infer<typeof settingsChangeSchema>): Promise<InstanceSettings> {
  requirePermission(actor, "users:manage");
  if (getConfig().publicRead !== undefined) {
    throw new ConflictError("Signed-out reading is fixed by REDSTRING_PUBLIC_READ on the server; change or unset that variable instead.");
  }
  // The write returns what it stored: no second statement to read it back.
  const stored = await write(async (tx) =>
    storedSettingsOf(
      await tx.run(
        `MERGE (s:${INSTANCE_SETTINGS_LABEL} {id: $id})
         SET s.publicRead = $publicRead, s.updatedAt = datetime(), s.updatedBy = $actorId
         RETURN ${STORED_COLUMNS}`,
        { id: INSTANCE_SETTINGS_ID, publicRead: change.publicRead, actorId: actor.user?.id ?? null },
      ),
    ),
  );
  cached = { publicRead: stored.publicRead, readAt: Date.now() };
  return describe(stored);
}

/** For tests that change the record behind the app's back. */
export function forgetInstanceSettingsCache(): void {
  cached = undefined;
}
