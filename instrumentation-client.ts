/**
 * Runs in the browser before the app's own code (Next.js instrumentation-client). Zod compiles fast
 * parsers with `new Function` when eval is allowed, and probes for it once; under the Content-Security-
 * Policy (no eval, lib/csp.ts) that probe is refused and reported as a violation, although zod catches it.
 * Jitless mode skips the probe and the compiler: same results, a little slower, no violation.
 */
import { config } from "zod";

config({ jitless: true });
