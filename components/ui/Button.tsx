import type { ButtonHTMLAttributes } from "react";

/**
 * The app's buttons, in the few looks it uses:
 * - `primary`: the one main action of a form or dialog (red).
 * - `outline`: the main action's outlined sibling ("Run" beside "Save").
 * - `secondary`: every other action (outlined in grey).
 * - `danger`: an action that removes or revokes something (outlined in red).
 * - `caution`: an action allowed but with a warning attached ("Add all that fit").
 * - `dark`: closing a dialog that only informs ("Close", "Done").
 * - `link`: an action that reads like a link inside text ("Try again", "Cancel" beside a form).
 */
export type ButtonVariant = "primary" | "outline" | "secondary" | "danger" | "caution" | "dark" | "link";
export type ButtonSize = "xs" | "sm" | "md" | "lg";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "rounded-md bg-red-800 font-medium text-white hover:bg-red-900",
  outline: "rounded-md border border-red-800 bg-white font-medium text-red-900 hover:bg-red-50",
  secondary: "rounded-md border border-gray-300 bg-white text-gray-800 hover:bg-gray-100",
  danger: "rounded-md border border-red-300 bg-white text-red-800 hover:bg-red-50",
  caution: "rounded-md border border-amber-400 bg-amber-50 text-amber-900 hover:bg-amber-100",
  dark: "rounded-md bg-gray-800 text-white hover:bg-gray-900",
  link: "text-red-900 underline",
};

const SIZES: Record<ButtonSize, string> = {
  xs: "px-2 py-1 text-xs",
  sm: "px-2 py-1 text-sm",
  md: "px-2.5 py-1.5 text-sm",
  lg: "px-3 py-2 text-sm",
};

/** A link variant sits in running text, so it takes no padding of its own. */
const LINK_SIZES: Record<ButtonSize, string> = { xs: "text-xs", sm: "text-sm", md: "text-sm", lg: "text-sm" };

interface ButtonLook {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Placement only (margins, shrink-0, self-start): colours and sizes come from variant and size. */
  className?: string;
}

/**
 * The class string of a button look, for an element that must stay a link (`<Link>`, `<a download>`) but
 * should look like a button. Everything else uses `<Button>`.
 */
export function buttonClass({ variant = "secondary", size = "md", className }: ButtonLook = {}): string {
  const sizing = variant === "link" ? LINK_SIZES[size] : SIZES[size];
  return [VARIANTS[variant], sizing, "disabled:cursor-not-allowed disabled:opacity-50", className].filter(Boolean).join(" ");
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & ButtonLook & { ref?: React.Ref<HTMLButtonElement> };

/** A `<button>`: `type="button"` unless told otherwise, so a button inside a form never submits it by accident. */
export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...props} />;
}
