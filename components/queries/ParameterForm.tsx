"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { TypeSwatch } from "@/components/graph/Legend";
import { SearchBox } from "@/components/search/SearchBox";
import { entityApi } from "@/lib/api-client";
import { savedQueryKeys } from "@/lib/client/keys/queries";
import type { GraphNode } from "@/lib/graph/types";
import { ENTITY_TYPE_SPECS, ENTITY_TYPES } from "@/lib/model/registry";
import type { ParameterDeclaration, ParameterProblem, RawParameterValues } from "@/lib/queries/parameters";
import { isolate, isolateQuoted } from "@/lib/text/bidi";
import { UserText } from "@/components/ui/UserText";
import { Button } from "@/components/ui/Button";

interface ParameterFormProps {
  declarations: ParameterDeclaration[];
  values: RawParameterValues;
  onChange: (values: RawParameterValues) => void;
  /** Problems the server found with the last run's values, shown next to their fields. */
  problems: ParameterProblem[];
}

const inputClass = "w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-700";

/** The chosen entity, by name, with a way to pick another: the id alone means little to a reader. */
function EntityField({ label, value, onChange, describedBy }: { label: string; value: string; onChange: (id: string) => void; describedBy?: string }) {
  const [picked, setPicked] = useState<GraphNode | null>(null);
  // An id from a run link is looked up for its name; an unknown one is reported by the run, next to this field.
  const looked = useQuery({
    queryKey: savedQueryKeys.parameterEntity(value),
    queryFn: ({ signal }) => entityApi(value, signal).then(({ entity }) => entity),
    enabled: value !== "" && picked?.id !== value,
    retry: false,
  });
  const chosen = picked?.id === value ? picked : looked.data?.id === value ? looked.data : null;

  return (
    <div aria-describedby={describedBy}>
      <SearchBox label={label} showLabel placeholder="Search for an entity…" onPick={(hit) => {
        setPicked({ id: hit.id, type: hit.type, name: hit.name, properties: {} });
        onChange(hit.id);
      }} />
      {value && (
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm" data-testid={`chosen-${label}`}>
          {chosen && <TypeSwatch type={chosen.type} />}
          <UserText className="font-medium">{chosen ? chosen.name : value}</UserText>
          <code className="text-xs text-gray-600">{value}</code>
          <Button onClick={() => onChange("")} variant="link" size="xs">
            Clear <span className="sr-only">{label}</span>
          </Button>
        </p>
      )}
    </div>
  );
}

/** A field per declared parameter, typed as declared; the server checks everything again. */
export function ParameterForm({ declarations, values, onChange, problems }: ParameterFormProps) {
  const baseId = useId();
  if (declarations.length === 0) return null;
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });

  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {declarations.map((declaration) => {
        const id = `${baseId}-${declaration.name}`;
        const label = `${isolate(declaration.label || declaration.name)}${declaration.required ? "" : " (optional)"}`;
        const value = values[declaration.name] ?? "";
        const problem = problems.find((item) => item.name === declaration.name);
        const errorId = problem ? `${id}-error` : undefined;
        const common = { id, "aria-invalid": problem ? true : undefined, "aria-describedby": errorId, className: inputClass };
        let field: React.ReactNode;
        switch (declaration.type) {
          case "entity":
            field = <EntityField label={label} value={value} onChange={(next) => set(declaration.name, next)} describedBy={errorId} />;
            break;
          case "entityType":
            field = (
              <select {...common} value={value} onChange={(event) => set(declaration.name, event.target.value)}>
                <option value="">—</option>
                {ENTITY_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {ENTITY_TYPE_SPECS[type].label}
                  </option>
                ))}
              </select>
            );
            break;
          case "boolean":
            field = (
              <select {...common} value={value} onChange={(event) => set(declaration.name, event.target.value)}>
                <option value="">—</option>
                <option value="true">Yes</option>
                <option value="false">No</option>
              </select>
            );
            break;
          case "date":
            field = <input {...common} type="date" value={value} onChange={(event) => set(declaration.name, event.target.value)} />;
            break;
          case "integer":
          case "float":
            field = (
              <input
                {...common}
                inputMode={declaration.type === "integer" ? "numeric" : "decimal"}
                value={value}
                onChange={(event) => set(declaration.name, event.target.value)}
              />
            );
            break;
          default:
            field = <input {...common} value={value} onChange={(event) => set(declaration.name, event.target.value)} />;
        }
        return (
          <div key={declaration.name} className="text-sm">
            {declaration.type !== "entity" && (
              <label htmlFor={id} className="mb-1 block font-medium text-gray-800">
                {label}
              </label>
            )}
            {field}
            {problem && (
              <p id={errorId} className="mt-1 text-sm text-red-800">
                {isolateQuoted(problem.message)}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
