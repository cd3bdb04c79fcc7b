import { communitiesOf, firstPlacement, ringAround, NODE_SPACING } from "@/lib/graph/layout/placement";

/** Two cliques of `size` joined by one edge: Louvain must find two communities. */
function twoBlocs(size: number) {
  const ids = [...Array.from({ length: size }, (_, i) => `a${i}`), ...Array.from({ length: size }, (_, i) => `b${i}`)];
  const links: { source: string; target: string }[] = [];
  for (const side of ["a", "b"]) for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) links.push({ source: `${side}${i}`, target: `${side}${j}` });
  links.push({ source: "a0", target: "b0" });
  return { ids, links };
}

const centroid = (points: { x: number; y: number }[]) => ({
  x: points.reduce((sum, point) => sum + point.x, 0) / points.length,
  y: points.reduce((sum, point) => sum + point.y, 0) / points.length,
});

describe("communities", () => {
  it("finds the two blocs of two joined cliques, and numbers the larger first", () => {
    const { ids, links } = twoBlocs(8);
    links.push(...["c1", "c2"].map((id) => ({ source: "a1", target: id })));
    const communities = communitiesOf([...ids, "c1", "c2"], links);
    const of = (prefix: string) => new Set(ids.filter((id) => id.startsWith(prefix)).map((id) => communities.get(id)));
    expect(of("a").size).toBe(1);
    expect(of("b").size).toBe(1);
    expect([...of("a")][0]).not.toBe([...of("b")][0]);
    expect([...of("a")][0]).toBe(0); // 8 + the two leaves hanging on a1
  });

  it("is the same on every run (seeded)", () => {
    const { ids, links } = twoBlocs(6);
    expect([...communitiesOf(ids, links)]).toEqual([...communitiesOf(ids, links)]);
  });
});

describe("first placement", () => {
  it("keeps fixed nodes exactly where they are and places every other node", () => {
    const { ids, links } = twoBlocs(6);
    const fixed = new Map([["a0", { x: 1234, y: -56 }]]);
    const placed = firstPlacement({ ids, links, fixed });
    expect(placed.get("a0")).toEqual({ x: 1234, y: -56 });
    expect(placed.size).toBe(ids.length);
    for (const point of placed.values()) expect(Number.isFinite(point.x) && Number.isFinite(point.y)).toBe(true);
  });

  it("packs each community together: a bloc's members are nearer their own centre than the other's", () => {
    const { ids, links } = twoBlocs(10);
    const placed = firstPlacement({ ids, links, fixed: new Map() });
    const a = centroid(ids.filter((id) => id.startsWith("a")).map((id) => placed.get(id)!));
    const b = centroid(ids.filter((id) => id.startsWith("b")).map((id) => placed.get(id)!));
    for (const id of ids) {
      const point = placed.get(id)!;
      const own = id.startsWith("a") ? a : b;
      const other = id.startsWith("a") ? b : a;
      expect(Math.hypot(point.x - own.x, point.y - own.y)).toBeLessThan(Math.hypot(point.x - other.x, point.y - other.y));
    }
  });

  it("puts a hub's newcomers around the hub and moves nothing already placed", () => {
    const placedBefore = new Map([
      ["hub", { x: 500, y: 300 }],
      ["old", { x: -200, y: 40 }],
    ]);
    const newcomers = Array.from({ length: 50 }, (_, i) => `n${i}`);
    const placed = firstPlacement({
      ids: ["hub", "old", ...newcomers],
      links: [{ source: "hub", target: "old" }, ...newcomers.map((id) => ({ source: "hub", target: id }))],
      fixed: placedBefore,
    });
    expect(placed.get("hub")).toEqual({ x: 500, y: 300 });
    expect(placed.get("old")).toEqual({ x: -200, y: 40 });
    const farthest = Math.max(...newcomers.map((id) => Math.hypot(placed.get(id)!.x - 500, placed.get(id)!.y - 300)));
    const nearest = Math.min(...newcomers.map((id) => Math.hypot(placed.get(id)!.x - 500, placed.get(id)!.y - 300)));
    expect(nearest).toBeGreaterThan(NODE_SPACING / 2);
    expect(farthest).toBeLessThan(NODE_SPACING * Math.sqrt(newcomers.length + 2));
  });
});

describe("ring around a node", () => {
  it("spreads points so that no two are closer than about a node's room", () => {
    const points = ringAround({ x: 0, y: 0 }, 300);
    let closest = Infinity;
    for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) closest = Math.min(closest, Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y));
    expect(closest).toBeGreaterThan(NODE_SPACING / 3);
  });
});
