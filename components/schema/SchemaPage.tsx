"use client";

import Link from "next/link";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { Alert } from "@/components/ui/Alert";
import { errorMessage } from "@/lib/api-client";
import { canFrom, useMe } from "@/lib/auth/client";
import type { GraphSchema } from "@/lib/schema/model";
import { useGraphSchema } from "./hooks/useGraphSchema";
import { EntityTypeSection, RelationshipTypeSection, typeAnchor } from "./SchemaTypeSection";

function Contents({ schema }: { schema: GraphSchema }) {
  const lists = [
    { title: "Entity types", kind: "entity" as const, items: schema.entityTypes },
    { title: "Relationship types", kind: "relationship" as const, items: schema.relationshipTypes },
  ];
  return (
    <nav aria-label="Types" className="grid gap-4 rounded-md border border-gray-200 bg-white p-3 text-sm sm:grid-cols-2">
      {lists.map((list) => (
        <div key={list.kind}>
          <h2 className="font-semibold">{list.title}</h2>
          <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
            {list.items.map((item) => (
              <li key={item.type}>
                <a href={`#${typeAnchor(list.kind, item.type)}`} className="text-red-900 underline">
                  {item.type}
                </a>{" "}
                <span className="text-gray-600">{item.count.toLocaleString("en-US")}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function SchemaBody({ schema }: { schema: GraphSchema }) {
  return (
    <div className="mt-4 space-y-6">
      <Contents schema={schema} />
      <section aria-labelledby="schema-entities" className="space-y-5">
        <h2 id="schema-entities" className="text-lg font-semibold">
          Entity types
        </h2>
        <p className="text-sm text-gray-700">
          Every entity has the label <code>:{schema.entityLabel}</code> ({schema.entityCount.toLocaleString("en-US")} in all) and one type
          label.
        </p>
        {schema.entityTypes.map((type) => (
          <EntityTypeSection key={type.type} type={type} entityLabel={schema.entityLabel} />
        ))}
      </section>
      <section aria-labelledby="schema-relationships" className="space-y-5">
        <h2 id="schema-relationships" className="text-lg font-semibold">
          Relationship types
        </h2>
        {schema.relationshipTypes.map((type) => (
          <RelationshipTypeSection key={type.type} type={type} />
        ))}
      </section>
    </div>
  );
}

/**
 * /schema: what a saved query can name, read from the registry and the database at once (GET /api/schema):
 * every entity and relationship type with its Neo4j label or type and count, and each property key with its
 * value type, label, how many records carry it, examples and the data sets that supply it. Needs graph:read,
 * as running queries does.
 */
export function SchemaPage() {
  const me = useMe();
  const reading = canFrom(me, "graph:read");
  const schema = useGraphSchema({ enabled: reading.allowed });
  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-6xl p-4">
        <h1 className="text-xl font-semibold">Schema</h1>
        <p className="mt-1 max-w-3xl text-sm text-gray-700">
          The labels, relationship types and property keys you can use in{" "}
          <Link href="/queries" className="text-red-900 underline">
            saved queries
          </Link>
          , with the type of each value, how many records hold it, a few examples and the data sets it comes from. Types are
          those the importers check; a key marked &ldquo;as stored&rdquo; is one an import kept that Redstring does not declare.
        </p>
        {reading.reason && (
          <p className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <NeedsPermission can={reading} className="" />
          </p>
        )}
        {reading.allowed && schema.isPending && (
          <Alert tone="info" plain className="mt-4">
            Reading the schema…
          </Alert>
        )}
        {schema.error && (
          <Alert tone="error" size="lg" className="mt-4">
            {errorMessage(schema.error, "The schema could not be read.")}
          </Alert>
        )}
        {schema.data && <SchemaBody schema={schema.data} />}
      </main>
    </div>
  );
}
