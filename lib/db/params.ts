import "server-only";
import neo4j, { type Integer } from "neo4j-driver";

/** JS numbers reach Cypher as floats; LIMIT, SKIP and integer comparisons need Neo4j integers. */
export function toInteger(value: number): Integer {
  return neo4j.int(Math.trunc(value));
}
