/**
 * Rotating REDSTRING_SESSION_SECRET: with "new,old" configured, cookies sealed under the old secret still
 * open, new cookies are sealed under the new one, and once the old secret is dropped its cookies stop
 * working. Every replica is given the same list, so a cookie sealed by one opens on all.
 */
import { randomBytes } from "node:crypto";
import { sealSession, unsealSession } from "@/lib/auth/session";
import { ConfigurationError, forgetCachedConfig, getConfig } from "@/lib/config";
import { newSessionId } from "@/lib/auth/session-records";

const configured = process.env.REDSTRING_SESSION_SECRET;
const secret = () => randomBytes(32).toString("base64url");

function useSecrets(value: string) {
  process.env.REDSTRING_SESSION_SECRET = value;
  forgetCachedConfig();
}

afterAll(() => {
  if (configured === undefined) delete process.env.REDSTRING_SESSION_SECRET;
  else process.env.REDSTRING_SESSION_SECRET = configured;
  forgetCachedConfig();
});

it("opens cookies of every listed secret, seals with the first, and refuses a dropped secret's cookies", async () => {
  const [oldSecret, newSecret] = [secret(), secret()];
  const before = newSessionId();
  useSecrets(oldSecret);
  const oldCookie = await sealSession(before);

  useSecrets(`${newSecret}, ${oldSecret}`);
  expect(await unsealSession(oldCookie)).toBe(before);
  const during = newSessionId();
  const newCookie = await sealSession(during);
  expect(await unsealSession(newCookie)).toBe(during);

  // Sealed under the new secret: the old one alone cannot open it.
  useSecrets(oldSecret);
  expect(await unsealSession(newCookie)).toBeNull();

  // The rotation done: the new secret alone opens what it sealed, and no longer the old cookies.
  useSecrets(newSecret);
  expect(await unsealSession(newCookie)).toBe(during);
  expect(await unsealSession(oldCookie)).toBeNull();
});

it("refuses a list with a secret shorter than 32 characters, naming the variable", () => {
  expect(() => getConfig({ ...process.env, REDSTRING_SESSION_SECRET: `${secret()},short` })).toThrow(ConfigurationError);
  expect(() => getConfig({ ...process.env, REDSTRING_SESSION_SECRET: `${secret()},short` })).toThrow(/REDSTRING_SESSION_SECRET must be at least 32 characters/);
});
