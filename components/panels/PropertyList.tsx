import type { JsonValue } from "@/lib/json";
import { shownProperties, showUntyped } from "@/lib/graph/display";
import type { GraphNode } from "@/lib/graph/types";
import { ENTITY_TYPE_SPECS } from "@/lib/model/registry";
import { safeHttpUrl } from "@/lib/safe-url";
import { UserText } from "@/components/ui/UserText";

const BOOKKEEPING = new Set(["aliases", "description", "createdAt", "updatedAt", "datePrecision"]);

/** A stored value as text for a panel, by its JSON type: lists joined, numbers grouped, booleans yes/no. */
export function displayValue(value: JsonValue): string {
  return showUntyped(value).text;
}

/** The registry's fields for this type, in its order and with its labels, then anything else stored; values as people read them. */
export function PropertyList({ node }: { node: GraphNode }) {
  const rows = shownProperties(ENTITY_TYPE_SPECS[node.type].fields, node.properties, BOOKKEEPING);
  if (rows.length === 0) return null;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
      {rows.map((row) => {
        const href = row.field?.kind === "url" ? safeHttpUrl(row.value) : null;
        return (
          <div key={row.key} className="contents">
            <dt className="text-gray-500">
              <UserText>{row.label}</UserText>
            </dt>
            <dd className={`text-gray-900 ${row.shown.numeric ? "tabular-nums" : ""}`}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-red-800 underline">
                  <UserText>{row.shown.text}</UserText>
                </a>
              ) : (
                <UserText>{row.shown.text}</UserText>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
