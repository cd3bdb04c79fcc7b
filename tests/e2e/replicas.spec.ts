/**
 * Two replicas of Redstring over one Neo4j, as a cluster deployment runs them: two servers
 * (scripts/server.mjs, from the same build, each with its own temporary folder, the same session secret
 * and the same storage folder) reached through the routing driver (`neo4j://`), behind a small
 * round-robin balancer on loopback. What one replica does, the other sees at once: a write, a session and
 * its sign-out, the sign-in limit, an import uploaded through one and followed through the other.
 *
 * The balancer alternates strictly and stamps each answer with the replica that gave it, so every test
 * asserts that both replicas took part.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SIGN_IN_ACCOUNT_LIMIT } from "../../lib/rate-limit-rules";
import { findFreePort } from "../../scripts/lib/neo4j-local.mjs";
import { runCypher } from "./support";

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(import.meta.dirname, "../..");
const tag = randomBytes(4).toString("hex");
const REPLICAS = ["A", "B"] as const;
type Replica = (typeof REPLICAS)[number];

interface Running {
  name: Replica;
  port: number;
  child: ChildProcess;
  output: string;
  tmp: string;
}

const replicas: Running[] = [];
let balancer: Server | undefined;
let front = "";
let storageDir = "";
let turn = 0;
/** Each test's client address, as the balancer tells the replicas (they trust it, as behind a real one). */
let clientAddress = "203.0.113.1";

function routingUri(): string {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI is needed: run the end-to-end tests through npm test");
  return uri.replace(/^bolt(\+s|\+ssc)?:/, "neo4j$1:");
}

