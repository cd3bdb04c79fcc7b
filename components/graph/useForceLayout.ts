"use client";

import type { Core, NodeSingular } from "cytoscape";
import { useCallback, useEffect, useRef } from "react";
import { ForceClient } from "@/lib/graph/layout/force-client";
import type { Point } from "@/lib/graph/layout/placement";

/** At most this long for a first layout; the first placement is already readable, the force only refines it. */
export function layoutBudgetMillis(nodeCount: number): number {
  return Math.min(8000, 2500 + nodeCount / 4);
}

/**
 * Applies streamed positions no more often than drawing them allows: each update is followed by a pause
 * twice as long as applying and drawing it took, and an update arriving meanwhile replaces the one
 * waiting. On a software canvas one redraw of 5,000 elements takes 200-500 ms, so four updates a second
 * would keep the main thread busy and the page slow to answer; this leaves it at least two thirds free.
 */
export function throttledByDrawing(apply: (x: Float64Array, y: Float64Array) => void) {
  let waiting: [Float64Array, Float64Array] | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Between an apply and the frame that draws it: nothing is scheduled until that frame says what it cost. */
  let drawing = false;
  let nextAllowed = 0;
  let cancelled = false;
  const schedule = () => {
    if (cancelled || drawing || timer || !waiting) return;
    timer = setTimeout(flush, Math.max(0, nextAllowed - performance.now()));
  };
  const flush = () => {
    timer = null;
    if (cancelled || !waiting) return;
    const [x, y] = waiting;
    waiting = null;
    const started = performance.now();
    apply(x, y);
    drawing = true;
    // The redraw happens on the next frame: its cost counts too.
    requestAnimationFrame(() => {
      drawing = false;
      const now = performance.now();
      nextAllowed = now + 2 * (now - started);
      schedule();
    });
  };
  return {
    offer(x: Float64Array, y: Float64Array) {
      if (cancelled) return;
      waiting = [x, y];
      schedule();
    },
    /** Nothing waiting is applied any more: the run ended, another replaced it, or the canvas is gone. */
    cancel() {
      cancelled = true;
      if (timer) clearTimeout(timer);
      timer = null;
      waiting = null;
    },
  };
}

export interface ForceLayoutRequest {
  /** Nodes that must not move: stored positions, pins, and (when expanding) everything already placed. */
  fixed: ReadonlySet<string>;
  /** Positions to start from (stored ones, the current ones of placed nodes). */
  positions: ReadonlyMap<string, Point>;
  /** Fit the picture to the canvas once placed (a first layout), or leave the viewport as the reader set it. */
  fit: boolean;
}

/**
 * The canvas's force layout in a web worker: positions streamed back are applied in one batch per update,
 * and the communities of the first placement are handed to `onCommunities`. `onState` follows the run.
 */
export function useForceLayout(cyRef: React.RefObject<Core | null>, onState: (running: boolean) => void, onCommunities: (communities: Map<string, number>) => void) {
  const clientRef = useRef<ForceClient | null>(null);
  const callbacks = useRef({ onState, onCommunities });
  useEffect(() => {
    callbacks.current = { onState, onCommunities };
  }, [onState, onCommunities]);
  // The positions of the run in progress, waiting to be drawn: cancelled when another run replaces it (its
  // "done" never comes) and when the canvas goes, so an old run never moves nodes a new one holds fixed.
  const streamRef = useRef<ReturnType<typeof throttledByDrawing> | null>(null);
  useEffect(
    () => () => {
      streamRef.current?.cancel();
      clientRef.current?.dispose();
    },
    [],
  );

  const start = useCallback(
    (request: ForceLayoutRequest) => {
      const cy = cyRef.current;
      if (!cy) return;
      clientRef.current ??= new ForceClient();
      const nodes = cy.nodes().filter((node) => !node.hasClass("group"));
      const ids = nodes.map((node) => node.id());
      const byIndex: NodeSingular[] = nodes.toArray() as NodeSingular[];
      const links = cy
        .edges()
        .filter((edge) => !edge.hasClass("group-link"))
        .map((edge) => ({ source: edge.data("source") as string, target: edge.data("target") as string }));
      const apply = (x: Float64Array, y: Float64Array) => {
        cy.batch(() => {
          byIndex.forEach((node, index) => {
            if (request.fixed.has(node.id()) || node.locked()) return;
            node.position({ x: x[index]!, y: y[index]! });
          });
        });
      };
      streamRef.current?.cancel();
      const streamed = throttledByDrawing(apply);
      streamRef.current = streamed;
      callbacks.current.onState(true);
      clientRef.current.start(
        { ids, links, positions: request.positions, fixed: request.fixed, maxMillis: layoutBudgetMillis(ids.length) },
        {
          onPlaced: (x, y, communities) => {
            apply(x, y);
            if (request.fit) cy.fit(undefined, 40);
            callbacks.current.onCommunities(new Map(ids.map((id, index) => [id, communities[index] ?? 0])));
          },
          onPositions: streamed.offer,
          onDone: (x, y) => {
            streamed.cancel();
            apply(x, y);
            if (request.fit) cy.fit(undefined, 40);
            callbacks.current.onState(false);
          },
        },
      );
    },
    [cyRef],
  );

  const stop = useCallback(() => clientRef.current?.stop(), []);
  return { start, stop };
}
