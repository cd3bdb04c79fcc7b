// Run by `npm run migrate` (scripts/migrate.mjs sets NEO4J_URI): the schema, the first admin and the
// starter saved queries. A deploy step: run it once per release, before (or while) the servers start;
// running it twice, or in two places at once, is safe.
import path from "node:path";
import { closeDriver } from "../lib/db/driver";
import { datasetsDir } from "../lib/import/datasets";
import { upgradeLegisGraph } from "../lib/import/legis-upgrade";
import { migrateDatabase } from "./bootstrap";
import { legisMapping } from "./mappings";
import { runCommand } from "./command";

runCommand("migrate", async () => {
  const { startersCreated, conversion } = await migrateDatabase();
  console.log(`[migrate] the schema is current${startersCreated > 0 ? `; added ${startersCreated} starter saved queries` : ""}`);
  const converted = Object.entries(conversion.converted);
  if (converted.length > 0) {
    const counts = converted.map(([type, count]) => `${count.toLocaleString("en-US")} ${type}`).join(", ");
    console.log(`[migrate] typed values stored as text: ${counts} (${conversion.changes} changes in the audit trail)`);
  }
  for (const problem of conversion.unconvertible.slice(0, 50)) {
    console.log(`[migrate] left as text: ${problem.type} ${problem.id}, ${problem.field}: ${problem.reason}`);
  }
  if (conversion.unconvertible.length > 50) console.log(`[migrate] ... and ${conversion.unconvertible.length - 50} more values left as text`);
  // A database imported with the first US Congress mapping, brought up to the current one (opt-in: it
  // reads the data set's files, which a newsroom's server may not have).
  if (process.argv.includes("--upgrade-legis")) {
    const root = path.resolve(import.meta.dirname, "..");
    const upgraded = await upgradeLegisGraph({ directory: path.join(datasetsDir(root), "legis-graph-114"), mapping: legisMapping() });
    console.log(
      `[migrate] US Congress data: ${upgraded.committees} committees typed Committee, ${upgraded.bills} bills named by number, ${upgraded.legislators} legislators' "current" set; run npm run import:legis once more to add the subcommittees and their seats`,
    );
  }
}, closeDriver);
