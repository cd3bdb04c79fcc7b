/**
 * Several server processes on one machine (REDSTRING_WORKERS, scripts/server.mjs with node:cluster): the
 * processes share one port, a sign-in holds on every one of them, a process that dies is started again
 * while the others keep answering, and a stop ends them all.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findFreePort } from "../../scripts/lib/neo4j-local.mjs";

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORKERS = 2;

let primary: ChildProcess | undefined;
let output = "";
let base = "";

/** The processes the primary started (Linux: its children as the kernel lists them). */
function workerPids(): number[] {
  const pid = primary?.pid;
  if (!pid) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * A GET on a connection of its own (no keep-alive), so the cluster hands each one to the next process.
 * Given up after 5 s, as a client would: a connection handed to a process in the moment it dies is lost.
 */
function freshGet(pathname: string, cookie = ""): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get(`${base}${pathname}`, { agent: false, headers: cookie ? { cookie } : {} }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.setTimeout(5_000, () => request.destroy(new Error(`no answer to GET ${pathname} within 5 s`)));
    request.on("error", reject);
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  primary = spawn(process.execPath, ["scripts/server.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, REDSTRING_WORKERS: String(WORKERS) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => (output = `${output}${chunk.toString()}`.slice(-8_000));
  primary.stdout?.on("data", keep);
  primary.stderr?.on("data", keep);
  await expect
    .poll(() => output, { timeout: 150_000, message: "the server processes never all listened" })
    .toContain(`${WORKERS} server processes share ${base}`);
});

test.afterAll(async () => {
  if (primary && primary.exitCode === null) {
    const exited = new Promise((resolve) => primary!.once("exit", resolve));
    primary.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (primary.exitCode === null) primary.kill("SIGKILL");
  }
});

test("two processes share the port, and a sign-in holds whichever one answers", async () => {
  expect(workerPids()).toHaveLength(WORKERS);
  for (let id = 1; id <= WORKERS; id += 1) expect(output).toContain(`server process ${id})`);

  const origin = new URL(base).origin;
  const signIn = await fetch(`${base}/api/auth/signin`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email: process.env.REDSTRING_ADMIN_EMAIL, password: process.env.REDSTRING_ADMIN_PASSWORD }),
  });
  expect(signIn.status, await signIn.clone().text()).toBe(200);
  const cookie = signIn.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  // A new connection each time: the cluster gives them to the processes in turn.
  for (let request = 0; request < 4 * WORKERS; request += 1) {
    const me = await freshGet("/api/auth/me", cookie);
    expect(me.status).toBe(200);
    expect((JSON.parse(me.body) as { user: { email: string } | null }).user?.email).toBe(process.env.REDSTRING_ADMIN_EMAIL);
  }
});

test("a process that dies is started again, and the others answer meanwhile", async () => {
  const [victim, ...others] = workerPids();
  expect(victim).toBeDefined();
  process.kill(victim!, "SIGKILL");
  // The rest answer (a connection handed to the dying one in that moment is lost: asked again); the
  // primary starts a new process in the dead one's place.
  await expect.poll(async () => (await freshGet("/api/health").catch(() => ({ status: 0 }))).status, { timeout: 30_000 }).toBe(200);
  await expect.poll(() => workerPids().filter((pid) => pid !== victim), { timeout: 120_000 }).toHaveLength(WORKERS);
  expect(workerPids()).toEqual(expect.arrayContaining(others));
  await expect.poll(() => output, { timeout: 120_000 }).toContain(`server process ${WORKERS + 1})`);
  for (let request = 0; request < 2 * WORKERS; request += 1) expect((await freshGet("/api/health")).status).toBe(200);
});

test("a stop ends every process", async () => {
  const pids = workerPids();
  const exited = new Promise<number | null>((resolve) => primary!.once("exit", resolve));
  primary!.kill("SIGTERM");
  expect(await exited).toBe(0);
  for (const pid of pids) {
    await expect
      .poll(() => {
        try {
          process.kill(pid, 0);
          return "running";
        } catch {
          return "gone";
        }
      })
      .toBe("gone");
  }
});
