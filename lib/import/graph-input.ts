/**
 * A graph already in memory (the demo story of graph-seed/, a test's fixture, a Redstring JSON export
 * parsed elsewhere) as an import source, so it goes through the same validator and loader as every file
 * (pipeline.ts): one set of checks, one way of writing. Entities come first, then relationships; an
 * item's "line" is its 1-based place in its list, so a problem reads "line 12 of seed story
 * (relationships)".
 */
import type { GraphInput } from "../model/registry";
import type { ImportItem, ImportSource } from "./types";

export function graphInputSource(name: string, graph: GraphInput): ImportSource {
  const entityFile = `${name} (entities)`;
  const relationshipFile = `${name} (relationships)`;
  return {
    name,
    files: [entityFile, relationshipFile],
    totalBytes: 0,
    async *items(): AsyncIterable<ImportItem> {
      for (const [index, entity] of graph.entities.entries()) {
        yield { kind: "entity", entity: { ...entity }, file: entityFile, line: index + 1, index: 0 };
      }
      for (const [index, relationship] of graph.relationships.entries()) {
        yield { kind: "relationship", relationship: { ...relationship }, file: relationshipFile, line: index + 1, index: 0 };
      }
    },
  };
}
