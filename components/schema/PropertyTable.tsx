import { UserText, UserTextList } from "@/components/ui/UserText";
import type { JsonValue } from "@/lib/json";
import { describeType, type SchemaProperty } from "@/lib/schema/model";

/** Long example values are cut: the page is a key's summary, not its data. */
const EXAMPLE_CHARACTERS = 60;

function exampleText(value: JsonValue): string {
  const text = Array.isArray(value) ? `[${value.map(exampleText).join(", ")}]` : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > EXAMPLE_CHARACTERS ? `${text.slice(0, EXAMPLE_CHARACTERS - 1)}…` : text;
}

/** The value type in words, with what an analyst needs to query it: the choices, the precision, the currency. */
function TypeCell({ property }: { property: SchemaProperty }) {
  const unexpected = property.declared ? property.observed.filter((type) => type !== property.type) : [];
  return (
    <>
      <span className="font-medium">{describeType(property)}</span>
      {property.choices && <span className="block text-xs text-gray-600">one of {property.choices.join(", ")}</span>}
      {property.precisionKey && (
        <span className="block text-xs text-gray-600">
          {property.partialDates ? `${property.partialDates.toLocaleString("en-US")} known only to the month or year: ` : "to the day, or the month or year: "}
          <code>{property.precisionKey}</code>
        </span>
      )}
      {property.currencyKey && (
        <span className="block text-xs text-gray-600">
          money, currency in <code>{property.currencyKey}</code>
        </span>
      )}
      {!property.declared && <span className="block text-xs text-gray-600">as stored (not in the registry)</span>}
      {unexpected.length > 0 && (
        <span className="block text-xs text-amber-900">some records hold {unexpected.join(", ")}</span>
      )}
    </>
  );
}

/**
 * One type's property keys as a table: key, label, value type, how many records carry it, examples, data
 * sets. In a scroll region of its own, so at 390 px the page keeps its width and the table scrolls.
 */
export function PropertyTable({ caption, properties }: { caption: string; properties: readonly SchemaProperty[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-gray-200" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-50 text-xs text-gray-700">
          <tr>
            <th scope="col" className="px-2 py-1.5">Key</th>
            <th scope="col" className="px-2 py-1.5">Label</th>
            <th scope="col" className="px-2 py-1.5">Type</th>
            <th scope="col" className="px-2 py-1.5 text-right">Records</th>
            <th scope="col" className="px-2 py-1.5">Examples</th>
            <th scope="col" className="px-2 py-1.5">Data sets</th>
          </tr>
        </thead>
        <tbody>
          {properties.map((property) => (
            <tr key={property.key} className="border-t border-gray-100 align-top" data-key={property.key}>
              <th scope="row" className="px-2 py-1.5 font-normal">
                <code className="font-mono text-red-900">{property.key}</code>
              </th>
              <td className="px-2 py-1.5">{property.label}</td>
              <td className="px-2 py-1.5" data-testid="value-type">
                <TypeCell property={property} />
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">{property.count.toLocaleString("en-US")}</td>
              <td className="px-2 py-1.5" data-testid="examples">
                {property.examples.length === 0 ? (
                  <span className="text-gray-600">—</span>
                ) : (
                  <ul className="space-y-0.5">
                    {property.examples.map((example, index) => (
                      <li key={index} className="break-words font-mono text-xs">
                        <UserText>{exampleText(example)}</UserText>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="px-2 py-1.5 text-xs">
                {property.datasets.length === 0 ? <span className="text-gray-600">—</span> : <UserTextList items={property.datasets.map((dataset) => dataset.name)} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
