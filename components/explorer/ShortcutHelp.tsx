"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";

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

/** The keyboard shortcuts, as a dialog ("?" opens it, Escape closes it), focus on its Close button. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} initialFocus={close} width="max-w-md">
      <table className="w-full text-sm">
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
      <div className="text-right">
        <Button ref={close} variant="dark" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
