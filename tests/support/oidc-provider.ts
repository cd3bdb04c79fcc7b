/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, on a free port or a given one, for the
 * OpenID Connect tests: one confidential client, accounts the test defines, a login step that signs in as
 * whoever the test named (no form) and consent granted at once. followProvider() walks a browser's
 * redirects through it with fetch, keeping its cookies, until it sends the browser back to the app.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export interface ProviderAccount {
  sub: string;
  email?: string;
  /** Left out of the claims when undefined, as many providers do. */
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's accounts by subject; change them between sign-ins at will. */
  accounts: Map<string, ProviderAccount>;
  /** Who the next login at the provider is. */
  loginAs(sub: string): void;
  close(): Promise<void>;
}

const SCOPE = "openid email profile";

export async function startTestProvider(options: { redirectUris: string[]; port?: number }): Promise<TestProvider> {
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => {
    response.statusCode = 503;
    response.end();
  };
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "redstring-test";
  const clientSecret = randomBytes(24).toString("base64url");
  const accounts = new Map<string, ProviderAccount>();
  let loginSubject: string | undefined;

  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider: Provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "test-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    async findAccount(_context: unknown, sub: string) {
      if (!accounts.has(sub)) return undefined;
      return {
        accountId: sub,
        claims() {
          const account = accounts.get(sub) ?? { sub };
          return Object.fromEntries(Object.entries({ ...account, sub }).filter(([, value]) => value !== undefined)) as { sub: string };
        },
      };
    },
    // Consent is granted at once for the requested scopes: the tests are about the app, not the consent page.
    async loadExistingGrant(context: KoaContextWithOIDC) {
      const clientOf = context.oidc.client?.clientId ?? clientId;
      const grantId = context.oidc.result?.consent?.grantId ?? context.oidc.session?.grantIdFor(clientOf);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new provider.Grant({ clientId: clientOf, accountId: context.oidc.session?.accountId ?? "" });
      grant.addOIDCScope(SCOPE);
      await grant.save();
      return grant;
    },
  });
  provider.on("server_error", (_context, error) => console.error("[test provider] server error", error));
  provider.on("authorization.error", (_context, error) => console.error("[test provider] authorization error", error));

  const callback = provider.callback();
  handle = (request, response) => {
    if (!request.url?.startsWith("/interaction/")) return callback(request, response);
    // The login "page": whoever loginAs() named signs in, without a form.
    void (async () => {
      try {
        const details = await provider.interactionDetails(request, response);
        if (details.prompt.name !== "login" || !loginSubject) throw new Error(`unexpected prompt ${details.prompt.name}`);
        await provider.interactionFinished(request, response, { login: { accountId: loginSubject } }, { mergeWithLastSubmission: false });
      } catch (error) {
        response.statusCode = 500;
        response.end(String(error));
      }
    })();
  };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    loginAs(sub) {
      loginSubject = sub;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Follows the provider's redirects from `url` as a browser would (with a fresh cookie jar, so each call
 * logs in anew) and returns the first address outside the provider: the app's callback with its code.
 */
export async function followProvider(provider: TestProvider, url: string): Promise<URL> {
  const jar = new Map<string, string>();
  let location = new URL(url);
  for (let step = 0; step < 10; step += 1) {
    if (location.origin !== new URL(provider.issuer).origin) return location;
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(location, { redirect: "manual", headers: cookie ? { cookie } : {} });
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(";")[0] ?? "";
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) jar.delete(name);
      else jar.set(name, value);
    }
    const next = response.headers.get("location");
    if (!next) throw new Error(`the provider answered ${response.status} at ${location.pathname}: ${(await response.text()).slice(0, 300)}`);
    location = new URL(next, location);
  }
  throw new Error("the provider redirected more than 10 times");
}
