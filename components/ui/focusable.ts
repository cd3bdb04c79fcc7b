/** What Tab can reach, in document order, inside `root` (disabled, hidden and tabindex=-1 left out). */
export function tabbables(root: HTMLElement): HTMLElement[] {
  const selector = "a[href], button, input, select, textarea, summary, [tabindex], [contenteditable='true']";
  return [...root.querySelectorAll<HTMLElement>(selector)].filter(
    (element) =>
      element.tabIndex >= 0 &&
      !(element as HTMLButtonElement).disabled &&
      !(element instanceof HTMLInputElement && element.type === "hidden") &&
      !element.closest("[hidden], [inert]"),
  );
}

/**
 * Gives focus back to what had it before a dialog or menu took it, if that is still on the page. Browsers
 * differ on whether closing a dialog does this by itself, and none does it when the dialog is unmounted
 * rather than closed, so the parts do it explicitly.
 */
export function returnFocus(to: Element | null) {
  if (to instanceof HTMLElement && to.isConnected && to !== document.body) to.focus();
}
