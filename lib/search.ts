import "server-only";
import { read } from "./db";
import { ENTITY_SEARCH_INDEX } from "./db/schema";
import { toInteger } from "./db/params";
import { toPlain } from "./db/values";
import { entityTypeOf, type EntityType } from "./model/registry";
import { toLuceneQuery } from "./search-text";
import type { SearchHit } from "./graph/types";

export interface SearchOptions {
  limit: number;
  type?: EntityType;
}

/** Full-text search over names, aliases and descriptions, best match first. */
export async function searchEntities(text: string, options: SearchOptions): Promise<SearchHit[]> {
  const query = toLuceneQuery(text);
  // With a type filter, ask the index for more so the filter still leaves `limit` hits.
  const indexLimit = options.type ? options.limit * 10 : options.limit;
  return read(async (tx) => {
    const result = await tx.run(
      `CALL db.index.fulltext.queryNodes($index, $query, {limit: $indexLimit}) YIELD node, score
       WHERE $type IS NULL OR $type IN labels(node)
       RETURN node.id AS id, labels(node) AS labels, node.name AS name, node.description AS description, score
       ORDER BY score DESC, name ASC
       LIMIT $limit`,
      {
        index: ENTITY_SEARCH_INDEX,
        query,
        indexLimit: toInteger(indexLimit),
        limit: toInteger(options.limit),
        type: options.type ?? null,
      },
    );
    return result.records.flatMap((record): SearchHit[] => {
      const type = entityTypeOf(record.get("labels") as string[]);
      const id = record.get("id");
      if (!type || typeof id !== "string") return [];
      const description = toPlain(record.get("description"));
      return [
        {
          id,
          type,
          name: String(record.get("name") ?? id),
          description: typeof description === "string" ? description : null,
          score: Number(record.get("score")),
        },
      ];
    });
  });
}
