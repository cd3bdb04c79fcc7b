/**
 * The bulk writes of every import (lib/db/graph-writes.ts) create rows known to be new with CREATE, and
 * must still never duplicate a record: an id "known to be new" that someone else created meanwhile falls
 * back to MERGE; an import into new ids, run again or resumed after a partial run, ends with each record
 * once, with its data sets listed once.
 */
import { closeDriver } from "@/lib/db/driver";
import { writeEntityBatch, writeRelationshipBatch } from "@/lib/db/graph-writes";
import { graphInputSource } from "@/lib/import/graph-input";
import { neo4jImportStore } from "@/lib/import/neo4j-store";
import { runImport } from "@/lib/import/pipeline";
import type { EntityInput, RelationshipInput } from "@/lib/model/registry";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";

const prefix = uniquePrefix("bulk");

afterAll(async () => {
  await deleteByPrefix(prefix);
  await closeTestDriver();
  await closeDriver();
});

const person = (id: string, name: string): EntityInput => ({ type: "Person", id, name, aliases: [] }) as EntityInput;
const organisation = (id: string, name: string): EntityInput => ({ type: "Organization", id, name, aliases: [] }) as EntityInput;

async function countOf(idPrefix: string): Promise<{ entities: number; relationships: number; duplicateIds: number }> {
  const [entities] = await cypher("MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n) AS c, count(DISTINCT n.id) AS d", { p: idPrefix });
  const [relationships] = await cypher("MATCH ()-[r]->() WHERE r.id STARTS WITH $p RETURN count(r) AS c, count(DISTINCT r.id) AS d", {
    p: idPrefix,
  });
  return {
    entities: Number(entities!.c),
    relationships: Number(relationships!.c),
    duplicateIds: Number(entities!.c) - Number(entities!.d) + Number(relationships!.c) - Number(relationships!.d),
  };
}

describe("bulk writes with CREATE for new ids", () => {
  it("falls back to MERGE when an id said to be new exists: no duplicate, no error, the count says so", async () => {
    const p = `${prefix}race-`;
    await cypher(
      "CREATE (:Entity:Person {id: $id, name: 'Made by someone else', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})",
      { id: `${p}taken` },
    );
    const batch = [person(`${p}taken`, "Taken Already"), person(`${p}new`, "Brand New")];
    const created = await writeEntityBatch("Person", batch, { fresh: new Set(batch.map((entity) => entity.id)), dataset: `${p}set` });
    expect(created).toBe(1);
    const rows = await cypher("MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n.id AS id, n.name AS name, n.datasets AS datasets ORDER BY id", { p });
    // The existing record keeps its values (MERGE sets properties on create only) and gains the data set.
    expect(rows).toEqual([
      { id: `${p}new`, name: "Brand New", datasets: [`${p}set`] },
      { id: `${p}taken`, name: "Made by someone else", datasets: [`${p}set`] },
    ]);
  });

  it("creates fresh relationships once, and a MERGE of the same batch afterwards adds none", async () => {
    const p = `${prefix}rel-`;
    await writeEntityBatch("Person", [person(`${p}a`, "End A")], { fresh: new Set([`${p}a`]) });
    await writeEntityBatch("Organization", [organisation(`${p}b`, "End B")], { fresh: new Set([`${p}b`]) });
    const link = { type: "MEMBER_OF", id: `${p}link`, from: `${p}a`, to: `${p}b`, sources: [], properties: {} } as unknown as RelationshipInput;
    expect(await writeRelationshipBatch("MEMBER_OF", [link], { fresh: new Set([link.id]) })).toBe(1);
    expect(await writeRelationshipBatch("MEMBER_OF", [link])).toBe(0);
    expect(await countOf(p)).toEqual({ entities: 2, relationships: 1, duplicateIds: 0 });
  });

  it("an import into new ids, then the same import again, then a resumed partial one: each record once", async () => {
    const p = `${prefix}run-`;
    // People and organisations in a chain of memberships, all citing one report: every relationship's
    // ends are new on the first run.
    const entities = [
      { type: "Report", id: "report", name: "Bulk report", aliases: [] } as EntityInput,
      ...Array.from({ length: 15 }, (_, i) => [person(`p${i}`, `Bulk Person ${i}`), organisation(`o${i}`, `Bulk Organisation ${i}`)]).flat(),
    ];
    const relationships = Array.from({ length: 29 }, (_, i) => ({
      type: "MEMBER_OF",
      id: `r${i}`,
      from: `p${Math.floor(i / 2)}`,
      to: `o${Math.ceil(i / 2)}`,
      sources: ["report"],
      properties: {},
    })) as unknown as RelationshipInput[];
    const options = { store: neo4jImportStore, sourceReport: null, idPrefix: p, batchSize: 7, dataset: `${p}set` };

    const first = await runImport(graphInputSource("bulk", { entities, relationships }), options);
    expect(first.entities.created).toBe(entities.length);
    expect(first.relationships.created).toBe(relationships.length);
    const again = await runImport(graphInputSource("bulk", { entities, relationships }), options);
    expect([again.entities.created, again.relationships.created]).toEqual([0, 0]);
    expect(await countOf(p)).toEqual({ entities: entities.length, relationships: relationships.length, duplicateIds: 0 });

    // A run killed after some batches left part of another graph: the resumed run must complete it exactly.
    const q = `${prefix}resume-`;
    await runImport(graphInputSource("bulk", { entities: entities.slice(0, 13), relationships: relationships.slice(0, 5) }), { ...options, idPrefix: q });
    const resumed = await runImport(graphInputSource("bulk", { entities, relationships }), { ...options, idPrefix: q });
    expect(resumed.entities.created).toBe(entities.length - 13);
    expect(resumed.relationships.created).toBe(relationships.length - 5);
    expect(await countOf(q)).toEqual({ entities: entities.length, relationships: relationships.length, duplicateIds: 0 });
    const [listed] = await cypher("MATCH (n:Entity) WHERE n.id STARTS WITH $q AND size(n.datasets) <> 1 RETURN count(n) AS c", { q });
    expect(Number(listed!.c)).toBe(0);
  });
});
