/**
 * The plan check on plans built by hand in the shapes Neo4j 5.26 prints (the integration suites check the
 * same rules on the engine's own plans): the operator allowlist, count-store scoping, leaves that must
 * name a label, and the full-text index rule. Plus the text check's reading of Cypher comments.
 */
import { QueryRefusedError } from "@/lib/queries/errors";
import { classifyPlan, fulltextIndexesNamed, precheckCypher, type PlanNode } from "@/lib/queries/safety";

const node = (operatorType: string, details = "", children: PlanNode[] = []): PlanNode => ({
  operatorType: `${operatorType}@neo4j`,
  arguments: { Details: details },
  children,
});
const results = (child: PlanNode) => node("ProduceResults", "x", [child]);

function reasonOf(plan: PlanNode, cypher = "RETURN 1", database?: string): string | null {
  try {
    classifyPlan({ queryType: "r", plan, cypher, database });
    return null;
  } catch (cause) {
    if (cause instanceof QueryRefusedError) return cause.reason;
    throw cause;
  }
}

describe("the plan allowlist", () => {
  it("refuses an operator nobody has checked, naming it", () => {
    let message = "";
    try {
      classifyPlan({ queryType: "r", plan: results(node("SomeFutureScan", "n")), cypher: "" });
    } catch (cause) {
      message = (cause as Error).message;
    }
    expect(message).toContain('"SomeFutureScan"');
  });

  it.each([
    ["NodeByIdSeek", "n WHERE id(n) = $autoint_0", "id-lookup"],
    ["NodeByElementIdSeek", "n WHERE elementId(n) = $autostring_0", "id-lookup"],
    ["DirectedRelationshipByIdSeek", "(anon_0)-[r]->(anon_1) WHERE id(r) = $autoint_0", "id-lookup"],
    ["UndirectedRelationshipByElementIdSeek", "(anon_0)-[r]-(anon_1) WHERE elementId(r) = $x", "id-lookup"],
    ["AllNodesScan", "n", "scan"],
    ["DirectedAllRelationshipsScan", "(anon_0)-[r]->(anon_1)", "scan"],
    ["NodeByLabelScan", "n:User", "label"],
    ["NodeByLabelScan", "", "scan"],
    ["DirectedRelationshipTypeScan", "(anon_0)-[r:HAS_VERSION]->(anon_1)", "label"],
  ])("refuses %s %j", (operator, details, reason) => {
    expect(reasonOf(results(node(operator, details)))).toBe(reason);
  });

  it.each([
    ["count( (:User) ) AS `count(u)`", "label"],
    ["count( (), () ) AS `count(*)`", "scan"],
    ["count( (:Entity), () ) AS `count(*)`", "scan"],
    ["count( (:Entity) ) AS `count(n)`", null],
    ["count( (:`Company`), (:Person) ) AS `count(*)`", null],
    ["count( something we do not read )", "operator"],
  ])("scopes a node count from the count store: %s", (details, reason) => {
    expect(reasonOf(results(node("NodeCountFromCountStore", details)))).toBe(reason);
  });

  it.each([
    ["count( ()-[]->() ) AS `count(r)`", "scan"],
    ["count( ()-[:HAS_VERSION]->() ) AS `count(r)`", "label"],
    ["count( (:Company)-[]->() ) AS `count(r)`", null],
    ["count( ()<-[:SUPPLIED|LOCATED_IN]-() ) AS `count(r)`", null],
    ["count( (:User)-[]->() ) AS `count(r)`", "label"],
  ])("scopes a relationship count from the count store: %s", (details, reason) => {
    expect(reasonOf(results(node("RelationshipCountFromCountStore", details)))).toBe(reason);
  });

  it("allows reads of entities: label scans, index seeks, expansions, subqueries", () => {
    const plan = results(
      node("Apply", "", [
        node("NodeUniqueIndexSeek", "UNIQUE n:Entity(id) WHERE id = $autostring_0"),
        node("Expand(All)", "(n)-[anon_0]-(m)", [node("Argument", "n")]),
      ]),
    );
    expect(reasonOf(plan)).toBeNull();
  });

  it("counts full-text calls against the entity index named in the text", () => {
    const call = node("ProcedureCall", "db.index.fulltext.queryNodes($autostring_0, $autostring_1) :: (node :: NODE)");
    expect(reasonOf(results(call), "CALL db.index.fulltext.queryNodes('entity_search', 'x') YIELD node RETURN node")).toBeNull();
    expect(reasonOf(results(call), "CALL `db`.`index`.`fulltext`.`queryNodes`('entity_search', 'x') YIELD node RETURN node")).toBe("procedure");
    expect(reasonOf(results(node("Apply", "", [call, call])), "CALL db.index.fulltext.queryNodes('entity_search', 'x') YIELD node RETURN node")).toBe("procedure");
  });

  it("refuses a schema listing in the plan, pointing to the schema page", () => {
    const listing = node("ProcedureCall", "db.schema.nodeTypeProperties() :: (nodeType :: STRING, nodeLabels :: LIST<STRING>)");
    expect(() => classifyPlan({ queryType: "r", plan: results(listing), cypher: "" })).toThrow(/\/schema/);
  });

  it("refuses a plan that runs on another database", () => {
    expect(reasonOf(results(node("NodeByLabelScan", "n:Entity")), "RETURN 1", "redstring")).toBe("database");
    expect(reasonOf(results(node("NodeByLabelScan", "n:Entity")), "RETURN 1", "neo4j")).toBeNull();
  });
});

