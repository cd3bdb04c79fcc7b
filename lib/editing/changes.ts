import "server-only";
/**
 * The audit trail: every edit is applied and recorded in one transaction, as a ChangeRecord node holding
 * who, when, a one-line summary and the before/after of every record it touched (lib/editing/model.ts).
 *
 * ChangeRecords are never joined to entities by relationships: a saved query following an untyped
 * relationship out of an entity must not be able to reach them. They name their entities in `entityIds`
 * instead, and saved queries cannot touch the label at all (lib/queries/safety.ts allows entity labels only).
 */
import { randomBytes } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import { type Actor, type SessionUser } from "../auth/roles";
import { read, write } from "../database";
import { toInteger } from "../db/params";
import { toPlain } from "../db/values";
import { ConflictError, NotFoundError } from "../errors";
import {
  CHANGE_ACTIONS,
  canonicalJson,
  entityIdsOf,
  invertOps,
  type ChangeAction,
  type ChangeDetails,
  type ChangeOp,
  type ChangePage,
  type ChangeSummary,
} from "./model";
import { LOCK_PROPERTY, applyOps, changeTime, lockAndVerify } from "./records";
import { CHANGE_LABEL } from "./schema";

/** 96 random bits, URL-safe. */
function newChangeId(): string {
  return randomBytes(12).toString("base64url");
}

interface NewChange {
  action: ChangeAction;
  summary: string;
  ops: ChangeOp[];
  revertOf?: string;
}

/**
 * Applies the ops and records them, in the caller's write transaction: both happen, or neither. First it
 * locks every record the ops touch and checks each is still its op's `before` (lockAndVerify), so what the
 * trail records as "before" is what was overwritten, even when two edits of one record race.
 */
export async function commitChange(tx: ManagedTransaction, user: SessionUser, change: NewChange): Promise<ChangeSummary> {
  await lockAndVerify(tx, change.ops, change.action === "revert" ? "revert" : "save");
  const now = await changeTime(tx);
  await applyOps(tx, change.ops, now);
  const id = newChangeId();
  const result = await tx.run(
    `CREATE (c:${CHANGE_LABEL} {
       id: $id, at: $now, actorId: $actorId, actorName: $actorName, action: $action, summary: $summary,
       entityIds: $entityIds, ops: $ops, revertOf: $revertOf
     })
     RETURN ${SUMMARY_FIELDS}`,
    {
      id,
      actorId: user.id,
      actorName: user.name,
      action: change.action,
      summary: change.summary,
      entityIds: entityIdsOf(change.ops),
      ops: JSON.stringify(change.ops),
      revertOf: change.revertOf ?? null,
      now,
    },
  );
  return toSummary(result.records[0]!.get("change") as Record<string, unknown>);
}

const SUMMARY_FIELDS = `c {.id, .at, .actorId, .actorName, .action, .summary, .entityIds, .revertOf, .revertedBy} AS change`;

function toSummary(raw: Record<string, unknown>): ChangeSummary {
  const action = String(raw.action);
  return {
    id: String(raw.id),
    at: String(toPlain(raw.at)),
    actor: { id: String(raw.actorId), name: String(raw.actorName) },
    action: (CHANGE_ACTIONS as readonly string[]).includes(action) ? (action as ChangeAction) : "update-entity",
    summary: String(raw.summary),
    entityIds: Array.isArray(raw.entityIds) ? raw.entityIds.map(String) : [],
    revertOf: typeof raw.revertOf === "string" ? raw.revertOf : null,
    revertedBy: typeof raw.revertedBy === "string" ? raw.revertedBy : null,
  };
}

async function findChange(tx: ManagedTransaction, id: string): Promise<ChangeDetails | null> {
  const result = await tx.run(`MATCH (c:${CHANGE_LABEL} {id: $id}) RETURN ${SUMMARY_FIELDS}, c.ops AS ops`, { id });
  const record = result.records[0];
  if (!record) return null;
  return { ...toSummary(record.get("change") as Record<string, unknown>), ops: JSON.parse(String(record.get("ops"))) as ChangeOp[] };
}

/** Who changed a record since a version, when, and which fields: what a 409 tells the editor. */
export interface ChangesSince {
  changedBy: string;
  changedAt: string;
  fields: string[];
}

/**
 * The recorded changes of one record after the version an editor loaded (`since`, the record's
 * updatedAt then; versions are milliseconds apart, lib/editing/records.ts), summed up. Read only when a
 * save is refused: it scans the change records (no index on list membership), like an entity's History.
 */
export async function changesSince(
  tx: ManagedTransaction,
  record: { id: string; entityId: string },
  since: string,
): Promise<ChangesSince | null> {
  // The version comes from the request: only a stamp as this app writes them is handed to datetime().
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(since)) return null;
  const result = await tx.run(
    `MATCH (c:${CHANGE_LABEL})
     WHERE $entityId IN c.entityIds AND c.at >= datetime($since) + duration({milliseconds: 1})
     RETURN c.actorName AS actorName, c.at AS at, c.ops AS ops
     ORDER BY c.at`,
    { entityId: record.entityId, since },
  );
  const fields = new Set<string>();
  let last: { actorName: string; at: string } | null = null;
  for (const row of result.records) {
    const ops = (JSON.parse(String(row.get("ops"))) as ChangeOp[]).filter((op) => op.id === record.id);
    if (ops.length === 0) continue;
    last = { actorName: String(row.get("actorName")), at: String(toPlain(row.get("at"))) };
    for (const op of ops) for (const field of changedFields(op)) fields.add(field);
  }
  return last ? { changedBy: last.actorName, changedAt: last.at, fields: [...fields].sort() } : null;
}

