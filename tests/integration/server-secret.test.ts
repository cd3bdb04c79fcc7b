/**
 * A production server (scripts/server.mjs, what `npm start` and every replica run) refuses to start
 * without REDSTRING_SESSION_SECRET, with a message saying what to set, instead of inventing a secret per
 * process that would sign everyone out on each restart and on every other replica; nor with a number of
 * server processes (REDSTRING_WORKERS) it cannot start.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

function runServer(env: NodeJS.ProcessEnv, port = 0): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/server.mjs", "--port", String(port)], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

it("exits with a readable message when no session secret is set", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete env.REDSTRING_SESSION_SECRET;
  const { code, stderr } = await runServer(env);
  expect(code).toBe(1);
  expect(stderr).toContain("REDSTRING_SESSION_SECRET is not set");
  expect(stderr).toContain("npm start");
  expect(stderr).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
});

it.each(["0", "two", "1.5", "65"])("exits with a readable message when REDSTRING_WORKERS is %s", async (workers) => {
  const { code, stderr } = await runServer({ ...process.env, NODE_ENV: "production", REDSTRING_SESSION_SECRET: "x".repeat(40), REDSTRING_WORKERS: workers });
  expect(code).toBe(1);
  expect(stderr).toContain(`REDSTRING_WORKERS is "${workers}"`);
  expect(stderr).toContain('"auto"');
  expect(stderr).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
});

it("stops, instead of starting processes in a loop, when its server processes cannot listen", async () => {
  // The port is taken: every server process fails before it listens.
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  const { port } = taken.address() as { port: number };
  try {
    const { code, stderr } = await runServer({ ...process.env, NODE_ENV: "production", REDSTRING_SESSION_SECRET: "x".repeat(40), REDSTRING_WORKERS: "2" }, port);
    expect(code).toBe(1);
    expect(stderr).toContain("ended before it listened");
    expect(stderr).not.toContain("starting another");
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});
