"use client";

import { useEffect, useId, useRef, useState } from "react";
import { UnavailableAction } from "@/components/auth/NeedsPermission";
import { errorMessage } from "@/lib/api-client";
import { useCan } from "@/lib/auth/client";
import type { CapturedView } from "@/lib/snapshots/capture";
import { createSnapshotApi, embedSnippet, rememberRevokeKey, revokeSnapshotApi } from "@/lib/snapshots/client";
import type { CreatedSnapshot, SnapshotOrigin, SnapshotStyle } from "@/lib/snapshots/model";

interface ShareDialogProps {
  /** Reads the view at the moment of sharing; null when nothing is drawn. */
  capture: () => CapturedView | null;
  origin: SnapshotOrigin;
  defaultTitle: string;
  /** The view's visible filters, recorded with the snapshot. */
  style?: Partial<SnapshotStyle>;
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
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard
              ?.writeText(value)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
          className="self-start rounded border border-gray-300 px-2 py-1 text-xs hover:bg-gray-100"
        >
          {copied ? "Copied" : "Copy"} <span className="sr-only">{label}</span>
        </button>
      </div>
    </div>
  );
}

const SHARE_BUTTON = "rounded-md border border-gray-300 bg-white px-2.5 py-1.5 text-sm text-gray-700";

/**
 * "Share": freezes the current view as a snapshot and hands out its permalink, an embed snippet, and a
 * way to revoke it. The revoke key stays in this browser. For a role that may not share (a viewer, a
 * signed-out visitor), the button stays in place, disabled, and says why.
 */
export function ShareDialog(props: ShareDialogProps) {
  const can = useCan("snapshots:create");
  if (!can.allowed) return <UnavailableAction label="Share" can={can} className={SHARE_BUTTON} />;
  return <ShareDialogAllowed {...props} />;
}

function ShareDialogAllowed({ capture, origin, defaultTitle, style }: ShareDialogProps) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(defaultTitle);
  const [note, setNote] = useState("");
  const [noteIsCaption, setNoteIsCaption] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedSnapshot | null>(null);
  const [revoked, setRevoked] = useState(false);
  const titleId = useId();
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) firstField.current?.focus();
  }, [open]);

  function start() {
    setTitle(defaultTitle);
    setNote("");
    setNoteIsCaption(false);
    setCreated(null);
    setRevoked(false);
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
    setBusy(true);
    setFailure(null);
    try {
      const made = await createSnapshotApi({ title, note, noteIsCaption, origin, ...(style ? { style } : {}), ...view });
      rememberRevokeKey(made.snapshot.id, made.revokeKey);
      setCreated(made);
    } catch (cause) {
      setFailure(errorMessage(cause, "The link could not be made. Try again."));
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!created || !window.confirm("Revoke this link? Whoever has it, the embed and the preview image will stop working.")) return;
    try {
      await revokeSnapshotApi(created.snapshot.id, created.revokeKey);
      setRevoked(true);
    } catch (cause) {
      setFailure(errorMessage(cause, "The link could not be revoked."));
    }
  }

  const base = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <>
      <button type="button" onClick={start} className={`${SHARE_BUTTON} hover:bg-gray-100`}>
        Share
      </button>
      {open && (
        <div className="fixed inset-0 z-40 flex items-start justify-center bg-black/30 p-4" onClick={() => setOpen(false)}>
          <div
            role="dialog"
            aria-modal="true"
            aria-labelledby={titleId}
            onClick={(event) => event.stopPropagation()}
            onKeyDown={(event) => event.key === "Escape" && setOpen(false)}
            className="mt-16 w-full max-w-lg space-y-3 rounded-lg bg-white p-4 text-gray-900 shadow-xl"
          >
            <h2 id={titleId} className="text-lg font-semibold">
              Share this view
            </h2>
            {!created ? (
              <form onSubmit={(event) => void share(event)} className="space-y-3">
                <p className="text-sm text-gray-600">
                  The link shows exactly what is on screen now, with its data and sources as of today, even after the graph changes.
                </p>
                <label className="block text-sm">
                  <span className="mb-1 block font-medium">Title</span>
                  <input
                    ref={firstField}
                    value={title}
                    maxLength={120}
                    required
                    onChange={(event) => setTitle(event.target.value)}
                    className="w-full rounded border border-gray-300 px-2 py-1.5"
                  />
                </label>
                <label className="block text-sm">
                  <span className="mb-1 block font-medium">Note (optional)</span>
                  <textarea
                    value={note}
                    maxLength={2000}
                    rows={3}
                    aria-describedby={`${titleId}-note-help`}
                    onChange={(event) => setNote(event.target.value)}
                    className="w-full rounded border border-gray-300 px-2 py-1.5"
                  />
                </label>
                {/* Private unless ticked: a note often says what the team suspects, not what it can publish. */}
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" checked={noteIsCaption} onChange={(event) => setNoteIsCaption(event.target.checked)} className="mt-0.5" />
                  <span>Show the note as the public caption (in link previews and to everyone with the link)</span>
                </label>
                <p id={`${titleId}-note-help`} className="text-xs text-gray-600">
                  {noteIsCaption
                    ? "Everyone with the link, and every chat or site that shows its preview, will read this note."
                    : "Private: only signed-in members of your team see the note on the link's page."}
                </p>
                {failure && (
                  <p role="alert" className="rounded bg-red-50 px-2 py-1 text-sm text-red-800">
                    {failure}
                  </p>
                )}
                <div className="flex justify-end gap-2">
                  <button type="button" onClick={() => setOpen(false)} className="rounded border border-gray-300 px-3 py-1.5 text-sm">
                    Cancel
                  </button>
                  <button type="submit" disabled={busy} className="rounded bg-red-800 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
                    {busy ? "Creating…" : "Create link"}
                  </button>
                </div>
              </form>
            ) : (
              <div className="space-y-3">
                {revoked ? (
                  <p role="status" className="rounded bg-gray-100 px-2 py-1 text-sm">
                    The link is revoked. It, its embed and its preview image now answer “gone”.
                  </p>
                ) : (
                  <>
                    <CopyField label="Link" value={`${base}${created.path}`} />
                    <CopyField label="Embed code" value={embedSnippet(base, created.snapshot.id, created.snapshot.title)} multiline />
                  </>
                )}
                {failure && (
                  <p role="alert" className="rounded bg-red-50 px-2 py-1 text-sm text-red-800">
                    {failure}
                  </p>
                )}
                <div className="flex flex-wrap justify-end gap-2">
                  {!revoked && (
                    <>
                      <button type="button" onClick={() => void revoke()} className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
                        Revoke link
                      </button>
                      <a href={created.path} target="_blank" rel="noopener" className="rounded border border-gray-300 px-3 py-1.5 text-sm hover:bg-gray-100">
                        Open link
                      </a>
                    </>
                  )}
                  <button type="button" onClick={() => setOpen(false)} className="rounded bg-gray-800 px-3 py-1.5 text-sm text-white">
                    Done
                  </button>
                </div>
              </div>
            )}
          </div>
        </div>
      )}
    </>
  );
}
