"use client";

import { useId, useState } from "react";
import { SearchBox } from "@/components/search/SearchBox";
import { errorMessage } from "@/lib/api-client";
import { createRelationshipApi, updateRelationshipApi } from "@/lib/editing/client";
import { useGraphWrite } from "@/lib/client/graph-writes";
import { useSubmitKey } from "@/lib/submit-key";
import type { EditResult } from "@/lib/editing/edits";
import type { GraphEdge, GraphNode } from "@/lib/graph/types";
import { RELATIONSHIP_TYPE_SPECS, relationshipTypesBetween, type EntityType, type RelationshipType } from "@/lib/model/registry";
import { FieldInput, RelationshipTypeSelect, inputClass, valuesOf, type FieldValues } from "./EntityFields";
import { FormActions } from "./FormActions";
import { NO_SOURCES, SourcePicker, hasSource, provenancePayload, type SourceChoice } from "./SourcePicker";
import { UserText } from "@/components/ui/UserText";
import { isolate } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

type End = { id: string; name: string; type: EntityType };

/** Whether any relationship type joins these two types, either way round. */
function joinable(a: EntityType, b: EntityType): boolean {
  return relationshipTypesBetween(a, b).length > 0 || relationshipTypesBetween(b, a).length > 0;
}

interface RelationshipFormProps {
  /** Editing this relationship... */
  edge?: GraphEdge;
  /** ...or creating one from or to this entity. */
  anchor?: GraphNode;
  names?: { from: string; to: string };
  onSaved: (result: EditResult, otherId: string | null) => void;
  onCancel: () => void;
}

/** Add a relationship from or to an entity, or edit one: its fields, its sources and quote. */
export function RelationshipForm({ edge, anchor, names, onSaved, onCancel }: RelationshipFormProps) {
  const id = useId();
  const [other, setOther] = useState<End | null>(null);
  const [outgoing, setOutgoing] = useState(true);
  const [chosenType, setChosenType] = useState<RelationshipType | "">("");
  // Every stored value as its input's text: an amount or a flag too, or saving the form would drop it.
  const [fields, setFields] = useState<FieldValues>(() => (edge ? valuesOf(edge.properties) : {}));
  const [provenance, setProvenance] = useState<SourceChoice>(() =>
    edge ? { sources: edge.sources.map((source) => ({ id: source.id, name: source.name })), newSource: null, quote: edge.quote ?? "" } : NO_SOURCES,
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ends: { from: End; to: End } | null = edge
    ? null
    : anchor && other
      ? outgoing
        ? { from: { id: anchor.id, name: anchor.name, type: anchor.type }, to: other }
        : { from: other, to: { id: anchor.id, name: anchor.name, type: anchor.type } }
      : null;
  const options = ends ? relationshipTypesBetween(ends.from.type, ends.to.type) : [];
  const type: RelationshipType | "" = edge ? edge.type : options.includes(chosenType as RelationshipType) ? chosenType : (options[0] ?? "");
  const specFields = type ? RELATIONSHIP_TYPE_SPECS[type].fields : [];
  // One Idempotency-Key per submit: a retry of the same form (after a network error) reuses it.
  const submitKey = useSubmitKey();
  const createRelationship = useGraphWrite((input: { body: Parameters<typeof createRelationshipApi>[0]; key: string }) =>
    createRelationshipApi(input.body, input.key),
  );
  const updateRelationship = useGraphWrite((input: { id: string; body: Parameters<typeof updateRelationshipApi>[1] }) =>
    updateRelationshipApi(input.id, input.body),
  );

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!edge && (!ends || type === "")) {
      setError(other ? "No relationship type joins these two this way round: try the other direction." : "Choose the other entity.");
      return;
    }
    if (!hasSource(provenance)) {
      setError("A relationship needs at least one source: pick a report or describe a new one.");
      return;
    }
    const properties = Object.fromEntries(specFields.map((field) => [field.name, fields[field.name]?.trim() ?? ""]).filter(([, value]) => value !== ""));
    const create = () => {
      const body = { type: type as RelationshipType, from: ends!.from.id, to: ends!.to.id, properties, ...provenancePayload(provenance) };
      return createRelationship.mutateAsync({ body, key: submitKey.keyFor(body) });
    };
    setSaving(true);
    setError(null);
    try {
      const result = edge
        ? await updateRelationship.mutateAsync({
            id: edge.id,
            body: {
              properties,
              ...provenancePayload(provenance),
              updatedAt: typeof edge.properties.updatedAt === "string" ? edge.properties.updatedAt : null,
            },
          })
        : await create();
      submitKey.succeeded();
      onSaved(result, other?.id ?? null);
    } catch (cause) {
      setError(errorMessage(cause, "Could not save. Try again."));
      setSaving(false);
    }
  }

  return (
    <form onSubmit={save} aria-label={edge ? "Edit relationship" : "New relationship"} className="space-y-3">
      <h2 className="text-lg font-semibold text-gray-900">{edge ? (
          "Edit relationship"
        ) : (
          <>
            Add a relationship to <UserText>{anchor?.name ?? ""}</UserText>
          </>
        )}</h2>
      {edge && names && (
        <p className="text-sm">
          <UserText>{names.from}</UserText> <span className="text-gray-500">{RELATIONSHIP_TYPE_SPECS[edge.type].verb}</span> <UserText>{names.to}</UserText>
        </p>
      )}
      {!edge && anchor && (
        <>
          {other ? (
            <p className="text-sm">
              Other end: <UserText className="font-medium">{other.name}</UserText>{" "}
              <Button variant="link" size="xs" onClick={() => setOther(null)}>
                Change
              </Button>
            </p>
          ) : (
            <SearchBox
              label="Other entity"
              showLabel
              placeholder="Search the entity at the other end"
              accept={(hit) => hit.id !== anchor.id && joinable(anchor.type, hit.type)}
              onPick={(hit) => {
                setOther({ id: hit.id, name: hit.name, type: hit.type });
                setOutgoing(relationshipTypesBetween(anchor.type, hit.type).length > 0);
              }}
            />
          )}
          {other && (
            <>
              <Field label="Direction" className="block text-xs font-medium text-gray-700" labelClassName="">
                {(control) => (
                  <select {...control} value={outgoing ? "out" : "in"} onChange={(event) => setOutgoing(event.target.value === "out")} className={inputClass}>
                    {/* An <option> holds text only: the names are isolated with FSI…PDI rather than <bdi>s. */}
                    <option value="out">{`${isolate(anchor.name)} → ${isolate(other.name)}`}</option>
                    <option value="in">{`${isolate(other.name)} → ${isolate(anchor.name)}`}</option>
                  </select>
                )}
              </Field>
              <label className="block text-xs font-medium text-gray-700">
                Relationship
                <RelationshipTypeSelect value={type} options={options} onChange={setChosenType} noneLabel="None allowed this way round" />
              </label>
            </>
          )}
        </>
      )}
      {specFields.map((field) => (
        <div key={field.name}>
          <label htmlFor={`${id}-${field.name}`} className="block text-xs font-medium text-gray-700">
            {field.label}
          </label>
          <FieldInput
            field={field}
            id={`${id}-${field.name}`}
            value={fields[field.name] ?? ""}
            onChange={(value) => setFields({ ...fields, [field.name]: value })}
          />
        </div>
      ))}
      <SourcePicker value={provenance} onChange={setProvenance} />
      <FormActions error={error} busy={saving} label={edge ? "Save changes" : "Add relationship"} busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
