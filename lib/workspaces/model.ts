/**
 * Workspaces: an explorer view too big for a URL, kept on the server at /w/{id}: its entity ids, their
 * positions, what is pinned and hidden, the filters, the layout and the viewport. Shapes and input schemas
 * shared by the server and the browser; nothing here touches the database (lib/workspaces/store.ts does).
 *
 * A workspace is owned (`ownerId`) and carries `memberIds`, empty for now: the hook for investigations
 * (case folders with members), whose access rules will widen who may read and edit it (store.ts says where).
 */
import { z } from "zod";
import { MAX_LARGE_VIEW_IDS } from "../api-schemas";
import { EDGE_WIDTH_MODES } from "../graph/elements";
import { LAYOUTS } from "../graph/layouts";
import { NO_DATASET, DEFAULT_CONTROLS, type ViewControls } from "../explore/view-state";
import { ENTITY_TYPES, RELATIONSHIP_TYPES, entityIdSchema } from "../model/registry";

/** 128 random bits, base64url: 22 characters, like a snapshot's permalink. */
export const workspaceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, "a workspace id is 22 letters, digits, '-' or '_'");

/** The most entities a workspace holds: what the explorer can still draw and lay out on a laptop. */
export const MAX_WORKSPACE_NODES = MAX_LARGE_VIEW_IDS;

const finite = z.number().finite();
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const titleSchema = z.string().trim().min(1, "give the workspace a title").max(120, "the title is longer than 120 characters");

/** Entity ids, each valid, without repeats (a repeat is dropped, not an error: order of first appearance). */
const idList = (what: string) =>
  z
    .array(entityIdSchema)
    .max(MAX_WORKSPACE_NODES, `${what} lists at most ${MAX_WORKSPACE_NODES} entities`)
    .transform((ids) => [...new Set(ids)]);

/** Where each node was drawn, in model coordinates, by entity id. Nodes without one are laid out when opened. */
export const positionsSchema = z
  .record(entityIdSchema, z.object({ x: finite, y: finite }).strict())
  .refine((positions) => Object.keys(positions).length <= MAX_WORKSPACE_NODES, `at most ${MAX_WORKSPACE_NODES} positions`);
export type WorkspacePositions = z.infer<typeof positionsSchema>;

/** What Cytoscape needs to show the same part of the picture again: its zoom and pan. */
export const workspaceViewportSchema = z.object({ zoom: finite.positive(), pan: z.object({ x: finite, y: finite }).strict() }).strict();
export type WorkspaceViewport = z.infer<typeof workspaceViewportSchema>;

/**
 * The view's filters and layout: lib/explore/view-state.ts's ViewControls without the per-node lists
 * (hidden and pinned are stored beside the nodes, as lists that may be long).
 */
export const filtersSchema = z
  .object({
    hiddenTypes: z.array(z.enum(ENTITY_TYPES)).default([]),
    hiddenRelationships: z.array(z.enum(RELATIONSHIP_TYPES)).default([]),
    hiddenDatasets: z.array(z.union([z.literal(NO_DATASET), entityIdSchema])).max(100).default([]),
    from: z.string().regex(DATE).nullable().default(null),
    to: z.string().regex(DATE).nullable().default(null),
    layout: z.enum(LAYOUTS).default("force"),
    edgeWidth: z.enum(EDGE_WIDTH_MODES).default("sources"),
  })
  .strict();
export type WorkspaceFilters = z.output<typeof filtersSchema>;

export const createWorkspaceSchema = z
  .object({
    title: titleSchema,
    nodes: idList("nodes").pipe(z.array(z.string()).min(1, "a workspace needs at least one entity")),
    positions: positionsSchema.optional(),
    pinned: idList("pinned").default([]),
    hidden: idList("hidden").default([]),
    filters: filtersSchema.optional(),
    viewport: workspaceViewportSchema.nullable().default(null),
    selected: entityIdSchema.nullable().default(null),
  })
  .strict();
export type CreateWorkspaceInput = z.input<typeof createWorkspaceSchema>;
export type CreateWorkspace = z.output<typeof createWorkspaceSchema>;

/**
 * A change: the version it was made from (optimistic concurrency: a stale one is a 409) and the parts
 * that changed. `positions` are merged into the stored ones (a moved node sends only itself... or all);
 * nodes taken out lose their position, pin and hiding.
 */
export const updateWorkspaceSchema = z
  .object({
    version: z.number().int().min(1, "version is the number the workspace was read at"),
    title: titleSchema.optional(),
    nodes: idList("nodes").optional(),
    positions: positionsSchema.optional(),
    pinned: idList("pinned").optional(),
    hidden: idList("hidden").optional(),
    filters: filtersSchema.optional(),
    viewport: workspaceViewportSchema.nullable().optional(),
    selected: entityIdSchema.nullable().optional(),
  })
  .strict();
export type UpdateWorkspaceInput = z.input<typeof updateWorkspaceSchema>;
export type UpdateWorkspace = z.output<typeof updateWorkspaceSchema>;

export interface WorkspaceSummary {
  id: string;
  title: string;
  ownerId: string;
  /** Empty until investigations: the people besides the owner who may work in it. */
  memberIds: string[];
  nodeCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Workspace extends WorkspaceSummary {
  nodes: string[];
  positions: WorkspacePositions;
  pinned: string[];
  hidden: string[];
  filters: WorkspaceFilters;
  viewport: WorkspaceViewport | null;
  selected: string | null;
  /** Whether the reader may change it (the owner); everyone else who holds the link reads it. */
  canEdit: boolean;
}

export interface CreatedWorkspace {
  id: string;
  path: string;
  version: number;
}

export const DEFAULT_FILTERS: WorkspaceFilters = filtersSchema.parse({});

export function workspacePath(id: string): string {
  return `/w/${id}`;
}

export function isWorkspaceId(value: string): boolean {
  return workspaceIdSchema.safeParse(value).success;
}

/** A workspace's filters and lists as the explorer's controls (lib/explore/view-state.ts). */
export function controlsOf(workspace: Pick<Workspace, "filters" | "hidden" | "pinned">): ViewControls {
  return { ...DEFAULT_CONTROLS, ...workspace.filters, hidden: workspace.hidden, pinned: workspace.pinned };
}

/** The explorer's controls split into what a workspace stores. */
export function filtersOf(controls: ViewControls): WorkspaceFilters {
  return {
    hiddenTypes: controls.hiddenTypes,
    hiddenRelationships: controls.hiddenRelationships,
    hiddenDatasets: controls.hiddenDatasets,
    from: controls.from,
    to: controls.to,
    layout: controls.layout,
    edgeWidth: controls.edgeWidth,
  };
}
