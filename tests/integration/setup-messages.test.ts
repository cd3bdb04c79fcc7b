/**
 * A machine without Java or Maven gets one clear message saying what to install or to set NEO4J_URI,
 * not a stack trace. Runs the real `npm run seed` script with a PATH that holds only Node.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "@/scripts/lib/neo4j-local.mjs";

it("npm run seed without Java and Maven says what to install, or to set NEO4J_URI", () => {
  const bin = mkdtempSync(path.join(os.tmpdir(), "redstring-nojava-"));
  try {
    symlinkSync(process.execPath, path.join(bin, "node"));
    const env = { PATH: bin, HOME: os.tmpdir(), NODE_ENV: "test" as const };
    const result = spawnSync(path.join(bin, "node"), ["scripts/seed.mjs"], { cwd: ROOT, env, encoding: "utf8" });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toContain("The local Neo4j needs Java 17 or newer");
    expect(output).toContain("Maven");
    expect(output).toContain("NEO4J_URI");
    expect(output).not.toMatch(/\n\s+at /);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
