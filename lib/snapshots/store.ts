import "server-only";
/**
 * Snapshots in Neo4j: `(:Snapshot {id, title, note, noteIsCaption, createdAt, revokedAt, revokeKeyHash, graphJson,
 * viewportJson, originJson, styleJson, knownEdgeIdsJson, nodeCount, edgeCount})`.
 *
 * The graph is a copy, as JSON, of the elements with their data and sources when the link was made:
 * later edits never reach it. Positions come from the screen; the data itself is read here from the
 * database, never taken from the browser, so a snapshot cannot be used to publish invented data.
 *
 * Reading one snapshot by its id is public (the permalink), but its note only when the person sharing
 * made it the public caption: otherwise the note is the team's own (readers with snapshots:list). Making
 * one, listing them all and comparing one with today's data need permissions (lib/auth/permissions.ts),
 * checked here first.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import { can, type Actor } from "../auth/roles";
import { read, write } from "../database";
import { toPlain } from "../db/values";
import { toInteger } from "../db/params";
import { getSubgraph } from "../explore/entities";
import { readSubgraphInBatches } from "../explore/large-subgraph";
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from "../errors";
import type { PositionedGraph } from "../graph/positioned";
import { compareGraphs } from "./compare";
import { SNAPSHOT_LABEL } from "./schema";
import {
  originSchema,
  styleSchema,
  viewportSchema,
  type CreatedSnapshot,
  type Snapshot,
  type SnapshotComparison,
  type SnapshotSummary,
} from "./model";
import type { z } from "zod";
import type { createSnapshotSchema } from "./model";


type CreateSnapshot = z.output<typeof createSnapshotSchema>;

const hashKey = (key: string) => createHash("sha256").update(key).digest();

export function snapshotPath(id: string): string {
  return `/s/${id}`;
}

/**
 * Copies the current data of what is on screen, with its positions, under a new unguessable id: one write
 * transaction reads the entities, stores the copy and returns what it stored (the caller's transaction
 * when there is one: an idempotent request's, lib/idempotency.ts). Read and write in one transaction also
 * means the copy cannot miss an entity deleted between them.
 */
export async function createSnapshot(actor: Actor, input: CreateSnapshot, outer?: ManagedTransaction): Promise<CreatedSnapshot> {
  requirePermission(actor, "snapshots:create");
  // Every role that may share may read the graph; checked here since the read below runs in our transaction.
  requirePermission(actor, "graph:read");
  const id = randomBytes(16).toString("base64url");
  const revokeKey = randomBytes(24).toString("base64url");
  const store = (tx: ManagedTransaction) => storeSnapshot(tx, id, hashKey(revokeKey).toString("hex"), input);
  const snapshot = outer ? await store(outer) : await write(store);
  return { snapshot, path: snapshotPath(id), revokeKey };
}

async function storeSnapshot(tx: ManagedTransaction, id: string, revokeKeyHash: string, input: CreateSnapshot): Promise<SnapshotSummary> {
  // Up to 20,000 entities: read in batches rather than as one row (lib/explore/large-subgraph.ts).
  const live = await readSubgraphInBatches(tx, input.nodes.map((node) => node.id));
  if (live.missing.length > 0) {
    throw new ConflictError(
      `${live.missing.length === 1 ? "One entity" : `${live.missing.length} entities`} on screen no longer ` +
        `exist (${live.missing.slice(0, 5).join(", ")}). Reload the view and share again.`,
    );
  }
  const positions = new Map(input.nodes.map((node) => [node.id, { x: node.x, y: node.y }]));
  const drawn = input.edges ? new Set(input.edges) : null;
  const graph: PositionedGraph = {
    nodes: live.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? { x: 0, y: 0 } })),
    edges: live.edges.filter((edge) => drawn === null || drawn.has(edge.id)),
  };
  const result = await tx.run(
    `CREATE (s:${SNAPSHOT_LABEL} {id: $id})
     SET s += $properties, s.createdAt = datetime()
     RETURN ${SUMMARY_FIELDS} AS s`,
    {
      id,
      properties: {
        title: input.title,
        note: input.note,
        noteIsCaption: input.noteIsCaption,
        revokeKeyHash,
        graphJson: JSON.stringify(graph),
        viewportJson: JSON.stringify(input.viewport),
        originJson: JSON.stringify(input.origin),
        styleJson: JSON.stringify(input.style),
        knownEdgeIdsJson: JSON.stringify(live.edges.map((edge) => edge.id)),
        nodeCount: toInteger(graph.nodes.length),
        edgeCount: toInteger(graph.edges.length),
      },
    },
  );
  return toSummary(result.records[0]!.get("s") as Properties);
}

