import { closeDriver } from "@/lib/db/driver";
import { searchEntities } from "@/lib/explore/search";
import { searchContext } from "@/lib/explore/search-context";
import type { SearchHit } from "@/lib/graph/types";
import { TEST_VIEWER } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";

const prefix = uniquePrefix("search-context");
/** Two namesakes with different data, as two imports can give: the search list must tell them apart. */
const NAMESAKES = [
  { id: `${prefix}sanders-a`, party: "Democrat", state: "NY", chamber: "house", current: true, datasets: ["legis-graph-114"] },
  { id: `${prefix}sanders-b`, party: "Republican", state: "OH", chamber: "senate", current: false, datasets: [] },
];
const EVENT_ID = `${prefix}event`;

beforeAll(async () => {
  await cypher(
    `UNWIND $namesakes AS item
     CREATE (:Entity:Legislator {id: item.id, name: 'Jared Sanders', aliases: [], aliasText: '', party: item.party,
       state: item.state, chamber: item.chamber, current: item.current, datasets: item.datasets,
       createdAt: datetime(), updatedAt: datetime()})`,
    { namesakes: NAMESAKES },
  );
  await cypher(
    `CREATE (:Entity:Event {id: $id, name: 'Sanders hearing ' + $id, aliases: [], aliasText: '', date: date('2017-12-01'),
       datePrecision: 'month', createdAt: datetime(), updatedAt: datetime()})`,
    { id: EVENT_ID },
  );
});

afterAll(async () => {
  await deleteByPrefix(prefix);
  await closeDriver();
  await closeTestDriver();
});

/** The full-text index catches up with a write shortly after it commits: poll until both namesakes are found. */
async function namesakeHits() {
  let hits: SearchHit[] = [];
  await expect
    .poll(async () => {
      hits = (await searchEntities(TEST_VIEWER, "Jared Sanders", { limit: 50, type: "Legislator" })).filter((hit) => hit.id.startsWith(prefix));
      return hits.length;
    })
    .toBe(NAMESAKES.length);
  return hits;
}

describe("search hits carry what tells namesakes apart", () => {
  it("gives two same-named legislators their own party, state and data sets", async () => {
    const hits = await namesakeHits();
    for (const namesake of NAMESAKES) {
      const hit = hits.find((candidate) => candidate.id === namesake.id);
      expect(hit?.name).toBe("Jared Sanders");
      expect(hit?.context).toEqual(searchContext("Legislator", namesake));
      expect(hit?.context).toContain(namesake.party);
      expect(hit?.context).toContain(namesake.state);
      expect(hit?.datasets).toEqual(namesake.datasets);
    }
    const [first, second] = hits;
    expect(first?.context).not.toEqual(second?.context);
  });

  it("reads a stored Neo4j date at its precision", async () => {
    await expect
      .poll(async () => (await searchEntities(TEST_VIEWER, `Sanders hearing ${EVENT_ID}`, { limit: 5, type: "Event" })).find((hit) => hit.id === EVENT_ID)?.context)
      .toEqual(["December 2017"]);
  });
});
