"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { SearchBox } from "@/components/search/SearchBox";
import { errorMessage } from "@/lib/api-client";
import { pathsQuery } from "@/lib/client/explore-queries";
import type { GraphData } from "@/lib/graph/types";
import type { PathsResult } from "@/lib/explore/paths";
import { ENTITY_TYPES, ENTITY_TYPE_SPECS, RELATIONSHIP_TYPE_SPECS, type EntityType } from "@/lib/model/registry";
import { UserText } from "@/components/ui/UserText";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { Field } from "@/components/ui/Field";

export interface PathEnd {
  id: string;
  name: string;
}

interface PathFinderProps {
  from: PathEnd | null;
  to: PathEnd | null;
  onEnds: (from: PathEnd | null, to: PathEnd | null) => void;
  /** The paths found: the explorer adds them to the view and highlights them. */
  onFound: (result: PathsResult) => void;
}

/** A piece of a path's description: an entity's name (user text) or the app's words between two. */
export interface PathPart {
  text: string;
  user: boolean;
}

/**
 * One path as words: "Thermo Fisher → target of → Rubio urges … ← acted in ← Marco Rubio", in parts, so
 * each name can be isolated from the arrows and verbs (a right-to-left name must not turn them round).
 */
export function describePath(path: PathsResult["paths"][number], graph: GraphData): PathPart[] {
  const names = new Map(graph.nodes.map((node) => [node.id, node.name]));
  const edges = new Map(graph.edges.map((edge) => [edge.id, edge]));
  const name = (id: string | undefined): PathPart => ({ text: names.get(id ?? "") ?? id ?? "", user: true });
  const parts = [name(path.nodes[0])];
  path.edges.forEach((edgeId, index) => {
    const edge = edges.get(edgeId);
    const here = path.nodes[index];
    const verb = edge ? RELATIONSHIP_TYPE_SPECS[edge.type].verb : "linked to";
    parts.push({ text: edge && edge.source !== here ? `← ${verb} ←` : `→ ${verb} →`, user: false });
    parts.push(name(path.nodes[index + 1]));
  });
  return parts;
}

/** The description as elements: each name in its own `<bdi>`. */
function PathDescription({ parts }: { parts: readonly PathPart[] }) {
  return (
    <span data-testid="path-description">
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 && " "}
          {part.user ? <UserText>{part.text}</UserText> : part.text}
        </span>
      ))}
    </span>
  );
}

function EndPicker({ label, end, onPick }: { label: string; end: PathEnd | null; onPick: (end: PathEnd | null) => void }) {
  return (
    <div className="text-sm">
      <SearchBox label={label} showLabel placeholder="Search for an entity…" onPick={(hit) => onPick({ id: hit.id, name: hit.name })} />
      {end && (
        <p className="mt-1 flex items-center gap-2" data-testid={`path-${label.toLowerCase()}`}>
          <UserText className="font-medium">{end.name}</UserText>
          <Button onClick={() => onPick(null)} variant="link" size="xs">
            Clear <span className="sr-only">{label}</span>
          </Button>
        </p>
      )}
    </div>
  );
}

/**
 * "How is A connected to B?": up to k shortest paths, at most so many steps, optionally never through
 * some types (a Region hub would connect everything). The server bounds the search in time.
 */
export function PathFinder({ from, to, onEnds, onFound }: PathFinderProps) {
  const [k, setK] = useState(3);
  const [maxLength, setMaxLength] = useState(6);
  const [avoid, setAvoid] = useState<EntityType[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PathsResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const queryClient = useQueryClient();

  async function find(event: React.FormEvent) {
    event.preventDefault();
    if (!from || !to) return;
    setBusy(true);
    setFailure(null);
    try {
      // Through the data cache: the same search again answers at once, and a write marks it stale.
      const found = await queryClient.fetchQuery(pathsQuery({ from: from.id, to: to.id, k, maxLength, avoid }));
      setResult(found);
      if (found.paths.length > 0) onFound(found);
    } catch (cause) {
      setResult(null);
      setFailure(errorMessage(cause, "The path search failed. Try again."));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="path-finder-title" className="mt-4 border-t border-gray-200 pt-3">
      <h2 id="path-finder-title" className="text-sm font-semibold">
        Find paths
      </h2>
      <form onSubmit={(event) => void find(event)} className="mt-2 space-y-2">
        <EndPicker label="From" end={from} onPick={(end) => onEnds(end, to)} />
        <EndPicker label="To" end={to} onPick={(end) => onEnds(from, end)} />
        <div className="flex flex-wrap gap-3 text-xs">
          <Field label="Paths" className="flex items-center gap-1" labelClassName="">
            {(control) => (
              <select {...control} value={k} onChange={(event) => setK(Number(event.target.value))} className="rounded border border-gray-300 px-1 py-0.5">
                {[1, 2, 3, 4, 5].map((value) => (
                  <option key={value}>{value}</option>
                ))}
              </select>
            )}
          </Field>
          {/* Left a wrapping label: its words go on after the control ("At most [3] steps"), which Field does not lay out. */}
          <label className="flex items-center gap-1">
            At most
            <select value={maxLength} onChange={(event) => setMaxLength(Number(event.target.value))} className="rounded border border-gray-300 px-1 py-0.5">
              {[1, 2, 3, 4, 5, 6, 7, 8].map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
            steps
          </label>
        </div>
        <fieldset className="text-xs">
          <legend className="text-gray-700">Never through</legend>
          <div className="flex flex-wrap gap-x-3">
            {ENTITY_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={avoid.includes(type)}
                  onChange={() => setAvoid(avoid.includes(type) ? avoid.filter((item) => item !== type) : [...avoid, type])}
                />
                {ENTITY_TYPE_SPECS[type].label}
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" disabled={!from || !to || busy} variant="primary" size="sm">
          {busy ? "Searching…" : "Find paths"}
        </Button>
      </form>
      <div aria-live="polite" className="mt-2 text-sm">
        {failure && (
          <Alert tone="error">
            {failure}
          </Alert>
        )}
        {result && result.paths.length === 0 && (
          <p className="rounded bg-amber-50 px-2 py-1 text-amber-900">
            No path of at most {result.searched.maxLength} steps joins <UserText>{from?.name}</UserText> and <UserText>{to?.name}</UserText>
            {result.searched.avoid.length > 0 ? " without the avoided types" : ""}.
          </p>
        )}
        {result && result.paths.length > 0 && (
          <ol aria-label="Paths found" className="list-decimal space-y-1 pl-5">
            {result.paths.map((path, index) => (
              <li key={index}>
                <span className="text-xs text-gray-600">{path.length} {path.length === 1 ? "step" : "steps"}: </span>
                <PathDescription parts={describePath(path, result.graph)} />
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
