/** Bad input over real HTTP gets a clear 4xx with a message, never a 500 or a stack trace. */
import { expect, test } from "@playwright/test";

const cases: [string, number][] = [
  ["/api/search?q=", 400],
  [`/api/search?q=${"x".repeat(10_000)}`, 400],
  [`/api/search?q=${encodeURIComponent("AND (")}`, 200],
  [`/api/search?q=${encodeURIComponent('"')}`, 400],
  ["/api/search?q=thermo&limit=lots", 400],
  ["/api/search?q=thermo&%00=%ff", 400],
  ["/api/entities/no-such-entity", 404],
  ["/api/entities/%E2%98%83", 400],
  ["/api/entities/company-thermo-fisher/neighbours?limit=-5", 400],
  ["/api/entities/company-thermo-fisher/neighbours?offset=1e9", 400],
  ["/api/graph?ids=,,,", 400],
];

for (const [path, status] of cases) {
  test(`GET ${path.slice(0, 80)} answers ${status}`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(status);
    const body = await response.json();
    if (status >= 400) {
      expect(typeof body.error).toBe("string");
      expect(body.error.length).toBeGreaterThan(5);
    }
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules/);
  });
}

test("pages carry a Content-Security-Policy; only the embed may be framed by other sites", async ({ request }) => {
  const page = (await request.get("/")).headers();
  expect(page["content-security-policy"]).toContain("default-src 'self'");
  expect(page["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(page["content-security-policy"]).not.toContain("unsafe-eval");
  expect(page["x-frame-options"]).toBe("DENY");
  expect(page["x-content-type-options"]).toBe("nosniff");
  const queries = (await request.get("/queries")).headers();
  expect(queries["content-security-policy"]).toContain("connect-src 'self'");
});
