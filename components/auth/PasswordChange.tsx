"use client";
import { useState } from "react";
import { errorMessage } from "@/lib/api-client";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { usePasswordChange } from "./hooks/useAccounts";
import { Field } from "@/components/ui/Field";

const input = "w-full rounded-md border border-gray-300 px-2 py-1.5";

/**
 * Change your own password: the current one, then the new one twice (the second only here, to catch a
 * typo; the server checks the current one and the length). Every other browser signed in as you is then
 * signed out; this one stays.
 */
export function PasswordChange() {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const changing = usePasswordChange();
  const busy = changing.isPending;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const field = (name: string) => String(form.get(name) ?? "");
    setError(null);
    setNotice(null);
    if (field("newPassword") !== field("repeatPassword")) {
      setError("The two new passwords are not the same.");
      return;
    }
    try {
      const { endedOtherSessions } = await changing.mutateAsync({ currentPassword: field("currentPassword"), newPassword: field("newPassword") });
      formElement.reset();
      setNotice(
        `Your password is changed. ${
          endedOtherSessions === 0 ? "No other browser was signed in as you." : `${endedOtherSessions} other session${endedOtherSessions === 1 ? " was" : "s were"} signed out.`
        }`,
      );
    } catch (cause) {
      setError(errorMessage(cause, "The password could not be changed. Try again."));
    }
  }

  return (
    <>
      <main className="mx-auto w-full max-w-sm p-4">
        <h1 className="mb-4 text-xl font-semibold">Change your password</h1>
        <form onSubmit={(event) => void submit(event)} className="space-y-3">
          <Field label="Current password" labelClassName="block">
            {(control) => <input {...control} name="currentPassword" type="password" required autoComplete="current-password" className={input} />}
          </Field>
          <Field label="New password" labelClassName="block" describedBy="password-rule">
            {(control) => <input {...control} name="newPassword" type="password" required minLength={MIN_PASSWORD_LENGTH} autoComplete="new-password" className={input} />}
          </Field>
          <Field label="New password again" labelClassName="block">
            {(control) => <input {...control} name="repeatPassword" type="password" required minLength={MIN_PASSWORD_LENGTH} autoComplete="new-password" className={input} />}
          </Field>
          <p id="password-rule" className="text-sm text-gray-600">
            At least {MIN_PASSWORD_LENGTH} characters. Every other browser signed in as you will be signed out.
          </p>
          {error && (
            <Alert tone="error" plain>
              {error}
            </Alert>
          )}
          {notice && (
            <Alert tone="success" plain>
              {notice}
            </Alert>
          )}
          <Button type="submit" disabled={busy} variant="primary">
            Change password
          </Button>
        </form>
      </main>
    </>
  );
}
