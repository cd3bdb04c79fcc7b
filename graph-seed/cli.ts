// Run by `npm run seed` (scripts/seed.mjs sets NEO4J_URI): migrate the schema, then load the seed story.
import { closeDriver } from "../lib/db/driver";
import { migrateSchema } from "../lib/migrations";
import { loadSeedStory, loadStarterQueries } from "./load";

async function main() {
  await migrateSchema();
  const result = await loadSeedStory();
  console.log(
    `[seed] created ${result.entitiesCreated} entities and ${result.relationshipsCreated} relationships` +
      (result.entitiesCreated + result.relationshipsCreated === 0 ? " (the seed story was already loaded)" : ""),
  );
  const starters = await loadStarterQueries();
  console.log(`[seed] created ${starters} starter saved queries` + (starters === 0 ? " (all were already there)" : ""));
}

main()
  .catch((error: unknown) => {
    console.error(`[seed] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(closeDriver);
