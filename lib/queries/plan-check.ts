/**
 * The second layer of the saved-query checks (lib/queries/safety.ts): Neo4j's own EXPLAIN plan. Every
 * operator must be on an allowlist checked by hand against Neo4j 5.26; anything else, including operators a
 * later Neo4j adds, is refused. This is what holds the read boundary, whatever the text looks like:
 *
 * - Nodes and relationships enter a plan only through leaves (scans, seeks, counts, procedure calls) and
 *   expansions from nodes already found. Leaves must name an entity label or a registry relationship type;
 *   id() and elementId() seeks and all-node or all-relationship scans are refused, since they reach any
 *   record. Expansions may follow any relationship: no relationship joins an Entity to anything else
 *   (Redstring's own records, such as users, saved queries and snapshots, only link among themselves; the
 *   attack suite checks this on the real database), so what is reached from an entity is an entity.
 * - Counts from the count store must name an entity label or registry type, like a scan would.
 * - The one procedure allowed is the full-text search, and only as often as the text names the entity
 *   index literally (the plan shows the index name as a parameter).
 * - Every label or type any operator names (a filter's `n:User`) must be an entity one.
 * - queryType must be "r", and the plan must run on the session's database.
 */
import { ENTITY_LABEL, ENTITY_TYPES, RELATIONSHIP_TYPES } from "../model/registry";
import {
  FULLTEXT_PROCEDURE,
  adminRefusal,
  databaseRefusal,
  fulltextIndexRefusal,
  idSeekRefusal,
  labelRefusal,
  loadCsvRefusal,
  operatorRefusal,
  procedureRefusal,
  scanRefusal,
  schemaRefusal,
  transactionsRefusal,
  writeRefusal,
} from "./refusals";
import { QueryRefusedError, type RefusalReason } from "./errors";
import { entityIndexSearchesIn } from "./text-check";

/** The parts of a driver plan that matter here (ResultSummary.plan). */
export interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

export interface PlanToCheck {
  queryType: string | undefined;
  plan: PlanNode | false | null | undefined;
  /** The query as written: the plan hides which index a full-text call searches. */
  cypher: string;
  /** The database the plan must run on (the session's); checked against each operator's "@database". */
  database?: string;
}

/** Leaves that find nodes by label or index: each must name entity labels only. */
const NODE_LEAVES = new Set([
  "NodeByLabelScan",
  "NodeIndexSeek",
  "NodeUniqueIndexSeek",
  "NodeIndexSeekByRange",
  "NodeUniqueIndexSeekByRange",
  "NodeIndexScan",
  "NodeIndexContainsScan",
  "NodeIndexEndsWithScan",
  "MultiNodeIndexSeek",
  "AssertingMultiNodeIndexSeek",
  "IntersectionNodeByLabelsScan",
  "UnionNodeByLabelsScan",
  "SubtractionNodeByLabelsScan",
]);

/** Leaves that find relationships by type or index: each must name registry types only. */
const RELATIONSHIP_LEAF =
  /^(?:Directed|Undirected)(?:RelationshipTypeScan|UnionRelationshipTypesScan|RelationshipIndex(?:Seek|SeekByRange|Scan|ContainsScan|EndsWithScan)|RelationshipUniqueIndex(?:Seek|SeekByRange))$/;

/** Walking relationships from nodes already in the row; the types they name are checked like any label. */
const EXPANSION =
  /^(?:(?:Optional)?Expand\((?:All|Into)\)|VarLengthExpand\([\w,]+\)|ShortestPath|LegacyShortestPath|StatefulShortestPath\((?:All|Into)\)|Repeat\((?:Trail|Walk)\)|Trail|ProjectEndpoints|BFSPruningVarExpand|BFSPruningVarLengthExpand)$/;

/**
 * Operators that only combine, filter, order, group or project rows already found; none reads the store
 * on its own. Argument carries a subquery's imported variables.
 */
