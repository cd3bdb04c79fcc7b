"use client";

import { useEffect, useRef, useState } from "react";
import type { TimelineItem } from "@/lib/explore/view-state";
import { formatDate } from "@/lib/format/values";
import { formatEventDate } from "@/lib/graph/elements";
import { isolate } from "@/lib/text/bidi";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

interface TimelineProps {
  /** Dated events and dated relationships (payments...), oldest first. */
  items: TimelineItem[];
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

/** "Marco Rubio paid ACME €5,000.00, 29 Dec 2011": each name isolated, for aria-labels and tooltips. */
function itemText(item: TimelineItem): string {
  const when = formatDate(item.date, item.precision, "short") ?? item.date;
  if (!item.parts) return `${isolate(item.name)}, ${when}`;
  const { from, verb, to, details } = item.parts;
  return `${isolate(from)} ${verb} ${isolate(to)}${details.map((detail) => ` ${isolate(detail)}`).join("")}, ${when}`;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The events and dated relationships (a payment on a date) in the view on a time axis, under the graph.
 * Click one to select it (and the graph follows); the selected one is marked here too. A date range hides
 * what lies outside it; Play walks the end of the range from the first item to the last.
 */
export function Timeline({ items, selectedId, from, to, onSelect, onHover, onRange }: TimelineProps) {
  const [playing, setPlaying] = useState(false);
  const step = useRef(0);
  const first = items[0]?.date;
  const last = items[items.length - 1]?.date;
  const events = items.filter((item) => item.kind === "event").length;

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

  if (items.length === 0 || !first || !last) {
    return (
      <section aria-label="Timeline" className="border-t border-gray-200 bg-white px-3 py-2 text-xs text-gray-600">
        No dated events or relationships in view. Events and dated links (a payment, an ownership) appear here on a time axis.
      </section>
    );
  }
  const start = day(first);
  const span = Math.max(1, day(last) - start);
  // As the graph's filter does (lib/explore/view-state.ts visibility): a period overlapping the range is in it.
  const inRange = (item: TimelineItem) => (from === null || item.until >= from) && (to === null || item.date <= to);
  const links = items.length - events;

  return (
    <section aria-label="Timeline" className="border-t border-gray-200 bg-white px-3 py-2 text-xs">
      <div className="flex flex-wrap items-end gap-3">
        <h2 className="mr-auto font-semibold text-gray-700">
          Timeline: {[events > 0 && count(events, "event", "events"), links > 0 && count(links, "dated link", "dated links")].filter(Boolean).join(", ")},{" "}
          {formatEventDate(first, "day")} – {formatEventDate(last, "day")}
        </h2>
        <Field label="From" className="flex items-center gap-1" labelClassName="">
          {(control) => (
            <input {...control} type="date" value={from ?? ""} onChange={(event) => onRange(event.target.value || null, to)} className="rounded border border-gray-300 px-1 py-0.5" />
          )}
        </Field>
        <Field label="To" className="flex items-center gap-1" labelClassName="">
          {(control) => (
            <input {...control} type="date" value={to ?? ""} onChange={(event) => onRange(from, event.target.value || null)} className="rounded border border-gray-300 px-1 py-0.5" />
          )}
        </Field>
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
        {items.map((item, index) => {
          const left = items.length === 1 ? 50 : ((day(item.date) - start) / span) * 100;
          const selected = item.id === selectedId;
          const visible = inRange(item);
          const text = itemText(item);
          const look = item.kind === "event" ? "rounded-full border-yellow-700 bg-yellow-400" : "rotate-45 border-emerald-800 bg-emerald-400";
          return (
            <li key={item.id} className="absolute top-0" style={{ left: `${left}%`, transform: "translateX(-50%)" }}>
              <button
                type="button"
                aria-label={`${text}${visible ? "" : " (outside the date range)"}`}
                aria-current={selected ? "true" : undefined}
                title={text}
                data-kind={item.kind}
                onClick={() => onSelect(item.id)}
                onMouseEnter={() => onHover(item.id)}
                onMouseLeave={() => onHover(null)}
                onFocus={() => onHover(item.id)}
                onBlur={() => onHover(null)}
                className={`block border-2 ${index % 2 === 0 ? "mt-1" : "mt-5"} ${
                  selected ? `h-4 w-4 border-gray-900 bg-red-700 ${item.kind === "event" ? "rounded-full" : "rotate-45"}` : `h-3 w-3 ${look}`
                } ${visible ? "" : "opacity-30"}`}
              />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
