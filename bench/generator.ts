/**
 * A deterministic synthetic graph shaped like investigative data, for the benchmarks (issue 7).
 *
 * - Types in realistic proportions: many people and companies, fewer events and reports, few agencies,
 *   legislators and regions (TYPE_SHARES).
 * - Relationship types in realistic proportions (REL_SHARES), always between types the registry allows,
 *   each citing 1-3 Reports via `sources`; every Event has a date (1995-2024, some known to the month).
 * - Power-law degrees: endpoints are drawn per type with a mix of uniform and log-uniform rank sampling
 *   (P(rank r) ~ 1/r, a Zipf law with exponent 1), so a few entities collect most links, as "China" or a
 *   big newspaper do in real data.
 * - Three designated hubs (`bench-hub-10`, `-100`, `-1000`) with exactly that many distinct neighbours,
 *   kept out of the random sampling, so "expand an entity of degree 10/100/1000" is measurable.
 *
 * Streaming: nodes and relationships come out in batches; the only whole-graph state is one Uint8Array of
 * types and one Int32Array of indices per type (about 5 bytes per node), never an array of objects.
 * Everything derives from (seed, index) through a hash, so node i is the same whatever the batch size and
 * whether or not relationships were generated first.
 */
import type { EntityInput, EntityType, RelationshipInput, RelationshipType } from "../lib/model/registry";
import { ENTITY_TYPES, RELATIONSHIP_TYPE_SPECS } from "../lib/model/registry";
import { seededRandom } from "../lib/graph/random";

/**
 * Types the registry has but these tables leave out (the importers' Bill, Subject, Address, PAID, OWNS...)
 * are not generated: the synthetic graph stays the same while the registry grows.
 */
export const TYPE_SHARES: Readonly<Partial<Record<EntityType, number>>> = {
  Person: 0.36,
  Company: 0.26,
  Event: 0.15,
  Report: 0.1,
  Organization: 0.06,
  Agency: 0.03,
  Legislator: 0.02,
  Region: 0.02,
  // Types the importers added (issue 7); the synthetic graph does not generate them.
  Bill: 0,
  Subject: 0,
  Address: 0,
  Committee: 0,
};

export const REL_SHARES: Readonly<Partial<Record<RelationshipType, number>>> = {
  ACTED_IN: 0.18,
  CONCERNS: 0.14,
  DOCUMENTS: 0.12,
  LOCATED_IN: 0.12,
  MEMBER_OF: 0.1,
  TARGET_OF: 0.08,
  OCCURRED_IN: 0.08,
  SUPPLIED: 0.07,
  PART_OF: 0.05,
  PUBLISHED_BY: 0.05,
  REPRESENTS: 0.01,
  // Types the importers added (issue 7); the synthetic graph does not generate them.
  SPONSORED: 0,
  VOTED_ON: 0,
  REFERRED_TO: 0,
  HAS_SUBJECT: 0,
  HAS_ADDRESS: 0,
  PAID: 0,
  OWNER_OF: 0,
  DIRECTOR_OF: 0,
};

/** Relationships per node, on average (the "about 3"). */
export const RELS_PER_NODE = 3;
/** Share of endpoint draws that follow the power law; the rest are uniform within the type. */
const ZIPF_SHARE = 0.5;

export const HUB_DEGREES = [10, 100, 1000] as const;
export const hubId = (degree: number) => `bench-hub-${degree}`;
const HUB_COUNT = HUB_DEGREES.length;
const HUB_RELATIONSHIPS = HUB_DEGREES.reduce((sum, degree) => sum + degree, 0);

export interface GeneratorOptions {
  nodes: number;
  seed?: number;
}

/* ------------------------------------------------------------------ deterministic randomness */

/** A 32-bit integer hash (lowbias32): the same inputs give the same bits on every machine. */
function hash32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** mulberry32 seeded from (seed, stream, index): independent, reproducible streams per element. */
export function rngFor(seed: number, stream: number, index: number): () => number {
  return seededRandom(hash32(hash32(seed ^ Math.imul(stream, 0x9e3779b1)) ^ index));
}

const STREAM = { type: 1, node: 2, rel: 3, vocabulary: 4, hub: 5 } as const;

/* ------------------------------------------------------------------ vocabulary */