const ROW_OPERATORS = new Set([
  "ProduceResults",
  "Projection",
  "Filter",
  "Limit",
  "ExhaustiveLimit",
  "Skip",
  "Sort",
  "PartialSort",
  "Top",
  "PartialTop",
  "Distinct",
  "OrderedDistinct",
  "Aggregation",
  "EagerAggregation",
  "OrderedAggregation",
  "Unwind",
  "Union",
  "OrderedUnion",
  "Eager",
  "EmptyResult",
  "EmptyRow",
  "CacheProperties",
  "Argument",
  "ArgumentTracker",
  "Apply",
  "SemiApply",
  "AntiSemiApply",
  "LetSemiApply",
  "LetAntiSemiApply",
  "SelectOrSemiApply",
  "SelectOrAntiSemiApply",
  "LetSelectOrSemiApply",
  "LetSelectOrAntiSemiApply",
  "ConditionalApply",
  "AntiConditionalApply",
  "RollUpApply",
  "Anti",
  "Optional",
  "CartesianProduct",
  "NodeHashJoin",
  "ValueHashJoin",
  "NodeLeftOuterHashJoin",
  "NodeRightOuterHashJoin",
  "TriadicSelection",
  "TriadicBuild",
  "TriadicFilter",
  "NullifyMetadata",
  "AssertSameNode",
  "AssertSameRelationship",
]);

const ID_SEEK = /^(?:NodeBy(?:Element)?IdSeek|(?:Directed|Undirected)RelationshipBy(?:Element)?IdSeek)$/;
const ALL_NODES_SCAN = /^(?:Partitioned)?AllNodesScan$/;
const ALL_RELATIONSHIPS_SCAN = /^(?:Partitioned)?(?:Directed|Undirected)AllRelationshipsScan$/;
const NODE_COUNT = "NodeCountFromCountStore";
const RELATIONSHIP_COUNT = "RelationshipCountFromCountStore";

const SCHEMA_OPERATOR = /^(?:Create|Drop)\w*(?:Index|Constraint)|^DoNothingIfExists/;
const ADMIN_OPERATOR = /^(?:Show|Terminate|AdministrationCommand|AssertAllowed|SystemProcedure|Alter|Grant|Deny|Revoke|Rename|Enable)/;
const TRANSACTION_OPERATOR = /^Transaction(?:Apply|Foreach)/;
/** Operator name prefix -> the clause to name in the message. Checked before Foreach, which wraps writes. */
const WRITE_OPERATORS: ReadonlyArray<[RegExp, string]> = [
  [/^DetachDelete/, "DETACH DELETE"],
  [/^(?:Create|Insert)/, "CREATE"],
  [/^(?:Merge|LockingMerge|LockNodes)/, "MERGE"],
  [/^Set/, "SET"],
  [/^Remove/, "REMOVE"],
  [/^Delete/, "DELETE"],
  [/^Foreach/, "FOREACH"],
  [/^SubqueryForeach/, "CALL { ... }"],
];

/** What a saved query may name in its plan: the entity labels and the relationship types among them. */
const READABLE_TOKENS = new Set<string>([ENTITY_LABEL, ...ENTITY_TYPES, ...RELATIONSHIP_TYPES]);

/** "ShowTransactions" -> "SHOW TRANSACTIONS": the clause an operator stands for, for the message. */
function clauseOf(operator: string): string {
  return operator.replace(/\(.*\)$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
}

/** "ProcedureCall@neo4j" -> "ProcedureCall": the suffix names the database. */
function operatorName(node: PlanNode): string {
  return node.operatorType.replace(/@.*$/, "");
}

function databaseOf(node: PlanNode): string | null {
  const at = node.operatorType.lastIndexOf("@");
  return at === -1 ? null : node.operatorType.slice(at + 1);
}

function detailsOf(node: PlanNode): string {
  const details = node.arguments?.Details ?? node.arguments?.details;
  return typeof details === "string" ? details : "";
}

function flatten(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.children ?? []).flatMap(flatten)];
}

