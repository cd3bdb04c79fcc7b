// `npm run import -- <csv|json|ftm> ...` and `npm run import:legis`: imports data into Neo4j through
// graph-seed/import-cli.ts. Finds the database as scripts/lib/with-database.mjs says.
import { runWithDatabase } from "./lib/with-database.mjs";

runWithDatabase("graph-seed/import-cli.ts", process.argv.slice(2));