describe("the text check reads Cypher as Cypher does", () => {
  it("ends a line comment at a carriage return", () => {
    expect(() => precheckCypher("// note\rUSE system MATCH (n) RETURN n")).toThrow(/USE is not allowed/);
    expect(() => precheckCypher("// note\r\nMATCH (n:Entity) CREATE (m)")).toThrow(/writes to the graph/);
  });

  it.each(["\u2028", "\u2029", "\u0085", "\u202E", "\u2066", "\u0007"])("refuses the invisible character %j", (character) => {
    expect(() => precheckCypher(`MATCH (n:Entity) // x${character} RETURN n`)).toThrow(/invisible character U\+/);
  });

  it.each([
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.labels",
    "CALL DB.LABELS()",
    "CALL db . relationshipTypes ()",
    "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey",
    "CALL db.schema.relTypeProperties()",
    "CALL db.schema.nodeTypeProperties() YIELD nodeLabels RETURN nodeLabels",
    "CALL db.schema.visualization()",
    "MATCH (n:Entity) CALL () { CALL db.labels() YIELD label RETURN label } RETURN label",
    "CALL apoc.meta.schema()",
  ])("refuses the schema listing %j and points to the schema page", (cypher) => {
    expect(() => precheckCypher(cypher)).toThrow(/not allowed: it would list Redstring's internal labels and keys too\. The schema page \(\/schema\)/);
  });

  it("reads which index each full-text call names", () => {
    expect(fulltextIndexesNamed("CALL db.index.fulltext.queryNodes('entity_search', $q)")).toEqual(["entity_search"]);
    expect(fulltextIndexesNamed('CALL db.index.fulltext.queryNodes ( "other" , $q)')).toEqual(["other"]);
    expect(fulltextIndexesNamed("CALL db.index.fulltext.queryNodes($index, $q)")).toEqual([null]);
    // In a string, the call is text, not a call.
    expect(fulltextIndexesNamed("RETURN 'CALL db.index.fulltext.queryNodes(\"entity_search\", 1)' AS s")).toEqual([]);
    expect(() => precheckCypher("CALL db.index.fulltext.queryNodes('user_email', 'x') YIELD node RETURN node")).toThrow(/only search the entity index/);
  });
});
