"use client";

import type { Core } from "cytoscape";
import { useRef, useState, type PointerEvent } from "react";
import { enclosed } from "@/lib/graph/lasso";

/**
 * The lasso: while on, a transparent layer over the canvas takes the pointer; a free-hand loop selects
 * the drawn nodes inside it (added to the selection), then the lasso switches itself off. Escape or
 * the toolbar's toggle leaves it without selecting.
 */
export function Lasso({ getCore, onDone }: { getCore: () => Core | null; onDone: () => void }) {
  const [loop, setLoop] = useState<{ x: number; y: number }[]>([]);
  const drawing = useRef(false);
  const layer = useRef<HTMLDivElement>(null);
  const at = (event: PointerEvent) => {
    const box = layer.current!.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const finish = () => {
    drawing.current = false;
    const cy = getCore();
    if (cy) {
      const points = cy.nodes(":visible").map((node) => ({ id: node.id(), ...node.renderedPosition() }));
      const inside = new Set(enclosed(points, loop));
      cy.batch(() => cy.nodes().filter((node) => inside.has(node.id())).select());
    }
    setLoop([]);
    onDone();
  };
  return (
    <div
      ref={layer}
      data-testid="lasso-layer"
      className="absolute inset-0 cursor-crosshair touch-none"
      onPointerDown={(event) => {
        drawing.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
        setLoop([at(event)]);
      }}
      onPointerMove={(event) => {
        if (drawing.current) {
          const point = at(event);
          setLoop((current) => [...current, point]);
        }
      }}
      onPointerUp={finish}
    >
      <svg aria-hidden="true" className="pointer-events-none h-full w-full">
        {loop.length > 1 && <polygon points={loop.map((point) => `${point.x},${point.y}`).join(" ")} fill="rgba(37,99,235,0.1)" stroke="#2563eb" strokeDasharray="4 3" strokeWidth="1.5" />}
      </svg>
    </div>
  );
}
