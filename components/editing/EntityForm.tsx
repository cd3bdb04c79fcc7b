"use client";

import { useId, useState } from "react";
import { SearchBox } from "@/components/search/SearchBox";
import { SimilarWarning } from "@/components/resolution/SimilarWarning";
import { useSimilar } from "@/components/resolution/hooks/useSimilar";
import { ApiError, errorMessage } from "@/lib/api-client";
import { createEntityApi, updateEntityApi } from "@/lib/editing/client";
import { useGraphWrite } from "@/lib/client/graph-writes";
import { useSubmitKey } from "@/lib/submit-key";
import type { EditResult } from "@/lib/editing/edits";
import type { GraphNode } from "@/lib/graph/types";
import {
  ENTITY_TYPES,
  ENTITY_TYPE_SPECS,
  RELATIONSHIP_TYPE_SPECS,
  relationshipTypesBetween,
  type EntityType,
  type RelationshipType,
} from "@/lib/model/registry";
import { EntityFields, RelationshipTypeSelect, entityPayload, fieldErrors, inputClass, valuesOf, type FieldValues } from "./EntityFields";
import { FormActions } from "./FormActions";
import { NO_SOURCES, SourcePicker, hasSource, provenancePayload, type SourceChoice } from "./SourcePicker";
import { UserText } from "@/components/ui/UserText";
import { isolate } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

interface LinkRow {
  key: number;
  other: { id: string; name: string; type: EntityType };
  direction: "out" | "in";
  type: RelationshipType | "";
  role: string;
}

/** Relationship types that may join the new entity and `other`, in the row's direction. */
function allowedTypes(newType: EntityType, other: EntityType, direction: "out" | "in"): RelationshipType[] {
  return direction === "out" ? relationshipTypesBetween(newType, other) : relationshipTypesBetween(other, newType);
}

/** Both directions that work for this pair, outgoing first: what a new link row starts with. */
function firstAllowed(newType: EntityType, other: EntityType): Pick<LinkRow, "direction" | "type"> {
  const out = allowedTypes(newType, other, "out")[0];
  if (out) return { direction: "out", type: out };
  return { direction: "in", type: allowedTypes(newType, other, "in")[0] ?? "" };
}

/** The link's role, when its type has that field and one was typed. */
function roleProperty(link: LinkRow): Record<string, string> {
  const hasRole = link.type !== "" && RELATIONSHIP_TYPE_SPECS[link.type].fields.some((field) => field.name === "role");
  return hasRole && link.role.trim() ? { role: link.role.trim() } : {};
}


interface EntityFormProps {
  /** The entity to edit; a new entity when absent. */
  entity?: GraphNode;
  onSaved: (result: EditResult, linked: string[]) => void;
  onCancel: () => void;
}

/**
 * Create or edit an entity of any registry type. A new entity may be linked to existing ones as it is
 * created (an event and its participants), citing the sources every relationship needs.
 */
