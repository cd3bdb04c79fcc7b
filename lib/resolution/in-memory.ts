/**
 * Match profiles of a graph held in memory (entities and relationships as an import maps them), for
 * matching a file before or without a database: the labelled-pairs test and the benchmark use it on the
 * FtM donations. The same fields as lib/resolution/profiles.ts reads from Neo4j. Pure.
 */
import { identifiersFromId, TYPE_GROUPS, type MatchProfile } from "./profile";

type Row = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

export function profilesOfGraph(entities: readonly Row[], relationships: readonly Row[], dataset: string): MatchProfile[] {
  const names = new Map(entities.map((entity) => [String(entity.id), text(entity.name)]));
  const addressOf = new Map<string, string>();
  const neighbours = new Map<string, string[]>();
  for (const relationship of relationships) {
    const from = String(relationship.from);
    const to = String(relationship.to);
    if (relationship.type === "HAS_ADDRESS" && names.get(to)) addressOf.set(from, names.get(to)!);
    for (const [a, b] of [[from, to], [to, from]] as const) neighbours.set(a, [...(neighbours.get(a) ?? []), b].slice(0, 50));
  }
  return entities
    .filter((entity) => TYPE_GROUPS[String(entity.type)] !== undefined)
    .map((entity): MatchProfile => {
      const id = String(entity.id);
      return {
        id,
        type: String(entity.type),
        name: text(entity.name) ?? id,
        aliases: strings(entity.aliases),
        datasets: [dataset],
        country: text(entity.country),
        address: entity.type === "Address" ? text(entity.name) : (addressOf.get(id) ?? null),
        birthDate: text(entity.birthDate),
        identifiers: identifiersFromId(id),
        neighbours: neighbours.get(id) ?? [],
      };
    });
}
