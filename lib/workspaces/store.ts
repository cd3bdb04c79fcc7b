import "server-only";
/**
 * Workspaces in Neo4j: `(:Workspace {id, title, ownerId, memberIds, nodeIds, xs, ys, pinned, hidden, filtersJson,
 * viewportJson, selected, nodeCount, createdAt, updatedAt, version})`.
 *
 * Positions are two float lists parallel to `nodeIds` (NaN: not placed yet) rather than one map: 20,000
 * nodes are three lists of primitives, which Bolt carries and Neo4j stores without parsing anything.
 *
 * Who may do what, checked here before anything is read or written:
 * - create, list one's own: any signed-in role (workspaces:own);
 * - read one: its owner, its members (none yet), an admin (workspaces:read-any), and any signed-in user
 *   holding the link ("shared with the team by link": the id is 128 random bits), read-only;
 * - change or delete one: its owner only (403 for everyone else).
 * Investigations plug their access rules into `mayRead` and `mayEdit` below (members, confidential cases
 * that the link alone no longer opens); the record already carries `memberIds` for them.
 */
import { randomBytes } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import { can, type Actor } from "../auth/roles";
import { read, write } from "../database";
import { toInteger } from "../db/params";
import { toPlain } from "../db/values";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { WORKSPACE_LABEL } from "./schema";
import {
  DEFAULT_FILTERS,
  filtersSchema,
  workspacePath,
  workspaceViewportSchema,
  type CreateWorkspace,
  type CreatedWorkspace,
  type UpdateWorkspace,
  type Workspace,
  type WorkspacePositions,
  type WorkspaceSummary,
} from "./model";

type Properties = Record<string, unknown>;

function text(value: unknown): string {
  const plain = toPlain(value);
  return typeof plain === "string" ? plain : "";
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** A stored float list; NaN (a node not placed) stays NaN, which toPlain would make null. */
function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === "number" ? item : Number.NaN)) : [];
}

function parsedJson(value: unknown): unknown {
  try {
    return JSON.parse(text(value) || "null");
  } catch {
    return null;
  }
}

/** Positions as the two lists stored beside `nodeIds` (NaN where a node has none). */
export function positionLists(nodes: readonly string[], positions: WorkspacePositions): { xs: number[]; ys: number[] } {
  const xs = nodes.map((id) => positions[id]?.x ?? Number.NaN);
  const ys = nodes.map((id) => positions[id]?.y ?? Number.NaN);
  return { xs, ys };
}

/** The stored lists back as positions by id, leaving out the nodes never placed. */
export function positionsFromLists(nodes: readonly string[], xs: readonly number[], ys: readonly number[]): WorkspacePositions {
  const positions: WorkspacePositions = {};
  nodes.forEach((id, index) => {
    const x = xs[index];
    const y = ys[index];
    if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y)) positions[id] = { x, y };
  });
  return positions;
}

const SUMMARY_FIELDS = "w {.id, .title, .ownerId, .memberIds, .nodeCount, .createdAt, .updatedAt, .version}";

function toSummary(w: Properties): WorkspaceSummary {
  return {
    id: text(w.id),
    title: text(w.title),
    ownerId: text(w.ownerId),
    memberIds: strings(w.memberIds),
    nodeCount: Number(toPlain(w.nodeCount)),
    createdAt: text(w.createdAt),
    updatedAt: text(w.updatedAt),
    version: Number(toPlain(w.version)),
  };
}

function toWorkspace(reader: Actor, w: Properties): Workspace {
  const summary = toSummary(w);
  const nodes = strings(w.nodeIds);
  const filters = filtersSchema.safeParse(parsedJson(w.filtersJson) ?? {});
  const viewport = workspaceViewportSchema.safeParse(parsedJson(w.viewportJson));
  const selected = text(w.selected);
  return {
    ...summary,
    nodes,
    positions: positionsFromLists(nodes, numbers(w.xs), numbers(w.ys)),
    pinned: strings(w.pinned),
    hidden: strings(w.hidden),
    filters: filters.success ? filters.data : DEFAULT_FILTERS,
    viewport: viewport.success ? viewport.data : null,
    selected: selected || null,
    canEdit: mayEdit(reader, summary),
  };
}

/**
 * Who may open a workspace. Today: every signed-in user who holds the link (read-only unless they own
 * it). Investigations will narrow this for confidential cases to the owner, the members and admins.
 */
function mayRead(actor: Actor, workspace: WorkspaceSummary): boolean {
  if (mayEdit(actor, workspace) || can(actor, "workspaces:read-any")) return true;
  return can(actor, "workspaces:own");
}

/** Who may change or delete it: the owner (investigations will add members with an editing role). */
function mayEdit(actor: Actor, workspace: WorkspaceSummary): boolean {
  return actor.user !== null && actor.user.id === workspace.ownerId;
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`No workspace has the id "${id.slice(0, 40)}".`);
}

const notYours = () =>
  new ForbiddenError("Only the person who made this workspace can change or delete it. Save a copy as a workspace of your own.");

