import type { ReactNode } from "react";

/**
 * - `error`: something failed; announced at once (role="alert").
 * - `warning`: a limit or a risk the reader should know before going on; announced politely.
 * - `info` / `success`: news of what happened; announced politely (role="status").
 */
export type AlertTone = "error" | "warning" | "info" | "success";

const BOXED: Record<AlertTone, string> = {
  error: "rounded-md bg-red-50 px-2 py-1 text-red-800",
  warning: "rounded-md bg-amber-50 px-2 py-1 text-amber-900",
  info: "rounded-md bg-gray-100 px-2 py-1 text-gray-800",
  success: "rounded-md bg-green-50 px-2 py-1 text-green-800",
};

const PLAIN: Record<AlertTone, string> = {
  error: "text-red-700",
  warning: "text-amber-900",
  info: "text-gray-700",
  success: "text-green-800",
};

interface AlertProps {
  tone: AlertTone;
  children: ReactNode;
  /** Text only, without the tinted box: for a message under a field or beside a button. */
  plain?: boolean;
  /** `div` when the message holds blocks (a heading, a list); a `p` otherwise. */
  as?: "p" | "div";
  /** Set to false for a tone shown on its own (a warning that is part of the page, not news). */
  live?: boolean;
  className?: string;
  id?: string;
}

/**
 * A message about what just happened. Errors are role="alert" (read out immediately); the rest are
 * role="status", which waits for the screen reader to finish: most of them report the result of the
 * reader's own action and need not interrupt. Render it only when there is a message, so the insertion
 * is what gets announced.
 */
export function Alert({ tone, children, plain = false, as: Tag = "p", live = true, className, id }: AlertProps) {
  const role = !live ? undefined : tone === "error" ? "alert" : "status";
  const look = (plain ? PLAIN : BOXED)[tone];
  return (
    <Tag id={id} role={role} className={["text-sm", look, className].filter(Boolean).join(" ")}>
      {children}
    </Tag>
  );
}
