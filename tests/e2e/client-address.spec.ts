/**
 * The server `npm start` runs (scripts/server.mjs) decides the client's address from the socket: a
 * client's own X-Forwarded-For, X-Real-IP or x-redstring-client-address are dropped, so a failed sign-in
 * is counted against the address the browser really connects from (127.0.0.1 here). Read back from the
 * counters in Neo4j, where the rate limits live.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import neo4j from "neo4j-driver";
import { SAME_ORIGIN } from "./support";

test.use({ storageState: { cookies: [], origins: [] } });

test("a client cannot choose the address its failed sign-ins count against", async ({ request }) => {
  const driver = neo4j.driver(process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687");
  const spoofed = [`198.51.100.${1 + (randomBytes(1)[0] ?? 0) % 200}`, "203.0.113.9", "192.0.2.44"];
  const email = `nobody-${randomBytes(4).toString("hex")}@example.test`;
  const countOf = async (key: string) => {
    const { records } = await driver.executeQuery("MATCH (r:RateLimit {key: $key}) RETURN r.count AS count", { key });
    return records.length ? Number(records[0]?.get("count")) : null;
  };
  try {
    const before = (await countOf("signin-address:127.0.0.1")) ?? 0;
    const answer = await request.post("/api/auth/signin", {
      data: { email, password: "a wrong guess" },
      headers: { ...SAME_ORIGIN, "x-forwarded-for": spoofed[0] ?? "", "x-real-ip": spoofed[1] ?? "", "x-redstring-client-address": spoofed[2] ?? "" },
    });
    expect(answer.status()).toBe(401);
    expect(await countOf(`signin-account:${email}`)).toBe(1);
    // Counted against the socket's address (unless its window just restarted, when it is 1)...
    const after = await countOf("signin-address:127.0.0.1");
    expect(after === before + 1 || after === 1).toBe(true);
    // ...and against none of the addresses the client named.
    for (const address of spoofed) expect(await countOf(`signin-address:${address}`)).toBeNull();
  } finally {
    // Give the attempt back, so later specs signing in from 127.0.0.1 have the whole limit.
    await driver.executeQuery("MATCH (r:RateLimit {key: 'signin-address:127.0.0.1'}) WHERE r.count > 0 SET r.count = r.count - 1");
    await driver.executeQuery("MATCH (r:RateLimit {key: $key}) DELETE r", { key: `signin-account:${email}` });
    await driver.close();
  }
});
