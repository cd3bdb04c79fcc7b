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
import { requirePermission, type Actor, type SessionUser } from "../auth/permissions";
import { read, write } from "../db";
import { toInteger } from "../db/params";
import { toPlain } from "../db/values";
import { ConflictError, NotFoundError } from "../errors";
import {
  CHANGE_ACTIONS,
  entityIdsOf,
  invertOps,
  type ChangeAction,
  type ChangeDetails,
  type ChangeOp,
  type ChangePage,
  type ChangeSummary,
} from "./model";
import { applyOps, assertUnchangedSince } from "./records";
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

/** Applies the ops and records them, in the caller's write transaction: both happen, or neither. */
export async function commitChange(tx: ManagedTransaction, user: SessionUser, change: NewChange): Promise<ChangeSummary> {
  await applyOps(tx, change.ops);
  const id = newChangeId();
  const result = await tx.run(
    `CREATE (c:${CHANGE_LABEL} {
       id: $id, at: datetime(), actorId: $actorId, actorName: $actorName, action: $action, summary: $summary,
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
export async function revertChange(actor: Actor, id: string): Promise<ChangeSummary> {
  requirePermission(actor, "graph:edit");
  const user = actor.user!;
  return write(async (tx) => {
    const change = await findChange(tx, id);
    if (!change) throw new NotFoundError(`No recorded change has the id "${id}".`);
    if (change.revertedBy) throw new ConflictError("This change has already been reverted.");
    const undo = invertOps(change.ops);
    await assertUnchangedSince(tx, undo);
    const summary = `Reverted: ${change.summary}`;
    const reverted = await commitChange(tx, user, { action: "revert", summary, ops: undo, revertOf: change.id });
    await tx.run(`MATCH (c:${CHANGE_LABEL} {id: $id}) SET c.revertedBy = $by`, { id: change.id, by: reverted.id });
    // The original of a revert stands again, and may itself be reverted again.
    if (change.revertOf) await tx.run(`MATCH (c:${CHANGE_LABEL} {id: $id}) REMOVE c.revertedBy`, { id: change.revertOf });
    return reverted;
  });
}
