/**
 * The pure parts of OpenID Connect sign-in: its settings (all of issuer, client id and secret or none,
 * a valid default role, https issuers), the `next` path that must stay on this site, and the address the
 * provider sends the browser back to.
 */
import { NextRequest } from "next/server";
import { baseUrlOf, safeNextPath } from "@/lib/auth/oidc";
import { ConfigurationError, getConfig } from "@/lib/config";

const BASE = { NODE_ENV: "test", NEO4J_URI: "bolt://127.0.0.1:7687" } as const;
const TRIO = { REDSTRING_OIDC_ISSUER: "https://login.example.org/realms/news", REDSTRING_OIDC_CLIENT_ID: "redstring", REDSTRING_OIDC_CLIENT_SECRET: "s3cret" };

function oidcOf(environment: Record<string, string>) {
  return getConfig({ ...BASE, ...environment } as NodeJS.ProcessEnv).oidc;
}

function configError(environment: Record<string, string>): string {
  try {
    oidcOf(environment);
  } catch (cause) {
    expect(cause).toBeInstanceOf(ConfigurationError);
    return (cause as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("OpenID Connect settings", () => {
  it("are off without any of the variables, or with them empty", () => {
    expect(oidcOf({})).toBeUndefined();
    expect(oidcOf({ REDSTRING_OIDC_ISSUER: "", REDSTRING_OIDC_CLIENT_ID: "", REDSTRING_OIDC_CLIENT_SECRET: "" })).toBeUndefined();
  });

  it("default to the label 'single sign-on' and the viewer role", () => {
    expect(oidcOf(TRIO)).toEqual({ issuer: TRIO.REDSTRING_OIDC_ISSUER, clientId: "redstring", clientSecret: "s3cret", name: "single sign-on", defaultRole: "viewer" });
    expect(oidcOf({ ...TRIO, REDSTRING_OIDC_NAME: "Newsroom SSO", REDSTRING_OIDC_DEFAULT_ROLE: "admin" })).toMatchObject({ name: "Newsroom SSO", defaultRole: "admin" });
  });

  it("need the issuer, client id and secret together, and say which are missing", () => {
    const message = configError({ REDSTRING_OIDC_ISSUER: TRIO.REDSTRING_OIDC_ISSUER });
    expect(message).toContain("Redstring is not configured");
    expect(message).toContain("REDSTRING_OIDC_ISSUER is set but REDSTRING_OIDC_CLIENT_ID and REDSTRING_OIDC_CLIENT_SECRET are not");
    expect(configError({ REDSTRING_OIDC_CLIENT_ID: "a", REDSTRING_OIDC_CLIENT_SECRET: "b" })).toContain("REDSTRING_OIDC_ISSUER is not");
  });

  it("refuse an unknown default role, and an issuer that is not https (except on this machine)", () => {
    expect(configError({ ...TRIO, REDSTRING_OIDC_DEFAULT_ROLE: "owner" })).toContain("REDSTRING_OIDC_DEFAULT_ROLE must be one of viewer, editor, analyst, admin");
    expect(configError({ ...TRIO, REDSTRING_OIDC_ISSUER: "http://login.example.org" })).toContain("must be an https URL");
    expect(configError({ ...TRIO, REDSTRING_OIDC_ISSUER: "login.example.org" })).toContain("issuer URL");
    expect(oidcOf({ ...TRIO, REDSTRING_OIDC_ISSUER: "http://127.0.0.1:4000" })?.issuer).toBe("http://127.0.0.1:4000");
    expect(oidcOf({ ...TRIO, REDSTRING_OIDC_ISSUER: "http://localhost:4000" })?.issuer).toBe("http://localhost:4000");
  });
});

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeNextPath("/queries?tag=money#top")).toBe("/queries?tag=money#top");
    expect(safeNextPath("/s/abc")).toBe("/s/abc");
  });

  it("turns anything that could leave the site into /", () => {
    for (const next of [null, undefined, "", "//evil.example", "//evil.example/path", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "evil.example", "/\t/evil.example", "/%0a", `/${"a".repeat(3000)}`]) {
      const safe = safeNextPath(next);
      expect(safe === "/" || (safe.startsWith("/") && !safe.startsWith("//")), String(next)).toBe(true);
      if (next !== "/%0a") expect(safe).toBe("/");
    }
  });
});

describe("baseUrlOf", () => {
  const original = process.env.REDSTRING_PUBLIC_URL;
  afterEach(() => {
    if (original === undefined) delete process.env.REDSTRING_PUBLIC_URL;
    else process.env.REDSTRING_PUBLIC_URL = original;
  });

  it("is REDSTRING_PUBLIC_URL when set, else the host the browser asked for, as a proxy forwards it", () => {
    delete process.env.REDSTRING_PUBLIC_URL;
    expect(baseUrlOf(new NextRequest("http://127.0.0.1:3000/x", { headers: { host: "127.0.0.1:3000" } }))).toBe("http://127.0.0.1:3000");
    expect(
      baseUrlOf(new NextRequest("http://127.0.0.1:3000/x", { headers: { host: "127.0.0.1:3000", "x-forwarded-host": "graph.example.org", "x-forwarded-proto": "https" } })),
    ).toBe("https://graph.example.org");
    // A Host that is not a host name is not used to build the redirect URI.
    expect(baseUrlOf(new NextRequest("http://127.0.0.1:3000/x", { headers: { host: "evil.example/@x" } }))).toBe("http://localhost:3000");
    process.env.REDSTRING_PUBLIC_URL = "https://redstring.example.org/";
    expect(baseUrlOf(new NextRequest("http://127.0.0.1:3000/x"))).toBe("https://redstring.example.org");
  });
});
