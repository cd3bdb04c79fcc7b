import type { Core, NodeSingular, SingularElementArgument } from "cytoscape";
import type { RefObject } from "react";
import { isGroupNodeId } from "@/lib/graph/groups";
import { dimAround, syncLabels } from "./canvas-sync";

/** What the canvas tells its owner; read through a ref, so the listeners below are bound once. */
export interface CanvasHandlers {
  onSelect: (id: string | null) => void;
  onExpand: (id: string) => void;
  onContextMenu?: (id: string, point: { x: number; y: number }) => void;
  onExpandGroup?: (groupId: string) => void;
  onSelectionChange?: (ids: string[]) => void;
}

/**
 * The reader's gestures on a new Cytoscape instance: tap selects (a group node is not selectable), double
 * tap expands (a node, or a collapsed group), right click opens the context menu at the page's point,
 * hovering dims all but the neighbourhood, zooming re-decides the labels (once per frame), and a burst of
 * select events (a box selects hundreds one by one) is reported once.
 */
export function bindCanvasEvents(cy: Core, handlers: RefObject<CanvasHandlers>, ranked: RefObject<readonly string[]>) {
  cy.on("tap", (event) => {
    const target = event.target as Core | SingularElementArgument;
    if (target !== cy && isGroupNodeId((target as SingularElementArgument).id())) return;
    handlers.current.onSelect(target === cy ? null : (target as SingularElementArgument).id());
  });
  cy.on("dbltap", "node", (event) => {
    const id = (event.target as NodeSingular).id();
    if (isGroupNodeId(id)) handlers.current.onExpandGroup?.(id);
    else handlers.current.onExpand(id);
  });
  cy.on("cxttap", "node", (event) => {
    const id = (event.target as NodeSingular).id();
    if (isGroupNodeId(id)) return;
    const box = cy.container()?.getBoundingClientRect();
    const point = event.renderedPosition ?? { x: 0, y: 0 };
    handlers.current.onContextMenu?.(id, { x: (box?.left ?? 0) + point.x, y: (box?.top ?? 0) + point.y });
  });
  cy.on("mouseover", "node", (event) => dimAround(cy, event.target as NodeSingular));
  cy.on("mouseout", "node", () => dimAround(cy, null));
  let labelFrame = 0;
  cy.on("zoom", () => {
    cancelAnimationFrame(labelFrame);
    labelFrame = requestAnimationFrame(() => syncLabels(cy, ranked.current));
  });
  let selectionTimer: ReturnType<typeof setTimeout> | undefined;
  cy.on("select unselect", "node", () => {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => handlers.current.onSelectionChange?.(cy.nodes(":selected").map((node) => node.id()).filter((id) => !isGroupNodeId(id))), 30);
  });
}
