"use client";

import { useEffect, useId, useRef, useState } from "react";
import { UnavailableAction } from "@/components/auth/NeedsPermission";
import { Alert } from "@/components/ui/Alert";
import { Button, buttonClass } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { Field } from "@/components/ui/Field";
import { errorMessage } from "@/lib/api-client";
import { useCan } from "@/lib/auth/client";
import type { CapturedView } from "@/lib/snapshots/capture";
import { embedSnippet } from "@/lib/snapshots/client";
import type { CreatedSnapshot, SnapshotOrigin, SnapshotStyle } from "@/lib/snapshots/model";
import { useSnapshotWrites } from "./hooks/useSnapshots";

interface ShareDialogProps {
  /** Reads the view at the moment of sharing; null when nothing is drawn. */
  capture: () => CapturedView | null;
  origin: SnapshotOrigin;
  defaultTitle: string;
  /** The view's visible filters, recorded with the snapshot. */
  style?: Partial<SnapshotStyle>;
  /** The button's text: "Share" for the whole view, "Share the selection" for a selection. */
  triggerLabel?: string;
}

function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        {multiline ? (
          <textarea id={id} readOnly value={value} rows={3} onFocus={(event) => event.target.select()} className="flex-1 rounded border border-gray-300 bg-gray-50 px-2 py-1 font-mono text-xs" />
        ) : (
          <input id={id} readOnly value={value} onFocus={(event) => event.target.select()} className="flex-1 rounded border border-gray-300 bg-gray-50 px-2 py-1 font-mono text-xs" />
        )}
        <Button
          size="xs"
          className="self-start"
          onClick={() =>
            void navigator.clipboard
              ?.writeText(value)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {copied ? "Copied" : "Copy"} <span className="sr-only">{label}</span>
        </Button>
      </div>
    </div>
  );
}


/**
 * "Share": freezes the current view as a snapshot and hands out its permalink, an embed snippet, and a
 * way to revoke it. The revoke key stays in this browser. For a role that may not share (a viewer, a
 * signed-out visitor), the button stays in place, disabled, and says why.
 */
export function ShareDialog(props: ShareDialogProps) {
  const can = useCan("snapshots:create");
  if (!can.allowed) return <UnavailableAction label={props.triggerLabel ?? "Share"} can={can} className={buttonClass()} />;
  return <ShareDialogAllowed {...props} />;
}

