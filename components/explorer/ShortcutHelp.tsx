"use client";

import { useEffect, useRef } from "react";

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: "/", what: "Search" },
  { keys: "e", what: "Expand the selected entity" },
  { keys: "h", what: "Hide the selected entity" },
  { keys: "p", what: "Pin or unpin the selected entity" },
  { keys: "Delete", what: "Remove the selected entity from the view" },
  { keys: "f", what: "Fit the graph to the screen" },
  { keys: "z", what: "Zoom to the selection" },
  { keys: "l", what: "Lay out again" },
  { keys: "Ctrl+Z / u", what: "Undo" },
  { keys: "Ctrl+Shift+Z / Ctrl+Y / Shift+U", what: "Redo" },
  { keys: "Escape", what: "Clear the selection, close a menu" },
  { keys: "?", what: "This help" },
];

/** The keyboard shortcuts, as a dialog ("?" opens it, Escape closes it). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/30 p-4" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => event.key === "Escape" && onClose()}
        className="mt-16 w-full max-w-md rounded-lg bg-white p-4 shadow-xl"
      >
        <h2 id="shortcut-help-title" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <table className="mt-2 w-full text-sm">
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.keys} className="border-t border-gray-100">
                <th scope="row" className="py-1 pr-3 text-left font-mono text-xs">
                  {shortcut.keys}
                </th>
                <td className="py-1">{shortcut.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-3 text-right">
          <button ref={close} type="button" onClick={onClose} className="rounded bg-gray-800 px-3 py-1.5 text-sm text-white">
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
