"use client";

import { useEffect, useRef } from "react";
import { UserText } from "@/components/ui/UserText";
import { isolate } from "@/lib/text/bidi";

export interface MenuAction {
  label: string;
  run: () => void;
}

interface ContextMenuProps {
  title: string;
  point: { x: number; y: number };
  actions: MenuAction[];
  onClose: () => void;
}

/** The menu a right-click on a node opens: keyboard-operable (arrows, Enter, Escape), closed by any outside click. */
export function ContextMenu({ title, point, actions, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener("mousedown", close);
    return () => window.removeEventListener("mousedown", close);
  }, [onClose]);

  function onKeyDown(event: React.KeyboardEvent) {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") onClose();
    else if (event.key === "ArrowDown") items[(at + 1) % items.length]?.focus();
    else if (event.key === "ArrowUp") items[(at - 1 + items.length) % items.length]?.focus();
    else return;
    event.preventDefault();
  }

  return (
    <ul
      ref={menu}
      role="menu"
      aria-label={`Actions for ${isolate(title)}`}
      onKeyDown={onKeyDown}
      style={{ left: Math.min(point.x, window.innerWidth - 220), top: Math.min(point.y, window.innerHeight - 40 * actions.length - 20) }}
      className="fixed z-50 w-52 rounded-md border border-gray-200 bg-white py-1 text-sm shadow-lg"
    >
      <li role="presentation" className="truncate px-3 py-1 text-xs font-semibold text-gray-600">
        <UserText>{title}</UserText>
      </li>
      {actions.map((action) => (
        <li key={action.label} role="presentation">
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              action.run();
              onClose();
            }}
            className="block w-full px-3 py-1.5 text-left hover:bg-gray-100 focus:bg-gray-100 focus:outline-none"
          >
            {action.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
