/**
 * The one XML escaper, for every writer of XML (the SVG drawing, GraphML and GEXF). Pure and browser-safe.
 */

/**
 * Characters XML 1.0 forbids even escaped: C0 controls other than tab, newline and carriage return,
 * U+FFFE/U+FFFF, and surrogates that are not half of a pair (a lone surrogate cannot be encoded as UTF-8).
 */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe as XML element content and as a quoted attribute value: forbidden characters dropped, the rest escaped. */
export function xmlEscape(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}