/** A new workspace owned by the actor, in the caller's transaction when there is one (an idempotent request's). */
export async function createWorkspace(actor: Actor, input: CreateWorkspace, outer?: ManagedTransaction): Promise<CreatedWorkspace> {
  requirePermission(actor, "workspaces:own");
  const id = randomBytes(16).toString("base64url");
  const { xs, ys } = positionLists(input.nodes, input.positions ?? {});
  const inView = new Set(input.nodes);
  const store = (tx: ManagedTransaction) =>
    tx.run(
      `CREATE (w:${WORKSPACE_LABEL} {id: $id})
       SET w += $properties, w.createdAt = datetime(), w.updatedAt = datetime()`,
      {
        id,
        properties: {
          title: input.title,
          ownerId: actor.user!.id,
          memberIds: [],
          nodeIds: input.nodes,
          xs,
          ys,
          pinned: input.pinned.filter((node) => inView.has(node)),
          hidden: input.hidden.filter((node) => inView.has(node)),
          filtersJson: JSON.stringify(input.filters ?? DEFAULT_FILTERS),
          viewportJson: JSON.stringify(input.viewport),
          selected: input.selected,
          nodeCount: toInteger(input.nodes.length),
          version: toInteger(1),
        },
      },
    );
  await (outer ? store(outer) : write(store));
  return { id, path: workspacePath(id), version: 1 };
}

async function findFull(tx: ManagedTransaction, id: string): Promise<Properties | null> {
  const result = await tx.run(`MATCH (w:${WORKSPACE_LABEL} {id: $id}) RETURN properties(w) AS w`, { id });
  return (result.records[0]?.get("w") as Properties | undefined) ?? null;
}

export async function getWorkspace(actor: Actor, id: string): Promise<Workspace> {
  requirePermission(actor, "workspaces:own");
  const stored = await read((tx) => findFull(tx, id));
  if (!stored) throw notFound(id);
  const workspace = toWorkspace(actor, stored);
  if (!mayRead(actor, workspace)) throw notFound(id);
  return workspace;
}

/** The reader's own workspaces, newest change first (members' shared ones will join this list). */
export async function listWorkspaces(actor: Actor, limit = 500): Promise<WorkspaceSummary[]> {
  requirePermission(actor, "workspaces:own");
  const records = await read(async (tx) =>
    (
      await tx.run(
        `MATCH (w:${WORKSPACE_LABEL} {ownerId: $ownerId}) RETURN ${SUMMARY_FIELDS} AS w ORDER BY w.updatedAt DESC, w.id LIMIT $limit`,
        { ownerId: actor.user!.id, limit: toInteger(limit) },
      )
    ).records,
  );
  return records.map((record) => toSummary(record.get("w") as Properties));
}

/** The stored record after a change: the lists it touches recomputed together, so they stay parallel. */
export function applyUpdate(stored: Properties, change: UpdateWorkspace): Properties {
  const before = strings(stored.nodeIds);
  const positions = { ...positionsFromLists(before, numbers(stored.xs), numbers(stored.ys)), ...(change.positions ?? {}) };
  const nodes = change.nodes ?? before;
  const inView = new Set(nodes);
  const keep = (ids: string[]) => ids.filter((node) => inView.has(node));
  const { xs, ys } = positionLists(nodes, positions);
  const selected = change.selected === undefined ? text(stored.selected) || null : change.selected;
  return {
    title: change.title ?? text(stored.title),
    nodeIds: nodes,
    xs,
    ys,
    pinned: keep(change.pinned ?? strings(stored.pinned)),
    hidden: keep(change.hidden ?? strings(stored.hidden)),
    filtersJson: change.filters ? JSON.stringify(change.filters) : text(stored.filtersJson),
    viewportJson: change.viewport === undefined ? text(stored.viewportJson) : JSON.stringify(change.viewport),
    selected: selected && inView.has(selected) ? selected : null,
    nodeCount: toInteger(nodes.length),
  };
}

/**
 * Saves a change made from `change.version`. The version is checked and raised in the same write
 * transaction that holds the node's lock, so of two saves from the same version exactly one wins and the
 * other is a 409 ("reload"), as entity saves from an outdated `updatedAt` are (lib/editing/changes.ts).
 */
export async function updateWorkspace(actor: Actor, id: string, change: UpdateWorkspace): Promise<WorkspaceSummary> {
  requirePermission(actor, "workspaces:own");
  return write(async (tx) => {
    // Taking the write lock first: a concurrent save waits here, then sees the raised version.
    const locked = await tx.run(`MATCH (w:${WORKSPACE_LABEL} {id: $id}) SET w._lock = true REMOVE w._lock RETURN properties(w) AS w`, { id });
    const stored = locked.records[0]?.get("w") as Properties | undefined;
    if (!stored) throw notFound(id);
    const summary = toSummary(stored);
    if (!mayEdit(actor, summary)) throw notYours();
    if (summary.version !== change.version) {
      throw new ConflictError(
        `This workspace was saved elsewhere since you opened it (your version ${change.version}, now ${summary.version}). ` +
          "Reload it to see the latest picture.",
        { version: summary.version },
      );
    }
    const result = await tx.run(
      `MATCH (w:${WORKSPACE_LABEL} {id: $id})
       SET w += $properties, w.updatedAt = datetime(), w.version = w.version + 1
       RETURN ${SUMMARY_FIELDS} AS w`,
      { id, properties: applyUpdate(stored, change) },
    );
    return toSummary(result.records[0]!.get("w") as Properties);
  });
}

export async function deleteWorkspace(actor: Actor, id: string): Promise<{ deleted: string }> {
  requirePermission(actor, "workspaces:own");
  return write(async (tx) => {
    const result = await tx.run(`MATCH (w:${WORKSPACE_LABEL} {id: $id}) RETURN ${SUMMARY_FIELDS} AS w`, { id });
    const stored = result.records[0]?.get("w") as Properties | undefined;
    if (!stored) throw notFound(id);
    if (!mayEdit(actor, toSummary(stored))) throw notYours();
    await tx.run(`MATCH (w:${WORKSPACE_LABEL} {id: $id}) DELETE w`, { id });
    return { deleted: id };
  });
}
