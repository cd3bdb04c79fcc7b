"use client";

import { Button } from "@/components/ui/Button";
import { EDGE_WIDTH_MODES, type EdgeWidthMode } from "@/lib/graph/elements";
import { LAYOUTS, LAYOUT_LABELS, type LayoutName } from "@/lib/graph/layouts";
import { Field } from "@/components/ui/Field";

const EDGE_WIDTH_LABELS: Record<EdgeWidthMode, string> = { sources: "by sources", amount: "by amount (payments)" };

interface ViewToolbarProps {
  layout: LayoutName;
  edgeWidth: EdgeWidthMode;
  hasGraph: boolean;
  hasSelection: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Nodes not drawn, and whether some of them were hidden by hand (and can be shown again here). */
  hiddenCount: number;
  hiddenByHand: boolean;
  onLayout: (layout: LayoutName) => void;
  onEdgeWidth: (mode: EdgeWidthMode) => void;
  onRelayout: () => void;
  onFit: () => void;
  onZoomToSelection: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onShowHidden: () => void;
  onHelp: () => void;
}

/** A labelled choice of the toolbar: the layout, what edge widths say. */
function ToolbarSelect<T extends string>(props: { label: string; value: T; options: readonly T[]; labels: Record<T, string>; onChange: (value: T) => void }) {
  return (
    <Field label={props.label} className="flex items-center gap-1 text-xs text-gray-700" labelClassName="">
      {(control) => (
        <select {...control} value={props.value} onChange={(event) => props.onChange(event.target.value as T)} className="rounded border border-gray-300 px-1 py-0.5 text-xs">
          {props.options.map((option) => (
            <option key={option} value={option}>
              {props.labels[option]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The row above the graph: layout, edge width, fit and zoom, undo and redo, hidden entities, the shortcuts' help. */
export function ViewToolbar(props: ViewToolbarProps) {
  const { layout, hasGraph, hasSelection, canUndo, canRedo, hiddenCount, hiddenByHand } = props;
  return (
    <div role="toolbar" aria-label="View" className="flex flex-wrap items-center gap-1.5 border-b border-gray-200 bg-white px-3 py-1">
      <ToolbarSelect label="Layout" value={layout} options={LAYOUTS} labels={LAYOUT_LABELS} onChange={props.onLayout} />
      <ToolbarSelect label="Edge width" value={props.edgeWidth} options={EDGE_WIDTH_MODES} labels={EDGE_WIDTH_LABELS} onChange={props.onEdgeWidth} />
      {(
        [
          ["Lay out again", props.onRelayout, !hasGraph],
          ["Fit", props.onFit, !hasGraph],
          ["Zoom to selection", props.onZoomToSelection, !hasSelection],
          ["Undo", props.onUndo, !canUndo],
          ["Redo", props.onRedo, !canRedo],
        ] as const
      ).map(([label, run, disabled]) => (
        <Button key={label} size="xs" onClick={run} disabled={disabled}>
          {label}
        </Button>
      ))}
      {hiddenCount > 0 && (
        <span className="text-xs text-gray-600">
          {hiddenCount} hidden{" "}
          {hiddenByHand && (
            <button type="button" className="underline" onClick={props.onShowHidden}>
              Show hidden entities
            </button>
          )}
        </span>
      )}
      <Button size="xs" className="ml-auto" onClick={props.onHelp} aria-label="Keyboard shortcuts">
        ?
      </Button>
    </div>
  );
}
