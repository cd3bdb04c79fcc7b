/**
 * Who may do what: the roles and one permission table, shared by the server and the browser. Pure (it imports
 * nothing), so a client component can hide what a role cannot do without pulling server code into its bundle.
 * The check that counts is the server's: lib/auth/permissions.ts (requirePermission), called by the data-access
 * layer (lib/queries/store.ts, lib/snapshots/store.ts, lib/import/jobs.ts, the graph reads) before it touches
 * the database. Route handlers only say who is asking (an Actor).
 *
 * Public always, and so not in the table: a permalink (/s/{id}, /embed/{id}, GET /api/snapshots/{id} and
 * its image), which shows that snapshot and nothing more, and /api/health.
 */
export const ROLES = ["viewer", "editor", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person as the permission check needs them; lib/auth/users.ts reads the rest. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** Whoever is asking: a signed-in, enabled user, or nobody (signed out). */
export interface Actor {
  user: SessionUser | null;
  /**
   * For a signed-out actor: whether this instance lets signed-out visitors read the graph, as
   * lib/auth/session.ts found it (lib/settings/instance.ts: REDSTRING_PUBLIC_READ, else the admins'
   * switch). Absent means no, so an actor made anywhere else is private by default.
   */
  publicRead?: boolean;
}

export const SIGNED_OUT: Actor = { user: null };

/** "public-read": signed-in users of any role, and signed-out visitors when the instance allows it (actor.publicRead). */
type Rule = readonly Role[] | "public-read";

export const PERMISSIONS = {
  /** Search, explore, entity details, paths, whole-graph export, the saved-query library and its runs. */
  "graph:read": "public-read",
  /** The list of every shared link: the newsroom's own, not for whoever holds one permalink. */
  "snapshots:list": ["viewer", "editor", "analyst", "admin"],
  /** Publishing a permalink puts the newsroom's data in public: not for viewers. */
  "snapshots:create": ["editor", "analyst", "admin"],
  /** Revoking any link without its key (the key's holder may always revoke their own link). */
  "snapshots:revoke-any": ["admin"],
  /**
   * Keeping one's own workspaces (views too big for a URL) and opening one a colleague shared by link,
   * read-only. Only the owner changes one (lib/workspaces/store.ts); members arrive with investigations.
   */
  "workspaces:own": ["viewer", "editor", "analyst", "admin"],
  /** Reading anyone's workspace by its id, whoever owns it (admins look after the instance). */
  "workspaces:read-any": ["admin"],
  /** Draft Cypher (/api/run-query) and creating, editing, deleting, restoring, duplicating saved queries. */
  "queries:write": ["analyst", "admin"],
  /** Uploads, starting an import, and watching import jobs. */
  "imports:write": ["editor", "admin"],
  /** Creating, editing, deleting and merging entities and relationships, and reverting recorded changes. */
  "graph:edit": ["editor", "admin"],
  /** The audit trail (who changed what): names of colleagues are the newsroom's own, not public. */
  "changes:read": ["viewer", "editor", "analyst", "admin"],
  "users:manage": ["admin"],
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

/** What each permission lets one do, as the end of a sentence ("Sign in to share snapshots."). */
export const PERMISSION_ACTIONS: Record<Permission, string> = {
  "graph:read": "read the graph",
  "snapshots:list": "see the list of shared links",
  "snapshots:create": "share snapshots",
  "snapshots:revoke-any": "revoke other people's links",
  "workspaces:own": "keep workspaces",
  "workspaces:read-any": "read other people's workspaces",
  "queries:write": "write or change queries",
  "imports:write": "import data",
  "graph:edit": "edit the graph",
  "changes:read": "see the history of changes",
  "users:manage": "manage users",
};

export function can(actor: Actor, permission: Permission): boolean {
  const rule: Rule = PERMISSIONS[permission];
  if (rule === "public-read") return actor.user !== null || actor.publicRead === true;
  return actor.user !== null && rule.includes(actor.user.role);
}

/** The roles a permission is given to, for messages ("Needs the analyst or admin role."). */
export function rolesOf(permission: Permission): readonly Role[] {
  const rule: Rule = PERMISSIONS[permission];
  return rule === "public-read" ? ROLES : rule;
}

/** Everything the actor may do, for the browser to hide or disable what it cannot. */
export function permissionsOf(actor: Actor): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(actor, permission));
}
