/**
 * The import pipeline every format shares. Nothing is written until the whole input has been checked:
 *
 *   1. validate: stream every item; registry schemas, ids, duplicates (an identical repeat is ignored and
 *      counted, a different row under a used id is refused). Keeps one small entry per id, never rows.
 *   2. resolve: look the file's entity ids and the ids it references but does not define up in the
 *      database, in batches (type conflicts, references to existing entities).
 *   3. check: stream again; every relationship's ends and sources must exist (in the file or the
 *      database) with types the registry allows.
 *   4. write entities, 5. write relationships: stream again, UNWIND batches, MERGE on our ids (CREATE for
 *      entities step 2 did not find, and for relationships between two of them: no read before the write).
 *
 * Any problem and the run writes nothing (all-or-nothing), unless `skipInvalid`: then the refused rows
 * (and rows that depend on them) are left out and every one is reported. Since writes are MERGEs on
 * ids with properties set on create only, a run killed during 4-5 is completed by running it again, and
 * a re-import creates nothing.
 */
import { createHash } from "node:crypto";
import {
  checkEndpoints,
  entitySchemas,
  isEntityType,
  relationshipInputSchema,
  type EntityInput,
  type EntityType,
  type RelationshipInput,
  type RelationshipType,
} from "../model/registry";
import { describeIssues } from "../validation";
import type { ImportStore } from "./store";
import { originKey, type ImportItem, type ImportSource, type Problem, type RowOrigin } from "./types";
import { writesInFlight } from "./in-flight";

export type Phase = "validate" | "resolve" | "check" | "write entities" | "write relationships";

export interface Progress {
  phase: Phase;
  /** Items handled in this phase. */
  rows: number;
  bytesRead: number;
  totalBytes: number;
  created: number;
  /** True right after a batch was committed. */
  committed: boolean;
  /** When this phase began (ms since the epoch): rates are `rows` over the time since then. */
  phaseStartedAt: number;
}

/** The Report every imported relationship cites: the file or data set it came from. */
export interface SourceReport {
  id: string;
  name: string;
  description?: string;
  url?: string;
}

export interface ImportOptions {
  store: ImportStore;
  batchSize?: number;
  /**
   * Batches written at once (2 by default): Neo4j runs each transaction on one core, so a second one in
   * flight keeps a small server's other core busy (the 1M-node bench load: 16,662 rows/s with two against
   * 13,155 with one). Each batch's ids are its own; a deadlock on shared end nodes is retried by the driver.
   */
  writers?: number;
  /** Import the valid rows and report the refused ones, instead of refusing the whole run. */
  skipInvalid?: boolean;
  /** Cite this Report on every relationship (created if missing); null keeps the file's own sources. */
  sourceReport: SourceReport | null;
  /**
   * The id of the data set this import is (a `Dataset` record, lib/datasets): every entity and relationship
   * written gets it in its `datasets` list, existing ones included. Used as given (not prefixed).
   */
  dataset?: string;
  /** Prepended to every id (entities, relationships, references): keeps tests and trial runs apart. */
  idPrefix?: string;
  onProgress?: (progress: Progress) => void;
  /** Every problem as it is found (the CLI writes them all to a report file). */
  onProblem?: (problem: Problem) => void;
  /** How many problems the result keeps (all are counted). */
  keepProblems?: number;
}

export interface ImportResult {
  /** "refused": nothing was written. */
  status: "imported" | "refused";
  source: string;
  /** Valid: passed every check (written, or already there). */
  entities: { valid: number; created: number };
  relationships: { valid: number; created: number };
  /** Rows identical to an earlier row with the same id: ignored. */
  duplicatesIgnored: number;
  /** Rows refused (every problem refuses one row, except file-level ones). */
  problemCount: number;
  problems: Problem[];
  elapsedMs: number;
  /**
   * Set by an import as a data set (lib/datasets/import-run.ts): candidate pairs, not yet judged, between
   * the data set's entities and the rest of the graph (or within it), found by cross-referencing after
   * the rows were in (lib/resolution).
   */
  possibleMatches?: number;
}

interface EntityEntry extends RowOrigin {
  type: EntityType;
  hash: string;
  refused?: boolean;
  /** Found in the database by step 2: written with MERGE (the others with CREATE). */
  existed?: boolean;
}

interface RelationshipEntry extends RowOrigin {
  hash: string;
}

const hashOf = (value: unknown) => createHash("sha1").update(JSON.stringify(value)).digest("base64").slice(0, 16);

