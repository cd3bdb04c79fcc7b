/**
 * How the command lines of this folder run: a readable message and exit code 1 on failure (the typed
 * errors' own text, e.g. "run `npm run migrate`"), never a stack trace; the driver closed either way.
 */

/**
 * The longest a deploy step lets the database go without any answer. REDSTRING_DB_DEADLINE_MS (5 s) is
 * for people waiting on a page; a migration waits on schema locks and index population while another
 * migration runs, on a database that may be busy starting up, and nobody is served faster by giving up.
 */
const DEPLOY_STEP_DEADLINE_MS = 60_000;

export function runCommand(name: string, main: () => Promise<void>, close: () => Promise<void>): void {
  // Before anything reads the configuration (it is read once, on first use).
  process.env.REDSTRING_DB_DEADLINE_MS = String(Math.max(DEPLOY_STEP_DEADLINE_MS, Number(process.env.REDSTRING_DB_DEADLINE_MS) || 0));
  main()
    .catch((error: unknown) => {
      console.error(`[${name}] failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    })
    .finally(close);
}
