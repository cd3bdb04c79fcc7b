/**
 * CSV (RFC 4180) for every writer: a view's export, the whole-graph export and a query result's table.
 * Pure and browser-safe.
 */

/**
 * Quotes when needed, and defuses spreadsheet formulas: a cell starting with = + - @ (or a tab or carriage
 * return) gets a leading apostrophe, so opening the file in a spreadsheet never runs a name as a formula.
 */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record: its fields made safe, joined by commas, ended by CRLF as RFC 4180 says. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
