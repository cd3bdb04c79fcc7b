/**
 * Error text that reaches a user must say what is wrong, never where or how the server keeps things.
 * Neo4j's messages can carry Java class names ("Caused by: java.io.FileNotFoundException"), stack frames
 * and paths on the database server ("file:/var/lib/neo4j/import/x.csv"); file-system errors carry the
 * app's own folders. This strips those parts and keeps the rest (a Cypher syntax message stays whole).
 */

/** Java's cause chain: everything from "Caused by:" on is the server's inner workings. */
const CAUSED_BY = /\s*\bCaused by:[\s\S]*$/i;
/** A stack frame: "at org.neo4j.kernel.Foo.bar(Foo.java:12)". */
const STACK_FRAME = /\s*\bat [\w$.<>/]+\([^)\n]*\)/g;
/** A fully qualified JVM name (three parts or more): org.neo4j.values.storable.StringValue@1f2e. */
const JVM_NAME = /\b(?:java|javax|jdk|sun|scala|kotlin|org|com|io|net)\.(?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*(?:@[0-9a-fA-F]+)?:?/g;
/** A bare exception class name: "IllegalArgumentException:". */
const EXCEPTION_NAME = /\b[A-Za-z_$][\w$]*Exception\b:?/g;
const FILE_URL = /\bfile:[^\s'"`)\]]*/gi;
/**
 * The app's own addresses ("POST /api/entities", "/admin/settings") are public and help the reader: a
 * path under one of its top-level routes is not a server location.
 */
const APP_ROUTES = "(?:api|admin|account|queries|s|embed|snapshots|changes|setup|signin|w|resolution)/";
/** An absolute path of two segments or more, after a space, quote, bracket or punctuation (or first). */
const UNIX_PATH = new RegExp(`(^|[\\s'"\`(=:,[])\\/(?!${APP_ROUTES})(?:[\\w.@+~-]+\\/)+[\\w.@+~-]*`, "g");
const WINDOWS_PATH = /\b[A-Za-z]:\\[^\s'"`)\]]*/g;

const HIDDEN = "(a location on the server)";

export function withoutServerDetails(text: string): string {
  return text
    .replace(CAUSED_BY, "")
    .replace(STACK_FRAME, "")
    .replace(FILE_URL, HIDDEN)
    .replace(WINDOWS_PATH, HIDDEN)
    .replace(UNIX_PATH, (_match, before: string) => `${before}${HIDDEN}`)
    .replace(JVM_NAME, "")
    .replace(EXCEPTION_NAME, "")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/\s+([.,;:])/g, "$1")
    .replace(/^[\s:;,.-]+|[\s:;,-]+$/g, "")
    .trim();
}
