/**
 * Tab-separated lines for the files Redstring writes line by line (an import's refused rows). Pure and
 * browser-safe.
 */

/**
 * One field of a TSV line: tabs and line breaks would split the row, so they become the escapes "\t",
 * "\n", "\r" (and a backslash is doubled, so the escapes read back unambiguously).
 */
export function tsvField(value: string | number): string {
  return String(value).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}