function ShareDialogAllowed({ capture, origin, defaultTitle, style, triggerLabel = "Share" }: ShareDialogProps) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(defaultTitle);
  const [note, setNote] = useState("");
  const [noteIsCaption, setNoteIsCaption] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedSnapshot | null>(null);
  const [revoked, setRevoked] = useState(false);
  // Revoke asks first, as a step inside this dialog (a second modal on top of it would fight it for
  // Escape and Tab). "asking" shows the question; "back" means it was cancelled and Revoke gets focus again.
  const [confirmRevoke, setConfirmRevoke] = useState<"no" | "asking" | "back">("no");
  const revokeButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const writes = useSnapshotWrites();
  const busy = writes.create.isPending;
  const noteHelpId = useId();
  const revokeQuestionId = useId();
  const firstField = useRef<HTMLInputElement>(null);

  function start() {
    setTitle(defaultTitle);
    setNote("");
    setNoteIsCaption(false);
    setCreated(null);
    setRevoked(false);
    setConfirmRevoke("no");
    setFailure(null);
    setOpen(true);
  }

  async function share(event: React.FormEvent) {
    event.preventDefault();
    const view = capture();
    if (!view || view.nodes.length === 0) {
      setFailure("There is nothing on screen to share yet.");
      return;
    }
    setFailure(null);
    try {
      setCreated(await writes.create.mutateAsync({ title, note, noteIsCaption, origin, ...(style ? { style } : {}), ...view }));
    } catch (cause) {
      setFailure(errorMessage(cause, "The link could not be made. Try again."));
    }
  }

  useEffect(() => {
    if (confirmRevoke === "asking") keepButton.current?.focus();
    else if (confirmRevoke === "back") revokeButton.current?.focus();
  }, [confirmRevoke]);

  async function revoke() {
    setConfirmRevoke("no");
    if (!created) return;
    try {
      await writes.revoke.mutateAsync({ id: created.snapshot.id, revokeKey: created.revokeKey });
      setRevoked(true);
    } catch (cause) {
      setFailure(errorMessage(cause, "The link could not be revoked."));
    }
  }

  const base = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <>
      <Button onClick={start}>{triggerLabel}</Button>
      {open && (
        <Dialog title="Share this view" onClose={() => setOpen(false)} initialFocus={firstField}>
          {!created ? (
            <form onSubmit={(event) => void share(event)} className="space-y-3">
              <p className="text-sm text-gray-600">
                The link shows exactly what is on screen now, with its data and sources as of today, even after the graph changes.
              </p>
              <Field label="Title">
                {(control) => (
                  <input
                    {...control}
                    ref={firstField}
                    value={title}
                    maxLength={120}
                    required
                    onChange={(event) => setTitle(event.target.value)}
                    className="w-full rounded border border-gray-300 px-2 py-1.5"
                  />
                )}
              </Field>
              <Field label="Note (optional)" describedBy={noteHelpId}>
                {(control) => (
                  <textarea
                    {...control}
                    value={note}
                    maxLength={2000}
                    rows={3}
                    onChange={(event) => setNote(event.target.value)}
                    className="w-full rounded border border-gray-300 px-2 py-1.5"
                  />
                )}
              </Field>
              {/* Private unless ticked: a note often says what the team suspects, not what it can publish. */}
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" checked={noteIsCaption} onChange={(event) => setNoteIsCaption(event.target.checked)} className="mt-0.5" />
                <span>Show the note as the public caption (in link previews and to everyone with the link)</span>
              </label>
              <p id={noteHelpId} className="text-xs text-gray-600">
                {noteIsCaption
                  ? "Everyone with the link, and every chat or site that shows its preview, will read this note."
                  : "Private: only signed-in members of your team see the note on the link's page."}
              </p>
              {failure && <Alert tone="error">{failure}</Alert>}
              <div className="flex justify-end gap-2">
                <Button onClick={() => setOpen(false)}>Cancel</Button>
                <Button type="submit" variant="primary" disabled={busy}>
                  {busy ? "Creating…" : "Create link"}
                </Button>
              </div>
            </form>
          ) : (
            <div className="space-y-3">
              {revoked ? (
                <Alert tone="info">The link is revoked. It, its embed and its preview image now answer “gone”.</Alert>
              ) : (
                <>
                  <CopyField label="Link" value={`${base}${created.path}`} />
                  <CopyField label="Embed code" value={embedSnippet(base, created.snapshot.id, created.snapshot.title)} multiline />
                </>
              )}
              {failure && <Alert tone="error">{failure}</Alert>}
              {confirmRevoke === "asking" ? (
                <div role="group" aria-labelledby={revokeQuestionId} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
                  <p id={revokeQuestionId} className="text-sm text-red-900">
                    Revoke this link? Whoever has it, the embed and the preview image will stop working.
                  </p>
                  <div className="flex flex-wrap justify-end gap-2">
                    <Button ref={keepButton} onClick={() => setConfirmRevoke("back")}>
                      Cancel
                    </Button>
                    <Button variant="danger" onClick={() => void revoke()}>
                      Revoke link
                    </Button>
                  </div>
                </div>
              ) : (
                <div className="flex flex-wrap justify-end gap-2">
                  {!revoked && (
                    <>
                      <Button ref={revokeButton} variant="danger" onClick={() => setConfirmRevoke("asking")}>
                        Revoke link
                      </Button>
                      <a href={created.path} target="_blank" rel="noopener" className={buttonClass()}>
                        Open link
                      </a>
                    </>
                  )}
                  <Button variant="dark" onClick={() => setOpen(false)}>
                    Done
                  </Button>
                </div>
              )}
            </div>
          )}
        </Dialog>
      )}
    </>
  );
}
