import "server-only";
/**
 * Reading match profiles from Neo4j in pages (by id, PROFILE_PAGE at a time), so cross-referencing never
 * holds a result of the whole graph: the caller keeps what it needs of each page (its block keys, the
 * profiles of the data set being matched) and lets the rest go.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { read } from "../database";
import { toInteger } from "../db/params";
import { toPlain } from "../db/values";
import { ENTITY_LABEL, entityTypeOf } from "../model/registry";
import { HAND_MADE } from "./model";
import { identifiersFromId, MATCHED_TYPES, type MatchProfile } from "./profile";

export const PROFILE_PAGE = 2_000;
/** Neighbours read per entity for the shared-neighbour evidence; a hub's first ones are enough. */
const NEIGHBOURS_PER_ENTITY = 50;

/** Which entities: those of a data set ("in"), those not in it ("out"), or all; "-" means made by hand. */
export interface ProfileScope {
  dataset: string | null;
  side: "in" | "out" | "all";
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

export function profileFromRow(row: Record<string, unknown>): MatchProfile | null {
  const type = entityTypeOf(strings(row.labels));
  if (!type) return null;
  const id = String(row.id);
  const birth = toPlain(row.birthDate);
  return {
    id,
    type,
    name: text(row.name) ?? id,
    aliases: strings(row.aliases),
    datasets: strings(row.datasets),
    country: text(row.country),
    address: type === "Address" ? (text(row.name) ?? null) : text(row.address),
    birthDate: typeof birth === "string" ? birth : null,
    identifiers: identifiersFromId(id),
    neighbours: strings(row.neighbours),
  };
}

/** The Cypher's filter for a scope: $dataset in (or not in) the entity's `datasets`, empty meaning by hand. */
const SCOPE_FILTER = `($side = 'all'
  OR ($side = 'in') = (CASE WHEN $dataset = '${HAND_MADE}' THEN size(coalesce(n.datasets, [])) = 0 ELSE $dataset IN coalesce(n.datasets, []) END))`;

async function readPage(tx: ManagedTransaction, scope: ProfileScope, after: string, ids: readonly string[] | null): Promise<MatchProfile[]> {
  const result = await tx.run(
    `MATCH (n:${ENTITY_LABEL})
     WHERE ${ids ? "n.id IN $ids" : "n.id > $after"} AND any(label IN labels(n) WHERE label IN $types) AND ${SCOPE_FILTER}
     WITH n ORDER BY n.id LIMIT $limit
     CALL (n) { OPTIONAL MATCH (n)-[:HAS_ADDRESS]->(a:${ENTITY_LABEL}) RETURN head(collect(a.name)) AS address }
     CALL (n) {
       OPTIONAL MATCH (n)--(m:${ENTITY_LABEL}) WHERE NOT m:Bill AND NOT m:Subject AND NOT m:Report
       WITH DISTINCT m LIMIT $neighbours
       RETURN collect(m.id) AS neighbours
     }
     RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases, n.datasets AS datasets,
            n.country AS country, n.birthDate AS birthDate, address, neighbours`,
    {
      after,
      ids: ids ?? [],
      types: MATCHED_TYPES,
      side: scope.side,
      dataset: scope.dataset ?? "",
      limit: toInteger(ids ? ids.length : PROFILE_PAGE),
      neighbours: toInteger(NEIGHBOURS_PER_ENTITY),
    },
  );
  return result.records.map((record) => profileFromRow(record.toObject())).filter((profile): profile is MatchProfile => profile !== null);
}

/** Every profile in the scope, a page at a time, each page its own short read transaction. */
export async function* streamProfiles(scope: ProfileScope): AsyncGenerator<MatchProfile[]> {
  let after = "";
  for (;;) {
    const page = await read((tx) => readPage(tx, scope, after, null));
    if (page.length === 0) return;
    yield page;
    if (page.length < PROFILE_PAGE) return;
    after = page.at(-1)!.id;
  }
}

/** The profiles of these entities (any data set), for scoring a pair or a name. */
export async function profilesOf(tx: ManagedTransaction, ids: readonly string[]): Promise<MatchProfile[]> {
  if (ids.length === 0) return [];
  return readPage(tx, { dataset: null, side: "all" }, "", ids);
}
