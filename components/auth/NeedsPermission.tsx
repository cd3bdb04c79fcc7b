"use client";
import Link from "next/link";
import { useId, useState } from "react";
import type { Can } from "@/lib/auth/client";

/** /signin, coming back to this page afterwards (SignInForm follows `next`). Call it only in the browser. */
export function signInPath(): string {
  const here = typeof window === "undefined" ? "/" : `${window.location.pathname}${window.location.search}`;
  return here === "/" ? "/signin" : `/signin?next=${encodeURIComponent(here)}`;
}

interface NeedsPermissionProps {
  /** From useCan() / canFrom(): nothing is shown while loading or when allowed. */
  can: Can;
  /** For aria-describedby on the control it explains. */
  id?: string;
  className?: string;
}

/**
 * Why an action is not offered: "Sign in to share snapshots." (with "Sign in" a link to /signin) or
 * "Needs the analyst or admin role to write or change queries — ask an admin." A hint only: the server
 * refuses the request anyway.
 */
export function NeedsPermission({ can, id, className = "text-xs text-gray-700" }: NeedsPermissionProps) {
  if (can.allowed || can.loading || !can.reason) return null;
  const link = can.fix === "sign-in" ? "Sign in" : can.fix === "set-up" ? "Set up the first account" : null;
  return (
    <span id={id} className={className} data-testid="needs-permission">
      {link && can.reason.startsWith(link) ? (
        <>
          <Link href={can.fix === "set-up" ? "/setup" : signInPath()} className="font-medium text-red-900 underline">
            {link}
          </Link>
          {can.reason.slice(link.length)}
        </>
      ) : (
        can.reason
      )}
    </span>
  );
}

/** w-64 */
const NOTE_WIDTH_PX = 256;

interface UnavailableActionProps {
  /** The button's label, as it reads when the action is allowed ("Share"). */
  label: string;
  can: Can;
  className?: string;
}

/**
 * A button for an action the user cannot take: it looks disabled (aria-disabled, so it stays focusable and
 * announces why through aria-describedby and a title), and pressing it shows the reason, with the sign-in
 * link, underneath. For toolbars, where a sentence next to every button would not fit.
 */
export function UnavailableAction({ label, can, className = "" }: UnavailableActionProps) {
  const [open, setOpen] = useState(false);
  // The note opens under the button, towards whichever side of the screen has room for it.
  const [side, setSide] = useState<"left-0" | "right-0">("left-0");
  const reasonId = useId();
  return (
    <span className="relative inline-flex">
      <button
        type="button"
        aria-disabled="true"
        aria-describedby={can.loading ? undefined : reasonId}
        aria-expanded={can.loading ? undefined : open}
        title={can.reason ?? undefined}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          setSide(box.left + NOTE_WIDTH_PX > window.innerWidth ? "right-0" : "left-0");
          setOpen((shown) => !shown && !can.loading);
        }}
        onKeyDown={(event) => event.key === "Escape" && setOpen(false)}
        className={`cursor-not-allowed opacity-60 ${className}`}
      >
        {label}
      </button>
      {!can.loading && (
        <span
          hidden={!open}
          className={`absolute ${side} top-full z-30 mt-1 w-64 max-w-[calc(100vw-1rem)] rounded-md border border-gray-200 bg-white p-2 text-left shadow-lg`}
        >
          <NeedsPermission can={can} id={reasonId} className="text-xs text-gray-800" />
        </span>
      )}
    </span>
  );
}
