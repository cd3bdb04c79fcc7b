/** The browser's reading of the permission table: allowed or not, and the reason it gives. */
import { canFrom, rolesNeeded } from "@/lib/auth/client";
import { meFor } from "../support/me";

describe("canFrom", () => {
  it("is loading, not allowed and silent until the user is known", () => {
    expect(canFrom(null, "queries:write")).toEqual({ allowed: false, loading: true, reason: null, fix: null });
  });

  it("allows what the role's permissions list", () => {
    expect(canFrom(meFor("analyst"), "queries:write")).toEqual({ allowed: true, loading: false, reason: null, fix: null });
    expect(canFrom(meFor("signed out"), "graph:read").allowed).toBe(true);
  });

  it("names the roles from the table and says to ask an admin", () => {
    expect(canFrom(meFor("viewer"), "queries:write")).toMatchObject({
      allowed: false,
      reason: "Needs the analyst or admin role to write or change queries — ask an admin.",
      fix: "ask-admin",
    });
    expect(rolesNeeded("snapshots:create")).toBe("the editor, analyst or admin role");
    expect(rolesNeeded("users:manage")).toBe("the admin role");
  });

  it("tells a signed-out visitor to sign in, or to set up the first account", () => {
    expect(canFrom(meFor("signed out"), "snapshots:create")).toMatchObject({ reason: "Sign in to share snapshots.", fix: "sign-in" });
    expect(canFrom({ ...meFor("signed out"), needsSetup: true }, "imports:write")).toMatchObject({ reason: "Set up the first account to import data.", fix: "set-up" });
    expect(canFrom(meFor("signed out", { publicRead: false }), "graph:read")).toMatchObject({ allowed: false, reason: "Sign in to read the graph." });
  });

  it("treats an answer without a permission list as no permission", () => {
    expect(canFrom({ user: null, needsSetup: false } as never, "graph:read").allowed).toBe(false);
  });
});