const SYLLABLES = [
  "ka", "lo", "mar", "ten", "vi", "dor", "sa", "ri", "quen", "bel", "tor", "an", "za", "mi", "kel", "os",
  "ru", "fen", "gal", "ish", "no", "pra", "ven", "li", "da", "sor", "ek", "ul", "ha", "bra", "ti", "mon",
];
const COMPANY_SUFFIXES = ["Holdings", "Group", "Technologies", "Trading", "Logistics", "Capital", "Mining", "Biotech", "Systems", "Partners"];
const ORG_FORMS = ["Foundation", "Institute", "Alliance", "Watch", "Council", "Network", "Association"];
const AGENCY_FORMS = ["Ministry of", "Commission for", "Bureau of", "Office of", "Authority for"];
const EVENT_KINDS = ["contract", "sanction", "hearing", "raid", "lawsuit", "merger", "donation", "export licence", "protest", "leak"];
const REPORT_KINDS = ["article", "report", "letter", "statement"] as const;
const REGION_KINDS = ["country", "state", "province", "city", "region"] as const;
const OCCUPATIONS = ["lawyer", "executive", "consultant", "official", "lobbyist", "researcher", "banker", "engineer"];
const INDUSTRIES = ["biotech", "mining", "surveillance", "shipping", "finance", "defence", "telecoms", "energy"];
const ROLES = ["director", "owner", "signatory", "adviser", "spokesperson", "investor", "witness"];
const PRODUCTS = ["DNA sequencers", "cameras", "software", "cloud services", "vehicles", "chips", "drones"];

/** 4,096 pseudo-words built from syllables: searchable, pronounceable, deterministic. */
const VOCABULARY: readonly string[] = (() => {
  const random = rngFor(7, STREAM.vocabulary, 0);
  const words = new Set<string>();
  while (words.size < 4096) {
    const count = 2 + Math.floor(random() * 2);
    let word = "";
    for (let i = 0; i < count; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word[0]!.toUpperCase() + word.slice(1));
  }
  return [...words];
})();

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Word r of the vocabulary with P(r) ~ 1/r: some surnames and stems are common, most are rare. */
const zipfWord = (random: () => number) => VOCABULARY[Math.floor(Math.exp(random() * Math.log(VOCABULARY.length + 1))) - 1]!;

/* ------------------------------------------------------------------ the graph */

export interface GeneratedNode extends EntityInput {
  type: EntityType;
}

export class SyntheticGraph {
  readonly nodeCount: number;
  readonly relationshipCount: number;
  readonly seed: number;
  /** Type of node i, as an index into ENTITY_TYPES. Hubs are Companies. */
  private readonly types: Uint8Array;
  /** Non-hub node indices per type, in index order: the pools endpoints are drawn from. */
  private readonly pools: Int32Array[];

  constructor({ nodes, seed = 20190220 }: GeneratorOptions) {
    if (!Number.isInteger(nodes) || nodes < 2_000) throw new Error("the synthetic graph needs at least 2,000 nodes");
    this.nodeCount = nodes;
    this.seed = seed;
    this.relationshipCount = Math.round(nodes * RELS_PER_NODE);
    this.types = new Uint8Array(nodes);
    const cumulative: number[] = [];
    let total = 0;
    for (const type of ENTITY_TYPES) cumulative.push((total += TYPE_SHARES[type] ?? 0));
    const counts = new Array<number>(ENTITY_TYPES.length).fill(0);
    const company = ENTITY_TYPES.indexOf("Company");
    for (let i = 0; i < nodes; i++) {
      let type = company;
      if (i >= HUB_COUNT) {
        const u = rngFor(seed, STREAM.type, i)() * total;
        type = cumulative.findIndex((bound, index) => u < bound && (TYPE_SHARES[ENTITY_TYPES[index]!] ?? 0) > 0);
        if (type < 0) type = ENTITY_TYPES.length - 1;
        counts[type]! += 1;
      }
      this.types[i] = type;
    }
    this.pools = counts.map((count) => new Int32Array(count));
    const filled = new Array<number>(ENTITY_TYPES.length).fill(0);
    for (let i = HUB_COUNT; i < nodes; i++) {
      const type = this.types[i]!;
      this.pools[type]![filled[type]!++] = i;
    }
  }

  typeOf(index: number): EntityType {
    return ENTITY_TYPES[this.types[index]!]!;
  }

  idOf(index: number): string {
    if (index < HUB_COUNT) return hubId(HUB_DEGREES[index]!);
    return `${this.typeOf(index).toLowerCase()}-${index.toString(36).padStart(5, "0")}`;
  }

  /** How many non-hub nodes of each type (for the proportions check and the results file). */
  typeCounts(): Partial<Record<EntityType, number>> {
    return Object.fromEntries(ENTITY_TYPES.filter((type) => TYPE_SHARES[type]).map((type) => [type, this.pools[ENTITY_TYPES.indexOf(type)]!.length]));
  }

  /** The id of the entity of this type at this rank of the power law (rank 0 draws the most links). */
  idAtRank(type: EntityType, rank: number): string {
    const pool = this.pools[ENTITY_TYPES.indexOf(type)]!;
    return this.idOf(pool[Math.min(rank, pool.length - 1)]!);
  }

