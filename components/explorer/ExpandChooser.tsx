"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { TypeSwatch } from "@/components/graph/Legend";
import { MAX_EXPANSION, MAX_LARGE_VIEW_IDS } from "@/lib/api-schemas";
import type { NeighbourSummary } from "@/lib/explore/neighbour-summary";
import { ENTITY_TYPES, ENTITY_TYPE_SPECS, RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_SPECS, type EntityType, type RelationshipType } from "@/lib/model/registry";
import { UserText } from "@/components/ui/UserText";
import { Field } from "@/components/ui/Field";

export interface ExpandChoice {
  type?: EntityType;
  relationship?: RelationshipType;
  /** How many neighbours, the most connected first. */
  limit: number;
}

interface ExpandChooserProps {
  name: string;
  summary: NeighbourSummary;
  /** How many more entities the view can take. */
  room: number;
  onChoose: (choice: ExpandChoice) => void;
  onCancel: () => void;
}

/**
 * A node with many neighbours is not expanded blindly: this says what it is connected to, by type and by
 * relationship, and lets the reader pick a type, a relationship, and how many (the most connected first),
 * or all that fit, with a warning. Nothing is fetched until they choose.
 */
export function ExpandChooser({ name, summary, room, onChoose, onCancel }: ExpandChooserProps) {
  const [type, setType] = useState<EntityType | "">("");
  const [relationship, setRelationship] = useState<RelationshipType | "">("");
  const [limit, setLimit] = useState(Math.min(25, room));
  const first = useRef<HTMLSelectElement>(null);
  const types = ENTITY_TYPES.filter((item) => summary.byType[item] > 0);
  const relationships = RELATIONSHIP_TYPES.filter((item) => summary.byRelationship[item] > 0);
  const available = type ? summary.byType[type] : summary.total;

  return (
    <Dialog
      title={
        <>
          <UserText>{name}</UserText> has {summary.total.toLocaleString("en-GB")} neighbours
        </>
      }
      onClose={onCancel}
      initialFocus={first}
      className="text-sm"
    >
      <div className="grid grid-cols-2 gap-3">
        <section aria-label="Neighbours by type">
          <h3 className="text-xs font-semibold text-gray-700">By type</h3>
          <ul className="mt-1 space-y-0.5">
            {types.map((item) => (
              <li key={item} className="flex items-center gap-1.5">
                <TypeSwatch type={item} /> {ENTITY_TYPE_SPECS[item].label}: {summary.byType[item].toLocaleString("en-GB")}
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Neighbours by relationship">
          <h3 className="text-xs font-semibold text-gray-700">By relationship</h3>
          <ul className="mt-1 space-y-0.5">
            {relationships.map((item) => (
              <li key={item}>
                <span className="italic">{RELATIONSHIP_TYPE_SPECS[item].verb}</span>: {summary.byRelationship[item].toLocaleString("en-GB")}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <div className="flex flex-wrap gap-3">
        <Field label="Type" className="flex flex-col" labelClassName="text-xs text-gray-700">
          {(control) => (
            <select {...control} ref={first} value={type} onChange={(event) => setType(event.target.value as EntityType | "")} className="rounded border border-gray-300 px-1 py-1">
              <option value="">Every type</option>
              {types.map((item) => (
                <option key={item} value={item}>
                  {ENTITY_TYPE_SPECS[item].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Relationship" className="flex flex-col" labelClassName="text-xs text-gray-700">
          {(control) => (
            <select {...control} value={relationship} onChange={(event) => setRelationship(event.target.value as RelationshipType | "")} className="rounded border border-gray-300 px-1 py-1">
              <option value="">Any relationship</option>
              {relationships.map((item) => (
                <option key={item} value={item}>
                  {RELATIONSHIP_TYPE_SPECS[item].verb}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="How many (most connected first)" className="flex flex-col" labelClassName="text-xs text-gray-700">
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={Math.max(1, room)}
              value={limit}
              onChange={(event) => setLimit(Math.max(1, Math.min(room, Number(event.target.value) || 1)))}
              className="w-24 rounded border border-gray-300 px-1 py-1"
            />
          )}
        </Field>
      </div>
      {room < available && (
        <Alert tone="warning" live={false}>
          At most {room.toLocaleString("en-US")} more can be added now: one expansion brings at most{" "}
          {MAX_EXPANSION.toLocaleString("en-US")}, and a view holds at most {MAX_LARGE_VIEW_IDS.toLocaleString("en-US")} entities.
        </Alert>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          onClick={() => onChoose({ type: type || undefined, relationship: relationship || undefined, limit: Math.min(room, available) })}
          variant="caution"
        >
          Add all that fit ({Math.min(room, available)})
        </Button>
        <Button variant="primary" onClick={() => onChoose({ type: type || undefined, relationship: relationship || undefined, limit })}>
          Add the top {limit}
        </Button>
      </div>
    </Dialog>
  );
}