type Properties = Record<string, unknown>;

function text(value: unknown): string {
  const plain = toPlain(value);
  return typeof plain === "string" ? plain : "";
}

function toSummary(s: Properties): SnapshotSummary {
  const revokedAt = toPlain(s.revokedAt);
  const origin = originSchema.safeParse(JSON.parse(text(s.originJson) || "{}"));
  return {
    id: text(s.id),
    title: text(s.title),
    note: text(s.note),
    noteIsCaption: toPlain(s.noteIsCaption) === true,
    createdAt: text(s.createdAt),
    revokedAt: typeof revokedAt === "string" ? revokedAt : null,
    nodeCount: Number(toPlain(s.nodeCount)),
    edgeCount: Number(toPlain(s.edgeCount)),
    origin: origin.success ? origin.data : { kind: "explorer" },
  };
}

const SUMMARY_FIELDS = "s {.id, .title, .note, .noteIsCaption, .createdAt, .revokedAt, .nodeCount, .edgeCount, .originJson}";

async function findFull(tx: ManagedTransaction, id: string): Promise<Properties | null> {
  const result = await tx.run(`MATCH (s:${SNAPSHOT_LABEL} {id: $id}) RETURN properties(s) AS s`, { id });
  return (result.records[0]?.get("s") as Properties | undefined) ?? null;
}

export const revokedMessage = "This link was revoked by the person who shared it. The snapshot is no longer available.";

/**
 * Whether this reader may read a snapshot's private note: the team's own, like the list of shared links
 * (any signed-in role), not whoever holds the permalink.
 */
export function mayReadPrivateNote(reader: Actor): boolean {
  return can(reader, "snapshots:list");
}

/** The summary as this reader may see it: a private note is blanked for anyone outside the team. */
function forReader<T extends SnapshotSummary>(reader: Actor, snapshot: T): T {
  return snapshot.noteIsCaption || mayReadPrivateNote(reader) ? snapshot : { ...snapshot, note: "" };
}

/** A snapshot's stored record as it is in the database, for any reader: shape it with snapshotFor. */
export type StoredSnapshot = Properties;

/** The one read of a snapshot's record (null: no snapshot has this id). */
export function readStoredSnapshot(id: string): Promise<StoredSnapshot | null> {
  return read((tx) => findFull(tx, id));
}

/**
 * The snapshot as shared, for this reader (a private note only for the team), from its stored record.
 * Unknown: 404. Revoked: 410, and nothing of it is returned.
 */
export function snapshotFor(reader: Actor, id: string, s: StoredSnapshot | null): Snapshot {
  if (!s) throw new NotFoundError(`No snapshot has the id "${id}".`);
  const summary = forReader(reader, toSummary(s));
  if (summary.revokedAt) throw new GoneError(revokedMessage);
  const viewport = viewportSchema.safeParse(JSON.parse(text(s.viewportJson) || "null"));
  const style = styleSchema.safeParse(JSON.parse(text(s.styleJson) || "null"));
  return {
    ...summary,
    graph: JSON.parse(text(s.graphJson)) as PositionedGraph,
    viewport: viewport.success ? viewport.data : { x1: -500, y1: -500, x2: 500, y2: 500 },
    style: style.success ? style.data : styleSchema.parse(undefined),
  };
}

