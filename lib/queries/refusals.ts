/**
 * The reasons a saved query is refused, worded for the analyst: what was found and, where there is one, what
 * to write instead. Shared by the text pre-check (text-check.ts) and the plan check (plan-check.ts), which
 * must give the same answer for the same query whichever layer sees the problem first.
 */
import { ENTITY_LABEL, ENTITY_SEARCH_INDEX, ENTITY_TYPES, RELATIONSHIP_TYPES } from "../model/registry";
import { QueryRefusedError } from "./errors";

/** The one procedure a saved query may call, and only on the entity index (see text-check.ts). */
export const FULLTEXT_PROCEDURE = "db.index.fulltext.queryNodes";
export const ALLOWED_PROCEDURES: readonly string[] = [FULLTEXT_PROCEDURE];

/** Where an analyst reads the labels, relationship types and property keys instead (app/(app)/schema). */
export const SCHEMA_PAGE = "/schema";

/**
 * Procedures that list the schema (db.labels(), db.relationshipTypes(), db.propertyKeys(), db.schema.*,
 * and APOC's apoc.meta.* should it ever be installed): refused, because they list Redstring's internal
 * labels and keys too. Names are compared without case, as a typo's refusal should still say where to look.
 */
const SCHEMA_PROCEDURE = /^(?:db\.(?:labels|relationshipTypes|propertyKeys|schema\.\w+)|apoc\.meta\.\w+)$/i;

export const writeRefusal = (what: string) =>
  new QueryRefusedError("write", `Saved queries can only read: this query writes to the graph (${what}).`);
export const loadCsvRefusal = () =>
  new QueryRefusedError("load-csv", "LOAD CSV is not allowed: saved queries cannot read files or URLs.");

export function procedureRefusal(name: string): QueryRefusedError {
  if (SCHEMA_PROCEDURE.test(name)) {
    return new QueryRefusedError(
      "procedure",
      `The procedure ${name} is not allowed: it would list Redstring's internal labels and keys too. ` +
        `The schema page (${SCHEMA_PAGE}) lists every entity type, relationship type and property key you can query, with its value type. ` +
        `Entity labels: ${ENTITY_LABEL}, ${ENTITY_TYPES.join(", ")}. Relationship types: ${RELATIONSHIP_TYPES.join(", ")}.`,
    );
  }
  return new QueryRefusedError("procedure", `The procedure ${name} is not allowed. Allowed: ${ALLOWED_PROCEDURES.join(", ")}.`);
}

export const fulltextIndexRefusal = () =>
  new QueryRefusedError(
    "procedure",
    `${FULLTEXT_PROCEDURE} may only search the entity index, named as written text: ` +
      `CALL ${FULLTEXT_PROCEDURE}('${ENTITY_SEARCH_INDEX}', $text) YIELD node, score ...`,
  );
export const adminRefusal = (what: string) =>
  new QueryRefusedError("admin", `Administration commands are not allowed in saved queries (${what}).`);
export const schemaRefusal = (what: string) =>
  new QueryRefusedError(
    "schema",
    `Saved queries cannot change the schema (${what}): indexes and constraints are managed by Redstring.`,
  );
export const transactionsRefusal = () =>
  new QueryRefusedError(
    "transactions",
    "CALL { ... } IN TRANSACTIONS is not allowed: a saved query runs in a single read transaction.",
  );
export const databaseRefusal = () =>
  new QueryRefusedError("database", "USE is not allowed: saved queries always read Redstring's own database.");

export const scanRefusal = (what: string) =>
  new QueryRefusedError(
    "scan",
    `This query reads ${what}, which would include Redstring's own records. Start from a label instead, ` +
      `for example MATCH (n:${ENTITY_LABEL}) ... or MATCH (c:Company) ...`,
  );
export const labelRefusal = (label: string) =>
  new QueryRefusedError(
    "label",
    `Saved queries can only read entities: "${label}" is not an entity label or relationship type. ` +
      `Use ${ENTITY_LABEL}, an entity type (${ENTITY_TYPES.join(", ")}) or a relationship type.`,
  );
export const idSeekRefusal = () =>
  new QueryRefusedError(
    "id-lookup",
    "Saved queries cannot look nodes or relationships up by id() or elementId(): those reach Redstring's own " +
      `records too. Look entities up by their Redstring id instead: MATCH (n:${ENTITY_LABEL} {id: $entity}) ...`,
  );
export const operatorRefusal = (operator: string) =>
  new QueryRefusedError(
    "operator",
    `This query needs the plan step "${operator}", which Redstring has not checked as safe for saved queries. ` +
      "Rewrite it with MATCH patterns that start from an entity label.",
  );

/** A character Cypher and a reader would see differently (a hidden line break, a bidi override). */
export function characterRefusal(codePoint: number, line: number, column: number): QueryRefusedError {
  const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  return new QueryRefusedError(
    "character",
    `The query contains the invisible character ${name} (line ${line}, column ${column}), which could make it ` +
      `read differently from what runs. Remove it; inside a string, write it as \\u${name.slice(2)}.`,
  );
}
