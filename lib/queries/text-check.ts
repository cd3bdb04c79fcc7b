/**
 * The first layer of the saved-query checks (lib/queries/safety.ts): reading the Cypher text, with comments,
 * strings and quoted names blanked out (so `RETURN "LOAD CSV"` is fine), before anything reaches Neo4j. It
 * refuses writes, LOAD CSV, admin and schema commands, USE, IN TRANSACTIONS, procedures outside the
 * allowlist, full-text searches of any index but the entity one, and characters that make a query read
 * differently from what runs. Pure: the plan check (plan-check.ts) is what the engine's own reading adds.
 */
import { ENTITY_SEARCH_INDEX } from "../model/registry";
import { blankOutLiterals } from "./cypher-text";
import {
  ALLOWED_PROCEDURES,
  adminRefusal,
  characterRefusal,
  databaseRefusal,
  fulltextIndexRefusal,
  loadCsvRefusal,
  procedureRefusal,
  schemaRefusal,
  transactionsRefusal,
  writeRefusal,
} from "./refusals";
import { QueryRefusedError } from "./errors";

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
 * Characters a reader and Cypher see differently: C0 and C1 controls other than tab and line breaks, the
 * Unicode line and paragraph separators and U+0085 (shown as line breaks, but Cypher does not end a
 * `//` comment there, so code after them is commented out, or the other way round), and bidirectional
 * controls, which can reorder what is displayed ("Trojan Source"). Refused anywhere in the text; a string
 * that needs one can spell it as an escape.
 */
const DECEPTIVE_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;

function refuseDeceptiveCharacters(cypher: string): void {
  const match = DECEPTIVE_CHARACTER.exec(cypher);
  if (!match) return;
  const before = cypher.slice(0, match.index);
  const lines = before.split(/\r\n|\r|\n/);
  throw characterRefusal(match[0].codePointAt(0) ?? 0, lines.length, (lines.at(-1)?.length ?? 0) + 1);
}

/** `CALL db.index.fulltext.queryNodes(` outside strings and comments, spaces allowed around the dots. */
const FULLTEXT_CALL = /(?<![\w.$:`])CALL\s+db\s*\.\s*index\s*\.\s*fulltext\s*\.\s*queryNodes\s*\(\s*/gi;

/**
 * The index each full-text call in the text names, when it names one as a string literal; null for any
 * other first argument (a parameter, an expression), which the plan cannot show either: Neo4j turns
 * literals into parameters before planning. `blanked` is blankOutLiterals(cypher): same length, literals
 * blanked, so a match there is a real call and the literal's text is read from the original.
 */
export function fulltextIndexesNamed(cypher: string, blanked = blankOutLiterals(cypher)): (string | null)[] {
  const names: (string | null)[] = [];
  for (const match of blanked.matchAll(FULLTEXT_CALL)) {
    const start = match.index + match[0].length;
    const quote = blanked[start];
    if (quote !== "'" && quote !== '"') {
      names.push(null);
      continue;
    }
    const end = blanked.indexOf(quote, start + 1);
    const literal = end === -1 ? null : cypher.slice(start + 1, end);
    // An escape inside the name could spell another index than it shows; plain names only.
    names.push(literal !== null && /^[\w-]+$/.test(literal) ? literal : null);
  }
  return names;
}

/** How many full-text calls in the text search the entity index, named literally (the plan check's count). */
export function entityIndexSearchesIn(cypher: string): number {
  return fulltextIndexesNamed(cypher).filter((name) => name === ENTITY_SEARCH_INDEX).length;
}

/**
 * The cheap first layer: refuses before anything reaches Neo4j. Throws QueryRefusedError naming the
 * reason; returns when nothing was found (which is not yet permission to run).
 */
export function precheckCypher(cypher: string): void {
  refuseDeceptiveCharacters(cypher);
  const text = blankOutLiterals(cypher);
  const body = text.replace(LEADING_OPTIONS, (options) => " ".repeat(options.length));
  if (EXECUTION_MODE.test(body)) {
    throw new QueryRefusedError(
      "execution-mode",
      "EXPLAIN and PROFILE are not allowed: Redstring checks and runs the query itself.",
    );
  }
  if (USE_CLAUSE.test(body)) throw databaseRefusal();
  for (const rule of TEXT_RULES) {
    const match = rule.pattern.exec(body);
    if (match) throw rule.refuse(match);
  }
  for (const match of body.matchAll(PROCEDURE_CALL)) {
    const name = (match[1] ?? "").replace(/\s+/g, "");
    if (!ALLOWED.has(name)) throw procedureRefusal(name);
  }
  if (fulltextIndexesNamed(cypher, text).some((name) => name !== ENTITY_SEARCH_INDEX)) throw fulltextIndexRefusal();
}