async function startReplica(name: Replica): Promise<Running> {
  const port = await findFreePort();
  const tmp = await mkdtemp(path.join(os.tmpdir(), `redstring-replica-${name}-`));
  const child = spawn(process.execPath, ["scripts/server.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEO4J_URI: routingUri(),
      TMPDIR: tmp,
      REDSTRING_STORAGE_DIR: storageDir,
      REDSTRING_TRUSTED_PROXIES: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const running: Running = { name, port, child, output: "", tmp };
  const keep = (chunk: Buffer) => (running.output = `${running.output}${chunk.toString()}`.slice(-4_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return running;
}

/** Polls the replica's readiness (Playwright's poll, no sleep of our own); once it has exited, the error carries its output. */
async function waitForReady(replica: Running, timeout: number): Promise<void> {
  await expect
    .poll(
      async () => {
        if (replica.child.exitCode !== null) throw new Error(`replica ${replica.name} exited:\n${replica.output}`);
        return (await fetch(`http://127.0.0.1:${replica.port}/api/ready`).catch(() => null))?.ok ?? false;
      },
      { timeout, message: `replica ${replica.name} never became ready` },
    )
    .toBe(true);
}

/** Round robin: each request to the next replica, its answer stamped with the replica's name. */
function startBalancer(): Promise<string> {
  balancer = createServer((incoming, outgoing) => {
    const target = replicas[turn++ % replicas.length]!;
    const headers = { ...incoming.headers, "x-forwarded-for": clientAddress };
    const proxied = forward({ host: "127.0.0.1", port: target.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-replica": target.name });
      answer.pipe(outgoing);
    });
    proxied.on("error", () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(proxied);
  });
  return new Promise((resolve) => balancer!.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(balancer!.address() as AddressInfo).port}`)));
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  storageDir = await mkdtemp(path.join(os.tmpdir(), "redstring-replicas-storage-"));
  for (const name of REPLICAS) replicas.push(await startReplica(name));
  await Promise.all(replicas.map((replica) => waitForReady(replica, 150_000)));
  front = await startBalancer();
});

test.afterAll(async () => {
  await new Promise((resolve) => (balancer ? balancer.close(resolve) : resolve(undefined)));
  await Promise.all(
    replicas.map(async (replica) => {
      if (replica.child.exitCode === null) {
        const exited = new Promise((resolve) => replica.child.once("exit", resolve));
        replica.child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (replica.child.exitCode === null) replica.child.kill("SIGKILL");
      }
      await rm(replica.tmp, { recursive: true, force: true });
    }),
  );
  await rm(storageDir, { recursive: true, force: true });
  await runCypher("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix OR n.id = $report OR n.name STARTS WITH $name DETACH DELETE n", {
    prefix: `replicas-${tag}`,
    report: `import-replicas-${tag}`,
    name: `Replica test ${tag}`,
  });
});

/** A browser's cookies, kept across requests whichever replica answers. */
class Browser {
  private cookies = new Map<string, string>();
  readonly served: Replica[] = [];

  /** Another browser holding a copy of this one's cookies (a second device, or a stolen copy). */
  copy(): Browser {
    const other = new Browser();
    other.cookies = new Map(this.cookies);
    return other;
  }

  async request(pathname: string, init: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { origin: front, ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (init.json !== undefined) headers["content-type"] = "application/json";
    const answer = await fetch(`${front}${pathname}`, {
      method: init.method ?? "GET",
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
    for (const cookie of answer.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const [name = "", ...value] = pair.split("=");
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=thu, 01 jan 1970/i.test(attribute));
      if (expired || value.join("=") === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
    this.served.push(answer.headers.get("x-replica") as Replica);
    const text = await answer.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON (a page)
    }
    return { status: answer.status, body, replica: answer.headers.get("x-replica") as Replica };
  }

  async signIn() {
    const email = process.env.REDSTRING_ADMIN_EMAIL;
    const password = process.env.REDSTRING_ADMIN_PASSWORD;
    if (!email || !password) throw new Error("REDSTRING_ADMIN_EMAIL and REDSTRING_ADMIN_PASSWORD are needed: run the end-to-end tests through npm test");
    const answer = await this.request("/api/auth/signin", { method: "POST", json: { email, password } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer;
  }
}

function expectBothReplicas(browser: Browser) {
  expect(new Set(browser.served)).toEqual(new Set(REPLICAS));
}

test("a write through one replica is read at once through the other", async () => {
  clientAddress = "203.0.113.10";
  const browser = new Browser();
  await browser.signIn();
  for (let round = 0; round < 3; round += 1) {
    const name = `Replica test ${tag} ${round}`;
    const created = await browser.request("/api/entities", { method: "POST", json: { entity: { type: "Company", name } } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = String(created.body.id);
    // The very next request goes to the other replica, which must see the new entity.
    const read = await browser.request(`/api/entities/${encodeURIComponent(id)}`);
    expect(read.replica).not.toBe(created.replica);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).toContain(name);
  }
  expectBothReplicas(browser);
});

test("a session opened on one replica holds on the other, and a sign-out on either ends it on both", async () => {
  clientAddress = "203.0.113.11";
  const browser = new Browser();
  const signedIn = await browser.signIn();
  const me = await browser.request("/api/auth/me");
  expect(me.replica).not.toBe(signedIn.replica);
  expect(JSON.stringify(me.body)).toContain(String(process.env.REDSTRING_ADMIN_EMAIL));

  // A copy of the cookie (a second tab, a stolen copy) on the other replica stops working too.
  const copy = browser.copy();
  const out = await browser.request("/api/auth/signout", { method: "POST" });
  expect(out.status).toBeLessThan(300);
  for (let attempt = 0; attempt < REPLICAS.length; attempt += 1) {
    const after = await copy.request("/api/auth/me");
    expect(JSON.stringify(after.body)).not.toContain(String(process.env.REDSTRING_ADMIN_EMAIL));
  }
  expectBothReplicas(copy);
});

test("the sign-in limit counts failures on both replicas together", async () => {
  clientAddress = "203.0.113.12";
  const browser = new Browser();
  const email = `replicas-${tag}@example.test`;
  const statuses: number[] = [];
  // Alternating replicas: counted per process, each would allow the limit, twice as many failures in all.
  for (let attempt = 0; attempt <= SIGN_IN_ACCOUNT_LIMIT.max; attempt += 1) {
    statuses.push((await browser.request("/api/auth/signin", { method: "POST", json: { email, password: "not the password" } })).status);
  }
  expect(statuses.slice(0, SIGN_IN_ACCOUNT_LIMIT.max)).toEqual(Array(SIGN_IN_ACCOUNT_LIMIT.max).fill(401));
  expect(statuses.at(-1)).toBe(429);
  expectBothReplicas(browser);
});

test("an import uploaded through one replica is followed to its end through the other", async () => {
  clientAddress = "203.0.113.13";
  const browser = new Browser();
  await browser.signIn();
  const upload = await browser.request("/api/imports/uploads", { method: "POST" });
  expect(upload.status, JSON.stringify(upload.body)).toBeLessThan(300);
  const uploadId = String(upload.body.uploadId);
  const words = ["one", "two", "three"];
  const companies = words.length;
  const rows = ["id,name", ...words.map((word) => `${word},Replica test ${tag} ${word}`)].join("\n");
  const mapping = JSON.stringify({
    nodes: [{ file: "companies.csv", type: "Company", id: { column: "id", prefix: `replicas-${tag}-` }, name: { column: "name" } }],
    relationships: [],
  });
  for (const [name, content] of [["companies.csv", rows], ["mapping.json", mapping]] as const) {
    const put = await browser.request(`/api/imports/uploads/${uploadId}?name=${name}`, { method: "PUT", body: content, headers: { "content-type": "application/octet-stream" } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }
  const started = await browser.request("/api/imports", { method: "POST", json: { uploadId, format: "csv", file: "mapping.json", sourceName: `replicas ${tag}` } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const id = String(started.body.id);

  const polledBy = new Set<Replica>();
  let job = started.body;
  await expect
    .poll(
      async () => {
        const polled = await browser.request(`/api/imports/${id}`);
        expect(polled.status, JSON.stringify(polled.body)).toBe(200);
        polledBy.add(polled.replica);
        job = polled.body;
        return job.status;
      },
      { timeout: 60_000 },
    )
    .toBe("imported");
  expect(polledBy.size).toBe(REPLICAS.length);
  // The companies, and the Report every relationship of the data set would cite.
  expect((job.result as { entities: { created: number } }).entities.created).toBe(companies + 1);
  const listed = await browser.request("/api/imports");
  expect((listed.body.imports as { id: string }[]).map((entry) => entry.id)).toContain(id);
  const { records } = await runCypher("MATCH (n:Company) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n", { prefix: `replicas-${tag}-` });
  expect(Number(records[0]?.get("n"))).toBe(companies);
  expectBothReplicas(browser);
});
