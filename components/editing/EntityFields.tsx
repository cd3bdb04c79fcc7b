"use client";

import type { JsonValue } from "@/lib/json";
import { ENTITY_TYPE_SPECS, RELATIONSHIP_TYPE_SPECS, type EntityType, type FieldSpec, type RelationshipType } from "@/lib/model/registry";
import { isolateQuoted } from "@/lib/text/bidi";
import { Alert } from "@/components/ui/Alert";

/** A form's values: every field as the text in its input; aliases one per line. */
export type FieldValues = Record<string, string>;

export const inputClass =
  "w-full rounded border border-gray-300 px-2 py-1 text-sm focus:border-red-700 focus:outline-none focus:ring-2 focus:ring-red-700/30";

/** The form's starting values from what is stored. */
export function valuesOf(properties: Record<string, JsonValue>): FieldValues {
  const values: FieldValues = {};
  for (const [key, value] of Object.entries(properties)) {
    if (Array.isArray(value)) values[key] = value.map(String).join("\n");
    else if (value !== null && typeof value !== "object") values[key] = String(value);
  }
  return values;
}

/** What the API takes: the registry's fields of this type, aliases as a list; empty means "not set". */
export function entityPayload(type: EntityType, values: FieldValues): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    type,
    name: values.name?.trim() ?? "",
    aliases: (values.aliases ?? "")
      .split("\n")
      .map((alias) => alias.trim())
      .filter(Boolean),
  };
  for (const name of ["description", ...ENTITY_TYPE_SPECS[type].fields.map((field) => field.name)]) {
    const value = values[name]?.trim();
    if (value) payload[name] = value;
  }
  return payload;
}

/** The input for one field, by its kind: a select for choices and yes/no, a number box, a date picker, text. */
export function FieldInput({ field, id, value, onChange }: { field: FieldSpec; id: string; value: string; onChange: (value: string) => void }) {
  if (field.kind === "choice") {
    return (
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={inputClass}>
        <option value="">—</option>
        {(field.choices ?? []).map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    );
  }
  if (field.kind === "boolean") {
    // The API takes the words true / false; people read yes / no.
    return (
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={inputClass}>
        <option value="">—</option>
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  }
  if (field.kind === "longText") {
    return <textarea id={id} value={value} onChange={(event) => onChange(event.target.value)} rows={3} className={inputClass} />;
  }
  const { type, placeholder, inputMode } = inputKind(field, value);
  return (
    <input
      id={id}
      type={type}
      value={value}
      inputMode={inputMode}
      step={field.kind === "number" ? "any" : undefined}
      onChange={(event) => onChange(event.target.value)}
      placeholder={placeholder}
      maxLength={field.kind === "text" ? 300 : field.kind === "url" ? 2000 : undefined}
      className={inputClass}
    />
  );
}

/** The input for a field's kind. A date known only to its month or year stays a text box, since a date picker would blank it. */
function inputKind(field: FieldSpec, value: string): { type: string; placeholder?: string; inputMode?: "decimal" | "numeric" } {
  switch (field.kind) {
    case "date":
      return /^\d{4}(-\d{2})?$/.test(value) ? { type: "text", placeholder: "YYYY-MM-DD, YYYY-MM or YYYY" } : { type: "date" };
    case "datetime":
      return { type: "text", placeholder: "YYYY-MM-DDTHH:MM:SSZ" };
    case "url":
      return { type: "url", placeholder: "https://…" };
    case "number":
      return { type: "number", inputMode: "decimal" };
    case "integer":
      return { type: "number", inputMode: "numeric" };
    default:
      return { type: "text" };
  }
}

interface EntityFieldsProps {
  type: EntityType;
  values: FieldValues;
  onChange: (values: FieldValues) => void;
  /** Prefix for input ids, so two forms on a page never share one. */
  idPrefix: string;
  /** Problems by field name, from the server's answer. */
  errors?: Record<string, string>;
}

/** Name, aliases, description and every field the registry gives this type, each with its label. */
export function EntityFields({ type, values, onChange, idPrefix, errors = {} }: EntityFieldsProps) {
  const fields: FieldSpec[] = [
    { name: "name", label: "Name", kind: "text" },
    { name: "aliases", label: "Also known as (one per line)", kind: "longText" },
    { name: "description", label: "Description", kind: "longText" },
    ...ENTITY_TYPE_SPECS[type].fields,
  ];
  return (
    <div className="space-y-2">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name];
        return (
          <div key={field.name}>
            <label htmlFor={id} className="block text-xs font-medium text-gray-700">
              {field.label}
              {field.name === "name" && <span className="text-red-700"> *</span>}
            </label>
            <FieldInput field={field} id={id} value={values[field.name] ?? ""} onChange={(value) => onChange({ ...values, [field.name]: value })} />
            {error && (
              <Alert tone="error" size="xs" plain>
                {isolateQuoted(error)}
              </Alert>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** A choice among the relationship types allowed between two entities, named by their verbs. */
export function RelationshipTypeSelect({
  value,
  options,
  onChange,
  noneLabel,
}: {
  value: RelationshipType | "";
  options: readonly RelationshipType[];
  onChange: (type: RelationshipType) => void;
  /** Shown when no type is allowed. */
  noneLabel: string;
}) {
  return (
    <select value={value} onChange={(event) => onChange(event.target.value as RelationshipType)} className={inputClass}>
      {options.length === 0 && <option value="">{noneLabel}</option>}
      {options.map((option) => (
        <option key={option} value={option}>
          {RELATIONSHIP_TYPE_SPECS[option].verb}
        </option>
      ))}
    </select>
  );
}

/**
 * The server's field problems ({path, message}[] in an ApiError's details) by field name. An entity's own
 * problems come as "website" or "aliases.0" (or under "entity."); others ("newSource.url", "links.0.type")
 * name the body's own keys, which are no entity field, so they never land next to one of the same name.
 */
export function fieldErrors(details: unknown): Record<string, string> {
  if (!Array.isArray(details)) return {};
  const errors: Record<string, string> = {};
  for (const item of details as { path?: unknown; message?: unknown }[]) {
    if (typeof item.path === "string" && typeof item.message === "string") errors[item.path.replace(/^entity\./, "").split(".")[0]!] ??= item.message;
  }
  return errors;
}
