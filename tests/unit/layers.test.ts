/**
 * The layer rule (eslint.config.mjs, import/no-restricted-paths) fails on an import against the layers'
 * direction. Each case lints a small file that is not on disk, as if it stood at the given path, and
 * expects the rule's error; each has a twin that imports along the direction and must pass, so the rule
 * is not simply always on.
 */
import path from "node:path";
import { ESLint } from "eslint";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

/** The messages of the layer rules for `code` linted as the file at `filePath` (from the repository root). */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "import/no-restricted-paths" || message.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((message) => message.message);
}

// ESLint loads the Next.js configuration and the TypeScript resolver on its first call.
const SLOW = 120_000;

describe("the layer rule", () => {
  it("refuses lib/db importing a feature (lib/queries), and allows it the configuration", { timeout: SLOW }, async () => {
    const backward = await layerErrors("lib/db/backward.ts", 'import { createSavedQuery } from "../queries/store";\nvoid createSavedQuery;\n');
    expect(backward).toHaveLength(1);
    expect(backward[0]).toMatch(/"\.\.\/queries\/store" imported in restricted zone.*lib\/db is the bottom layer/);
    expect(await layerErrors("lib/db/backward.ts", 'import { getConfig } from "../config";\nvoid getConfig;\n')).toEqual([]);
  });

  it("refuses the pure lib/graph importing lib/db, and allows it the registry", { timeout: SLOW }, async () => {
    expect(await layerErrors("lib/graph/backward.ts", 'import { toPlain } from "../db/values";\nvoid toPlain;\n')).toHaveLength(1);
    expect(await layerErrors("lib/graph/backward.ts", 'import { ENTITY_TYPES } from "../model/registry";\nvoid ENTITY_TYPES;\n')).toEqual([]);
  });

  it("refuses lib/auth/roles.ts importing anything of lib", { timeout: SLOW }, async () => {
    expect(await layerErrors("lib/auth/roles.ts", 'import { ForbiddenError } from "../errors";\nvoid ForbiddenError;\n')).toHaveLength(1);
  });

  it("refuses lib importing the routes, the components or graph-seed", { timeout: SLOW }, async () => {
    expect(await layerErrors("lib/explore/backward.ts", 'import { GET } from "@/app/api/search/route";\nvoid GET;\n')).toHaveLength(1);
    expect(await layerErrors("lib/explore/backward.ts", 'import { SearchBox } from "@/components/search/SearchBox";\nvoid SearchBox;\n')).toHaveLength(1);
    expect(await layerErrors("lib/explore/backward.ts", 'import { seedEntities } from "@/graph-seed/seed-story";\nvoid seedEntities;\n')).toHaveLength(1);
  });

  it("refuses graph-seed to every lib module, lib/database.ts included (the old exception is gone)", { timeout: SLOW }, async () => {
    expect(await layerErrors("lib/database.ts", 'import { loadSeedStory } from "../graph-seed/load";\nvoid loadSeedStory;\n')).toHaveLength(1);
    expect(await layerErrors("lib/backward.ts", 'import { starterQueries } from "@/graph-seed/starter-queries";\nvoid starterQueries;\n')).toHaveLength(1);
  });

  it("refuses a route or a component importing graph-seed, and allows them lib", { timeout: SLOW }, async () => {
    expect(await layerErrors("app/api/backward/route.ts", 'import { starterQueries } from "@/graph-seed/starter-queries";\nvoid starterQueries;\n')).toHaveLength(1);
    expect(await layerErrors("components/Backward.tsx", 'import { legisMapping } from "@/graph-seed/mappings";\nvoid legisMapping;\n')).toHaveLength(1);
    expect(await layerErrors("components/Backward.tsx", 'import { ENTITY_TYPES } from "@/lib/model/registry";\nvoid ENTITY_TYPES;\n')).toEqual([]);
  });

  it("refuses a component importing a server-only module's values, and allows its types", { timeout: SLOW }, async () => {
    const value = await layerErrors("components/Backward.tsx", 'import { runRead } from "@/lib/db/session";\nvoid runRead;\n');
    expect(value).toHaveLength(1);
    expect(value[0]).toMatch(/server-only module/);
    expect(await layerErrors("components/Backward.tsx", 'import type { Work } from "@/lib/db/session";\nexport type W = Work<number>;\n')).toEqual([]);
  });
});
