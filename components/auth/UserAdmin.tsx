"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/lib/api-client";
import { useMe } from "@/lib/auth/client";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { UserSummary } from "@/lib/auth/records";
import { UserText } from "@/components/ui/UserText";
import { isolate } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { useUserWrites, useUsers } from "./hooks/useAccounts";
import { Field } from "@/components/ui/Field";

const input = "rounded-md border border-gray-300 px-2 py-1.5";

/**
 * The admin page: every account, adding one with a role and initial password, role changes, disabling, and
 * signing a user out everywhere (a lost laptop, a shared password).
 */
export function UserAdmin() {
  const me = useMe();
  const router = useRouter();
  const listing = useUsers();
  const users = listing.data ?? [];
  const writes = useUserWrites();
  const [actionError, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = actionError ?? (listing.error ? errorMessage(listing.error, "The users could not be loaded.") : null);

  async function act(work: () => Promise<UserSummary>, done: (user: UserSummary) => string) {
    setError(null);
    try {
      setNotice(done(await work()));
    } catch (cause) {
      setError(errorMessage(cause, "That did not work."));
    }
  }

  async function endSessions(user: UserSummary, self: boolean) {
    setError(null);
    try {
      const { ended } = await writes.endSessions.mutateAsync(user.id);
      if (self) {
        // One's own sessions include this one: the next request is signed out, so go and sign in again.
        router.push("/signin?next=/admin/users");
        router.refresh();
        return;
      }
      setNotice(`Ended ${ended} session${ended === 1 ? "" : "s"} of ${isolate(user.email)}.`);
    } catch (cause) {
      setError(errorMessage(cause, "That did not work."));
    }
  }

  async function add(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const field = (name: string) => String(form.get(name) ?? "");
    await act(
      () => writes.create.mutateAsync({ email: field("email"), name: field("name"), role: field("role") as Role, password: field("password") }),
      (user) => {
        formElement.reset();
        return `Added ${isolate(user.email)} as ${user.role}.`;
      },
    );
  }

  return (
    <>
      <main className="mx-auto w-full max-w-4xl p-4">
        <h1 className="mb-3 text-xl font-semibold">Users</h1>
        {error && <Alert tone="error" plain className="mb-3">{error}</Alert>}
        {notice && <Alert tone="success" plain className="mb-3">{notice}</Alert>}
        {/* Scrolls sideways on a phone rather than squeezing the buttons. */}
        <div className="mb-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b"><th className="py-1">Name</th><th>Email</th><th>Role</th><th>State</th><th><span className="sr-only">Enable or disable</span></th><th><span className="sr-only">Sessions</span></th></tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const self = me?.user?.id === user.id;
                return (
                  <tr key={user.id} className="border-b" data-testid={`user-${user.email}`}>
                    <td className="py-1">
                      <UserText>{user.name}</UserText>
                    </td>
                    <td>
                      <UserText>{user.email}</UserText>
                    </td>
                    <td>
                      <select
                        aria-label={`Role of ${isolate(user.email)}`}
                        value={user.role}
                        disabled={self}
                        title={self ? "You cannot change your own role." : undefined}
                        onChange={(event) => void act(() => writes.update.mutateAsync({ id: user.id, change: { role: event.target.value as Role } }), (changed) => `${isolate(changed.email)} is now ${changed.role}.`)}
                        className={input}
                      >
                        {ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
                      </select>
                    </td>
                    <td>{user.disabledAt ? "disabled" : "active"}</td>
                    <td>
                      <Button
                        disabled={self}
                        title={self ? "You cannot disable your own account." : undefined}
                        onClick={() => void act(() => writes.update.mutateAsync({ id: user.id, change: { disabled: !user.disabledAt } }), (changed) => `${isolate(changed.email)} is ${changed.disabledAt ? "disabled" : "enabled"}.`)}
                        size="sm"
                      >
                        {user.disabledAt ? "Enable" : "Disable"}
                      </Button>
                    </td>
                    <td>
                      <Button
                        aria-label={`End all sessions of ${isolate(user.email)}`}
                        title={self ? "Signs you out too, in this browser and every other." : "Signs this user out in every browser."}
                        onClick={() => void endSessions(user, self)}
                        size="sm"
                      >
                        End sessions
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <h2 className="mb-2 font-semibold">Add a user</h2>
        <form onSubmit={(event) => void add(event)} className="flex flex-wrap items-end gap-2 text-sm">
          <Field label="Name" className="flex items-center gap-1" labelClassName="">
            {(control) => <input {...control} name="name" required className={input} />}
          </Field>
          <Field label="Email" className="flex items-center gap-1" labelClassName="">
            {(control) => <input {...control} name="email" type="email" required className={input} />}
          </Field>
          <Field label="Role" className="flex items-center gap-1" labelClassName="">
            {(control) => (
              <select {...control} name="role" defaultValue="viewer" className={input}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Initial password" className="flex items-center gap-1" labelClassName="">
            {(control) => <input {...control} name="password" type="password" required minLength={12} autoComplete="new-password" className={input} />}
          </Field>
          <Button type="submit" variant="primary">Add user</Button>
        </form>
      </main>
    </>
  );
}
