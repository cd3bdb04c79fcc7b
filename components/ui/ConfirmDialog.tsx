"use client";

import { useRef, type ReactNode } from "react";
import { Button } from "./Button";
import { Dialog } from "./Dialog";

interface ConfirmDialogProps {
  /** The question, which also names the dialog ("Delete “Rubio”?"). */
  title: ReactNode;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  /** The confirming button's words: the action itself ("Delete workspace", "Revoke link"), never "OK". */
  confirmLabel: string;
  onConfirm: () => void;
  /** Cancel, Escape, or a click outside. */
  onCancel: () => void;
}

/**
 * The in-page stand-in for window.confirm, on the shared Dialog: a question, what it will do, the action's
 * own button and Cancel. Focus starts on Cancel, so that Enter pressed out of habit does not destroy
 * anything, and goes back to the opener when the owner unmounts it (Dialog does that). The owner mounts it
 * only while asking, and unmounts it on either answer.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={title} onClose={onCancel} initialFocus={cancel} width="max-w-md">
      <div className="text-sm text-gray-700">{children}</div>
      <div className="flex justify-end gap-2">
        <Button ref={cancel} onClick={onCancel}>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