export function EntityForm({ entity, onSaved, onCancel }: EntityFormProps) {
  const id = useId();
  const [type, setType] = useState<EntityType>(entity?.type ?? "Event");
  const [values, setValues] = useState<FieldValues>(() => (entity ? { ...valuesOf(entity.properties), name: entity.name } : {}));
  const [links, setLinks] = useState<LinkRow[]>([]);
  const [provenance, setProvenance] = useState<SourceChoice>(NO_SOURCES);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const editing = entity !== undefined;
  const name = values.name ?? "";
  // Before a duplicate is made: similar entities for a new name, or for a rename (not for the name it had).
  const renamed = editing && name.trim() !== entity.name.trim();
  const similar = useSimilar(name, type, entity?.id, !editing || renamed);
  /** The name the reader chose to create despite similar entities ("Create anyway"). */
  const [createAnywayFor, setCreateAnywayFor] = useState<string | null>(null);
  // One Idempotency-Key per submit: a retry of the same form (after a network error) reuses it.
  const submitKey = useSubmitKey();
  const createEntity = useGraphWrite((input: { body: Parameters<typeof createEntityApi>[0]; key: string }) => createEntityApi(input.body, input.key));
  const updateEntity = useGraphWrite((input: { id: string; entity: Record<string, unknown>; updatedAt: string | null }) =>
    updateEntityApi(input.id, input.entity, input.updatedAt),
  );

  async function save(event?: React.FormEvent, anyway = false) {
    event?.preventDefault();
    if (!values.name?.trim()) {
      setError(null);
      setErrors({ name: "A name is needed." });
      return;
    }
    // What the last attempt found no longer holds: a new refusal below must not sit next to it.
    setErrors({});
    if (!editing && similar.length > 0 && !anyway && createAnywayFor !== name.trim()) {
      setError("Entities like this one already exist: open one of them, or choose Create anyway.");
      return;
    }
    const incomplete = links.find((link) => link.type === "");
    if (incomplete) {
      setError(`Choose how it is linked to “${isolate(incomplete.other.name)}”.`);
      return;
    }
    if (links.length > 0 && !hasSource(provenance)) {
      setError("Links need at least one source: pick a report or describe a new one.");
      return;
    }
    setSaving(true);
    setError(null);
    setErrors({});
    try {
      const payload = entityPayload(type, values);
      const create = () => {
        const body = {
          entity: payload,
          links: links.map((link) => ({
            type: link.type as RelationshipType,
            other: link.other.id,
            direction: link.direction,
            properties: roleProperty(link),
          })),
          ...(links.length > 0 ? provenancePayload(provenance) : {}),
        };
        return createEntity.mutateAsync({ body, key: submitKey.keyFor(body) });
      };
      const result = editing
        ? await updateEntity.mutateAsync({
            id: entity.id,
            entity: payload,
            updatedAt: typeof entity.properties.updatedAt === "string" ? entity.properties.updatedAt : null,
          })
        : await create();
      submitKey.succeeded();
      onSaved(result, links.map((link) => link.other.id));
    } catch (cause) {
      setError(errorMessage(cause, "Could not save. Try again."));
      if (cause instanceof ApiError) setErrors(fieldErrors(cause.details));
      setSaving(false);
    }
  }

  const updateLink = (key: number, change: Partial<LinkRow>) => setLinks((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <form onSubmit={(event) => void save(event)} aria-label={editing ? `Edit ${isolate(entity.name)}` : "New entity"} className="space-y-3">
      <h2 className="text-lg font-semibold text-gray-900">{editing ? `Edit ${ENTITY_TYPE_SPECS[type].label.toLowerCase()}` : "New entity"}</h2>
      {!editing && (
        <div>
          <label htmlFor={`${id}-type`} className="block text-xs font-medium text-gray-700">
            Type
          </label>
          <select
            id={`${id}-type`}
            value={type}
            onChange={(event) => {
              setType(event.target.value as EntityType);
              setLinks([]);
            }}
            className={inputClass}
          >
            {ENTITY_TYPES.map((option) => (
              <option key={option} value={option}>
                {ENTITY_TYPE_SPECS[option].label}
              </option>
            ))}
          </select>
        </div>
      )}
      <EntityFields type={type} values={values} onChange={setValues} idPrefix={id} errors={errors} />
      <SimilarWarning
        similar={similar}
        onCreateAnyway={
          editing
            ? undefined
            : () => {
                setCreateAnywayFor(name.trim());
                void save(undefined, true);
              }
        }
      />

      {!editing && (
        <fieldset className="space-y-2 rounded border border-gray-200 p-2">
          <legend className="px-1 text-xs font-semibold text-gray-800">Links to existing entities (optional)</legend>
          {links.map((link) => {
            const options = allowedTypes(type, link.other.type, link.direction);
            return (
              <div key={link.key} className="space-y-1 rounded bg-gray-50 p-2 text-sm" role="group" aria-label={`Link to ${isolate(link.other.name)}`}>
                <p className="font-medium">
                  <UserText>{link.other.name}</UserText>
                </p>
                <Field label="Direction" className="block text-xs text-gray-700" labelClassName="">
                  {(control) => (
                    <select
                      {...control}
                      value={link.direction}
                      onChange={(event) => {
                        const direction = event.target.value as "out" | "in";
                        updateLink(link.key, { direction, type: allowedTypes(type, link.other.type, direction)[0] ?? "" });
                      }}
                      className={inputClass}
                    >
                      {/* An <option> holds text only: the name is isolated with FSI…PDI rather than a <bdi>. */}
                      <option value="out">{`from the new entity to ${isolate(link.other.name)}`}</option>
                      <option value="in">{`from ${isolate(link.other.name)} to the new entity`}</option>
                    </select>
                  )}
                </Field>
                <label className="block text-xs text-gray-700">
                  Relationship
                  <RelationshipTypeSelect
                    value={link.type}
                    options={options}
                    onChange={(type) => updateLink(link.key, { type })}
                    noneLabel="No relationship allowed this way"
                  />
                </label>
                {link.type !== "" && RELATIONSHIP_TYPE_SPECS[link.type].fields.some((field) => field.name === "role") && (
                  <Field label="Role (optional)" className="block text-xs text-gray-700" labelClassName="">
                    {(control) => (
                      <input {...control} value={link.role} onChange={(event) => updateLink(link.key, { role: event.target.value })} className={inputClass} />
                    )}
                  </Field>
                )}
                <Button variant="link" size="xs" onClick={() => setLinks((rows) => rows.filter((row) => row.key !== link.key))}>
                  Remove link
                </Button>
              </div>
            );
          })}
          <SearchBox
            label="Link to…"
            showLabel
            placeholder="Search an entity to link to"
            accept={(hit) => allowedTypes(type, hit.type, "out").length > 0 || allowedTypes(type, hit.type, "in").length > 0}
            onPick={(hit) =>
              setLinks((rows) => [
                ...rows,
                { key: Date.now() + rows.length, other: { id: hit.id, name: hit.name, type: hit.type }, role: "", ...firstAllowed(type, hit.type) },
              ])
            }
          />
          {links.length > 0 && <SourcePicker value={provenance} onChange={setProvenance} />}
        </fieldset>
      )}

      <FormActions error={error} busy={saving} label={editing ? "Save changes" : "Create"} busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