/**
 * The procedure a ProcedureCall operator calls, from its Details:
 * "db.index.fulltext.queryNodes($autostring_0, $autostring_1) :: (node :: NODE)". Quoted names
 * (CALL `db`.`labels`()) arrive unquoted there.
 */
export function procedureNameOf(node: PlanNode): string | null {
  const match = /^\s*([\w.`]+)\s*\(/.exec(detailsOf(node));
  return match?.[1]?.replace(/`/g, "") ?? null;
}

/** `n:Label`, `n:A&B`, `n:A|B`, `n:!A`, `r:TYPE`, `anon_0:TYPE` in an operator's Details (not `{key: value}`). */
const LABEL_EXPRESSION = /(?<![\w.$])[`\w]+:((?:[!&|%()$]|`[^`]+`|[A-Za-z_][\w]*)+)/g;

/** Labels and types an operator names, from its Details; dynamic labels and wildcards come back as-is. */
export function labelsNamedIn(node: PlanNode): string[] {
  const found: string[] = [];
  for (const match of detailsOf(node).matchAll(LABEL_EXPRESSION)) {
    // An index's property list follows its label directly: "n:Entity(id)"; it names properties, not labels.
    const expression = (match[1] ?? "").replace(/(?<=[\w`])\([^()$]*\)/g, "");
    if (/[$%]/.test(expression.replace(/`[^`]*`/g, ""))) {
      found.push(expression);
      continue;
    }
    for (const token of expression.split(/[!&|()]+/)) if (token) found.push(token.replace(/`/g, ""));
  }
  return found;
}

const NAME = "(?:[A-Za-z_]\\w*|`[^`]+`)";
const COUNT_NODE = `\\((?::(${NAME}))?\\)`;
/** "count( (:Company), () ) AS `count(*)`": the node patterns a NodeCountFromCountStore counts. */
const NODE_COUNT_DETAILS = new RegExp(`^count\\(\\s*(${COUNT_NODE}(?:\\s*,\\s*${COUNT_NODE})*)\\s*\\)(?:\\s+AS\\s|$)`);
/** "count( (:Company)-[:A|B]->() ) AS ...": one relationship pattern with optional labels and types. */
const RELATIONSHIP_COUNT_DETAILS = new RegExp(
  `^count\\(\\s*${COUNT_NODE}\\s*<?-\\[(?::(${NAME}(?:\\|${NAME})*))?\\]->?\\s*${COUNT_NODE}\\s*\\)(?:\\s+AS\\s|$)`,
);

const unquote = (name: string) => name.replace(/^`|`$/g, "");

function checkReadable(names: readonly string[]): void {
  const outside = names.find((name) => !READABLE_TOKENS.has(name));
  if (outside !== undefined) throw labelRefusal(outside);
}

/** A count from the count store is a scan in disguise: it must be scoped like one. */
function checkNodeCount(node: PlanNode): void {
  const match = NODE_COUNT_DETAILS.exec(detailsOf(node));
  if (!match?.[1]) throw operatorRefusal(NODE_COUNT);
  for (const pattern of match[1].matchAll(new RegExp(COUNT_NODE, "g"))) {
    if (!pattern[1]) throw scanRefusal("the number of every node in the database");
    checkReadable([unquote(pattern[1])]);
  }
}

function checkRelationshipCount(node: PlanNode): void {
  const match = RELATIONSHIP_COUNT_DETAILS.exec(detailsOf(node));
  if (!match) throw operatorRefusal(RELATIONSHIP_COUNT);
  const [, startLabel, types, endLabel] = match;
  const labels = [startLabel, endLabel].filter((label): label is string => label !== undefined).map(unquote);
  const typeNames = types ? types.split("|").map(unquote) : [];
  checkReadable([...labels, ...typeNames]);
  if (labels.length === 0 && typeNames.length === 0) throw scanRefusal("the number of every relationship in the database");
}

/** Throws the refusal for an operator that is not an allowed read; returns for one that is. */
function checkOperator(node: PlanNode, name: string): void {
  if (name === "LoadCSV") throw loadCsvRefusal();
  if (TRANSACTION_OPERATOR.test(name)) throw transactionsRefusal();
  if (ADMIN_OPERATOR.test(name)) throw adminRefusal(clauseOf(name));
  if (SCHEMA_OPERATOR.test(name)) throw schemaRefusal(clauseOf(name));
  for (const [pattern, clause] of WRITE_OPERATORS) if (pattern.test(name)) throw writeRefusal(clause);
  if (ALL_NODES_SCAN.test(name)) throw scanRefusal("every node in the database");
  if (ALL_RELATIONSHIPS_SCAN.test(name)) throw scanRefusal("every relationship in the database");
  if (ID_SEEK.test(name)) throw idSeekRefusal();
  if (name === "ProcedureCall") {
    const procedure = procedureNameOf(node);
    if (procedure !== FULLTEXT_PROCEDURE) throw procedureRefusal(procedure ?? "(unknown)");
    return;
  }
  if (name === NODE_COUNT) return checkNodeCount(node);
  if (name === RELATIONSHIP_COUNT) return checkRelationshipCount(node);
  if (NODE_LEAVES.has(name) || RELATIONSHIP_LEAF.test(name)) {
    // A leaf whose Details show no label is not one we understand: refuse rather than guess.
    if (labelsNamedIn(node).length === 0) throw scanRefusal(`with ${name} nodes or relationships of any kind`);
    return;
  }
  if (EXPANSION.test(name) || ROW_OPERATORS.has(name)) return;
  throw operatorRefusal(name);
}

/**
 * When a plan has several problems, the message names the most telling one: a write or a command before
 * a scan, a scan before a label, and "not on the allowlist" last.
 */
const REASON_ORDER: readonly RefusalReason[] = [
  "load-csv",
  "transactions",
  "admin",
  "schema",
  "procedure",
  "write",
  "scan",
  "id-lookup",
  "label",
  "database",
  "operator",
];

function refusalOf(check: () => void): QueryRefusedError | null {
  try {
    check();
    return null;
  } catch (cause) {
    if (cause instanceof QueryRefusedError) return cause;
    throw cause;
  }
}

/**
 * Refuses, with the most telling reason found, any plan that is not a read of entities and their
 * relationships; returns only for one that is.
 */
export function classifyPlan({ queryType, plan, cypher, database }: PlanToCheck): void {
  if (!plan) throw adminRefusal("Neo4j returned no plan for it");
  const operators = flatten(plan).map((node) => ({ node, name: operatorName(node) }));
  const refusals = operators.flatMap(({ node, name }) => [
    refusalOf(() => checkOperator(node, name)),
    refusalOf(() => checkReadable(labelsNamedIn(node))),
  ]);
  const searches = operators.filter(({ name }) => name === "ProcedureCall").length;
  if (searches > entityIndexSearchesIn(cypher)) refusals.push(fulltextIndexRefusal());
  if (database !== undefined && operators.some(({ node }) => databaseOf(node) !== null && databaseOf(node) !== database)) {
    refusals.push(databaseRefusal());
  }
  const found = refusals.filter((refusal): refusal is QueryRefusedError => refusal !== null);
  const rank = (refusal: QueryRefusedError) => {
    const index = REASON_ORDER.indexOf(refusal.reason);
    return index === -1 ? REASON_ORDER.length : index;
  };
  const first = found.sort((a, b) => rank(a) - rank(b))[0];
  if (first) throw first;
  if (queryType === "w" || queryType === "rw") throw writeRefusal(`query type "${queryType}"`);
  if (queryType !== "r") throw adminRefusal(`query type "${queryType ?? "unknown"}"`);
}
