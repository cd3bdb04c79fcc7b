import { MAX_VIEW_IDS } from "@/lib/api-schemas";
import { DEFAULT_CONTROLS } from "@/lib/explore/view-state";
import {
  MAX_WORKSPACE_NODES,
  controlsOf,
  createWorkspaceSchema,
  filtersOf,
  isWorkspaceId,
  updateWorkspaceSchema,
  workspacePath,
} from "@/lib/workspaces/model";

const ids = (count: number) => Array.from({ length: count }, (_, index) => `company-${index}`);

describe("workspace schemas", () => {
  it("takes up to 20,000 entities, far past the URL's cap, and drops repeats", () => {
    expect(MAX_WORKSPACE_NODES).toBeGreaterThan(MAX_VIEW_IDS);
    const parsed = createWorkspaceSchema.parse({ title: " Big ", nodes: [...ids(MAX_WORKSPACE_NODES - 1), "company-0"] });
    expect(parsed.title).toBe("Big");
    expect(parsed.nodes).toHaveLength(MAX_WORKSPACE_NODES - 1);
    expect(parsed.pinned).toEqual([]);
    expect(parsed.viewport).toBeNull();
  });

  it.each([
    ["one entity too many", { title: "t", nodes: ids(MAX_WORKSPACE_NODES + 1) }],
    ["a bad id", { title: "t", nodes: ["no spaces allowed"] }],
    ["no entity", { title: "t", nodes: [] }],
    ["no title", { title: "", nodes: ids(1) }],
    ["a position that is not a number", { title: "t", nodes: ids(1), positions: { "company-0": { x: Number.NaN, y: 0 } } }],
    ["a zoom of 0", { title: "t", nodes: ids(1), viewport: { zoom: 0, pan: { x: 0, y: 0 } } }],
    ["an unknown layout", { title: "t", nodes: ids(1), filters: { layout: "spiral" } }],
    ["an unknown field", { title: "t", nodes: ids(1), colour: "red" }],
  ])("refuses %s", (_, body) => {
    expect(createWorkspaceSchema.safeParse(body).success).toBe(false);
  });

  it("needs the version a change was made from", () => {
    expect(updateWorkspaceSchema.safeParse({ title: "t" }).success).toBe(false);
    expect(updateWorkspaceSchema.parse({ version: 3, hidden: ["company-1", "company-1"] })).toEqual({ version: 3, hidden: ["company-1"] });
  });

  it("splits the explorer's controls into filters and lists, and back", () => {
    const controls = { ...DEFAULT_CONTROLS, hidden: ["company-1"], pinned: ["company-2"], layout: "concentric" as const, from: "2020-01-01" };
    const filters = filtersOf(controls);
    expect(filters).not.toHaveProperty("hidden");
    expect(controlsOf({ filters, hidden: controls.hidden, pinned: controls.pinned })).toEqual(controls);
  });

  it("has 22-character ids and /w/ paths", () => {
    expect(isWorkspaceId("A".repeat(22))).toBe(true);
    expect(isWorkspaceId("../etc")).toBe(false);
    expect(workspacePath("abc")).toBe("/w/abc");
  });
});