/**
 * Items kept per type (a label or a relationship type is spliced into the Cypher, so one batch holds one
 * type) and written a full batch at a time, up to `writers` batches at once; flushAll writes what is left
 * and waits for every write. The first write that fails fails the run (after the others in flight end).
 */
function typedBatches<K, T>(batchSize: number, writers: number, write: (type: K, batch: T[]) => Promise<void>) {
  const buffers = new Map<K, T[]>();
  const inFlight = writesInFlight(writers);
  async function flush(type: K, force: boolean) {
    const buffer = buffers.get(type);
    if (!buffer || buffer.length === 0 || (!force && buffer.length < batchSize)) return;
    buffers.set(type, []);
    await inFlight.start(() => write(type, buffer));
  }
  return {
    async add(type: K, item: T) {
      const buffer = buffers.get(type) ?? [];
      buffer.push(item);
      buffers.set(type, buffer);
      await flush(type, false);
    },
    async flushAll() {
      for (const type of buffers.keys()) await flush(type, true);
      await inFlight.settle();
    },
  };
}

const where = (origin: RowOrigin) => `line ${origin.line}${origin.file ? ` of ${origin.file}` : ""}`;

function prefixed(prefix: string, value: unknown): unknown {
  return typeof value === "string" && prefix !== "" ? `${prefix}${value}` : value;
}

