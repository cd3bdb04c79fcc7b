/**
 * Checks a graph (entities + relationships) in memory, with the one validator every graph input goes
 * through: the import pipeline (lib/import/pipeline.ts) run against an empty store, so the graph must
 * stand on its own (every end and every cited Report in it). Schemas, ids, allowed endpoint types and
 * sources are checked exactly as for a file on the Data page, and nothing is written anywhere.
 * Returns every problem at once, so a bad data file is fixed in one go.
 */
import { graphInputSource } from "../lib/import/graph-input";
import { runImport } from "../lib/import/pipeline";
import type { ImportStore } from "../lib/import/store";
import type { EntityInput, GraphInput, RelationshipInput } from "../lib/model/registry";

/** A store where nothing exists yet; it keeps what the pipeline would write, by id. */
function emptyStore() {
  const entities = new Map<string, EntityInput>();
  const relationships = new Map<string, RelationshipInput>();
  const keepNew = <T extends { id: string }>(kept: Map<string, T>, batch: readonly T[]) => {
    let created = 0;
    for (const item of batch) {
      if (kept.has(item.id)) continue;
      kept.set(item.id, item);
      created += 1;
    }
    return created;
  };
  const store: ImportStore = {
    entityTypes: async () => new Map(),
    writeEntities: async (_type, batch) => keepNew(entities, batch),
    writeRelationships: async (_type, batch) => keepNew(relationships, batch),
  };
  return { store, entities, relationships };
}

async function check(graph: GraphInput) {
  const target = emptyStore();
  const result = await runImport(graphInputSource("graph", graph), { store: target.store, sourceReport: null, keepProblems: Number.MAX_SAFE_INTEGER });
  return { problems: result.problems.map((problem) => problem.reason), ...target };
}

/** Every problem of the graph, in the pipeline's words; [] when it would be imported as it is. */
export async function validateGraphInput(graph: GraphInput): Promise<string[]> {
  return (await check(graph)).problems;
}

/**
 * The graph as the pipeline would write it (schemas applied: trimmed text, defaults), in the input's
 * order, or an Error listing every problem.
 */
export async function parseGraphInput(graph: GraphInput): Promise<GraphInput> {
  const { problems, entities, relationships } = await check(graph);
  if (problems.length > 0) throw new Error(`The graph data is invalid:\n- ${problems.join("\n- ")}`);
  const inOrder = <T extends { id: string }>(kept: Map<string, T>, ids: string[]) =>
    [...new Set(ids)].flatMap((id) => (kept.has(id) ? [kept.get(id)!] : []));
  return {
    entities: inOrder(entities, graph.entities.map((entity) => entity.id)),
    relationships: inOrder(relationships, graph.relationships.map((relationship) => relationship.id)),
  };
}
