"use client";

import { useEffect, useId, useRef, type ReactNode, type RefObject } from "react";
import { returnFocus, tabbables } from "./focusable";

interface DialogProps {
  /** The dialog's heading; it also names the dialog (aria-labelledby). */
  title: ReactNode;
  /** Escape, a click outside, or a close button: the owner decides (usually by unmounting or `open={false}`). */
  onClose: () => void;
  children: ReactNode;
  /** Defaults to true, for dialogs the owner mounts only while shown. */
  open?: boolean;
  /** What gets focus when the dialog opens; by default its first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Tailwind width cap of the panel. */
  width?: "max-w-md" | "max-w-lg";
  className?: string;
}

/**
 * A modal dialog on the native `<dialog>` opened with showModal(): the browser puts it in the top layer
 * and makes the rest of the page inert, so nothing behind it can be clicked or read. On top of that this:
 * - moves focus into it (initialFocus, or the first focusable element) when it opens;
 * - keeps Tab and Shift+Tab cycling inside it (the browser would otherwise let focus leave for its own
 *   toolbar after the last element);
 * - closes on Escape and on a click on the backdrop, through onClose, so the owner's state stays the truth;
 * - gives focus back to the element that had it before opening (the button that opened it), whether the
 *   dialog is closed or unmounted.
 */
export function Dialog({ title, onClose, children, open = true, initialFocus, width = "max-w-lg", className = "" }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Kept in a ref so the open effect below does not re-run (and steal focus) when the owner re-renders.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const element = dialog.current;
    if (!open || !element) return;
    const opener = document.activeElement;
    if (!element.open) element.showModal();
    (initialFocus?.current ?? tabbables(element)[0] ?? element).focus();
    return () => {
      if (element.open) element.close();
      returnFocus(opener);
    };
  }, [open, initialFocus]);

  function onKeyDown(event: React.KeyboardEvent<HTMLDialogElement>) {
    if (event.key === "Escape") {
      // Handled here rather than by the dialog's own cancel, so that the owner closes it (and a browser
      // that fires cancel only once without a user gesture does not leave it stuck open).
      event.preventDefault();
      close.current();
      return;
    }
    if (event.key !== "Tab" || !dialog.current) return;
    const reachable = tabbables(dialog.current);
    const first = reachable[0];
    const last = reachable[reachable.length - 1];
    if (!first || !last) return event.preventDefault();
    const at = document.activeElement;
    if (event.shiftKey && (at === first || !dialog.current.contains(at))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (at === last || !dialog.current.contains(at))) {
      event.preventDefault();
      first.focus();
    }
  }

  if (!open) return null;
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        close.current();
      }}
      // A click on the backdrop lands on the <dialog> itself; the panel inside covers all of its box.
      onClick={(event) => event.target === event.currentTarget && close.current()}
      className={`fixed inset-x-0 top-16 bottom-auto mx-auto max-h-[calc(100dvh-5rem)] w-[calc(100%-2rem)] ${width} overflow-auto rounded-lg bg-white p-0 text-gray-900 shadow-xl backdrop:bg-black/30`}
    >
      <div className={`space-y-3 p-4 ${className}`}>
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}
