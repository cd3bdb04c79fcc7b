// `npm run migrate`: brings the database's schema up to date, creates the first admin from the environment
// and adds the starter saved queries. A deploy step (servers only check that it ran); safe to run twice,
// or from two machines at once. Finds the database as scripts/lib/with-database.mjs says.
import { runWithDatabase } from "./lib/with-database.mjs";

runWithDatabase("graph-seed/migrate-cli.ts", process.argv.slice(2));
