/**
 * docs/ARCHITECTURE.md names every node label and relationship type the code defines: a type added to the
 * registry, or a new internal record's label, fails here until the page says what it is; so does a new
 * module of lib/ or components/ until the page's layout names it.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { ENTITY_LABEL, ENTITY_TYPES, RELATIONSHIP_TYPES } from "@/lib/model/registry";

const ROOT = path.resolve(__dirname, "../..");
const page = readFileSync(path.join(ROOT, "docs/ARCHITECTURE.md"), "utf8");

/** Every `export const X_LABEL = "Name"` in lib: the labels of the app's own records. */
function internalLabels(): string[] {
  const labels: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith(".ts")) {
        for (const match of readFileSync(file, "utf8").matchAll(/export const \w+_LABEL = "(\w+)"/g)) labels.push(match[1]!);
      }
    }
  };
  visit(path.join(ROOT, "lib"));
  return labels;
}

/** Every TypeScript module under `dir`, as a path from the repository root. */
function modulesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return modulesUnder(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [file] : [];
  });
}

describe("docs/ARCHITECTURE.md", () => {
  it("names every module of lib/ and components/ in its layout", () => {
    const modules = [...modulesUnder("lib"), ...modulesUnder("components")];
    expect(modules.length).toBeGreaterThan(100);
    // By file name, as the layout lists a folder's modules ("store.ts", "GraphCanvas").
    const unnamed = modules.filter((file) => !page.includes(path.basename(file).replace(/\.tsx?$/, "")));
    expect(unnamed).toEqual([]);
  });

  it("names every entity type and relationship type of the registry", () => {
    // Named as `Type`, or in a pattern such as `(a)-[:ACTED_IN]->(b)`.
    const named = (name: string) => page.includes(`\`${name}\``) || page.includes(`[:${name}]`);
    const missing = [...ENTITY_TYPES, ...RELATIONSHIP_TYPES].filter((name) => !named(name));
    expect(missing).toEqual([]);
  });

  it("names the label of every internal record the code defines", () => {
    const labels = internalLabels();
    expect(labels).toContain(ENTITY_LABEL);
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.filter((label) => !page.includes(`\`${label}\``))).toEqual([]);
  });
});
