import "server-only";
import type { ManagedTransaction } from "neo4j-driver";
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { read } from "../database";
import { toInteger } from "../db/params";
import { propertiesFromNeo4j, toPlain } from "../db/values";
import type { SearchHit } from "../graph/types";
import { ENTITY_SEARCH_INDEX, entityTypeOf, type EntityType } from "../model/registry";
import { searchContext } from "./search-context";
import { toLuceneQuery } from "./search-text";

/** The index cannot filter by label or data set: with a filter, this deep a slice of the ranking is filtered. */
const TYPE_FILTER_DEPTH = 2_000;

export interface SearchOptions {
  limit: number;
  type?: EntityType;
  /** Only entities from one of these data sets (their `datasets` list, lib/datasets). */
  datasets?: readonly string[];
}

/**
 * Full-text search over names, aliases and descriptions, best match first. Entities matching every word
 * come first; when none does, entities matching any word are offered instead of nothing. Needs "graph:read".
 */
export async function searchEntities(actor: Actor, text: string, options: SearchOptions): Promise<SearchHit[]> {
  requirePermission(actor, "graph:read");
  const allWords = toLuceneQuery(text, "all");
  const anyWord = toLuceneQuery(text, "any");
  return read(async (tx) => {
    const hits = await queryIndex(tx, allWords, options);
    return hits.length > 0 || anyWord === allWords ? hits : queryIndex(tx, anyWord, options);
  });
}

async function queryIndex(tx: ManagedTransaction, query: string, options: SearchOptions): Promise<SearchHit[]> {
  const result = await tx.run(
    `CALL db.index.fulltext.queryNodes($index, $query, {limit: $indexLimit}) YIELD node, score
     WHERE ($type IS NULL OR $type IN labels(node))
       AND ($datasets IS NULL OR any(dataset IN coalesce(node.datasets, []) WHERE dataset IN $datasets))
     RETURN node.id AS id, labels(node) AS labels, node.name AS name, node.description AS description,
            properties(node) AS properties, score
     ORDER BY score DESC, name ASC
     LIMIT $limit`,
    {
      index: ENTITY_SEARCH_INDEX,
      query,
      indexLimit: toInteger(options.type || options.datasets ? TYPE_FILTER_DEPTH : options.limit),
      limit: toInteger(options.limit),
      type: options.type ?? null,
      datasets: options.datasets && options.datasets.length > 0 ? options.datasets : null,
    },
  );
  return result.records.flatMap((record): SearchHit[] => {
    const type = entityTypeOf(record.get("labels") as string[]);
    const id = record.get("id");
    if (!type || typeof id !== "string") return [];
    const description = toPlain(record.get("description"));
    const properties = propertiesFromNeo4j(type, record.get("properties") as Record<string, unknown>);
    const datasets = properties.datasets;
    return [
      {
        id,
        type,
        name: String(record.get("name") ?? id),
        description: typeof description === "string" ? description : null,
        context: searchContext(type, properties),
        datasets: Array.isArray(datasets) ? datasets.filter((dataset): dataset is string => typeof dataset === "string") : [],
        score: Number(record.get("score")),
      },
    ];
  });
}
