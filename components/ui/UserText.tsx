import type { ReactNode } from "react";
import { balanceBidi } from "@/lib/text/bidi";

interface UserTextProps {
  /** The user's text (a name, a value, a title...). Anything else (a number, null) is shown as text too. */
  children: ReactNode;
  className?: string;
}

/**
 * Text someone typed, isolated from the app's words around it: a `<bdi>` (its own direction, from its
 * first strong letter) around the text with its bidi controls balanced, so a right-to-left override in
 * a name cannot turn the "open link" beside it into "knil nepo", nor escape through a stray pop. Use it
 * wherever user text sits inline next to anything else; a block holding only user text takes
 * `dir="auto"` (see the `.user-block` rule in app/globals.css) and its text through `balanceBidi`.
 */
export function UserText({ children, className }: UserTextProps) {
  const text = typeof children === "string" ? balanceBidi(children) : children;
  return <bdi className={className}>{text}</bdi>;
}

/** Several user strings joined by the app's separator ("a, b, c"), each isolated on its own. */
export function UserTextList({ items, separator = ", " }: { items: readonly string[]; separator?: string }) {
  return (
    <>
      {items.map((item, index) => (
        <span key={index}>
          {index > 0 && separator}
          <UserText>{item}</UserText>
        </span>
      ))}
    </>
  );
}
