/**
 * Decides whether a saved query may run. Layers, each enough on its own for the common cases, so a gap in
 * one is caught by the next:
 *
 * 1. text-check.ts: the text with comments, strings and quoted names blanked out (Cypher's own comment
 *    rules), refusing writes, LOAD CSV, admin and schema commands, USE, IN TRANSACTIONS, procedures outside
 *    the allowlist, full-text searches of any index but the entity one, and invisible characters that make
 *    a query read differently from what runs. It runs before anything reaches Neo4j.
 * 2. plan-check.ts: the EXPLAIN plan, where every operator must be on a checked allowlist. This is the read
 *    boundary: the same database holds Redstring's own records (users with their password hashes, saved
 *    queries, snapshots, sessions), which are not the analyst's to query, and the plan shows how a query
 *    finds things however it is written (id seeks, counts, scans, label filters).
 * 3. The EXPLAIN summary's queryType, which must be "r".
 *
 * Neo4j 5.26 facts this relies on (checked against the engine): LOAD CSV, SHOW ..., TERMINATE
 * TRANSACTIONS, `CALL {} IN TRANSACTIONS` around a read, `USE` and `CALL db.awaitIndexes()` all report
 * queryType "r", so the query type alone is not enough; USE does not appear in the plan at all, so only
 * the text check sees it (and the plan's database is compared with the session's). The query then runs in
 * a READ transaction, which refuses writes once more. tests/integration/query-attacks.test.ts holds the
 * hostile queries these layers are held to.
 */
export { blankOutLiterals, parameterNamesIn } from "./cypher-text";
export { precheckCypher, fulltextIndexesNamed } from "./text-check";
export { classifyPlan, labelsNamedIn, procedureNameOf, type PlanNode, type PlanToCheck } from "./plan-check";
export {
  ALLOWED_PROCEDURES,
  adminRefusal,
  labelRefusal,
  loadCsvRefusal,
  procedureRefusal,
  scanRefusal,
  schemaRefusal,
  transactionsRefusal,
  writeRefusal,
} from "./refusals";
