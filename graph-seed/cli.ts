// Run by `npm run seed` (scripts/seed.mjs sets NEO4J_URI): the demo story, loaded as data through the
// import pipeline, and the starter saved queries. Needs a migrated database (`npm run migrate`).
// `--if-empty` is what `npm start` runs: only while REDSTRING_AUTO_SEED is on and no entity exists yet.
import { closeDriver } from "../lib/db/driver";
import { seedDatabase } from "./bootstrap";
import { runCommand } from "./command";

runCommand("seed", async () => {
  const outcome = await seedDatabase({ onlyIfEmpty: process.argv.includes("--if-empty") });
  if (!outcome.seeded) {
    console.log(`[seed] nothing to do (${outcome.reason})`);
    return;
  }
  const { story, startersCreated } = outcome;
  console.log(
    `[seed] created ${story.entitiesCreated} entities and ${story.relationshipsCreated} relationships` +
      (story.entitiesCreated + story.relationshipsCreated === 0 ? " (the seed story was already loaded)" : ""),
  );
  console.log(`[seed] created ${startersCreated} starter saved queries` + (startersCreated === 0 ? " (all were already there)" : ""));
}, closeDriver);
