/**
 * The bounds of the import readers (lib/import/lines.ts, the Redstring JSON scanner) with a small bound
 * so the cases stay small, and the scrubbing of server details from error text (lib/server-text.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readLines, type NumberedLine } from "@/lib/import/lines";
import { scanRedstringJson } from "@/lib/import/redstring-json";
import { withoutServerDetails } from "@/lib/server-text";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "redstring-bounds-unit-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("readLines", () => {
  it("refuses a line over the bound with its number and length, and reads the lines around it", async () => {
    const lines = await all(readLines(file("long.txt", `short\n${"x".repeat(5_000)}\nafter\n${"y".repeat(3_000)}`), { maxLineBytes: 1_000 }));
    expect(lines.map(({ line, text, oversized }) => ({ line, text, oversized: oversized ?? false }))).toEqual([
      { line: 1, text: "short", oversized: false },
      { line: 2, text: "", oversized: true },
      { line: 3, text: "after", oversized: false },
      { line: 4, text: "", oversized: true },
    ]);
    expect(lines[1]?.invalid).toBe("the line is 5 kB long; a line may be at most 1 kB");
  });

  it("a line of exactly the bound is read", async () => {
    const lines = await all(readLines(file("exact.txt", `${"z".repeat(1_000)}\n`), { maxLineBytes: 1_000 }));
    expect(lines).toEqual([{ line: 1, text: "z".repeat(1_000) }]);
  });

  it("in pieces, gives back the whole long line, multi-byte characters intact across the cuts", async () => {
    const long = "é€😀".repeat(100_000); // 900 kB of 2-, 3- and 4-byte characters: cut mid-character somewhere
    const pieces = await all(readLines(file("pieces.txt", `${long}\nnext\n`), { longLines: "pieces", maxLineBytes: 1_000 }));
    const first = pieces.filter((piece: NumberedLine) => piece.line === 1);
    expect(first.length).toBeGreaterThan(1);
    expect(first.slice(0, -1).every((piece) => piece.continues)).toBe(true);
    expect(first.at(-1)?.continues).toBe(false);
    expect(first.map((piece) => piece.text).join("")).toBe(long);
    expect(first.every((piece) => piece.invalid === undefined)).toBe(true);
    expect(pieces.at(-1)).toEqual({ line: 2, text: "next" });
  });

  it("in pieces, still reports invalid UTF-8 on a long line", async () => {
    const bytes = Buffer.concat([Buffer.from("a".repeat(3_000)), Buffer.from([0xff]), Buffer.from("b\n")]);
    const pieces = await all(readLines(file("bad.txt", bytes), { longLines: "pieces", maxLineBytes: 1_000 }));
    expect(pieces.at(-1)?.invalid).toMatch(/invalid UTF-8 \(byte 3001 of the line\)/);
  });
});

describe("the Redstring JSON scanner", () => {
  const header = '{"format": "redstring-graph", "version": 1, "entities": [';

  it("refuses an element over the bound with the line it starts on, and goes on with the next", async () => {
    const text = `${header}\n{"id": "a",\n "name": "${"n".repeat(5_000)}"},\n{"id": "b"}\n], "relationships": []}`;
    const scanned = await all(scanRedstringJson(readLines(file("big.json", text), { longLines: "pieces", maxLineBytes: 1_000 }), 1_000));
    expect(scanned).toEqual([
      { kind: "problem", line: 2, reason: "this entity is longer than 1 kB, the most Redstring reads as one record" },
      { kind: "element", key: "entities", line: 4, text: '{"id": "b"}' },
    ]);
  });

  it("refuses an over-long header value or key as a problem of the whole file", async () => {
    const value = await all(scanRedstringJson(readLines(file("value.json", `{"format": "${"f".repeat(3_000)}"}`), { longLines: "pieces" }), 1_000));
    expect(value).toEqual([{ kind: "problem", line: 1, reason: expect.stringMatching(/the value of "format" is longer than 1 kB/) as string, fileLevel: true }]);
    const key = await all(scanRedstringJson(readLines(file("key.json", `{"${"k".repeat(3_000)}": 1}`), { longLines: "pieces" }), 1_000));
    expect(key).toEqual([{ kind: "problem", line: 1, reason: expect.stringMatching(/a key is longer than 1 kB/) as string, fileLevel: true }]);
  });

  it("keeps escapes and quotes inside strings as they were", async () => {
    const element = String.raw`{"id": "a", "name": "say \"hi\" \\ back\\", "x": "]}"}`;
    const scanned = await all(scanRedstringJson(readLines(file("escapes.json", `${header}${element}], "relationships": []}`), { longLines: "pieces" })));
    expect(scanned).toEqual([{ kind: "element", key: "entities", line: 1, text: element }]);
    expect(JSON.parse(element)).toMatchObject({ name: 'say "hi" \\ back\\' });
  });
});

describe("withoutServerDetails", () => {
  it.each([
    ["a path on the database server", "Couldn't load the external resource at: file:/var/lib/neo4j/import/etc/passwd", "Couldn't load the external resource at: (a location on the server)"],
    ["a Java cause chain", "Failed to invoke procedure `db.x`: Caused by: java.lang.IllegalArgumentException: bad", "Failed to invoke procedure `db.x`"],
    ["a JVM class name", "Expected org.neo4j.values.storable.UTF8StringValue@3f2a to be a number", "Expected to be a number"],
    ["a bare exception name", "IllegalStateException: the thing broke", "the thing broke"],
    ["a stack frame", "boom at org.neo4j.kernel.Foo.bar(Foo.java:12)", "boom"],
    ["a file-system error", "ENOENT: no such file or directory, open '/tmp/redstring-uploads/abc/x.csv'", "ENOENT: no such file or directory, open '(a location on the server)'"],
    ["a Windows path", "cannot open C:\\data\\neo4j\\import\\x.csv", "cannot open (a location on the server)"],
  ])("removes %s", (_what, text, expected) => {
    expect(withoutServerDetails(text)).toBe(expected);
  });

  it.each([
    "Invalid input 'x': expected 'MATCH' (line 1, column 9 (offset: 8))",
    "Type mismatch: expected Integer but was String",
    "/ by zero",
    '"../../../../etc/passwd" is not a file name Redstring accepts',
    "The mapping names \"a/b.csv\": name the uploaded CSV files by their file names only.",
    "Variable `n` not defined (line 1, column 8 (offset: 7))",
  ])("keeps a message that names nothing of the server: %s", (text) => {
    expect(withoutServerDetails(text)).toBe(text);
  });
});
