// `npm run seed`: loads the seed story (through the import pipeline) and the starter saved queries into a
// migrated Neo4j; running it twice changes nothing. `-- --if-empty`: only into a database with no entity
// (what `npm start` does). Finds the database as scripts/lib/with-database.mjs says.
import { runWithDatabase } from "./lib/with-database.mjs";

runWithDatabase("graph-seed/cli.ts", process.argv.slice(2));
