"use client";

import { keepPreviousData, useQueries } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "@/lib/api-client";
import { searchQuery } from "@/lib/client/explore-queries";
import type { SearchHit } from "@/lib/graph/types";
import { ENTITY_TYPE_SPECS, type EntityType } from "@/lib/model/registry";
import { MAX_SEARCH_LENGTH } from "@/lib/explore/search-text";
import { UserText, UserTextList } from "@/components/ui/UserText";

const DEBOUNCE_MS = 200;

/** The state of "no search" while the box is blank. */
const IDLE = { data: undefined, error: null, isError: false, isFetching: false, dataUpdatedAt: 0 } as const;

interface SearchBoxProps {
  onPick: (hit: SearchHit) => void;
  /** The accessible name; visually hidden unless `showLabel`. */
  label?: string;
  showLabel?: boolean;
  placeholder?: string;
  /** Only entities of this type (a report picker). */
  type?: EntityType;
  /** Only entities from these data sets (the explorer's "Search in"); none: every entity. */
  datasets?: readonly string[];
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
  datasets,
  accept,
}: SearchBoxProps) {
  const [text, setText] = useState("");
  /** The text searched for: the typed text once typing pauses ("" while blank). */
  const [searched, setSearched] = useState("");
  /** Closed by Escape, a pick or leaving the field; typing opens it again. */
  const [closed, setClosed] = useState(false);
  /** The option under the keyboard, for one answer (a new answer starts at its first hit). */
  const [activeFor, setActiveFor] = useState<{ answer: number; index: number } | null>(null);
  const listId = useId();
  /** The pending close after leaving the field: coming back (or typing) before it fires cancels it. */
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancelClosing = () => clearTimeout(closing.current);
  useEffect(() => () => clearTimeout(closing.current), []);
  const typed = text.trim();

  useEffect(() => {
    if (typed.length === 0) return;
    const timer = setTimeout(() => setSearched(typed), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  // Through the data cache: a superseded search is cancelled, and the last answer stays on screen (and
  // says which text it answers) until the next one arrives.
  // No search at all for blank text, not even a disabled one: nothing is scheduled until there is text.
  const wanted = searched.length > 0 ? [{ ...searchQuery(searched, type, 10, datasets), placeholderData: keepPreviousData }] : [];
  const [search = IDLE] = useQueries({ queries: wanted });
  const answer = typed.length > 0 && searched.length > 0 ? search.data : undefined;
  const hits = answer ? (accept ? answer.results.filter(accept) : answer.results) : [];
  /** The text the shown hits answer; Enter only picks when it matches what is typed now. */
  const hitsFor = answer?.q ?? "";
  const failed = typed.length > 0 && searched.length > 0 && search.isError && !search.isFetching;
  const message = failed
    ? errorMessage(search.error, "Search failed.")
    : answer && hits.length === 0
      ? `Nothing found for “${answer.q}”.`
      : null;
  const answerId = search.dataUpdatedAt;
  const active = activeFor?.answer === answerId ? activeFor.index : hits.length > 0 ? 0 : -1;
  const setActive = (index: number) => setActiveFor({ answer: answerId, index });
  const open = !closed;

  function pick(hit: SearchHit) {
    setClosed(true);
    setText("");
    setSearched("");
    onPick(hit);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setClosed(false);
      setActive(Math.min(hits.length - 1, active + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive(Math.max(0, active - 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const hit = hits[active];
      // Typed faster than the search answered: the list is for older text, so wait for the new one.
      if (open && hit && hitsFor === typed) pick(hit);
    } else if (event.key === "Escape") {
      setClosed(true);
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
          cancelClosing();
          setText(event.target.value);
          setClosed(false);
          if (event.target.value.trim().length === 0) setSearched("");
        }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          cancelClosing();
          // Reopen what there is to show; never close on focus: a focus event also comes when the window
          // regains focus, and closing then hid the answer to what the reader was typing (it came later).
          if (hits.length > 0) setClosed(false);
        }}
        onBlur={() => {
          // Late enough for a click on an option to land first; cancelled if the field is back in use by then.
          closing.current = setTimeout(() => setClosed(true), 150);
        }}
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
              // Named by the entity's name and type; the context line (a report's publisher may name another
              // entity) describes the option rather than joining its name.
              aria-labelledby={`${listId}-option-${index}-name ${listId}-option-${index}-type`}
              aria-describedby={hit.context.length > 0 || hit.datasets.length > 0 ? `${listId}-option-${index}-context` : undefined}
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
              <span className="min-w-0">
                <span id={`${listId}-option-${index}-name`}>
                  <UserText className="font-medium text-gray-900">{hit.name}</UserText>
                </span>
                <HitContext id={`${listId}-option-${index}-context`} hit={hit} />
              </span>
              <span id={`${listId}-option-${index}-type`} className="ml-auto shrink-0 text-xs text-gray-600">
                {ENTITY_TYPE_SPECS[hit.type].label}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The line under a hit's name that tells namesakes apart: its context (party, state, country, date...) and
 * the data sets it came from. Nothing at all when there is neither, so a plain hit stays one line.
 */
export function HitContext({ hit, id }: { hit: Pick<SearchHit, "context" | "datasets">; id?: string }) {
  const { context, datasets } = hit;
  if (context.length === 0 && datasets.length === 0) return null;
  return (
    <span id={id} className="block text-xs text-gray-600">
      {context.length > 0 && <UserTextList items={context} separator=" · " />}
      {context.length > 0 && datasets.length > 0 && " · "}
      {datasets.length > 0 && (
        <span>
          <span className="sr-only">data sets: </span>
          <UserTextList items={datasets} />
        </span>
      )}
    </span>
  );
}
