/**
 * Decides whether a saved query may run. Three layers, each enough on its own for the common cases, so a
 * gap in one is caught by the next:
 *
 * 1. A text pre-check on the query with comments, strings and quoted names blanked out (so
 *    `RETURN "LOAD CSV"` is fine): refuses writes, LOAD CSV, admin and schema commands, USE, IN
 *    TRANSACTIONS and procedures outside the allowlist, naming what it found. It runs before anything
 *    reaches Neo4j.
 * 2. The EXPLAIN plan's operators: LoadCSV, ProcedureCall (by the procedure's name), writes, schema and
 *    admin operators, transaction batching.
 * 3. The EXPLAIN summary's queryType, which must be "r".
 *
 * And one more rule, on the plan, about what a query may read: the same database holds Redstring's own
 * records (users with their password hashes, saved queries, snapshots), which are not the analyst's to
 * query. A plan may not scan all nodes or all relationships (start from a label instead), and every label
 * or relationship type it scans, seeks, filters or expands on must be Entity, an entity type or a
 * relationship type of the registry. Non-entity nodes are never connected to entities, so what is reached
 * from an entity is an entity. (Dynamic labels, $(...), and the % wildcard are refused: they cannot be checked.)
 *
 * Neo4j 5.26 facts this relies on (checked against the engine): LOAD CSV, SHOW ..., TERMINATE
 * TRANSACTIONS, `CALL {} IN TRANSACTIONS` around a read, `USE` and `CALL db.awaitIndexes()` all report
 * queryType "r", so the query type alone is not enough; USE does not appear in the plan at all, so only
 * the text check sees it. The query then runs in a READ transaction, which refuses writes once more.
 */
import { ENTITY_LABEL, ENTITY_TYPES, RELATIONSHIP_TYPES } from "../model/registry";
import { blankOutLiterals } from "./cypher-text";
import { QueryRefusedError } from "./errors";

export { blankOutLiterals, parameterNamesIn } from "./cypher-text";

/** Full-text search and schema listing: read-only, and all an analyst needs from procedures. */
export const ALLOWED_PROCEDURES: readonly string[] = [
  "db.index.fulltext.queryNodes",
  "db.index.fulltext.queryRelationships",
  "db.labels",
  "db.relationshipTypes",
  "db.propertyKeys",
  "db.schema.visualization",
];

const ALLOWED = new Set(ALLOWED_PROCEDURES);

/**
 * A keyword used as a keyword: not a property (`n.set`), label or type (`:Create`), parameter (`$delete`),
 * map key (`{create: 1}`) or alias (`AS merge`).
 */
function keyword(words: string): RegExp {
  const body = words.trim().split(/\s+/).join("\\s+");
  return new RegExp(`(?<![\\w.$:])(?<!\\bAS\\s+)${body}(?![\\w:])(?!\\s*:)`, "i");
}

interface TextRule {
  pattern: RegExp;
  refuse: (match: RegExpExecArray) => QueryRefusedError;
}

const LEADING_OPTIONS = /^\s*CYPHER(?:\s+(?:\d+|[\w.]+\s*=\s*[\w.]+))*/i;

const ADMIN_WORDS = ["SHOW", "GRANT", "DENY", "REVOKE", "TERMINATE", "ALTER", "RENAME", "ENABLE", "DEALLOCATE", "REALLOCATE", "DRYRUN"];
const ADMIN_OBJECTS = "(?:OR\\s+REPLACE\\s+)?(?:COMPOSITE\\s+)?(?:DATABASE|ALIAS|USER|ROLE|SERVER)";
const SCHEMA_KINDS = "(?:OR\\s+REPLACE\\s+)?(?:(?:RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR|BTREE)\\s+)?(?:INDEX|CONSTRAINT)";

export const writeRefusal = (what: string) =>
  new QueryRefusedError("write", `Saved queries can only read: this query writes to the graph (${what}).`);
export const loadCsvRefusal = () =>
  new QueryRefusedError("load-csv", "LOAD CSV is not allowed: saved queries cannot read files or URLs.");
export const procedureRefusal = (name: string) =>
  new QueryRefusedError(
    "procedure",
    `The procedure ${name} is not allowed. Allowed: ${ALLOWED_PROCEDURES.join(", ")}.`,
  );
export const adminRefusal = (what: string) =>
  new QueryRefusedError("admin", `Administration commands are not allowed in saved queries (${what}).`);
export const schemaRefusal = (what: string) =>
  new QueryRefusedError(
    "schema",
    `Saved queries cannot change the schema (${what}): indexes and constraints are managed by Redstring.`,
  );
export const transactionsRefusal = () =>
  new QueryRefusedError(
    "transactions",
    "CALL { ... } IN TRANSACTIONS is not allowed: a saved query runs in a single read transaction.",
  );

