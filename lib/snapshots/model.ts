/**
 * Snapshots: frozen copies of a subgraph as it was drawn, behind an unguessable permalink (/s/{id}).
 * Shapes and input schemas shared by the server and the browser; nothing here touches the database.
 */
import { z } from "zod";
import { MAX_LARGE_VIEW_IDS } from "../api-schemas";
import type { GraphEdge, GraphNode } from "../graph/types";
import type { PositionedGraph } from "../graph/positioned";
import { EDGE_WIDTH_MODES } from "../graph/elements";
import { entityIdSchema, ENTITY_TYPES, RELATIONSHIP_TYPES } from "../model/registry";

/** 128 random bits, base64url: 22 characters. */
export const snapshotIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, "a snapshot id is 22 letters, digits, '-' or '_'");

/**
 * What one snapshot may hold: a whole workspace (lib/workspaces/model.ts), 20,000 entities, and the
 * relationships among them that such a view draws.
 */
export const MAX_SNAPSHOT_NODES = MAX_LARGE_VIEW_IDS;
export const MAX_SNAPSHOT_EDGES = 100_000;

const finite = z.number().finite();

/** The part of the graph that was on screen, in model coordinates: reopened, it fills the screen again. */
export const viewportSchema = z.object({ x1: finite, y1: finite, x2: finite, y2: finite }).strict();
export type SnapshotViewport = z.infer<typeof viewportSchema>;

/** Where the picture came from, so it can be traced and continued. */
export const originSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("explorer") }).strict(),
  z
    .object({
      kind: z.literal("query"),
      /** Absent for an unsaved draft. */
      queryId: z.string().max(64).nullable(),
      version: z.number().int().min(1).nullable(),
      title: z.string().max(120),
      values: z.record(z.string().max(64), z.string().max(1_000)),
    })
    .strict(),
]);
export type SnapshotOrigin = z.infer<typeof originSchema>;

/**
 * The visible filters and styles of the view when it was shared: hidden types, the event date range, the
 * layout and what edge widths say. (Hidden elements are not in the snapshot at all; this records why.)
 */
export const styleSchema = z
  .object({
    hiddenTypes: z.array(z.enum(ENTITY_TYPES)).default([]),
    hiddenRelationships: z.array(z.enum(RELATIONSHIP_TYPES)).default([]),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
    layout: z.string().max(20).default("force"),
    edgeWidth: z.enum(EDGE_WIDTH_MODES).default("sources"),
  })
  .strict()
  .default({ hiddenTypes: [], hiddenRelationships: [], from: null, to: null, layout: "force", edgeWidth: "sources" });
export type SnapshotStyle = z.infer<typeof styleSchema>;

export const createSnapshotSchema = z
  .object({
    title: z.string().trim().min(1, "give the snapshot a title").max(120, "the title is longer than 120 characters"),
    note: z.string().trim().max(2_000, "the note is longer than 2000 characters").default(""),
    /** The note is the public caption: shown to everyone and put in link previews. Otherwise it is private. */
    noteIsCaption: z.boolean().default(false),
    nodes: z
      .array(z.object({ id: entityIdSchema, x: finite, y: finite }).strict())
      .min(1, "there is nothing on screen to share")
      .max(MAX_SNAPSHOT_NODES, `a snapshot holds at most ${MAX_SNAPSHOT_NODES} entities`),
    /** The relationships drawn; absent: every relationship among the nodes. */
    edges: z.array(z.string().min(1).max(200)).max(MAX_SNAPSHOT_EDGES).optional(),
    viewport: viewportSchema,
    origin: originSchema.default({ kind: "explorer" }),
    style: styleSchema,
  })
  .strict();
export type CreateSnapshotInput = z.input<typeof createSnapshotSchema>;

export interface SnapshotSummary {
  id: string;
  title: string;
  /**
   * The person sharing's note. Private (only signed-in team members read it; "" for everyone else)
   * unless noteIsCaption, which makes it the public caption of the link and its previews.
   */
  note: string;
  noteIsCaption: boolean;
  createdAt: string;
  revokedAt: string | null;
  nodeCount: number;
  edgeCount: number;
  origin: SnapshotOrigin;
}

export interface Snapshot extends SnapshotSummary {
  graph: PositionedGraph;
  viewport: SnapshotViewport;
  style: SnapshotStyle;
}

/** What creating a snapshot answers: the link, and the key that can revoke it (shown once, never stored in clear). */
export interface CreatedSnapshot {
  snapshot: SnapshotSummary;
  path: string;
  revokeKey: string;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** A snapshot against today's data: per element, what changed since it was taken. */
export interface SnapshotComparison {
  comparedAt: string;
  nodes: {
    removed: string[];
    changed: { id: string; name: string; changes: FieldChange[] }[];
  };
  edges: {
    removed: string[];
    changed: { id: string; changes: FieldChange[] }[];
    /** Relationships among the snapshot's entities that exist now and did not then. */
    added: GraphEdge[];
  };
  /** Entities at the ends of added relationships, as they are now (all within the snapshot). */
  liveNodes: GraphNode[];
}

// Without a key, only an admin may revoke (lib/snapshots/store.ts).
export const revokeSnapshotSchema = z.object({ revokeKey: z.string().min(1).max(200).optional() }).strict();

/** A permalink's id as typed in an address: a malformed one is simply a link to nothing (404). */
export function isSnapshotId(value: string): boolean {
  return snapshotIdSchema.safeParse(value).success;
}
