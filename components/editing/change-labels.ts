/** How the audit trail names and colours each kind of change, and writes its time. */
import type { ChangeAction } from "@/lib/editing/model";

export const ACTION_LABELS: Record<ChangeAction, string> = {
  "create-entity": "Created",
  "update-entity": "Edited",
  "delete-entity": "Deleted",
  "create-relationship": "Linked",
  "update-relationship": "Link edited",
  "delete-relationship": "Link deleted",
  merge: "Merged",
  revert: "Revert",
  "convert-values": "Typed values",
};

export const ACTION_STYLES: Record<ChangeAction, string> = {
  "create-entity": "border-green-200 bg-green-50 text-green-900",
  "create-relationship": "border-green-200 bg-green-50 text-green-900",
  "update-entity": "border-amber-200 bg-amber-50 text-amber-900",
  "update-relationship": "border-amber-200 bg-amber-50 text-amber-900",
  "delete-entity": "border-red-200 bg-red-50 text-red-900",
  "delete-relationship": "border-red-200 bg-red-50 text-red-900",
  merge: "border-indigo-200 bg-indigo-50 text-indigo-900",
  revert: "border-gray-300 bg-gray-100 text-gray-800",
  "convert-values": "border-sky-200 bg-sky-50 text-sky-900",
};

/** "20 Feb 2019, 14:03" in the reader's time zone; the full date-time is in <time dateTime> and the tooltip. */
export function formatTime(iso: string): { short: string; full: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { short: iso, full: iso };
  return {
    short: date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }),
    full: date.toLocaleString("en-GB", { dateStyle: "full", timeStyle: "long" }),
  };
}
