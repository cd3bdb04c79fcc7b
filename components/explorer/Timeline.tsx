"use client";

import { useEffect, useRef, useState } from "react";
import { formatEventDate } from "@/lib/graph/elements";
import type { GraphNode } from "@/lib/graph/types";
import { isolate } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";

interface TimelineProps {
  events: { node: GraphNode; date: string }[];
  selectedId: string | null;
  from: string | null;
  to: string | null;
  onSelect: (id: string) => void;
  /** The pointer or focus is on an event: the graph highlights it. */
  onHover: (id: string | null) => void;
  /** A new date range; `transient` for the steps of "Play", which should not each become an undo step. */
  onRange: (from: string | null, to: string | null, transient?: boolean) => void;
}

const PLAY_STEPS = 24;
const PLAY_STEP_MS = 350;

const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The events in the view on a time axis, under the graph. Click one to select it (and the graph follows);
 * the selected event is marked here too. A date range hides events outside it; Play walks the end of
 * the range from the first event to the last.
 */
export function Timeline({ events, selectedId, from, to, onSelect, onHover, onRange }: TimelineProps) {
  const [playing, setPlaying] = useState(false);
  const step = useRef(0);
  const first = events[0]?.date;
  const last = events[events.length - 1]?.date;

  useEffect(() => {
    if (!playing || !first || !last) return;
    step.current = 0;
    const start = day(first);
    const span = Math.max(0, day(last) - start);
    const timer = setInterval(() => {
      step.current += 1;
      const end = isoDay(start + (span * step.current) / PLAY_STEPS);
      onRange(first, end, true);
      if (step.current >= PLAY_STEPS) {
        setPlaying(false);
        onRange(from, to === null ? null : to, true); // back to what the reader had chosen
      }
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
    // Only starting and stopping matters here; the range callbacks are stable enough for one run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing]);

  if (events.length === 0 || !first || !last) {
    return (
      <section aria-label="Timeline" className="border-t border-gray-200 bg-white px-3 py-2 text-xs text-gray-600">
        No dated events in view. Events appear here on a time axis.
      </section>
    );
  }
  const start = day(first);
  const span = Math.max(1, day(last) - start);
  const inRange = (date: string) => (from === null || date >= from) && (to === null || date <= to);

  return (
    <section aria-label="Timeline" className="border-t border-gray-200 bg-white px-3 py-2 text-xs">
      <div className="flex flex-wrap items-end gap-3">
        <h2 className="mr-auto font-semibold text-gray-700">
          Timeline: {events.length} {events.length === 1 ? "event" : "events"}, {formatEventDate(first, "day")} – {formatEventDate(last, "day")}
        </h2>
        <label className="flex items-center gap-1">
          From
          <input type="date" value={from ?? ""} onChange={(event) => onRange(event.target.value || null, to)} className="rounded border border-gray-300 px-1 py-0.5" />
        </label>
        <label className="flex items-center gap-1">
          To
          <input type="date" value={to ?? ""} onChange={(event) => onRange(from, event.target.value || null)} className="rounded border border-gray-300 px-1 py-0.5" />
        </label>
        {(from || to) && (
          <Button onClick={() => onRange(null, null)} size="xs">
            All dates
          </Button>
        )}
        <Button onClick={() => setPlaying(!playing)} size="xs">
          {playing ? "Stop" : "Play"}
        </Button>
      </div>
      <ol aria-label="Events by date" className="relative mx-2 mt-2 h-10">
        <li aria-hidden="true" className="absolute left-0 right-0 top-5 border-t border-gray-300" />
        {events.map(({ node, date }, index) => {
          const left = events.length === 1 ? 50 : ((day(date) - start) / span) * 100;
          const selected = node.id === selectedId;
          const visible = inRange(date);
          return (
            <li key={node.id} className="absolute top-0" style={{ left: `${left}%`, transform: "translateX(-50%)" }}>
              <button
                type="button"
                aria-label={`${isolate(node.name)}, ${formatEventDate(date, node.properties.datePrecision) ?? date}${visible ? "" : " (outside the date range)"}`}
                aria-current={selected ? "true" : undefined}
                title={`${isolate(node.name)} (${formatEventDate(date, node.properties.datePrecision) ?? date})`}
                onClick={() => onSelect(node.id)}
                onMouseEnter={() => onHover(node.id)}
                onMouseLeave={() => onHover(null)}
                onFocus={() => onHover(node.id)}
                onBlur={() => onHover(null)}
                className={`block rounded-full border-2 ${index % 2 === 0 ? "mt-1" : "mt-5"} ${
                  selected ? "h-4 w-4 border-gray-900 bg-red-700" : "h-3 w-3 border-yellow-700 bg-yellow-400"
                } ${visible ? "" : "opacity-30"}`}
              />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
