import "server-only";
/**
 * Two processes preparing the same database at once (two replicas' `npm run migrate`, a deploy job and a
 * start script) race on schema rules and on records with fixed ids. The loser's statement fails although
 * its aim is met by the winner: a schema rule "already exists" despite IF NOT EXISTS, or a unique
 * constraint refuses the second copy. Running the idempotent statement again then finds the winner's work
 * and does nothing; if the race goes on, the caller gets a clear 409 instead of a driver error (a 500).
 */
import { ConflictError } from "../errors";

/** What a lost race looks like: the thing exists now, made by someone else a moment ago. */
const RACE_CODES: ReadonlySet<string> = new Set([
  "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
  "Neo.ClientError.Schema.ConstraintAlreadyExists",
  "Neo.ClientError.Schema.IndexAlreadyExists",
  "Neo.ClientError.Schema.ConstraintWithNameAlreadyExists",
  "Neo.ClientError.Schema.IndexWithNameAlreadyExists",
  "Neo.ClientError.Schema.ConstraintValidationFailed",
  "Neo.TransientError.Transaction.DeadlockDetected",
  "Neo.TransientError.Schema.SchemaModifiedConcurrently",
]);

/** By its code, not instanceof: what reaches a caller may have passed through another copy of the driver. */
export function isLostRace(cause: unknown): boolean {
  return typeof cause === "object" && cause !== null && "code" in cause && RACE_CODES.has(String(cause.code));
}

const ATTEMPTS = 5;

/**
 * Runs idempotent `work`, again when it lost a race (at most ATTEMPTS times); other errors pass through.
 * `what` names the work in the message of the 409 that ends a race that does not settle.
 */
export async function retryingRaces<T>(what: string, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (cause) {
      if (!isLostRace(cause)) throw cause;
      if (attempt >= ATTEMPTS) {
        throw new ConflictError(
          `Another process kept changing the database while this one was ${what} (${ATTEMPTS} tries). ` +
            "Wait for it to finish and run the same command again: every step is safe to repeat.",
        );
      }
    }
  }
}
