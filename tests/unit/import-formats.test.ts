import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { csvSource } from "@/lib/import/csv";
import { ftmSource, mapFtmEntity } from "@/lib/import/ftm";
import { graphInputSource } from "@/lib/import/graph-input";
import { readLines } from "@/lib/import/lines";
import { csvMappingSchema, evaluate, mapNodeRow, mapRelationshipRow, type CsvMapping } from "@/lib/import/mapping";
import { runImport, type ImportOptions } from "@/lib/import/pipeline";
import { redstringJsonSource } from "@/lib/import/redstring-json";
import type { ImportStore } from "@/lib/import/store";
import type { ImportSource } from "@/lib/import/types";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "redstring-import-unit-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

/** An in-memory store: what would be written, keyed by id, MERGE-like (a second write of an id is a no-op). */
function memoryStore(existing: Record<string, string> = {}) {
  const entities = new Map<string, unknown>();
  const relationships = new Map<string, unknown>();
  const store: ImportStore = {
    async entityTypes(ids) {
      return new Map(ids.filter((id) => id in existing).map((id) => [id, existing[id] as never]));
    },
    async writeEntities(_type, batch) {
      let created = 0;
      for (const entity of batch) if (!entities.has(entity.id) && entities.set(entity.id, entity)) created += 1;
      return created;
    },
    async writeRelationships(_type, batch) {
      let created = 0;
      for (const relationship of batch) if (!relationships.has(relationship.id) && relationships.set(relationship.id, relationship)) created += 1;
      return created;
    },
  };
  return { store, entities, relationships };
}

const REPORT = { id: "import-test", name: "Imported data set: test" };
const run = (source: ImportSource, store: ImportStore, extra: Partial<ImportOptions> = {}) =>
  runImport(source, { store, sourceReport: REPORT, ...extra });

const MAPPING: CsvMapping = csvMappingSchema.parse({
  nodes: [
    { file: "companies.csv", type: "Company", id: { column: "id", slug: true, prefix: "company-" }, name: "name", fields: { industry: "industry" } },
    { file: "people.csv", type: "Person", id: { column: "id", slug: true, prefix: "person-" }, name: { template: "{first} {last}" } },
  ],
  relationships: [
    {
      file: "payments.csv",
      type: "PAID",
      id: { template: "payment-{payer}-{payee}-{date}", slug: true },
      from: { column: "payer", slug: true, prefix: "person-" },
      to: { column: "payee", slug: true, prefix: "company-" },
      properties: { amount: "amount", date: "date", currency: { value: "EUR" } },
    },
  ],
});

function writeCsvSet(overrides: Partial<Record<"companies" | "people" | "payments", string | Buffer>> = {}) {
  const sub = mkdtempSync(path.join(dir, "csv-"));
  const put = (name: string, content: string | Buffer) => writeFileSync(path.join(sub, name), content);
  put("companies.csv", overrides.companies ?? "id,name,industry\nACME,Acme Corp.,Widgets\nBETA,\"Beta, Inc.\",\n");
  put("people.csv", overrides.people ?? "id,first,last\nP1,Ann,Smith\nP2,Bob,Jones\n");
  put("payments.csv", overrides.payments ?? "payer,payee,amount,date\nP1,ACME,100,2020-01-01\nP2,BETA,250.50,2020-02-01\n");
  return csvSource({ mapping: MAPPING, directory: sub });
}

describe("the mapping file", () => {
  it("refuses unknown types, fields and properties, naming them", () => {
    const bad = csvMappingSchema.safeParse({
      nodes: [{ file: "a.csv", type: "Spaceship", id: "id", name: "name" }],
      relationships: [{ file: "b.csv", type: "PAID", id: "id", from: "a", to: "b", properties: { colour: "c" } }],
    });
    expect(bad.success).toBe(false);
    const text = JSON.stringify(bad.error?.issues);
    expect(text).toContain('"path":["nodes",0,"type"]');
    expect(text).toContain('PAID has no field \\"colour\\"');
    expect(csvMappingSchema.safeParse({ nodes: [{ file: "a.csv", type: "Company", id: "id", name: "name", fields: { party: "p" } }] }).success).toBe(false);
  });

  it("builds values from columns, templates, constants and fallbacks", () => {
    const row = { first: " Ann ", last: "Smith", id: "B000944", empty: "" };
    expect(evaluate({ template: "{first} {last}" }, row).value).toBe("Ann Smith");
    expect(evaluate({ column: "id", slug: true, prefix: "legislator-" }, row).value).toBe("legislator-b000944");
    expect(evaluate({ value: "114" }, row).value).toBe("114");
    expect(evaluate({ firstOf: ["empty", { column: "last", upper: true }] }, row).value).toBe("SMITH");
    expect(evaluate({ column: "empty", map: { "": "x" } }, row)).toEqual({ value: undefined, empty: ["empty"] });
    expect(evaluate({ column: "first", truncate: 2 }, row).value).toBe("A…");
  });

  it("reports a missing id and maps relationship properties", () => {
    const [node] = MAPPING.nodes;
    expect(mapNodeRow(node!, { id: "", name: "x" })).toEqual({ reason: 'missing id: column "id" is empty' });
    const [relationship] = MAPPING.relationships;
    expect(mapRelationshipRow(relationship!, { payer: "P1", payee: "Acme", amount: "5", date: "2020" })).toEqual({
      relationship: { type: "PAID", id: "payment-p1-acme-2020", from: "person-p1", to: "company-acme", properties: { amount: "5", date: "2020", currency: "EUR" } },
    });
  });
});