export async function runImport(source: ImportSource, options: ImportOptions): Promise<ImportResult> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 5_000;
  const writers = Math.max(1, options.writers ?? 2);
  const prefix = options.idPrefix ?? "";
  const keep = options.keepProblems ?? 1_000;
  const report = options.sourceReport ? { ...options.sourceReport, id: `${prefix}${options.sourceReport.id}` } : null;

  const problems: Problem[] = [];
  let problemCount = 0;
  let fileLevelProblems = 0;
  const refusedKeys = new Set<string>();
  function refuse(origin: RowOrigin, reason: string, fileLevel = false) {
    const problem = { file: origin.file, line: origin.line, reason };
    problemCount += 1;
    if (fileLevel) fileLevelProblems += 1;
    if (problems.length < keep) problems.push(problem);
    refusedKeys.add(originKey(origin));
    options.onProblem?.(problem);
  }

  const counter = { bytes: 0 };
  let phase: Phase = "validate";
  let rows = 0;
  let created = 0;
  let lastReport = 0;
  let phaseStartedAt = Date.now();
  function progress(committed = false) {
    const now = Date.now();
    if (!committed && now - lastReport < 1_000) return;
    lastReport = now;
    options.onProgress?.({ phase, rows, bytesRead: counter.bytes, totalBytes: source.totalBytes, created, committed, phaseStartedAt });
  }
  function startPhase(next: Phase) {
    phase = next;
    phaseStartedAt = Date.now();
    rows = 0;
    created = 0;
    counter.bytes = 0;
  }

  /* Item -> validated entity or relationship (same answer on every pass: the passes re-derive it). */
  function prepareEntity(item: Extract<ImportItem, { kind: "entity" }>): EntityInput | string {
    const raw: Record<string, unknown> = { ...item.entity, id: prefixed(prefix, item.entity.id) };
    if (!isEntityType(raw.type)) return `unknown entity type ${JSON.stringify(raw.type ?? null)}`;
    const parsed = entitySchemas[raw.type].safeParse(raw);
    return parsed.success ? (parsed.data as EntityInput) : `entity ${String(raw.id)}: ${describeIssues(parsed.error)}`;
  }
  function prepareRelationship(item: Extract<ImportItem, { kind: "relationship" }>): RelationshipInput | string {
    const raw = item.relationship;
    let sources = Array.isArray(raw.sources) ? raw.sources.map((id) => prefixed(prefix, id)) : [];
    if (report) sources = [...new Set([...sources, report.id])];
    const parsed = relationshipInputSchema.safeParse({
      ...raw,
      id: prefixed(prefix, raw.id),
      from: prefixed(prefix, raw.from),
      to: prefixed(prefix, raw.to),
      sources,
    });
    return parsed.success ? parsed.data : `relationship ${String(raw.id)}: ${describeIssues(parsed.error)}`;
  }

  /* ---------------------------------------------------------------- 1. validate */
  const entities = new Map<string, EntityEntry>();
  const relationships = new Map<string, RelationshipEntry>();
  const refusedEntityIds = new Set<string>();
  const references = new Set<string>();
  let duplicatesIgnored = 0;
  let entityRows = 0;
  let relationshipRows = 0;

  /**
   * Whether this id is seen for the first time. The same row again (same values) is counted and skipped;
   * the id reused with other values is refused, naming where it was first.
   */
  function firstSighting(kind: "entity" | "relationship", seen: Map<string, RowOrigin & { hash: string }>, id: string, hash: string, item: RowOrigin) {
    const earlier = seen.get(id);
    if (!earlier) return true;
    if (earlier.hash === hash) duplicatesIgnored += 1;
    else refuse(item, `${kind} id "${id}" is already used on ${where(earlier)}, with different values`);
    return false;
  }

  progress(); // the job shows "validate" from the first byte, not only from the first row
  for await (const item of source.items(counter)) {
    rows += 1;
    progress();
    if (item.kind === "problem") {
      refuse(item, item.reason, item.fileLevel);
      continue;
    }
    if (item.kind === "entity") {
      const entity = prepareEntity(item);
      if (typeof entity === "string") {
        refuse(item, entity);
        if (typeof item.entity.id === "string") refusedEntityIds.add(`${prefix}${item.entity.id}`);
        continue;
      }
      const hash = hashOf(entity);
      if (!firstSighting("entity", entities, entity.id, hash, item)) continue;
      entities.set(entity.id, { type: entity.type, hash, file: item.file, line: item.line, index: item.index });
      entityRows += 1;
      continue;
    }
    const relationship = prepareRelationship(item);
    if (typeof relationship === "string") {
      refuse(item, relationship);
      continue;
    }
    const hash = hashOf(relationship);
    if (!firstSighting("relationship", relationships, relationship.id, hash, item)) continue;
    relationships.set(relationship.id, { hash, file: item.file, line: item.line, index: item.index });
    relationshipRows += 1;
    for (const id of [relationship.from, relationship.to, ...relationship.sources]) {
      if (!entities.has(id)) references.add(id);
    }
  }
  const sourceOrigin = { file: "(import source)", line: 0, index: 0 };
  if (report) {
    const clash = entities.get(report.id);
    if (clash && clash.type !== "Report") refuse(clash, `the id "${report.id}" is reserved for the import's source Report`);
    else if (!clash) entities.set(report.id, { type: "Report", hash: "", ...sourceOrigin });
  }

  /* ---------------------------------------------------------------- 2. resolve */
  startPhase("resolve");
  const external = new Map<string, EntityType | null>();
  const lookups = [...entities.keys(), ...[...references].filter((id) => !entities.has(id))];
  references.clear();
  for (let start = 0; start < lookups.length; start += batchSize) {
    const found = await options.store.entityTypes(lookups.slice(start, start + batchSize));
    for (const [id, type] of found) {
      const entry = entities.get(id);
      if (!entry) {
        external.set(id, type);
        continue;
      }
      entry.existed = true;
      if (type !== entry.type && entry.hash !== "") {
        entry.refused = true;
        refusedEntityIds.add(id);
        refuse(entry, `entity "${id}" already exists in the database as a ${type ?? "node of no known type"}, not a ${entry.type}`);
        entityRows -= 1;
      }
    }
    rows += Math.min(batchSize, lookups.length - start);
    progress();
  }

  /* ---------------------------------------------------------------- 3. check references */
  startPhase("check");
  const typeOf = (id: string): EntityType | null | undefined => {
    const entry = entities.get(id);
    if (entry) return entry.refused ? undefined : entry.type;
    return external.get(id);
  };
  const missing = (id: string) =>
    refusedEntityIds.has(id) ? `"${id}" (its own row was refused)` : `"${id}" (neither in the import nor in the database)`;
  for await (const item of source.items(counter)) {
    rows += 1;
    progress();
    if (item.kind !== "relationship" || refusedKeys.has(originKey(item))) continue;
    const relationship = prepareRelationship(item);
    if (typeof relationship === "string") continue;
    const entry = relationships.get(relationship.id);
    if (!entry || originKey(entry) !== originKey(item)) continue;
    const reasons: string[] = [];
    const fromType = typeOf(relationship.from);
    const toType = typeOf(relationship.to);
    if (fromType === undefined) reasons.push(`unknown start entity ${missing(relationship.from)}`);
    if (toType === undefined) reasons.push(`unknown end entity ${missing(relationship.to)}`);
    if (fromType === null || toType === null) reasons.push("an end exists in the database but is not an entity of a known type");
    if (fromType && toType) {
      const endpoints = checkEndpoints(relationship.type, fromType, toType);
      if (endpoints) reasons.push(`${endpoints} (${relationship.from} -> ${relationship.to})`);
    }
    for (const cited of relationship.sources) {
      const type = typeOf(cited);
      if (type !== "Report") reasons.push(`source ${missing(cited).replace(/ \(.*\)$/, "")} is not a Report${type === undefined ? " that exists" : ""}`);
    }
    if (reasons.length > 0) {
      refuse(item, `relationship ${relationship.id}: ${reasons.join("; ")}`);
      relationshipRows -= 1;
    }
  }

  const result = (status: ImportResult["status"], entitiesCreated: number, relationshipsCreated: number): ImportResult => ({
    status,
    source: source.name,
    entities: { valid: entityRows, created: entitiesCreated },
    relationships: { valid: relationshipRows, created: relationshipsCreated },
    duplicatesIgnored,
    problemCount,
    problems,
    elapsedMs: Date.now() - started,
  });
  if (fileLevelProblems > 0 || (problemCount > 0 && !options.skipInvalid)) return result("refused", 0, 0);

  /* ---------------------------------------------------------------- 4. write entities */
  startPhase("write entities");
  let entitiesCreated = 0;
  // Whether every entity step 2 did not find was created by this run. If another writer made one of them
  // meanwhile, it may have linked it too: the relationships then all go through MERGE.
  let freshEntitiesAllOurs = true;
  const isFreshEntity = (id: string) => {
    const entry = entities.get(id);
    return entry !== undefined && entry.existed !== true && entry.refused !== true;
  };
  /** Writes a batch, the entities step 2 did not find marked fresh; how many it created. */
  async function writeEntities(type: EntityType, batch: readonly EntityInput[]): Promise<number> {
    const fresh = new Set(batch.filter((entity) => isFreshEntity(entity.id)).map((entity) => entity.id));
    const count = await options.store.writeEntities(type, batch, options.dataset ?? null, fresh);
    if (count < fresh.size) freshEntitiesAllOurs = false;
    return count;
  }
  const entityBatches = typedBatches<EntityType, EntityInput>(batchSize, writers, async (type, batch) => {
    const count = await writeEntities(type, batch);
    entitiesCreated += count;
    created += count;
    progress(true);
  });
  if (report && entities.get(report.id)?.hash === "") {
    const reportEntity = entitySchemas.Report.parse({
      type: "Report",
      id: report.id,
      name: report.name,
      ...(report.description ? { description: report.description } : {}),
      ...(report.url && /^https?:\/\//.test(report.url) ? { url: report.url } : {}),
    }) as EntityInput;
    entitiesCreated += await writeEntities("Report", [reportEntity]);
  }
  for await (const item of source.items(counter)) {
    rows += 1;
    progress();
    if (item.kind !== "entity" || refusedKeys.has(originKey(item))) continue;
    const entity = prepareEntity(item);
    if (typeof entity === "string") continue;
    const entry = entities.get(entity.id);
    if (!entry || entry.refused || originKey(entry) !== originKey(item)) continue;
    await entityBatches.add(entity.type, entity);
  }
  await entityBatches.flushAll();

  /* ---------------------------------------------------------------- 5. write relationships */
  startPhase("write relationships");
  let relationshipsCreated = 0;
  const relationshipBatches = typedBatches<RelationshipType, RelationshipInput>(batchSize, writers, async (type, batch) => {
    // Between two entities this run created, no relationship can exist yet: CREATE, no MERGE.
    const fresh = new Set(
      freshEntitiesAllOurs
        ? batch.filter((relationship) => isFreshEntity(relationship.from) && isFreshEntity(relationship.to)).map((relationship) => relationship.id)
        : [],
    );
    const count = await options.store.writeRelationships(type, batch, options.dataset ?? null, fresh);
    relationshipsCreated += count;
    created += count;
    progress(true);
  });
  for await (const item of source.items(counter)) {
    rows += 1;
    progress();
    if (item.kind !== "relationship" || refusedKeys.has(originKey(item))) continue;
    const relationship = prepareRelationship(item);
    if (typeof relationship === "string") continue;
    const entry = relationships.get(relationship.id);
    if (!entry || originKey(entry) !== originKey(item)) continue;
    await relationshipBatches.add(relationship.type, relationship);
  }
  await relationshipBatches.flushAll();

  return result("imported", entitiesCreated, relationshipsCreated);
}
