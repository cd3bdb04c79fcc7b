"use client";

import { parameterNamesIn } from "@/lib/queries/cypher-text";
import type { ParameterDeclaration, ParameterType } from "@/lib/queries/parameters";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

export const PARAMETER_TYPE_LABELS: Record<ParameterType, string> = {
  string: "Text",
  integer: "Whole number",
  float: "Number",
  boolean: "Yes / no",
  date: "Date",
  entity: "Entity (picked by search)",
  entityType: "Entity type",
};

// From the labels rather than lib/queries/parameters.ts's list: that module brings neo4j-driver with it,
// which has no place in the browser bundle. The Record type keeps the two complete.
const PARAMETER_TYPES = Object.keys(PARAMETER_TYPE_LABELS) as ParameterType[];

interface ParameterDeclarationsProps {
  declarations: ParameterDeclaration[];
  onChange: (declarations: ParameterDeclaration[]) => void;
  cypher: string;
  /** For roles that may not change the query: every control disabled. */
  readOnly?: boolean;
}

/** The query's typed parameters: name, type, label, default, required. */
export function ParameterDeclarations({ declarations, onChange, cypher, readOnly = false }: ParameterDeclarationsProps) {
  const update = (index: number, change: Partial<ParameterDeclaration>) =>
    onChange(declarations.map((declaration, at) => (at === index ? { ...declaration, ...change } : declaration)));
  const undeclared = parameterNamesIn(cypher).filter((name) => !declarations.some((declaration) => declaration.name === name));

  return (
    <fieldset disabled={readOnly} className="rounded-md border border-gray-200 bg-white p-3">
      <legend className="px-1 text-sm font-semibold">Parameters</legend>
      {declarations.length === 0 && <p className="text-sm text-gray-600">This query has no parameters.</p>}
      <ul className="space-y-3">
        {declarations.map((declaration, index) => (
          <li key={index} className="grid grid-cols-2 gap-2 border-b border-gray-100 pb-3 text-sm sm:grid-cols-[1fr_1fr_1fr_1fr_auto_auto]">
            <Field label="Name" className="flex flex-col" labelClassName="text-xs text-gray-700">
              {(control) => (
                <input
                  {...control}
                  value={declaration.name}
                  onChange={(event) => update(index, { name: event.target.value.trim() })}
                  className="rounded border border-gray-300 px-2 py-1 font-mono"
                  aria-label={`Name of parameter ${index + 1}`}
                />
              )}
            </Field>
            <Field label="Type" className="flex flex-col" labelClassName="text-xs text-gray-700">
              {(control) => (
                <select
                  {...control}
                  value={declaration.type}
                  onChange={(event) => update(index, { type: event.target.value as ParameterType })}
                  className="rounded border border-gray-300 px-2 py-1"
                  aria-label={`Type of $${declaration.name || index + 1}`}
                >
                  {PARAMETER_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {PARAMETER_TYPE_LABELS[type]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Label" className="flex flex-col" labelClassName="text-xs text-gray-700">
              {(control) => (
                <input
                  {...control}
                  value={declaration.label ?? ""}
                  maxLength={80}
                  onChange={(event) => update(index, { label: event.target.value || undefined })}
                  className="rounded border border-gray-300 px-2 py-1"
                  aria-label={`Label of $${declaration.name || index + 1}`}
                />
              )}
            </Field>
            <Field label="Default" className="flex flex-col" labelClassName="text-xs text-gray-700">
              {(control) => (
                <input
                  {...control}
                  value={declaration.defaultValue ?? ""}
                  onChange={(event) => update(index, { defaultValue: event.target.value || undefined })}
                  className="rounded border border-gray-300 px-2 py-1"
                  aria-label={`Default of $${declaration.name || index + 1}`}
                />
              )}
            </Field>
            <label className="mt-4 flex items-center gap-1">
              <input
                type="checkbox"
                checked={declaration.required}
                onChange={(event) => update(index, { required: event.target.checked })}
                aria-label={`$${declaration.name || index + 1} is required`}
              />
              <span className="text-xs">Required</span>
            </label>
            <Button
              onClick={() => onChange(declarations.filter((_, at) => at !== index))}
              size="xs"
              className="mt-4"
            >
              Remove <span className="sr-only">${declaration.name}</span>
            </Button>
          </li>
        ))}
      </ul>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button
          onClick={() => onChange([...declarations, { name: "", type: "string", required: false }])}
          size="sm"
        >
          Add parameter
        </Button>
        {undeclared.length > 0 && (
          <Button
            onClick={() =>
              onChange([...declarations, ...undeclared.map((name) => ({ name, type: "string" as const, required: true }))])
            }
            variant="caution"
            size="sm"
          >
            Declare {undeclared.map((name) => `$${name}`).join(", ")} from the query
          </Button>
        )}
      </div>
    </fieldset>
  );
}
