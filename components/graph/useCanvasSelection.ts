"use client";

import type { Core } from "cytoscape";
import { useEffect, type RefObject } from "react";

export interface CanvasSelection {
  /** The entity the URL has selected. */
  selectedId: string | null;
  /** A tool's selection (select the matches, a community), applied each time `selectionRun` is bumped. */
  selectIds?: readonly string[];
  selectionRun?: number;
  /** "Find in graph": the focused match, centred and zoomed to a readable size. */
  focusId?: string | null;
}

/** Cytoscape's selection and focus, kept in step with the URL and the reading tools. */
export function useCanvasSelection(cyRef: RefObject<Core | null>, nodeKey: string, { selectedId, selectIds, selectionRun = 0, focusId = null }: CanvasSelection) {
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !focusId) return;
    const node = cy.getElementById(focusId);
    if (node.empty()) return;
    cy.elements(".found-current").removeClass("found-current");
    node.addClass("found-current");
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
  }, [cyRef, focusId]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(":selected").unselect();
      if (selectedId) cy.getElementById(selectedId).select();
    });
  }, [cyRef, selectedId, nodeKey]);

  const selectKey = (selectIds ?? []).join(",");
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || selectionRun === 0) return;
    cy.batch(() => {
      cy.elements(":selected").unselect();
      for (const id of selectKey ? selectKey.split(",") : []) cy.getElementById(id).select();
    });
  }, [cyRef, selectionRun, selectKey]);
}
