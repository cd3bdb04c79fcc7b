import "server-only";
/**
 * The one-off conversion of values that older versions stored as text ("yes", "12.5", "2011") into the
 * types the registry declares, run by `npm run migrate` after the schema. Recorded like any edit: each
 * batch is one change in the audit trail (action "convert-values", by the migration), with every record's
 * before and after, so History shows it and a revert would undo it.
 *
 * Idempotent: it looks only for typed fields that still hold a string, so a second run finds nothing.
 * A value that cannot be converted is left as it is and reported (nothing is lost or guessed); `npm run
 * migrate` prints them and the operator fixes them by hand.
 */
import type { ManagedTransaction } from "neo4j-driver";
import type { SessionUser } from "../auth/roles";
import { toInteger } from "../db/params";
import { runWrite } from "../db/session";
import type { JsonValue } from "../json";
import { convertLegacyValue, typedFields } from "../model/legacy-values";
import {
  ENTITY_LABEL,
  ENTITY_TYPES,
  RELATIONSHIP_TYPES,
  fieldsOf,
  type EntityType,
  type FieldSpec,
  type RelationshipType,
} from "../model/registry";
import { commitChange } from "./changes";
import type { ChangeOp, EntityState, RelationshipState } from "./model";
import { readEntities, readRelationships } from "./records";

/** Who the trail names for these changes: the deploy step, not a person. */
const MIGRATION_ACTOR: SessionUser = { id: "system:migrate", email: "", name: "npm run migrate", role: "admin" };
const BATCH = 500;

export interface Unconvertible {
  kind: "entity" | "relationship";
  type: EntityType | RelationshipType;
  id: string;
  field: string;
  reason: string;
}

export interface ConversionOutcome {
  /** Records whose values were converted, per type. */
  converted: Record<string, number>;
  changes: number;
  unconvertible: Unconvertible[];
}

/** The properties with every convertible text value typed; which fields changed; what could not be. */
function converted(fields: readonly FieldSpec[], properties: Record<string, JsonValue>) {
  const after = { ...properties };
  const changed: string[] = [];
  const problems: { field: string; reason: string }[] = [];
  for (const field of fields) {
    const value = properties[field.name];
    if (typeof value !== "string") continue;
    const result = convertLegacyValue(field, value);
    if (!result) continue;
    if ("value" in result) {
      after[field.name] = result.value;
      changed.push(field.name);
    } else {
      problems.push({ field: field.name, reason: result.unconvertible });
    }
  }
  return { after, changed, problems };
}

/** Ids of records of one type, after `cursor` in id order, with a text value in one of these fields. */
async function candidates(tx: ManagedTransaction, pattern: string, fields: readonly string[], cursor: string): Promise<string[]> {
  const result = await tx.run(
    `${pattern}
     WHERE x.id > $cursor AND any(key IN $fields WHERE x[key] IS :: STRING NOT NULL)
     RETURN x.id AS id ORDER BY id LIMIT $limit`,
    { cursor, fields, limit: toInteger(BATCH) },
  );
  return result.records.map((record) => String(record.get("id")));
}

async function convertType(
  kind: "entity" | "relationship",
  type: EntityType | RelationshipType,
  outcome: ConversionOutcome,
): Promise<void> {
  const fields = typedFields(fieldsOf(type));
  if (fields.length === 0) return;
  const names = fields.map((field) => field.name);
  const pattern =
    kind === "entity" ? `MATCH (x:${ENTITY_LABEL}:${type})` : `MATCH (:${ENTITY_LABEL})-[x:${type}]->(:${ENTITY_LABEL})`;
  let cursor = "";
  for (;;) {
    const batch = await runWrite(async (tx) => {
      const ids = await candidates(tx, pattern, names, cursor);
      if (ids.length === 0) return null;
      const stored: Map<string, { state: EntityState | RelationshipState }> =
        kind === "entity"
          ? await readEntities(tx, ids)
          : await readRelationships(tx, ids.map((id) => ({ id, type: type as RelationshipType })));
      const ops: ChangeOp[] = [];
      const problems: Unconvertible[] = [];
      const changedFields = new Set<string>();
      for (const id of ids) {
        const record = stored.get(id);
        if (!record) continue;
        const { after, changed, problems: refused } = converted(fields, record.state.properties);
        for (const problem of refused) problems.push({ kind, type, id, ...problem });
        if (changed.length === 0) continue;
        changed.forEach((field) => changedFields.add(field));
        const label = typeof record.state.properties.name === "string" ? record.state.properties.name : id;
        const before = record.state;
        ops.push(
          "from" in before
            ? { kind: "relationship", id, label, before, after: { ...before, properties: after } }
            : { kind: "entity", id, label, before, after: { ...before, properties: after } },
        );
      }
      if (ops.length > 0) {
        await commitChange(tx, MIGRATION_ACTOR, {
          action: "convert-values",
          summary: `Typed values: ${ops.length} ${type} ${ops.length === 1 ? "record" : "records"} (${[...changedFields].join(", ")}) converted from text`,
          ops,
        });
      }
      return { last: ids[ids.length - 1]!, converted: ops.length, problems };
    });
    if (!batch) return;
    cursor = batch.last;
    outcome.unconvertible.push(...batch.problems);
    if (batch.converted > 0) {
      outcome.converted[type] = (outcome.converted[type] ?? 0) + batch.converted;
      outcome.changes += 1;
    }
  }
}

/** Converts every typed field still holding text, in every entity and relationship type. */
export async function convertLegacyValues(): Promise<ConversionOutcome> {
  const outcome: ConversionOutcome = { converted: {}, changes: 0, unconvertible: [] };
  for (const type of ENTITY_TYPES) await convertType("entity", type, outcome);
  for (const type of RELATIONSHIP_TYPES) await convertType("relationship", type, outcome);
  return outcome;
}
