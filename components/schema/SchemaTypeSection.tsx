import { UserTextList } from "@/components/ui/UserText";
import type { SchemaEntityType, SchemaRelationshipType } from "@/lib/schema/model";
import { PropertyTable } from "./PropertyTable";

/** The anchor of a type's section, for the page's table of contents and for links from elsewhere. */
export const typeAnchor = (kind: "entity" | "relationship", type: string) => `${kind}-${type}`;

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function Datasets({ datasets }: { datasets: SchemaEntityType["datasets"] }) {
  if (datasets.length === 0) return null;
  return (
    <p className="text-xs text-gray-700">
      From: <UserTextList items={datasets.map((dataset) => dataset.name)} />
    </p>
  );
}

/** One entity type: its Neo4j label (beside Entity), its name in the app, how many, and its keys. */
export function EntityTypeSection({ type, entityLabel }: { type: SchemaEntityType; entityLabel: string }) {
  const headingId = typeAnchor("entity", type.type);
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h3 id={headingId} className="scroll-mt-4 text-base font-semibold">
        <code className="font-mono">
          :{entityLabel}:{type.type}
        </code>{" "}
        <span className="font-normal text-gray-700">
          {type.label} · {count(type.count, "node", "nodes")}
        </span>
      </h3>
      <Datasets datasets={type.datasets} />
      <PropertyTable caption={`Property keys of ${type.type}`} properties={type.properties} />
    </section>
  );
}

/** One relationship type: its Neo4j type, how it reads, the types it joins, how many, and its keys. */
export function RelationshipTypeSection({ type }: { type: SchemaRelationshipType }) {
  const headingId = typeAnchor("relationship", type.type);
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h3 id={headingId} className="scroll-mt-4 text-base font-semibold">
        <code className="font-mono">[:{type.type}]</code>{" "}
        <span className="font-normal text-gray-700">
          {type.label} · {count(type.count, "relationship", "relationships")}
        </span>
      </h3>
      <p className="break-words text-xs text-gray-700">
        From <code>{type.from.join(" | ")}</code> to <code>{type.to.join(" | ")}</code>
      </p>
      <Datasets datasets={type.datasets} />
      <PropertyTable caption={`Property keys of ${type.type}`} properties={type.properties} />
    </section>
  );
}