describe("reading lines", () => {
  it("numbers lines and reports invalid UTF-8 with its line and byte", async () => {
    const target = file("bad.txt", Buffer.concat([Buffer.from("ok\r\nCaf\u00e9\n"), Buffer.from([0x61, 0xff, 0x62, 0x0a]), Buffer.from("last")]));
    const lines = [];
    for await (const line of readLines(target)) lines.push(line);
    expect(lines.map((line) => line.line)).toEqual([1, 2, 3, 4]);
    expect(lines[0]?.text).toBe("ok");
    expect(lines[1]).toEqual({ line: 2, text: "Café" });
    expect(lines[2]?.invalid).toMatch(/invalid UTF-8 \(byte 2 of the line\)/);
    expect(lines[3]?.text).toBe("last");
  });
});

describe("the CSV importer (in memory)", () => {
  it("imports every row once, cites the source report, and a re-import creates nothing", async () => {
    const memory = memoryStore();
    const source = writeCsvSet();
    const first = await run(source, memory.store);
    expect(first.status).toBe("imported");
    expect(first.entities).toEqual({ valid: 4, created: 5 }); // 4 rows + the source Report
    expect(first.relationships).toEqual({ valid: 2, created: 2 });
    expect([...memory.relationships.values()]).toContainEqual(expect.objectContaining({ id: "payment-p1-acme-2020-01-01", sources: ["import-test"] }));
    const again = await run(source, memory.store);
    expect(again.entities.created + again.relationships.created).toBe(0);
  });

  it.each([
    ["a dangling reference", { payments: "payer,payee,amount,date\nP1,NOPE,1,2020\n" }, "payments.csv", 2, /unknown end entity "company-nope"/],
    ["a duplicate id with other values", { people: "id,first,last\nP1,Ann,Smith\nP1,Ann,Other\nP2,B,J\n" }, "people.csv", 3, /"person-p1" is already used on line 2/],
    ["a row with too few fields", { companies: "id,name,industry\nACME,Acme\nBETA,Beta,x\n" }, "companies.csv", 2, /2 fields, the header has 3/],
    ["a truncated file", { companies: 'id,name,industry\nACME,Acme,x\nBETA,"Beta' }, "companies.csv", 3, /CSV syntax error/],
    ["invalid UTF-8", { people: Buffer.concat([Buffer.from("id,first,last\nP1,Ann,Smith\nP2,B"), Buffer.from([0xc3, 0x28]), Buffer.from(",J\n")]) }, "people.csv", 3, /invalid UTF-8/],
    ["an invalid field value", { people: "id,first,last\nP1,,\nP2,B,J\n" }, "people.csv", 2, /name/],
  ])("refuses %s, naming file and line, and writes nothing", async (_name, overrides, fileName, line, reason) => {
    const memory = memoryStore();
    const result = await run(writeCsvSet(overrides), memory.store);
    expect(result.status).toBe("refused");
    expect(result.problems).toContainEqual({ file: fileName, line, reason: expect.stringMatching(reason) });
    expect(memory.entities.size + memory.relationships.size).toBe(0);
  });

  it("a wrong endpoint type is refused with the rule it breaks", async () => {
    const memory = memoryStore({ "company-acme": "Region" });
    const result = await run(writeCsvSet({ companies: "id,name,industry\nBETA,Beta,x\n" }), memory.store);
    expect(result.problems).toContainEqual({ file: "payments.csv", line: 2, reason: expect.stringContaining("PAID cannot end at a Region") });
  });

  it("with skipInvalid loads the valid rows and reports the refused ones and what depends on them", async () => {
    const memory = memoryStore();
    const result = await run(writeCsvSet({ people: "id,first,last\nP1,,\nP2,B,J\n" }), memory.store, { skipInvalid: true });
    expect(result.status).toBe("imported");
    expect(result.problems.map((problem) => `${problem.file}:${problem.line}`)).toEqual(["people.csv:2", "payments.csv:2"]);
    expect(result.problems[1]?.reason).toMatch(/its own row was refused/);
    expect(memory.relationships.size).toBe(1);
  });

  it("ignores rows repeated identically, and counts them", async () => {
    const memory = memoryStore();
    const result = await run(writeCsvSet({ people: "id,first,last\nP1,Ann,Smith\nP1,Ann,Smith\nP2,B,J\n" }), memory.store);
    expect(result.status).toBe("imported");
    expect(result.duplicatesIgnored).toBe(1);
    expect(memory.entities.size).toBe(5);
  });
});

