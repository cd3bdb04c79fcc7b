"use client";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import type { ViewLayout } from "./useViewLayout";

/** Over a big view's canvas: whether the worker's force layout runs, and Stop / Resume. */
export function LayoutControls({ layout }: { layout: ViewLayout }) {
  return (
    <div className="absolute bottom-2 left-2 flex items-center gap-2 rounded bg-white/90 px-2 py-1 text-xs shadow">
      {/* Mounted as long as the worker layout is: the change from running to done is the news. */}
      <Alert as="span" tone="info" plain size="xs">
        {layout.forceRunning ? "Laying out…" : "Layout done"}
      </Alert>
      {layout.forceRunning ? (
        <Button size="xs" onClick={layout.stop}>
          Stop layout
        </Button>
      ) : (
        <Button size="xs" onClick={layout.resume}>
          Resume layout
        </Button>
      )}
    </div>
  );
}