  /** Node i: the same object for the same (seed, i), whichever batch asks. */
  node(index: number): GeneratedNode {
    const type = this.typeOf(index);
    const id = this.idOf(index);
    if (index < HUB_COUNT) {
      const degree = HUB_DEGREES[index]!;
      return { id, type, name: `Benchmark Hub ${degree}`, aliases: [`hub${degree}`], description: `A designated hub with exactly ${degree} neighbours.`, industry: "benchmarks" };
    }
    const random = rngFor(this.seed, STREAM.node, index);
    const word = () => zipfWord(random);
    const year = 1995 + Math.floor(random() * 30);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const base = { id, type, aliases: [] as string[] };
    switch (type) {
      case "Person":
        return { ...base, name: `${pick(random, VOCABULARY)} ${word()}`, occupation: pick(random, OCCUPATIONS) };
      case "Legislator":
        return {
          ...base,
          name: `${pick(random, VOCABULARY)} ${word()}`,
          party: pick(random, ["Democratic", "Republican", "Independent"]),
          state: word(),
          chamber: random() < 0.2 ? "senate" : "house",
        };
      case "Company": {
        const stem = word();
        return {
          ...base,
          name: `${stem} ${pick(random, COMPANY_SUFFIXES)}`,
          aliases: random() < 0.3 ? [`${stem} ${pick(random, VOCABULARY)}`] : [],
          industry: pick(random, INDUSTRIES),
          ...(random() < 0.5 ? { description: `${pick(random, INDUSTRIES)} firm registered in ${word()}` } : {}),
        };
      }
      case "Organization":
        return { ...base, name: `${word()} ${pick(random, ORG_FORMS)}`, kind: pick(random, ["NGO", "think tank", "union", "party"]) };
      case "Agency":
        return { ...base, name: `${pick(random, AGENCY_FORMS)} ${word()} ${pick(random, ["Trade", "Security", "Health", "Commerce"])}`, jurisdiction: word() };
      case "Report":
        return {
          ...base,
          name: `${word()} ${pick(random, EVENT_KINDS)} ${pick(random, ["investigation", "exposed", "under scrutiny", "files"])}`,
          publisher: `${word()} ${pick(random, ["Times", "Post", "Watch", "Journal"])}`,
          url: `https://example.org/reports/${id}`,
          publishedAt: date,
          kind: pick(random, REPORT_KINDS),
        };
      case "Region":
        return { ...base, name: word(), kind: pick(random, REGION_KINDS), code: word().slice(0, 3).toUpperCase() };
      case "Event": {
        const monthOnly = random() < 0.2;
        return {
          ...base,
          name: `${word()} ${pick(random, EVENT_KINDS)}`,
          date: monthOnly ? `${date.slice(0, 8)}01` : date,
          datePrecision: monthOnly ? "month" : "day",
          kind: pick(random, EVENT_KINDS),
        };
      }
      // Types the importers added (issue 7): never drawn (share 0), named plainly should one ever be.
      case "Bill":
      case "Subject":
      case "Address":
      case "Committee":
        return { ...base, name: `${word()} ${type.toLowerCase()}` };
    }
  }

  /** Nodes in batches, in index order. */
  *nodeBatches(batchSize: number): Generator<GeneratedNode[]> {
    for (let start = 0; start < this.nodeCount; start += batchSize) {
      const batch: GeneratedNode[] = [];
      for (let i = start; i < Math.min(this.nodeCount, start + batchSize); i++) batch.push(this.node(i));
      yield batch;
    }
  }

  /** An index from a type's pool: uniform or power-law by rank. Rank 0 is the pool's biggest hub. */
  private draw(random: () => number, type: EntityType): number {
    const pool = this.pools[ENTITY_TYPES.indexOf(type)]!;
    const rank =
      random() < ZIPF_SHARE
        ? Math.min(pool.length - 1, Math.floor(Math.exp(random() * Math.log(pool.length + 1))) - 1)
        : Math.floor(random() * pool.length);
    return pool[rank]!;
  }

  /** One of the allowed endpoint types, weighted by how many entities each has. */
  private drawType(random: () => number, allowed: readonly EntityType[]): EntityType {
    const weights = allowed.map((type) => TYPE_SHARES[type] ?? 0);
    let u = random() * weights.reduce((sum, weight) => sum + weight, 0);
    for (let i = 0; i < allowed.length; i++) {
      u -= weights[i]!;
      if (u < 0) return allowed[i]!;
    }
    return allowed[allowed.length - 1]!;
  }

