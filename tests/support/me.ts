/**
 * Who is signed in, for component tests: /api/auth/me as the server answers it for a role (from the one
 * permission table) or for a signed-out visitor (public reading on), and network handlers (MSW, tests/support/network.ts) that answer it.
 */
import { PERMISSIONS, type Permission, type Role } from "@/lib/auth/roles";
import type { Me } from "@/lib/auth/client";
import { answer, serveRequests } from "./network";

export type Who = Role | "signed out";

export function meFor(who: Who, options: { publicRead?: boolean } = {}): Me {
  const publicRead = options.publicRead ?? true;
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => {
    const rule: readonly Role[] | "public-read" = PERMISSIONS[permission];
    if (rule === "public-read") return who !== "signed out" || publicRead;
    return who !== "signed out" && rule.includes(who);
  });
  const user = who === "signed out" ? null : { id: `user-${who}`, email: `${who}@example.test`, name: `Test ${who}`, role: who };
  return { user, permissions, needsSetup: false };
}

/**
 * Serves the API at the HTTP level: /api/auth/me answers as `who`; every other request goes to `respond`
 * (a 404 when it has no answer). Returns the request recorder, to check what was (not) requested.
 */
export function stubApiAs(who: Who, respond: (url: URL) => Response | Promise<Response> | undefined = () => undefined, options: { publicRead?: boolean } = {}) {
  return serveRequests(async (url) => {
    if (url.pathname === "/api/auth/me") return answer(200, meFor(who, options));
    return (await respond(url)) ?? answer(404, { error: `No stub for ${url.pathname}` });
  });
}

/** The reasons as the interface words them, from lib/auth/client.ts. */
export const REASONS = {
  queriesWrite: "Needs the analyst or admin role to write or change queries — ask an admin.",
  share: "Needs the editor, analyst or admin role to share snapshots — ask an admin.",
  imports: "Needs the editor or admin role to import data — ask an admin.",
  revokeAny: "Needs the admin role to revoke other people's links — ask an admin.",
} as const;
