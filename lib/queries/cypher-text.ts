/**
 * Reading Cypher text without parsing it: what the safety pre-check (lib/queries/safety.ts) and the
 * editor (which offers to declare the $parameters it finds) both need. Pure and browser-safe.
 */

/**
 * The query with comments removed and the insides of string literals and `quoted names` replaced by
 * spaces. Lengths and line breaks are kept, so positions still match the original.
 */
export function blankOutLiterals(cypher: string): string {
  let out = "";
  let index = 0;
  while (index < cypher.length) {
    const char = cypher[index] ?? "";
    const next = cypher[index + 1] ?? "";
    if (char === "/" && next === "/") {
      // Cypher ends a line comment at \n or \r (checked against Neo4j 5.26: U+2028, U+2029 and U+0085 do
      // not end it). Stopping anywhere else would let text Neo4j runs hide inside what looks like a comment.
      const stop = lineEnd(cypher, index);
      out += " ".repeat(stop - index);
      index = stop;
    } else if (char === "/" && next === "*") {
      const end = cypher.indexOf("*/", index + 2);
      const stop = end === -1 ? cypher.length : end + 2;
      out += blank(cypher.slice(index, stop));
      index = stop;
    } else if (char === "'" || char === '"' || char === "`") {
      let stop = index + 1;
      while (stop < cypher.length && cypher[stop] !== char) {
        // Backslash escapes exist in strings, not in quoted names (where `` is the escape, seen as two quotes).
        stop += char !== "`" && cypher[stop] === "\\" ? 2 : 1;
      }
      if (stop >= cypher.length) {
        // Unterminated: Neo4j will report the syntax error; blank the rest so nothing in it counts.
        out += char + blank(cypher.slice(index + 1));
        index = cypher.length;
      } else {
        out += char + blank(cypher.slice(index + 1, stop)) + char;
        index = stop + 1;
      }
    } else {
      out += char;
      index += 1;
    }
  }
  return out;
}

/** Where the line comment starting at `from` ends: the first \n or \r, or the end of the text. */
function lineEnd(cypher: string, from: number): number {
  const match = /[\n\r]/.exec(cypher.slice(from));
  return match ? from + match.index : cypher.length;
}

/** Spaces in place of every character but line breaks. */
function blank(text: string): string {
  return text.replace(/[^\n\r]/g, " ");
}

/** The names after `$` in the query (outside strings and comments), to compare with the declarations. */
export function parameterNamesIn(cypher: string): string[] {
  const names = new Set<string>();
  for (const match of blankOutLiterals(cypher).matchAll(/\$(\w+)/g)) if (match[1]) names.add(match[1]);
  return [...names];
}
