"use client";

import Link from "next/link";
import { signInPath } from "@/components/auth/NeedsPermission";
import { canFrom, rolesNeeded, useMe, type Me } from "@/lib/auth/client";
import { ChangeList } from "./ChangeList";

/** Why the trail is not shown, with the way in: sign in, set up the first account, or ask an admin. */
function NotAllowed({ me }: { me: Me }) {
  const what = "to see the history of changes: who changed what in the graph, and when.";
  let message: React.ReactNode;
  if (!me.user && me.needsSetup) {
    message = (
      <>
        <Link href="/setup" className="font-medium text-red-900 underline">
          Set up the first account
        </Link>{" "}
        {what}
      </>
    );
  } else if (!me.user) {
    message = (
      <>
        <Link href={signInPath()} className="font-medium text-red-900 underline">
          Sign in
        </Link>{" "}
        {what}
      </>
    );
  } else {
    message = (
      <>
        Needs {rolesNeeded("changes:read")} to see the history of changes — ask an admin, or{" "}
        <Link href={signInPath()} className="font-medium text-red-900 underline">
          sign in
        </Link>{" "}
        with another account.
      </>
    );
  }
  return (
    <p className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="needs-permission">
      {message}
    </p>
  );
}

/** /changes: every recorded edit to the graph, newest first (changes:read), with Revert for editors (graph:edit). */
export function RecentChanges() {
  const me = useMe();
  const reading = canFrom(me, "changes:read");
  const editing = canFrom(me, "graph:edit");
  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-4xl p-4">
        <h1 className="text-xl font-semibold">Recent changes</h1>
        <p className="mt-1 text-sm text-gray-600">
          Every edit to the graph is recorded: who made it, when, and each record before and after.{" "}
          {editing.allowed && "Reverting a change undoes it as a new change, so nothing is lost."}
        </p>
        {me === null && <p className="mt-4 text-sm text-gray-600">Loading…</p>}
        {me !== null && !reading.allowed && <NotAllowed me={me} />}
        {reading.allowed && (
          <div className="mt-4">
            <ChangeList canRevert={editing.allowed} />
          </div>
        )}
      </main>
    </div>
  );
}
