// @neo4j-cypher/react-codemirror ships its types, but its package.json "exports" map has no "types"
// condition, so TypeScript's bundler resolution cannot find them. Point the import at them.
declare module "@neo4j-cypher/react-codemirror" {
  export * from "@neo4j-cypher/react-codemirror/src/react-codemirror.d.ts";
}

declare module "@neo4j-cypher/codemirror" {
  export * from "@neo4j-cypher/codemirror/src/codemirror.d.ts";
}
