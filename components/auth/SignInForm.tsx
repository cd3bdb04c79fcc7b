"use client";
import { errorMessage } from "@/lib/api-client";
import { useSignIn } from "./hooks/useAccounts";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

const input = "w-full rounded-md border border-gray-300 px-2 py-1.5";

/** The OpenID Connect button: its label and the start address (with the `next` path). */
export interface OidcOption {
  name: string;
  href: string;
}

/**
 * Sign in (or, on an empty instance, create the first admin); the server's message is shown as text.
 * `initialError` is the message a failed single sign-on came back with; `oidc` adds "Sign in with ...".
 */
export function SignInForm({
  mode,
  initialError = null,
  oidc = null,
  publicReadFixed,
}: {
  mode: "signin" | "setup";
  initialError?: string | null;
  oidc?: OidcOption | null;
  /** Setup only: REDSTRING_PUBLIC_READ's value when it fixes signed-out reading, else undefined. */
  publicReadFixed?: boolean;
}) {
  const signIn = useSignIn(mode);
  // Busy from the click until the next page has loaded: a success leaves for another page.
  const busy = signIn.isPending || signIn.isSuccess;
  const error = signIn.error ? errorMessage(signIn.error, "Signing in failed. Try again.") : signIn.isIdle ? initialError : null;
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "");
    signIn.mutate(
      { email: field("email"), password: field("password"), name: field("name"), publicRead: form.get("publicRead") === "on" },
      {
        onSuccess: () => {
          const next = new URLSearchParams(window.location.search).get("next");
          window.location.assign(next?.startsWith("/") && !next.startsWith("//") ? next : "/");
        },
      },
    );
  }
  return (
    <main className="mx-auto max-w-sm p-6">
      <h1 className="mb-4 text-xl font-semibold">{mode === "signin" ? "Sign in to Redstring" : "Set up Redstring: the first admin"}</h1>
      <form onSubmit={submit} className="space-y-3">
        {mode === "setup" && (
          <Field label="Name" labelClassName="block">
            {(control) => <input {...control} name="name" required autoComplete="name" className={input} />}
          </Field>
        )}
        <Field label="Email" labelClassName="block">
          {(control) => <input {...control} name="email" type="email" required autoComplete="username" className={input} />}
        </Field>
        <Field label="Password" labelClassName="block">
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              required
              autoComplete={mode === "signin" ? "current-password" : "new-password"}
              minLength={mode === "setup" ? 12 : undefined}
              className={input}
            />
          )}
        </Field>
        {mode === "setup" && (
          <div className="text-sm">
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                name="publicRead"
                defaultChecked={publicReadFixed ?? false}
                disabled={publicReadFixed !== undefined}
                aria-describedby="setup-public-read-help"
                className="mt-0.5"
              />
              <span>Let signed-out visitors read the graph</span>
            </label>
            <p id="setup-public-read-help" className="mt-1 text-gray-700">
              {publicReadFixed === undefined
                ? "Off: only people with an account can search and explore. Admins can change this later in Settings."
                : `Fixed by the environment (REDSTRING_PUBLIC_READ is ${publicReadFixed ? "on" : "off"}).`}
            </p>
          </div>
        )}
        {error && (
          <Alert tone="error" plain>
            {error}
          </Alert>
        )}
        <Button type="submit" disabled={busy} variant="primary">
          {mode === "signin" ? "Sign in" : "Create the admin account"}
        </Button>
      </form>
      {mode === "signin" && oidc && (
        <p className="mt-4 border-t border-gray-200 pt-4">
          <a href={oidc.href} className="inline-block rounded-md border border-gray-400 px-3 py-1.5 text-gray-900 hover:bg-gray-100">
            Sign in with {oidc.name}
          </a>
        </p>
      )}
    </main>
  );
}
