import type { JsonValue } from "@/lib/json";
import { formatEventDate } from "@/lib/graph/elements";
import type { GraphNode } from "@/lib/graph/types";
import { ENTITY_TYPE_SPECS } from "@/lib/model/registry";
import { safeHttpUrl } from "@/lib/safe-url";
import { UserText } from "@/components/ui/UserText";

const BOOKKEEPING = new Set(["aliases", "description", "createdAt", "updatedAt", "datePrecision"]);

/** A stored value as text for a panel: lists joined, objects as JSON. */
export function displayValue(value: JsonValue): string {
  if (Array.isArray(value)) return value.map(displayValue).join(", ");
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The registry's fields for this type, in its order and with its labels, then anything else stored. */
export function PropertyList({ node }: { node: GraphNode }) {
  const spec = ENTITY_TYPE_SPECS[node.type];
  const known = new Set(spec.fields.map((field) => field.name));
  const rows: { key: string; label: string; value: React.ReactNode }[] = [];

  for (const field of spec.fields) {
    const value = node.properties[field.name];
    if (value === undefined || value === null || value === "" || BOOKKEEPING.has(field.name)) continue;
    let shown: React.ReactNode = <UserText>{displayValue(value)}</UserText>;
    if (field.kind === "date") {
      const date = formatEventDate(value, field.name === "date" ? node.properties.datePrecision : "day");
      if (date) shown = date;
    }
    if (field.kind === "url") {
      const href = safeHttpUrl(value);
      shown = href ? (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-red-800 underline">
          <UserText>{displayValue(value)}</UserText>
        </a>
      ) : (
        shown
      );
    }
    rows.push({ key: field.name, label: field.label, value: shown });
  }
  for (const [key, value] of Object.entries(node.properties)) {
    if (known.has(key) || BOOKKEEPING.has(key) || value === null) continue;
    rows.push({ key, label: key, value: <UserText>{displayValue(value)}</UserText> });
  }
  if (rows.length === 0) return null;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
      {rows.map((row) => (
        <div key={row.key} className="contents">
          <dt className="text-gray-500">
            <UserText>{row.label}</UserText>
          </dt>
          <dd className="text-gray-900">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
