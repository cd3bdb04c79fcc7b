import type { ReactNode } from "react";

/**
 * - `error`: something failed; announced at once (role="alert").
 * - `warning`: a limit or a risk the reader should know before going on; announced politely.
 * - `info` / `success`: news of what happened; announced politely (role="status").
 */
export type AlertTone = "error" | "warning" | "info" | "success";

const BOXED: Record<AlertTone, string> = {
  error: "rounded-md bg-red-50 text-red-800",
  warning: "rounded-md bg-amber-50 text-amber-900",
  info: "rounded-md bg-gray-100 text-gray-800",
  success: "rounded-md bg-green-50 text-green-800",
};

/** xs: inside a row or a list item; sm: inside a form or panel; lg: a message for the whole page. */
export type AlertSize = "xs" | "sm" | "lg";
const BOX_SIZES: Record<AlertSize, string> = { xs: "px-2 py-1 text-xs", sm: "px-2 py-1 text-sm", lg: "px-3 py-2 text-sm" };
const TEXT_SIZES: Record<AlertSize, string> = { xs: "text-xs", sm: "text-sm", lg: "text-sm" };

const PLAIN: Record<AlertTone, string> = {
  error: "text-red-700",
  warning: "text-amber-900",
  info: "text-gray-700",
  success: "text-green-800",
};

interface AlertProps {
  tone: AlertTone;
  size?: AlertSize;
  children: ReactNode;
  /** Text only, without the tinted box: for a message under a field or beside a button. */
  plain?: boolean;
  /** `div` when the message holds blocks (a heading, a list); `span` inside a line of text or controls; a `p` otherwise. */
  as?: "p" | "div" | "span";
  /** Set to false for a tone shown on its own (a warning that is part of the page, not news). */
  live?: boolean;
  /** Placement only (margins, width, shadow): colours and sizes come from tone and size. */
  className?: string;
  id?: string;
  /** Names a message that holds more than a sentence ("Similar entities"). */
  "aria-label"?: string;
  /** data-testid, and state for tests and styles (data-save-state). */
  [data: `data-${string}`]: string | undefined;
}

/**
 * A message about what just happened. Errors are role="alert" (read out immediately); the rest are
 * role="status", which waits for the screen reader to finish: most of them report the result of the
 * reader's own action and need not interrupt. Render it only when there is a message, so the insertion
 * is what gets announced. The exception is a line that stays mounted while its words change (a save
 * state, "Laying out…" then "Layout done", a match count): there the region must exist before the first
 * words arrive, or some screen readers miss them, and each change of its text is the news.
 */
export function Alert({ tone, size = "sm", children, plain = false, as: Tag = "p", live = true, className, ...rest }: AlertProps) {
  const role = !live ? undefined : tone === "error" ? "alert" : "status";
  const look = plain ? `${PLAIN[tone]} ${TEXT_SIZES[size]}` : `${BOXED[tone]} ${BOX_SIZES[size]}`;
  return (
    <Tag role={role} className={[look, className].filter(Boolean).join(" ")} {...rest}>
      {children}
    </Tag>
  );
}