describe("writing batches side by side", () => {
  /** The memory store, its writes held until let go, counting how many run at once. */
  function heldStore(failOn?: string) {
    const memory = memoryStore();
    let running = 0;
    let most = 0;
    const pending: (() => void)[] = [];
    const held = async <T,>(write: () => Promise<T>, ids: string[]): Promise<T> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => pending.push(resolve));
      running -= 1;
      if (failOn && ids.includes(failOn)) throw new Error(`the database refused ${failOn}`);
      return write();
    };
    const store: ImportStore = {
      entityTypes: memory.store.entityTypes,
      writeEntities: (type, batch, ...rest) => held(() => memory.store.writeEntities(type, batch, ...rest), batch.map((entity) => entity.id)),
      writeRelationships: (type, batch, ...rest) => held(() => memory.store.writeRelationships(type, batch, ...rest), batch.map((item) => item.id)),
    };
    // Lets the held writes go, one a tick, until the import is over.
    const release = setInterval(() => pending.shift()?.(), 1);
    return { store, memory, most: () => most, stop: () => clearInterval(release) };
  }

  // In memory, the pipeline reaches its next write without waiting on any timer, so before the store lets
  // the first write go (a timer tick) it has started as many as it may: exactly `writers`.
  const organisations = Array.from({ length: 6 }, (_, k) => ({ type: "Organization" as const, id: `org-${k}`, name: `Organisation ${k}`, aliases: [] }));

  it("keeps up to `writers` batches in flight and writes every row once", async () => {
    for (const writers of [1, 2, 3]) {
      const held = heldStore();
      try {
        const result = await runImport(graphInputSource("orgs", { entities: organisations, relationships: [] }), {
          store: held.store,
          sourceReport: null,
          batchSize: 1,
          writers,
        });
        expect(result.status).toBe("imported");
        expect(result.entities.created).toBe(organisations.length);
        expect([...held.memory.entities.keys()].sort()).toEqual(organisations.map((entity) => entity.id).sort());
        expect(held.most()).toBe(writers);
      } finally {
        held.stop();
      }
    }
  });

  it("fails the run with the first write that fails, after the others in flight end", async () => {
    const held = heldStore("person-p1");
    try {
      await expect(run(writeCsvSet(), held.store, { batchSize: 1, writers: 2 })).rejects.toThrow("the database refused person-p1");
      // No relationship is written once an entity batch has failed.
      expect(held.memory.relationships.size).toBe(0);
    } finally {
      held.stop();
    }
  });
});

