"use client";

import { useId } from "react";
import { SearchBox } from "@/components/search/SearchBox";
import type { NewSource } from "@/lib/editing/model";
import { inputClass } from "./EntityFields";
import { UserText } from "@/components/ui/UserText";
import { isolate } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

export interface PickedSource {
  id: string;
  name: string;
}

export interface SourceChoice {
  sources: PickedSource[];
  /** A report to create with the edit, when the source is not in the graph yet. */
  newSource: { name: string; url: string; publisher: string; publishedAt: string } | null;
  quote: string;
}

export const NO_SOURCES: SourceChoice = { sources: [], newSource: null, quote: "" };

/** Whether the choice names at least one source: the server refuses a relationship without one. */
export function hasSource(choice: SourceChoice): boolean {
  return choice.sources.length > 0 || (choice.newSource !== null && choice.newSource.name.trim() !== "");
}

/** The API's provenance fields for this choice. */
export function provenancePayload(choice: SourceChoice): { sources: string[]; newSource?: NewSource; quote?: string } {
  const fresh = choice.newSource;
  const newSource: NewSource | undefined =
    fresh && fresh.name.trim() !== ""
      ? {
          name: fresh.name.trim(),
          ...(fresh.url.trim() ? { url: fresh.url.trim() } : {}),
          ...(fresh.publisher.trim() ? { publisher: fresh.publisher.trim() } : {}),
          ...(fresh.publishedAt ? { publishedAt: fresh.publishedAt } : {}),
        }
      : undefined;
  return {
    sources: choice.sources.map((source) => source.id),
    ...(newSource ? { newSource } : {}),
    ...(choice.quote.trim() ? { quote: choice.quote.trim() } : {}),
  };
}

/**
 * Provenance for a relationship: pick reports already in the graph, or describe a new one (title, link,
 * publisher, date), and optionally quote the passage that supports the link.
 */
export function SourcePicker({ value, onChange }: { value: SourceChoice; onChange: (value: SourceChoice) => void }) {
  const id = useId();
  const fresh = value.newSource;
  const setFresh = (change: Partial<NonNullable<SourceChoice["newSource"]>>) =>
    onChange({ ...value, newSource: { name: "", url: "", publisher: "", publishedAt: "", ...fresh, ...change } });
  return (
    <fieldset className="space-y-2 rounded border border-gray-200 p-2">
      <legend className="px-1 text-xs font-semibold text-gray-800">Sources (at least one)</legend>
      {value.sources.length > 0 && (
        <ul aria-label="Chosen sources" className="space-y-1">
          {value.sources.map((source) => (
            <li key={source.id} className="flex items-center gap-2 text-sm">
              <UserText className="flex-1">{source.name}</UserText>
              <Button
                variant="link"
                size="xs"
                aria-label={`Remove source ${isolate(source.name)}`}
                onClick={() => onChange({ ...value, sources: value.sources.filter((item) => item.id !== source.id) })}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <SearchBox
        label="Find a report"
        showLabel
        type="Report"
        placeholder="Search reports and articles…"
        onPick={(hit) => {
          if (!value.sources.some((source) => source.id === hit.id)) onChange({ ...value, sources: [...value.sources, { id: hit.id, name: hit.name }] });
        }}
      />
      {fresh === null ? (
        <Button variant="link" size="xs" onClick={() => setFresh({})}>
          Cite a new report…
        </Button>
      ) : (
        <div role="group" aria-labelledby={`${id}-new-report`} className="space-y-1 rounded bg-gray-50 p-2">
          <p id={`${id}-new-report`} className="text-xs font-medium text-gray-700">
            New report
          </p>
          {(
            [
              ["name", "Title", "text"],
              ["url", "Link", "url"],
              ["publisher", "Publisher", "text"],
              ["publishedAt", "Published", "date"],
            ] as const
          ).map(([field, label, type]) => (
            <Field key={field} id={`${id}-${field}`} label={label} className="" labelClassName="block text-xs text-gray-700">
              {(control) => <input {...control} type={type} value={fresh[field]} onChange={(event) => setFresh({ [field]: event.target.value })} className={inputClass} />}
            </Field>
          ))}
          <button type="button" className="text-xs text-gray-700 underline" onClick={() => onChange({ ...value, newSource: null })}>
            Don’t create a report
          </button>
        </div>
      )}
      <Field id={`${id}-quote`} label="Quote (optional)" className="" labelClassName="block text-xs text-gray-700">
        {(control) => <textarea {...control} rows={2} maxLength={500} value={value.quote} onChange={(event) => onChange({ ...value, quote: event.target.value })} className={inputClass} />}
      </Field>
    </fieldset>
  );
}
