/**
 * Checks a graph (entities + relationships) against the registry before anything is written: schemas,
 * allowed endpoint types, and that every cited source is a Report of the same graph.
 * Returns readable problems instead of throwing on the first one, so a bad data file is fixed in one go.
 */
import {
  checkEndpoints,
  entitySchemas,
  relationshipInputSchema,
  type EntityInput,
  type EntityType,
  type GraphInput,
} from "../lib/model/registry";
import { describeIssues } from "../lib/validation";

export function validateGraphInput(graph: GraphInput): string[] {
  const problems: string[] = [];
  const typeById = new Map<string, EntityType>();

  for (const entity of graph.entities) {
    const schema = entitySchemas[entity.type];
    const parsed = schema ? schema.safeParse(entity) : null;
    if (!parsed?.success) {
      const reason = parsed ? describeIssues(parsed.error) : "unknown type";
      problems.push(`entity ${entity.id}: ${reason}`);
      continue;
    }
    if (typeById.has(entity.id)) problems.push(`entity ${entity.id}: the id is used twice`);
    typeById.set(entity.id, entity.type);
  }

  const relationshipIds = new Set<string>();
  for (const relationship of graph.relationships) {
    const parsed = relationshipInputSchema.safeParse(relationship);
    if (!parsed.success) {
      problems.push(`relationship ${relationship.id}: ${describeIssues(parsed.error)}`);
      continue;
    }
    if (relationshipIds.has(relationship.id)) problems.push(`relationship ${relationship.id}: the id is used twice`);
    relationshipIds.add(relationship.id);

    const fromType = typeById.get(relationship.from);
    const toType = typeById.get(relationship.to);
    if (!fromType) problems.push(`relationship ${relationship.id}: unknown start entity ${relationship.from}`);
    if (!toType) problems.push(`relationship ${relationship.id}: unknown end entity ${relationship.to}`);
    if (fromType && toType) {
      const endpointProblem = checkEndpoints(relationship.type, fromType, toType);
      if (endpointProblem) problems.push(`relationship ${relationship.id}: ${endpointProblem}`);
    }
    for (const source of relationship.sources) {
      if (typeById.get(source) !== "Report") {
        problems.push(`relationship ${relationship.id}: source ${source} is not a Report of this graph`);
      }
    }
  }
  return problems;
}

/** The graph as the schemas normalise it (trimmed text, defaults), or an Error listing every problem. */
export function parseGraphInput(graph: GraphInput): GraphInput {
  const problems = validateGraphInput(graph);
  if (problems.length > 0) throw new Error(`The graph data is invalid:\n- ${problems.join("\n- ")}`);
  return {
    entities: graph.entities.map((entity) => entitySchemas[entity.type].parse(entity) as EntityInput),
    relationships: graph.relationships.map((relationship) => relationshipInputSchema.parse(relationship)),
  };
}
