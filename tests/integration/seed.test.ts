import { closeDriver } from "@/lib/db/driver";
import { ensureDatabaseReady } from "@/lib/database";
import { migrateSchema, runMigrations } from "@/lib/migrations";
import { loadSeedStory } from "@/graph-seed/load";
import { seedEntities, seedRelationships } from "@/graph-seed/seed-story";
import { closeTestDriver, cypher, graphCounts } from "../support/neo4j";

afterAll(async () => {
  await closeDriver();
  await closeTestDriver();
});

describe("schema migration and seed story", () => {
  it("creates the constraint and indexes, and running the migration again changes nothing", async () => {
    await migrateSchema();
    // Once per process: a second call is the first one's answer, not a second round of statements...
    expect(migrateSchema()).toBe(migrateSchema());
    // ...and every statement run again (as each new server process does) changes nothing.
    await runMigrations();
    const constraints = await cypher("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties");
    expect(constraints).toContainEqual({ name: "entity_id_unique", labelsOrTypes: ["Entity"], properties: ["id"] });
    const indexes = await cypher("SHOW INDEXES YIELD name, type, state RETURN name, type, state");
    expect(indexes).toContainEqual({ name: "entity_search", type: "FULLTEXT", state: "ONLINE" });
    expect(indexes).toContainEqual({ name: "event_date", type: "RANGE", state: "ONLINE" });
  });

  it("loads the seed story, and loading it twice changes nothing", async () => {
    await ensureDatabaseReady();
    await loadSeedStory();
    const before = await graphCounts();
    const second = await loadSeedStory();
    expect(second).toEqual({ entitiesCreated: 0, relationshipsCreated: 0 });
    expect(await graphCounts()).toEqual(before);

    const [stored] = await cypher(
      `MATCH (n:Entity) WHERE n.id IN $ids WITH count(n) AS entities
       MATCH ()-[r]->() WHERE r.id IN $relIds RETURN entities, count(r) AS relationships`,
      { ids: seedEntities.map((e) => e.id), relIds: seedRelationships.map((r) => r.id) },
    );
    expect(Number(stored?.entities)).toBe(seedEntities.length);
    expect(Number(stored?.relationships)).toBe(seedRelationships.length);
  });

  it("stores every seed node with exactly one type label and every relationship with resolvable sources", async () => {
    const [row] = await cypher(
      `MATCH (n:Entity) WHERE n.id IN $ids
       WITH n, [l IN labels(n) WHERE l <> 'Entity'] AS types
       RETURN count(CASE WHEN size(types) <> 1 THEN 1 END) AS badLabels`,
      { ids: seedEntities.map((e) => e.id) },
    );
    expect(Number(row?.badLabels)).toBe(0);
    const unsupported = await cypher(
      `MATCH ()-[r]->() WHERE r.id IN $relIds
       AND NOT EXISTS { MATCH (report:Entity:Report) WHERE report.id IN r.sources }
       RETURN r.id AS id`,
      { relIds: seedRelationships.map((r) => r.id) },
    );
    expect(unsupported).toEqual([]);
  });

  it("stores event dates as Neo4j dates, so they can be compared in Cypher", async () => {
    const rows = await cypher(
      "MATCH (e:Event {id: 'event-2019-02-20-thermo-fisher-stops-xinjiang-sales'}) RETURN e.date = date('2019-02-20') AS exact",
    );
    expect(rows).toEqual([{ exact: true }]);
  });
});
