// Vitest global setup of the integration project: the database is migrated and seeded by the deploy
// steps themselves before any test file runs, as on a real deployment (servers only check the schema).
import { prepareTestDatabase } from "./neo4j";

export default function setup(): void {
  prepareTestDatabase();
}
