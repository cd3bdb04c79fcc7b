// `npm run seed`: loads the seed story and the starter saved queries into Neo4j; running it twice changes
// nothing. Finds the database as scripts/lib/with-database.mjs says.
import { runWithDatabase } from "./lib/with-database.mjs";

runWithDatabase("graph-seed/cli.ts");
