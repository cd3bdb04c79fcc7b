/**
 * Bidirectional text, contained. A name holding U+202E (right-to-left override) would otherwise reverse
 * the app's own words beside it ("open link" shown as "knil nepo"), and an unmatched U+2069 (pop
 * directional isolate) would close the isolate around it early and let the override out. Pure: used by
 * the HTML components (through `components/ui/UserText.tsx`), plain strings that join user text with the
 * app's (option labels, tooltips), and the drawings that cannot isolate at all (canvas labels, SVG, PNG).
 */

const LRE = "\u202A";
const RLE = "\u202B";
const PDF = "\u202C";
const LRO = "\u202D";
const RLO = "\u202E";
const LRI = "\u2066";
const RLI = "\u2067";
const FSI = "\u2068";
const PDI = "\u2069";

/** Every character that steers the bidi algorithm: embeddings, overrides, isolates, marks (LRM, RLM, ALM). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

/**
 * Characters that can make text right-to-left (Hebrew, Arabic, Syriac, Thaana, N'Ko..., their
 * presentation forms, the historic RTL scripts) or steer the algorithm. A string with none of them
 * cannot reorder English text beside it, so `isolate()` leaves it as it is. Deliberately generous: a
 * character caught here that is not RTL only costs an unneeded isolate.
 */
const MAY_REORDER = /[\u0590-\u08FF\u200E\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Nesting deeper than this is never legitimate text; deeper openers (and their closers) are dropped. */
const MAX_DEPTH = 16;

/**
 * For drawings (Cytoscape canvas labels, SVG and PNG exports, link-preview images): no isolation exists
 * there, so every bidi control character is removed. The text's own letters keep their direction.
 */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/** Whether `text` holds a bidi control character (tests and callers that want to warn). */
export function hasBidiControls(text: string): boolean {
  return new RegExp(BIDI_CONTROLS.source, "u").test(text);
}

/**
 * `text` with its bidi controls balanced, so it stays inside whatever isolates it (a `<bdi>`, or the
 * FSI…PDI of `isolate()`): a terminator (PDF, PDI) with nothing of its own to close is dropped, since
 * it would close the isolate around the text instead; every embedding, override or isolate left open is
 * closed at the end (so the isolate's own PDI is not taken as theirs). Legitimate marks and balanced
 * controls in RTL text stay as they are.
 */
export function balanceBidi(text: string): string {
  if (!hasBidiControls(text)) return text;
  /** What is open: "e" an embedding or override (closed by PDF), "i" an isolate (closed by PDI); `kept` false when dropped. */
  const open: { kind: "e" | "i"; kept: boolean }[] = [];
  let out = "";
  for (const char of text) {
    if (char === LRE || char === RLE || char === LRO || char === RLO || char === LRI || char === RLI || char === FSI) {
      const kept = open.filter((entry) => entry.kept).length < MAX_DEPTH;
      open.push({ kind: char === LRI || char === RLI || char === FSI ? "i" : "e", kept });
      if (kept) out += char;
    } else if (char === PDF) {
      // Unicode's rule X7: a PDF closes the last embedding only if no isolate was opened after it.
      const last = open[open.length - 1];
      if (last?.kind === "e") {
        open.pop();
        if (last.kept) out += char;
      }
    } else if (char === PDI) {
      // Rule X6a: a PDI closes the last open isolate and every embedding opened inside it.
      const at = open.map((entry) => entry.kind).lastIndexOf("i");
      if (at >= 0) {
        const closed = open.splice(at);
        // Embeddings inside are closed by the PDI itself; only the isolate's own PDI is written.
        if (closed[0]!.kept) out += char;
      }
    } else {
      out += char;
    }
  }
  for (let index = open.length - 1; index >= 0; index -= 1) {
    const entry = open[index]!;
    if (entry.kept) out += entry.kind === "i" ? PDI : PDF;
  }
  return out;
}

/**
 * A user string to splice into a plain string that also holds the app's words (an `<option>`'s label,
 * a `title` tooltip, the document title): first-strong isolate … pop isolate around its balanced text,
 * so it neither reorders nor is reordered by what is beside it. Text with no RTL letter and no control
 * comes back unchanged: it cannot reorder anything, and plain names stay plain for search and tests.
 */
export function isolate(text: string): string {
  if (!MAY_REORDER.test(text)) return text;
  return `${FSI}${balanceBidi(text)}${PDI}`;
}

/** A quoted part of a message: “…” or "…". */
const QUOTED = /(“[^”]*”|"[^"]*")/u;

/**
 * A message in the app's words that quotes user text (the server's `No entity has the id "…"`, a field
 * problem): each quoted part isolated, and any bidi control left outside the quotes removed, since the
 * app's own words never hold one (it can only be user text that slipped past a quote mark).
 */
export function isolateQuoted(message: string): string {
  if (!MAY_REORDER.test(message)) return message;
  return message
    .split(QUOTED)
    .map((part, index) => (index % 2 === 1 ? `${part[0]}${isolate(part.slice(1, -1))}${part[part.length - 1]}` : stripBidiControls(part)))
    .join("");
}
