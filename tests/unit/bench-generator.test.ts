// The benchmark's synthetic graph (bench/generator.ts) at a tiny scale: no benchmark runs here, only the
// properties the numbers rely on: same seed -> same graph, valid against the registry, realistic shape.
import { validateGraphInput } from "@/graph-seed/validate";
import { HUB_DEGREES, hubId, SyntheticGraph, TYPE_SHARES } from "@/bench/generator";

const NODES = 5_000;

function materialise(graph: SyntheticGraph) {
  return {
    entities: [...graph.nodeBatches(777)].flat(),
    relationships: [...graph.relationshipBatches(1_234)].flat(),
  };
}

describe("bench synthetic graph", () => {
  const graph = new SyntheticGraph({ nodes: NODES });
  const { entities, relationships } = materialise(graph);

  it("is deterministic: the same seed gives the same graph, whatever the batch size", () => {
    const again = new SyntheticGraph({ nodes: NODES });
    expect([...again.nodeBatches(5_000)].flat()).toEqual(entities);
    expect(again.relationship(4_321)).toEqual(relationships[4_321]);
    expect(new SyntheticGraph({ nodes: NODES, seed: 1 }).relationship(4_321)).not.toEqual(relationships[4_321]);
  });

  // 20,000 rows through the import pipeline's four passes in memory: seconds on a loaded machine.
  it("is valid against the registry: schemas, endpoint types, Report sources", { timeout: 120_000 }, async () => {
    expect(await validateGraphInput({ entities, relationships })).toEqual([]);
    expect(relationships).toHaveLength(NODES * 3);
    for (const entity of entities.filter((item) => item.type === "Event")) expect(entity.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("has types in the intended proportions", () => {
    const counts = graph.typeCounts();
    for (const [type, share] of Object.entries(TYPE_SHARES)) {
      expect(Math.abs((counts[type as keyof typeof counts] ?? 0) / NODES - share)).toBeLessThan(0.02);
    }
  });

  it("has hubs of exactly 10, 100 and 1000 neighbours, and a heavy-tailed degree distribution", () => {
    const neighbours = new Map<string, Set<string>>();
    for (const { from, to } of relationships) {
      for (const [a, b] of [[from, to], [to, from]] as const) {
        const set = neighbours.get(a) ?? new Set<string>();
        set.add(b);
        neighbours.set(a, set);
      }
    }
    for (const degree of HUB_DEGREES) expect(neighbours.get(hubId(degree))?.size).toBe(degree);
    const degrees = [...neighbours.entries()].filter(([id]) => !id.startsWith("bench-hub-")).map(([, set]) => set.size).sort((a, b) => b - a);
    const median = degrees[Math.floor(degrees.length / 2)]!;
    // A power law: the biggest natural hubs have tens of times the median degree.
    expect(degrees[0]!).toBeGreaterThan(30 * median);
  });
});