  /** Relationship j: the hubs' first (exactly their degree), then random ones. */
  relationship(index: number): RelationshipInput {
    const id = `rel-${index.toString(36).padStart(6, "0")}`;
    if (index < HUB_RELATIONSHIPS) return this.hubRelationship(index, id);
    const random = rngFor(this.seed, STREAM.rel, index);
    let u = random();
    let type: RelationshipType = "ACTED_IN";
    for (const [candidate, share] of Object.entries(REL_SHARES) as [RelationshipType, number][]) {
      type = candidate;
      if ((u -= share) < 0) break;
    }
    const spec = RELATIONSHIP_TYPE_SPECS[type];
    const from = this.draw(random, this.drawType(random, spec.from));
    let to = this.draw(random, this.drawType(random, spec.to));
    // No self-loops (PART_OF Region -> Region may draw the same node): step to the pool's next entity.
    for (let attempt = 0; to === from && attempt < 8; attempt++) to = this.draw(random, this.drawType(random, spec.to));
    if (to === from) {
      const pool = this.pools[this.types[to]!]!;
      to = pool[(pool.indexOf(to) + 1) % pool.length]!;
    }
    const sourceCount = 1 + Math.floor(random() * random() * 3);
    const sources = new Set<string>();
    for (let s = 0; s < sourceCount; s++) sources.add(this.idOf(this.draw(random, "Report")));
    const properties: Record<string, string> = {};
    if (spec.fields.some((field) => field.name === "role") && random() < 0.4) properties.role = pick(random, ROLES);
    if (type === "SUPPLIED") properties.product = pick(random, PRODUCTS);
    return {
      id,
      type,
      from: this.idOf(from),
      to: this.idOf(to),
      properties,
      sources: [...sources],
      ...(random() < 0.1 ? { quote: `"${zipfWord(random)} ${pick(random, EVENT_KINDS)}" according to the filing` } : {}),
    };
  }

  /**
   * Hub h's k-th relationship: the hub SUPPLIED its k-th distinct Company, taken with a stride through
   * the Company pool so that the neighbours are spread out (and distinct, hence degree exactly = count).
   */
  private hubRelationship(index: number, id: string): RelationshipInput {
    let hub = 0;
    let k = index;
    while (k >= HUB_DEGREES[hub]!) k -= HUB_DEGREES[hub++]!;
    const pool = this.pools[ENTITY_TYPES.indexOf("Company")]!;
    const stride = Math.max(1, Math.floor(pool.length / HUB_DEGREES[hub]!));
    const random = rngFor(this.seed, STREAM.hub, index);
    return {
      id,
      type: "SUPPLIED",
      from: this.idOf(hub),
      to: this.idOf(pool[(k * stride + hub) % pool.length]!),
      properties: { product: pick(random, PRODUCTS) },
      sources: [this.idOf(this.draw(random, "Report"))],
    };
  }

  *relationshipBatches(batchSize: number): Generator<RelationshipInput[]> {
    for (let start = 0; start < this.relationshipCount; start += batchSize) {
      const batch: RelationshipInput[] = [];
      for (let j = start; j < Math.min(this.relationshipCount, start + batchSize); j++) batch.push(this.relationship(j));
      yield batch;
    }
  }

  /**
   * Search texts a reader would type, all of which exist in the graph: a full name, a common surname, a
   * prefix being typed, a typo, a company stem with its suffix, a word that matches nothing.
   */
  searchQueries(count = 20): string[] {
    const queries: string[] = [];
    const random = rngFor(this.seed, STREAM.vocabulary, 1);
    for (let q = 0; queries.length < count; q++) {
      const index = HUB_COUNT + Math.floor(random() * (this.nodeCount - HUB_COUNT));
      const name = this.node(index).name;
      const words = name.split(" ");
      const first = words[0]!;
      switch (q % 6) {
        case 0:
          queries.push(name); // the exact name
          break;
        case 1:
          queries.push(words[words.length - 1]!); // one word, often common
          break;
        case 2:
          queries.push(first.slice(0, 3)); // typing the first letters
          break;
        case 3:
          queries.push(first.length >= 5 ? `${first.slice(0, 2)}${first.slice(3)}` : `${first}x`); // a typo
          break;
        case 4:
          queries.push(`${words[0]} ${words[1] ?? ""}`.trim().toLowerCase());
          break;
        default:
          queries.push("zzqx nothing"); // matches nothing: both passes (all words, then any word) run
      }
    }
    return queries;
  }

  /** Entity pairs for shortest-path runs: random non-hub entities (a path may or may not exist). */
  pathPairs(count = 20): [string, string][] {
    const random = rngFor(this.seed, STREAM.vocabulary, 2);
    const node = () => this.idOf(HUB_COUNT + Math.floor(random() * (this.nodeCount - HUB_COUNT)));
    return Array.from({ length: count }, () => [node(), node()] as [string, string]);
  }
}
