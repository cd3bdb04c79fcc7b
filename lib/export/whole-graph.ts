import "server-only";
/**
 * The whole graph as a download, streamed: entities in pages ordered by id (the uniqueness constraint's
 * index gives that order for free), then relationships type by type in pages ordered by id (one index per
 * type). Memory stays flat however big the graph is. Each page is its own read transaction, so an export
 * running while people edit is a sequence of consistent pages, not one snapshot; say so to the reader.
 *
 * Whole-graph files use a fixed set of attributes (properties as one JSON column) because the set of
 * property keys is not known before the end of the stream; a view's export (lib/export/gephi.ts)
 * spells each property out. Text is written exactly as stored, bidi control characters included: this is
 * data, not a drawing (lib/text/bidi.ts).
 *
 * The download needs "graph:read", checked by wholeGraphExport when it is called, before the first byte
 * (a check inside the generators would run only once the response had started, too late for a 401).
 */
import { requirePermission } from "../auth/permissions";
import { type Actor } from "../auth/roles";
import { read } from "../database";
import { toInteger } from "../db/params";
import { EDGE, NODE } from "../explore/entities";
import { ENTITY_LABEL, RELATIONSHIP_TYPES } from "../model/registry";
import { csvRecord } from "../format/csv";
import { xmlEscape } from "../format/xml";
import { toEntityInput, toRelationshipInput, REDSTRING_JSON_FORMAT } from "./json-csv";
import { compact, toGraphEdge, toGraphNode, type RawEdge, type RawNode } from "../explore/from-records";
import type { GraphEdge, GraphNode } from "../graph/types";

const PAGE = 2_000;

export const WHOLE_GRAPH_FORMATS = ["json", "graphml", "gexf", "nodes.csv", "relationships.csv"] as const;
export type WholeGraphFormat = (typeof WHOLE_GRAPH_FORMATS)[number];

export const CONTENT_TYPES: Record<WholeGraphFormat, string> = {
  json: "application/json; charset=utf-8",
  graphml: "application/graphml+xml; charset=utf-8",
  gexf: "application/gexf+xml; charset=utf-8",
  "nodes.csv": "text/csv; charset=utf-8",
  "relationships.csv": "text/csv; charset=utf-8",
};

async function* allNodes(): AsyncGenerator<GraphNode[]> {
  let after = "";
  for (;;) {
    const rows = await read(async (tx) =>
      (
        await tx.run(`MATCH (n:${ENTITY_LABEL}) WHERE n.id > $after RETURN ${NODE("n")} AS node ORDER BY n.id LIMIT $limit`, {
          after,
          limit: toInteger(PAGE),
        })
      ).records.map((record) => record.get("node") as RawNode),
    );
    if (rows.length === 0) return;
    yield compact(rows.map(toGraphNode));
    const last = rows[rows.length - 1]?.properties.id;
    if (typeof last !== "string" || rows.length < PAGE) return;
    after = last;
  }
}

async function* allEdges(): AsyncGenerator<GraphEdge[]> {
  for (const type of RELATIONSHIP_TYPES) {
    let after = "";
    for (;;) {
      const rows = await read(async (tx) =>
        (
          await tx.run(`MATCH ()-[r:${type}]->() WHERE r.id > $after RETURN ${EDGE("r")} AS edge ORDER BY r.id LIMIT $limit`, {
            after,
            limit: toInteger(PAGE),
          })
        ).records.map((record) => record.get("edge") as RawEdge),
      );
      if (rows.length === 0) break;
      yield compact(rows.map(toGraphEdge));
      const last = rows[rows.length - 1]?.id;
      if (typeof last !== "string" || rows.length < PAGE) break;
      after = last;
    }
  }
}

const json = (value: unknown) => JSON.stringify(value);

async function* redstringJson(exportedAt: string): AsyncGenerator<string> {
  yield `{"format":${json(REDSTRING_JSON_FORMAT)},"version":1,"exportedAt":${json(exportedAt)},"title":"Whole graph","entities":[\n`;
  let first = true;
  for await (const page of allNodes()) {
    for (const node of page) {
      yield `${first ? "" : ",\n"}${json(toEntityInput(node))}`;
      first = false;
    }
  }
  yield `\n],"relationships":[\n`;
  first = true;
  for await (const page of allEdges()) {
    for (const edge of page) {
      yield `${first ? "" : ",\n"}${json(toRelationshipInput(edge))}`;
      first = false;
    }
  }
  yield "\n]}\n";
}

const properties = (value: Record<string, unknown>) => (Object.keys(value).length > 0 ? JSON.stringify(value) : "");
const sourcesOf = (edge: GraphEdge) => edge.sources.map((source) => source.id).join("; ");

