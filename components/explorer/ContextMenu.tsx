"use client";

import { MenuList } from "@/components/ui/Menu";
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

/** The menu a right-click on a node opens, where the pointer is: the shared menu (arrows, Enter, Escape), closed by any outside click. */
export function ContextMenu({ title, point, actions, onClose }: ContextMenuProps) {
  return (
    <MenuList
      label={`Actions for ${isolate(title)}`}
      heading={<UserText>{title}</UserText>}
      items={actions.map((action) => ({ label: action.label, onSelect: action.run }))}
      onClose={onClose}
      style={{ left: Math.min(point.x, window.innerWidth - 220), top: Math.min(point.y, window.innerHeight - 40 * actions.length - 20) }}
      className="fixed z-50"
    />
  );
}
