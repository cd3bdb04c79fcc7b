"use client";

import { useEffect, useRef, type RefObject } from "react";
import type { ViewState } from "@/lib/explore/view-state";

export interface ShortcutCommands {
  undo: () => void;
  redo: () => void;
  help: () => void;
  focusSearch: () => void;
  fit: () => void;
  zoomToSelection: () => void;
  relayout: () => void;
  unselect: () => void;
  /** The node commands, for the selected node. */
  expand: (id: string) => void;
  hide: (id: string) => void;
  pin: (id: string) => void;
  remove: (id: string) => void;
}

/** Whether a key press is meant for a field being typed in, not for the explorer. */
function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return element !== null && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
}

/** The explorer's keyboard shortcuts (listed in ShortcutHelp), ignored while typing in a field. */
export function useShortcuts(viewRef: RefObject<ViewState>, commands: ShortcutCommands) {
  // One listener for the page's life, always running the latest commands.
  const latest = useRef(commands);
  useEffect(() => {
    latest.current = commands;
  });

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (typing(event.target)) return;
      const run = latest.current;
      const selected = viewRef.current.selected;
      const isNode = selected !== null && viewRef.current.nodes.includes(selected);
      const key = event.key;
      const command = event.ctrlKey || event.metaKey;
      if (command && key.toLowerCase() === "z") (event.shiftKey ? run.redo : run.undo)();
      else if (command && key.toLowerCase() === "y") run.redo();
      else if (command || event.altKey) return;
      else if (key === "?") run.help();
      else if (key === "/") run.focusSearch();
      else if (key === "u") run.undo();
      else if (key === "U") run.redo();
      else if (key === "f") run.fit();
      else if (key === "z") run.zoomToSelection();
      else if (key === "l") run.relayout();
      else if (key === "Escape") run.unselect();
      else if (isNode && key === "e") run.expand(selected);
      else if (isNode && key === "h") run.hide(selected);
      else if (isNode && key === "p") run.pin(selected);
      else if (isNode && (key === "Delete" || key === "Backspace")) run.remove(selected);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [viewRef]);
}
