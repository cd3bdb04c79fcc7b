"use client";

import { useEffect, useId, useRef, useState } from "react";
import { errorMessage, searchApi } from "@/lib/api-client";
import type { SearchHit } from "@/lib/graph/types";
import { ENTITY_TYPE_SPECS, type EntityType } from "@/lib/model/registry";
import { MAX_SEARCH_LENGTH } from "@/lib/explore/search-text";
import { UserText } from "@/components/ui/UserText";

const DEBOUNCE_MS = 200;

interface SearchBoxProps {
  onPick: (hit: SearchHit) => void;
  /** The accessible name; visually hidden unless `showLabel`. */
  label?: string;
  showLabel?: boolean;
  placeholder?: string;
  /** Only entities of this type (a report picker). */
  type?: EntityType;
  /** Only hits this accepts (the entities a relationship may join). */
  accept?: (hit: SearchHit) => boolean;
}

/**
 * Search with autocomplete (WAI-ARIA combobox): type, arrow through the suggestions, Enter picks one.
 * Suggestions come from the full-text index, so typos and stray Lucene characters are fine.
 */
export function SearchBox({
  onPick,
  label = "Search entities",
  showLabel = false,
  placeholder = "Search companies, people, agencies, reports, events…",
  type,
  accept,
}: SearchBoxProps) {
  const [text, setText] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  /** The text the shown hits answer; Enter only picks when it matches what is typed now. */
  const [hitsFor, setHitsFor] = useState("");
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const listId = useId();
  // A filter given inline is a new function every render; read the latest without searching again.
  const acceptRef = useRef(accept);
  useEffect(() => {
    acceptRef.current = accept;
  });

  useEffect(() => {
    const query = text.trim();
    if (query.length === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchApi(query, { limit: 10, type }, controller.signal)
        .then(({ results: found }) => {
          const results = acceptRef.current ? found.filter(acceptRef.current) : found;
          setHits(results);
          setHitsFor(query);
          setActive(results.length > 0 ? 0 : -1);
          setMessage(results.length === 0 ? `Nothing found for “${query}”.` : null);
          setOpen(true);
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setHits([]);
          setMessage(errorMessage(error, "Search failed."));
          setOpen(true);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, type]);

  function pick(hit: SearchHit) {
    setOpen(false);
    setText("");
    setHits([]);
    onPick(hit);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(hits.length - 1, index + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => Math.max(0, index - 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const hit = hits[active];
      // Typed faster than the search answered: the list is for older text, so wait for the new one.
      if (open && hit && hitsFor === text.trim()) pick(hit);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  }

  const showList = open && (hits.length > 0 || message !== null);
  const activeHit = hits[active];

  return (
    <div className="relative w-full max-w-xl">
      <label htmlFor={`${listId}-input`} className={showLabel ? "mb-1 block text-sm font-medium text-gray-800" : "sr-only"}>
        {label}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={`${listId}-list`}
        aria-activedescendant={showList && activeHit ? `${listId}-option-${active}` : undefined}
        placeholder={placeholder}
        autoComplete="off"
        maxLength={MAX_SEARCH_LENGTH}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim().length === 0) {
            setHits([]);
            setMessage(null);
          }
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(hits.length > 0)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className="w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-red-700 focus:outline-none focus:ring-2 focus:ring-red-700/30"
      />
      {showList && (
        <ul
          id={`${listId}-list`}
          role="listbox"
          aria-label="Search results"
          className="absolute z-20 mt-1 max-h-80 w-full overflow-auto rounded-md border border-gray-200 bg-white py-1 text-sm shadow-lg"
        >
          {message && (
            <li role="presentation" className="px-3 py-2 text-gray-600">
              {message}
            </li>
          )}
          {hits.map((hit, index) => (
            <li
              key={hit.id}
              id={`${listId}-option-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(hit);
              }}
              onMouseEnter={() => setActive(index)}
              className={`flex cursor-pointer items-baseline gap-2 px-3 py-2 ${index === active ? "bg-red-50" : ""}`}
            >
              <span
                aria-hidden="true"
                className="inline-block h-2.5 w-2.5 shrink-0 rounded-full"
                style={{ backgroundColor: ENTITY_TYPE_SPECS[hit.type].color }}
              />
              <UserText className="font-medium text-gray-900">{hit.name}</UserText>
              <span className="ml-auto shrink-0 text-xs text-gray-600">{ENTITY_TYPE_SPECS[hit.type].label}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
