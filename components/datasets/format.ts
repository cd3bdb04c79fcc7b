/** How the data-set pages write numbers and times (pure, the same on the server and in tests). */
export const count = (value: number) => value.toLocaleString("en");

/** A stored date-time as "2 Dec 2026, 02:30 UTC": in UTC, so the server's rendering matches everyone's. */
export function describeTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" })} UTC`;
}

export const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, value) => sum + value, 0);