describe("FollowTheMoney", () => {
  it("maps things to entities with their address, and payments to PAID with amount and date", () => {
    const person = mapFtmEntity({ id: "ABC", schema: "Person", properties: { name: ["Frau X", "X"], country: ["de"], addressEntity: ["addr1"] } });
    expect(person).toEqual([
      { kind: "entity", entity: { type: "Person", id: "ftm-abc", name: "Frau X", aliases: ["X"], country: "DE" } },
      { kind: "relationship", relationship: { type: "HAS_ADDRESS", id: "ftm-abc-address", from: "ftm-abc", to: "ftm-addr1", properties: {} } },
    ]);
    expect(mapFtmEntity({ id: "p1", schema: "Payment", properties: { payer: ["a"], beneficiary: ["b"], amountEur: ["100.5"], date: ["2011-12-29"] } })).toEqual([
      { kind: "relationship", relationship: { type: "PAID", id: "ftm-p1", from: "ftm-a", to: "ftm-b", properties: { amount: "100.5", currency: "EUR", date: "2011-12-29" } } },
    ]);
    expect(mapFtmEntity({ id: "x", schema: "PublicBody", properties: { name: ["Ministry"] } })[0]).toMatchObject({ entity: { type: "Agency" } });
    expect(mapFtmEntity({ id: "v", schema: "Vessel", properties: {} })).toEqual([{ kind: "problem", reason: 'unsupported FollowTheMoney schema "Vessel"' }]);
    expect(mapFtmEntity({ id: "p2", schema: "Payment", properties: { beneficiary: ["b"] } })[0]).toMatchObject({ kind: "problem" });
  });

  it("reports broken lines with their numbers", async () => {
    const target = file(
      "broken.ijson",
      Buffer.concat([
        Buffer.from('{"id": "a", "schema": "Company", "properties": {"name": ["A"]}}\n{"id": "b", "schema": "Company", "prop'),
        Buffer.from('\n{"id": "c", "schema": "Company", "properties": {"name": ["C\xff"]}}\n', "latin1"),
        Buffer.from('{"id": "p", "schema": "Payment", "properties": {"payer": ["a"], "beneficiary": ["zzz"]}}\n'),
      ]),
    );
    const memory = memoryStore();
    const result = await run(ftmSource(target), memory.store);
    expect(result.status).toBe("refused");
    expect(result.problems.map((problem) => [problem.line, problem.reason.slice(0, 20)])).toEqual([
      [2, "not valid JSON (a tr"],
      [3, "invalid UTF-8 (byte "],
      [4, "relationship ftm-p: "],
    ]);
  });
});

describe("Redstring JSON", () => {
  const graph = {
    format: "redstring-graph",
    version: 1,
    exportedAt: "2024-01-01T00:00:00.000Z",
    entities: [
      { type: "Report", id: "r1", name: "A report, with {braces} and \"quotes\"", aliases: [] },
      { type: "Company", id: "c1", name: "C", aliases: [] },
      { type: "Agency", id: "a1", name: "A", aliases: [] },
    ],
    relationships: [{ id: "s1", type: "SUPPLIED", from: "c1", to: "a1", properties: { product: "x" }, sources: ["r1"], quote: "q" }],
    positions: { c1: { x: 1, y: 2 } },
  };

  it("streams entities and relationships, keeping their own sources", async () => {
    const memory = memoryStore();
    const result = await runImport(redstringJsonSource(file("g.json", JSON.stringify(graph, null, 2))), { store: memory.store, sourceReport: null });
    expect(result.status).toBe("imported");
    expect(result.entities.created).toBe(3);
    expect(memory.relationships.get("s1")).toEqual(graph.relationships[0]);
  });

  it("names the line of a bad element and refuses a truncated file", async () => {
    const text = JSON.stringify({ ...graph, entities: [...graph.entities, { type: "Spaceship", id: "x", name: "X" }] }, null, 2);
    const bad = await runImport(redstringJsonSource(file("bad.json", text)), { store: memoryStore().store, sourceReport: null });
    const line = text.split("\n").findIndex((row) => row.includes('"Spaceship"'));
    expect(bad.problems).toEqual([{ file: expect.stringContaining("bad.json"), line, reason: 'unknown entity type "Spaceship"' }]);

    const full = JSON.stringify(graph, null, 2);
    const cut = await runImport(redstringJsonSource(file("cut.json", full.slice(0, full.indexOf('"Agency"')))), { store: memoryStore().store, sourceReport: null, skipInvalid: true });
    expect(cut.status).toBe("refused");
    expect(cut.problems.at(-1)?.reason).toMatch(/ends before the JSON document does/);
  });
});

describe("progress", () => {
  it("dates each phase from its start, so a rate is rows over the phase's real duration", async () => {
    // A clock that moves only when a batch is written: one second per entity.
    let clock = 1_700_000_000_000;
    const now = vi.spyOn(Date, "now").mockImplementation(() => clock);
    try {
      const memory = memoryStore();
      let written = 0;
      const slow: ImportStore = {
        ...memory.store,
        async writeEntities(type, batch) {
          clock += 1_000 * batch.length;
          written += batch.length;
          return memory.store.writeEntities(type, batch);
        },
      };
      const events: { phase: string; committed: boolean; phaseStartedAt: number; at: number; written: number }[] = [];
      await run(writeCsvSet(), slow, { batchSize: 1, onProgress: (progress) => events.push({ ...progress, at: clock, written }) });
      const writes = events.filter((event) => event.phase === "write entities" && event.committed);
      expect(writes.length).toBeGreaterThan(1);
      // Every second that passed since the phase began went into a write: none is missing, none counted twice.
      for (const event of writes) expect(event.at - event.phaseStartedAt).toBe(1_000 * event.written);
    } finally {
      now.mockRestore();
    }
  });
});
