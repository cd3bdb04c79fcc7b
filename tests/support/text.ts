import type { MatcherFunction } from "@testing-library/react";

/**
 * A text matcher over an element's whole text, for text that is broken up by elements: user text sits
 * in its own <bdi> (components/ui/UserText.tsx), so "Also known as <bdi>A</bdi>, <bdi>B</bdi>" is no
 * longer one text node. Matches the innermost element whose text content is `expected` (or matches it).
 */
export function wholeText(expected: string | RegExp): MatcherFunction {
  const matches = (text: string | null | undefined) => (typeof expected === "string" ? text === expected : expected.test(text ?? ""));
  return (_content, element) => {
    if (!element || !matches(element.textContent)) return false;
    return ![...element.children].some((child) => matches(child.textContent));
  };
}