function changedFields(op: ChangeOp): string[] {
  if (!op.before || !op.after) return [op.after ? "created" : "deleted"];
  const before = op.before.properties;
  const after = op.after.properties;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const fields = [...keys].filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
  if (op.kind === "relationship" && op.before && op.after && (op.before.from !== op.after.from || op.before.to !== op.after.to)) {
    fields.push("ends");
  }
  return fields;
}

/** A 409 for a save from an outdated version, naming who changed the record since, when and what. */
export async function staleVersionError(
  tx: ManagedTransaction,
  record: { id: string; entityId: string; label: string },
  since: string,
): Promise<ConflictError> {
  const changes = await changesSince(tx, record, since);
  if (!changes) {
    return new ConflictError(`“${record.label}” was changed by someone else since you opened it. Reload it and edit again.`);
  }
  const when = changes.changedAt.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
  const what = changes.fields.length > 0 ? ` (${changes.fields.join(", ")})` : "";
  return new ConflictError(
    `“${record.label}” was changed by ${changes.changedBy} at ${when}${what} since you opened it. Reload it and edit again.`,
    changes,
  );
}

export interface ChangeListOptions {
  /** Only changes touching this entity (its History tab); all changes when absent. */
  entityId?: string;
  limit: number;
  /** The id of the last change of the previous page. */
  before?: string;
}

/**
 * Newest first, paged by a cursor (the last change seen), so a page never shifts when changes arrive.
 * An entity's History reads the change records' `entityIds` lists: there is no index on list membership,
 * so it reads every change record; fine for a newsroom's edits, listed in docs/ARCHITECTURE.md.
 */
export async function listChanges(actor: Actor, options: ChangeListOptions): Promise<ChangePage> {
  requirePermission(actor, "changes:read");
  const records = await read(async (tx) => {
    const result = await tx.run(
      `OPTIONAL MATCH (cursor:${CHANGE_LABEL} {id: $before})
       WITH cursor
       MATCH (c:${CHANGE_LABEL})
       WHERE ($entityId IS NULL OR $entityId IN c.entityIds)
         AND (cursor IS NULL OR c.at < cursor.at OR (c.at = cursor.at AND c.id < cursor.id))
       RETURN ${SUMMARY_FIELDS}
       ORDER BY c.at DESC, c.id DESC
       LIMIT $limit`,
      { before: options.before ?? null, entityId: options.entityId ?? null, limit: toInteger(options.limit + 1) },
    );
    return result.records.map((record) => toSummary(record.get("change") as Record<string, unknown>));
  });
  const changes = records.slice(0, options.limit);
  return { changes, next: records.length > options.limit ? (changes.at(-1)?.id ?? null) : null };
}

export async function getChange(actor: Actor, id: string): Promise<ChangeDetails> {
  requirePermission(actor, "changes:read");
  const change = await read((tx) => findChange(tx, id));
  if (!change) throw new NotFoundError(`No recorded change has the id "${id}".`);
  return change;
}

/**
 * Undoes a change by playing its ops backwards, recorded as a change of its own. Refused (409) when a
 * record it touched has changed since, so a revert never silently throws away a later edit; the reader
 * reverts the later change first. Reverting a revert re-applies the original change.
 */
export async function revertChange(actor: Actor, id: string, outer?: ManagedTransaction): Promise<ChangeSummary> {
  requirePermission(actor, "graph:edit");
  const user = actor.user!;
  const work = async (tx: ManagedTransaction): Promise<ChangeSummary> => {
    // The record's lock first: of two reverts of one change, the second waits and then sees `revertedBy`.
    await tx.run(`MATCH (c:${CHANGE_LABEL} {id: $id}) SET c.${LOCK_PROPERTY} = true REMOVE c.${LOCK_PROPERTY}`, { id });
    const change = await findChange(tx, id);
    if (!change) throw new NotFoundError(`No recorded change has the id "${id}".`);
    if (change.revertedBy) throw new ConflictError("This change has already been reverted.");
    // commitChange locks what the change touched and refuses (409) if any of it changed since.
    const undo = invertOps(change.ops);
    const summary = `Reverted: ${change.summary}`;
    const reverted = await commitChange(tx, user, { action: "revert", summary, ops: undo, revertOf: change.id });
    await tx.run(`MATCH (c:${CHANGE_LABEL} {id: $id}) SET c.revertedBy = $by`, { id: change.id, by: reverted.id });
    // The original of a revert stands again, and may itself be reverted again.
    if (change.revertOf) await tx.run(`MATCH (c:${CHANGE_LABEL} {id: $id}) REMOVE c.revertedBy`, { id: change.revertOf });
    return reverted;
  };
  return outer ? work(outer) : write(work);
}