const upper = (text: string) => text.replace(/\s+/g, " ").trim().toUpperCase();

/** Ordered: the first match names the reason, so "CREATE INDEX" is a schema change, not a write. */
const TEXT_RULES: readonly TextRule[] = [
  { pattern: keyword("LOAD CSV"), refuse: () => loadCsvRefusal() },
  {
    // Only after a subquery's closing brace: `x IN transactions` may be a list named transactions.
    pattern: /\}\s*IN\s+(?:[\w$.]+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS(?!\w)/i,
    refuse: () => transactionsRefusal(),
  },
  {
    pattern: new RegExp(`(?<![\\w.$:])(?:CREATE|DROP)\\s+${ADMIN_OBJECTS}(?!\\w)`, "i"),
    refuse: (match) => adminRefusal(upper(match[0])),
  },
  {
    pattern: new RegExp(`(?<![\\w.$:])(?:START|STOP)\\s+DATABASE(?!\\w)`, "i"),
    refuse: (match) => adminRefusal(upper(match[0])),
  },
  {
    pattern: new RegExp(`(?<![\\w.$:])(?<!\\bAS\\s+)(?:${ADMIN_WORDS.join("|")})\\s+[A-Za-z]+`, "i"),
    refuse: (match) => adminRefusal(upper(match[0])),
  },
  {
    pattern: new RegExp(`(?<![\\w.$:])(?:CREATE|DROP)\\s+${SCHEMA_KINDS}(?!\\w)`, "i"),
    refuse: (match) => schemaRefusal(upper(match[0])),
  },
  { pattern: keyword("DETACH DELETE"), refuse: () => writeRefusal("DETACH DELETE") },
  { pattern: keyword("NODETACH DELETE"), refuse: () => writeRefusal("NODETACH DELETE") },
  ...["CREATE", "MERGE", "SET", "REMOVE", "DELETE", "FOREACH", "INSERT"].map((word) => ({
    pattern: keyword(word),
    refuse: () => writeRefusal(word),
  })),
];