async function* graphml(): AsyncGenerator<string> {
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="properties" for="node" attr.name="properties" attr.type="string"/>',
    '  <key id="etype" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="sources" for="edge" attr.name="sources" attr.type="string"/>',
    '  <key id="quote" for="edge" attr.name="quote" attr.type="string"/>',
    '  <key id="eproperties" for="edge" attr.name="properties" attr.type="string"/>',
    '  <graph id="G" edgedefault="directed">',
    "",
  ].join("\n");
  for await (const page of allNodes()) {
    yield page
      .map(
        (node) =>
          `    <node id="${xmlEscape(node.id)}"><data key="type">${node.type}</data><data key="name">${xmlEscape(node.name)}</data>` +
          `<data key="properties">${xmlEscape(properties(node.properties))}</data></node>\n`,
      )
      .join("");
  }
  for await (const page of allEdges()) {
    yield page
      .map(
        (edge) =>
          `    <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}">` +
          `<data key="etype">${edge.type}</data><data key="sources">${xmlEscape(sourcesOf(edge))}</data>` +
          `<data key="quote">${xmlEscape(edge.quote ?? "")}</data><data key="eproperties">${xmlEscape(properties(edge.properties))}</data></edge>\n`,
      )
      .join("");
  }
  yield "  </graph>\n</graphml>\n";
}

async function* gexf(exportedAt: string): AsyncGenerator<string> {
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `  <meta lastmodifieddate="${exportedAt.slice(0, 10)}"><creator>Redstring</creator><description>Whole graph</description></meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node"><attribute id="type" title="type" type="string"/><attribute id="properties" title="properties" type="string"/></attributes>',
    '    <attributes class="edge"><attribute id="sources" title="sources" type="string"/><attribute id="quote" title="quote" type="string"/><attribute id="properties" title="properties" type="string"/></attributes>',
    "    <nodes>",
    "",
  ].join("\n");
  for await (const page of allNodes()) {
    yield page
      .map(
        (node) =>
          `      <node id="${xmlEscape(node.id)}" label="${xmlEscape(node.name)}"><attvalues><attvalue for="type" value="${node.type}"/>` +
          `<attvalue for="properties" value="${xmlEscape(properties(node.properties))}"/></attvalues></node>\n`,
      )
      .join("");
  }
  yield "    </nodes>\n    <edges>\n";
  for await (const page of allEdges()) {
    yield page
      .map(
        (edge) =>
          `      <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}" label="${edge.type}" weight="${Math.max(1, edge.sources.length)}">` +
          `<attvalues><attvalue for="sources" value="${xmlEscape(sourcesOf(edge))}"/><attvalue for="quote" value="${xmlEscape(edge.quote ?? "")}"/>` +
          `<attvalue for="properties" value="${xmlEscape(properties(edge.properties))}"/></attvalues></edge>\n`,
      )
      .join("");
  }
  yield "    </edges>\n  </graph>\n</gexf>\n";
}

async function* nodesCsv(): AsyncGenerator<string> {
  yield csvRecord(["id", "type", "name", "properties"]);
  for await (const page of allNodes()) {
    yield page.map((node) => csvRecord([node.id, node.type, node.name, properties(node.properties)])).join("");
  }
}

async function* relationshipsCsv(): AsyncGenerator<string> {
  yield csvRecord(["id", "type", "source", "target", "sources", "quote", "properties"]);
  for await (const page of allEdges()) {
    yield page
      .map((edge) => csvRecord([edge.id, edge.type, edge.source, edge.target, sourcesOf(edge), edge.quote ?? "", properties(edge.properties)]))
      .join("");
  }
}

/** Throws at once (401/403) unless the actor may read the graph; the chunks are read as they are pulled. */
export function wholeGraphExport(actor: Actor, format: WholeGraphFormat, exportedAt = new Date().toISOString()): AsyncGenerator<string> {
  requirePermission(actor, "graph:read");
  switch (format) {
    case "json":
      return redstringJson(exportedAt);
    case "graphml":
      return graphml();
    case "gexf":
      return gexf(exportedAt);
    case "nodes.csv":
      return nodesCsv();
    case "relationships.csv":
      return relationshipsCsv();
  }
}

/** The generator as a web stream for a Response; a failure midway ends the download with an error. */
export function toReadableStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // A reader who stops the download cancels the stream while a chunk may still be on its way; that chunk
  // is dropped quietly rather than enqueued on a closed stream and reported as a failure.
  let cancelled = false;
  return new ReadableStream({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (cancelled) return;
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (cause) {
        if (cancelled) return;
        console.error("[redstring] export failed midway", cause);
        controller.error(cause);
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
    },
  });
}