/** The snapshot as shared, for this reader: one read, then snapshotFor. */
export async function getSnapshot(reader: Actor, id: string): Promise<Snapshot> {
  return snapshotFor(reader, id, await readStoredSnapshot(id));
}

export type SnapshotState = "active" | "revoked" | "missing";

/** The state of a stored record (null: no snapshot has the id), as the proxy answers for it (410 when revoked). */
export function snapshotStateOf(stored: StoredSnapshot | null): SnapshotState {
  if (!stored) return "missing";
  return stored.revokedAt === null || stored.revokedAt === undefined ? "active" : "revoked";
}

export async function listSnapshots(actor: Actor, limit = 500): Promise<SnapshotSummary[]> {
  requirePermission(actor, "snapshots:list");
  const records = await read(async (tx) =>
    (await tx.run(`MATCH (s:${SNAPSHOT_LABEL}) RETURN ${SUMMARY_FIELDS} AS s ORDER BY s.createdAt DESC LIMIT $limit`, { limit: toInteger(limit) }))
      .records,
  );
  return records.map((record) => toSummary(record.get("s") as Properties));
}

/**
 * Revokes a link for whoever holds its revoke key (the browser that shared it keeps it), or for an admin
 * without it. Revoking twice is fine; a wrong or missing key is a 403 (401 when signed out and keyless)
 * and changes nothing.
 *
 * One statement in one write transaction: it revokes and returns the summary with the key's stored hash.
 * The key is checked (in constant time) before that transaction commits; a refusal throws, and the
 * transaction rolls back, so nothing changed. No read before the write, none after it.
 */
export async function revokeSnapshot(actor: Actor, id: string, revokeKey: string | undefined): Promise<SnapshotSummary> {
  const summary = await write(async (tx) => {
    const record = (
      await tx.run(
        `MATCH (s:${SNAPSHOT_LABEL} {id: $id})
         SET s.revokedAt = coalesce(s.revokedAt, datetime())
         RETURN ${SUMMARY_FIELDS} AS s, s.revokeKeyHash AS hash`,
        { id },
      )
    ).records[0];
    if (!record) throw new NotFoundError(`No snapshot has the id "${id}".`);
    mayRevoke(actor, text(record.get("hash")), revokeKey);
    return toSummary(record.get("s") as Properties);
  });
  // Holding the key is not being on the team: a private note stays the team's.
  return forReader(actor, summary);
}

/** Throws unless this actor may revoke a snapshot whose key hashes to `storedHash` (hex), with this key. */
function mayRevoke(actor: Actor, storedHash: string, revokeKey: string | undefined): void {
  if (revokeKey === undefined) {
    requirePermission(actor, "snapshots:revoke-any");
  } else if (!can(actor, "snapshots:revoke-any")) {
    const expected = Buffer.from(storedHash, "hex");
    const given = hashKey(revokeKey);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new ForbiddenError("This key does not revoke this snapshot. Only the person who shared it, or an admin, can revoke it.");
    }
  }
}

/** The snapshot against today's data of the same entities (only those: nothing beyond the snapshot). */
export async function compareSnapshot(actor: Actor, id: string): Promise<SnapshotComparison> {
  // Today's data is the live graph, not the snapshot: only for those who may read the graph.
  requirePermission(actor, "graph:read");
  const snapshot = await getSnapshot(actor, id);
  const known = await read(async (tx) =>
    (await tx.run(`MATCH (s:${SNAPSHOT_LABEL} {id: $id}) RETURN s.knownEdgeIdsJson AS known`, { id })).records[0],
  );
  const knownEdgeIds = JSON.parse(text(known?.get("known")) || "[]") as string[];
  const live = await getSubgraph(actor, snapshot.graph.nodes.map((node) => node.id));
  return compareGraphs(snapshot.graph, live, knownEdgeIds);
}