/** `USE db` is a clause at the start of a query or subquery; it would escape Redstring's database. */
const USE_CLAUSE = /(?:^|[{]|\bUNION(?:\s+(?:ALL|DISTINCT))?)\s*USE\s+[\w`]/i;
const EXECUTION_MODE = /^\s*(?:EXPLAIN|PROFILE)(?!\w)/i;
/** `CALL name(` or `CALL name` (a standalone call may omit the parentheses); not `CALL (x) {` or `CALL {`. */
const PROCEDURE_CALL = /(?<![\w.$:])CALL\s+([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*)/gi;

/**
 * The cheap first layer: refuses before anything reaches Neo4j. Throws QueryRefusedError naming the
 * reason; returns when nothing was found (which is not yet permission to run).
 */
export function precheckCypher(cypher: string): void {
  const text = blankOutLiterals(cypher);
  const body = text.replace(LEADING_OPTIONS, (options) => " ".repeat(options.length));
  if (EXECUTION_MODE.test(body)) {
    throw new QueryRefusedError(
      "execution-mode",
      "EXPLAIN and PROFILE are not allowed: Redstring checks and runs the query itself.",
    );
  }
  if (USE_CLAUSE.test(body)) {
    throw new QueryRefusedError("database", "USE is not allowed: saved queries always read Redstring's own database.");
  }
  for (const rule of TEXT_RULES) {
    const match = rule.pattern.exec(body);
    if (match) throw rule.refuse(match);
  }
  for (const match of body.matchAll(PROCEDURE_CALL)) {
    const name = (match[1] ?? "").replace(/\s+/g, "");
    if (!ALLOWED.has(name)) throw procedureRefusal(name);
  }
}

/** The parts of a driver plan that matter here (ResultSummary.plan). */
export interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

const SCHEMA_OPERATOR = /^(?:Create|Drop)\w*(?:Index|Constraint)|^DoNothingIfExists/;
const ADMIN_OPERATOR = /^(?:Show|Terminate|AdministrationCommand|AssertAllowed|SystemProcedure|Alter|Grant|Deny|Revoke|Rename|Enable)/;
const TRANSACTION_OPERATOR = /^Transaction(?:Apply|Foreach)/;
/** Operator name prefix -> the clause to name in the message. Checked before Foreach, which wraps writes. */
const WRITE_OPERATORS: ReadonlyArray<[RegExp, string]> = [
  [/^DetachDelete/, "DETACH DELETE"],
  [/^(?:Create|Insert)/, "CREATE"],
  [/^(?:Merge|LockingMerge)/, "MERGE"],
  [/^Set/, "SET"],
  [/^Remove/, "REMOVE"],
  [/^Delete/, "DELETE"],
  [/^Foreach/, "FOREACH"],
  [/^SubqueryForeach/, "CALL { ... }"],
];

/** "ShowTransactions" -> "SHOW TRANSACTIONS": the clause an operator stands for, for the message. */
function clauseOf(operator: string): string {
  return operator.replace(/\(.*\)$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
}

/** "ProcedureCall@neo4j" -> "ProcedureCall": the suffix names the database. */
function operatorName(node: PlanNode): string {
  return node.operatorType.replace(/@.*$/, "");
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
  const details = node.arguments?.Details ?? node.arguments?.details;
  if (typeof details !== "string") return null;
  const match = /^\s*([\w.`]+)\s*\(/.exec(details);
  return match?.[1]?.replace(/`/g, "") ?? null;
}

/** What a saved query may name in its plan: the entity labels and the relationship types among them. */
const READABLE_TOKENS = new Set<string>([ENTITY_LABEL, ...ENTITY_TYPES, ...RELATIONSHIP_TYPES]);

const ALL_NODES_SCAN = /^(?:Partitioned)?AllNodesScan$/;
const ALL_RELATIONSHIPS_SCAN = /^(?:Partitioned)?(?:Directed|Undirected)AllRelationshipsScan$/;
/** `n:Label`, `n:A&B`, `n:A|B`, `n:!A`, `r:TYPE`, `anon_0:TYPE` in an operator's Details (not `{key: value}`). */
const LABEL_EXPRESSION = /(?<![\w.$])[`\w]+:((?:[!&|%()$]|`[^`]+`|[A-Za-z_][\w]*)+)/g;

export const scanRefusal = (what: string) =>
  new QueryRefusedError(
    "scan",
    `This query reads ${what}, which would include Redstring's own records. Start from a label instead, ` +
      `for example MATCH (n:${ENTITY_LABEL}) ... or MATCH (c:Company) ...`,
  );
export const labelRefusal = (label: string) =>
  new QueryRefusedError(
    "label",
    `Saved queries can only read entities: "${label}" is not an entity label or relationship type. ` +
      `Use ${ENTITY_LABEL}, an entity type (${ENTITY_TYPES.join(", ")}) or a relationship type.`,
  );

/** Labels and types an operator names, from its Details; dynamic labels and wildcards come back as-is. */
export function labelsNamedIn(node: PlanNode): string[] {
  const details = node.arguments?.Details ?? node.arguments?.details;
  if (typeof details !== "string") return [];
  const found: string[] = [];
  for (const match of details.matchAll(LABEL_EXPRESSION)) {
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

/** Refuses a plan that could read anything but entities and their relationships. */
function checkReadsOnlyEntities(named: ReadonlyArray<{ node: PlanNode; name: string }>): void {
  if (named.some(({ name }) => ALL_NODES_SCAN.test(name))) throw scanRefusal("every node in the database");
  if (named.some(({ name }) => ALL_RELATIONSHIPS_SCAN.test(name))) throw scanRefusal("every relationship in the database");
  for (const { node } of named) {
    const outside = labelsNamedIn(node).find((label) => !READABLE_TOKENS.has(label));
    if (outside !== undefined) throw labelRefusal(outside);
  }
}

/**
 * Layers 2 and 3: the EXPLAIN plan and query type. Throws QueryRefusedError with the most specific reason
 * found; returns only for a plan that reads and calls allowlisted procedures.
 */
export function classifyPlan(queryType: string | undefined, plan: PlanNode | false | null | undefined): void {
  const operators = plan ? flatten(plan) : [];
  const named = operators.map((node) => ({ node, name: operatorName(node) }));
  if (named.some(({ name }) => name === "LoadCSV")) throw loadCsvRefusal();
  if (named.some(({ name }) => TRANSACTION_OPERATOR.test(name))) throw transactionsRefusal();
  const admin = named.find(({ name }) => ADMIN_OPERATOR.test(name));
  if (admin) throw adminRefusal(clauseOf(admin.name));
  const schema = named.find(({ name }) => SCHEMA_OPERATOR.test(name));
  if (schema) throw schemaRefusal(clauseOf(schema.name));
  for (const { node, name } of named) {
    if (name !== "ProcedureCall") continue;
    const procedure = procedureNameOf(node);
    if (!procedure || !ALLOWED.has(procedure)) throw procedureRefusal(procedure ?? "(unknown)");
  }
  for (const [pattern, clause] of WRITE_OPERATORS) {
    if (named.some(({ name }) => pattern.test(name))) throw writeRefusal(clause);
  }
  if (!plan) throw adminRefusal("Neo4j returned no plan for it");
  checkReadsOnlyEntities(named);
  if (queryType === "w" || queryType === "rw") throw writeRefusal(`query type "${queryType}"`);
  if (queryType !== "r") throw adminRefusal(`query type "${queryType ?? "unknown"}"`);
}
