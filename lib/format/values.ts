/**
 * Typed values as people read them: amounts with their currency, numbers grouped, booleans as yes/no,
 * dates at the precision they are known to, date-times with their zone. Pure and browser-safe; panels,
 * tables and the query results format through here (lib/graph/display.ts applies it to registry fields),
 * while CSV and JSON exports keep the raw typed values.
 *
 * It knows values, not the registry: the caller says what a value is (lib/format imports nothing of lib).
 */

/** Dates and numbers as written in British English: "29 December 2011", "1,234.5". */
const LOCALE = "en-GB";
/**
 * Currency symbols as written in American English: the only locale whose symbols are unambiguous for the
 * codes analysts meet most ("$" is USD only; CAD is "CA$", AUD "A$"), where en-GB writes USD as "US$".
 */
const CURRENCY_LOCALE = "en-US";

const numberFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 6 });
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
const currencyFormats = new Map<string, Intl.NumberFormat>();

/** 1234.5 -> "1,234.5"; at most six decimals, so a float's noise (0.30000000000000004) is not shown. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/**
 * An amount with its ISO 4217 currency: (100000, "EUR") -> "€100,000.00", with the currency's own decimals
 * (JPY none). A code Intl does not know, or no code, gives the number and what was written: "100,000 XYZ".
 */
export function formatAmount(amount: number, currency: string | null | undefined): string {
  const code = typeof currency === "string" ? currency.trim().toUpperCase() : "";
  if (!KNOWN_CURRENCIES.has(code)) return currency ? `${formatNumber(amount)} ${currency.trim()}` : formatNumber(amount);
  let format = currencyFormats.get(code);
  if (!format) {
    format = new Intl.NumberFormat(CURRENCY_LOCALE, { style: "currency", currency: code });
    currencyFormats.set(code, format);
  }
  return format.format(amount);
}

/** A whole number too large for a JavaScript number, as the database's digits: "9223372036854775807" grouped. */
export function formatIntegerText(digits: string): string {
  return /^-?\d+$/.test(digits) ? BigInt(digits).toLocaleString(LOCALE) : digits;
}

export function formatBoolean(value: boolean): string {
  return value ? "yes" : "no";
}

export type DatePrecisionName = "day" | "month" | "year";

const DATE_TEXT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** How much of a date its text says: "2011" a year, "2011-03" a month, "2011-03-29" a day; null if not a date. */
export function precisionOfDateText(text: string): DatePrecisionName | null {
  const match = DATE_TEXT.exec(text);
  if (!match) return null;
  return match[3] ? "day" : match[2] ? "month" : "year";
}

/**
 * A date at its precision: "2011", "March 2011", "29 December 2011" (`short`: "Mar 2011", "29 Dec 2011").
 * The precision is what the text says unless one is given (an Event stores its day and its precision
 * beside it). Null for text that is not a date, so the caller shows it as written.
 */
export function formatDate(text: string, precision?: unknown, style: "long" | "short" = "long"): string | null {
  const match = DATE_TEXT.exec(text);
  if (!match) return null;
  const [, year, month = "01", day = "01"] = match;
  const moment = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // Not a calendar date (2011-13-01, 2011-02-30): Date.UTC would roll it over into another one.
  if (moment.getUTCMonth() + 1 !== Number(month) || moment.getUTCDate() !== Number(day)) return null;
  const known = precision === "day" || precision === "month" || precision === "year" ? precision : precisionOfDateText(text);
  if (known === "year") return year ?? null;
  const monthStyle = style === "long" ? "long" : "short";
  const options: Intl.DateTimeFormatOptions =
    known === "month"
      ? { month: monthStyle, year: "numeric", timeZone: "UTC" }
      : { day: "numeric", month: monthStyle, year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(LOCALE, options).format(moment);
}

/**
 * An instant (ISO-8601 with an offset) in the reader's zone, or the one given: "29 December 2011 at 14:03 UTC".
 * Null for text that is not a date-time.
 */
export function formatDateTime(text: string, timeZone?: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const moment = new Date(text);
  if (Number.isNaN(moment.getTime())) return null;
  return new Intl.DateTimeFormat(LOCALE, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(moment);
}

/** A date and wall-clock time of no zone (a Neo4j LocalDateTime): "29 December 2011 at 14:03", no zone invented. */
export function formatLocalDateTime(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number);
  const moment = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour, minute));
  if (Number.isNaN(moment.getTime())) return null;
  return new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }).format(moment);
}
