"use client";

import { useEffect, useId, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from "react";
import { buttonClass, type ButtonSize, type ButtonVariant } from "./Button";
import { returnFocus } from "./focusable";

export interface MenuItem {
  label: string;
  onSelect: () => void;
}

interface MenuListProps {
  /** Names the menu for screen readers (aria-label). */
  label: string;
  items: readonly MenuItem[];
  /** Asked to close: after a choice, on Escape, on Tab, on a click outside. */
  onClose: () => void;
  /** A line above the items that is not one of them (the context menu's entity name). */
  heading?: ReactNode;
  /** Which item takes focus when the menu opens. */
  focusFirst?: "first" | "last";
  id?: string;
  /** The element that opened the menu, so a click on it is not counted as "outside" (it toggles instead). */
  anchor?: RefObject<HTMLElement | null>;
  style?: CSSProperties;
  className?: string;
}

/**
 * The popup of the WAI-ARIA menu pattern: role="menu" with role="menuitem" buttons. Focus moves to an item
 * when it opens; ArrowDown/ArrowUp move between items (wrapping), Home/End go to the ends, Enter or Space
 * chooses, Escape closes and gives focus back to what had it before, Tab closes and lets focus move on.
 * Used on its own where no button opens it (the graph's right-click menu), and by MenuButton.
 */
export function MenuList({ label, items, onClose, heading, focusFirst = "first", id, anchor, style, className = "" }: MenuListProps) {
  const menu = useRef<HTMLUListElement>(null);
  // Who had focus before the menu opened, for Escape and for a choice that leaves focus nowhere.
  const opener = useRef<Element | null>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    opener.current = document.activeElement;
    const entries = menuItems(menu.current);
    (focusFirst === "last" ? entries[entries.length - 1] : entries[0])?.focus();
    const outside = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !anchor?.current?.contains(target)) close.current();
    };
    window.addEventListener("mousedown", outside);
    return () => window.removeEventListener("mousedown", outside);
  }, [focusFirst, anchor]);

  function choose(item: MenuItem) {
    item.onSelect();
    // A choice that moved focus somewhere (a form that opened) keeps it; otherwise focus goes back.
    if (menu.current?.contains(document.activeElement) || document.activeElement === document.body) returnFocus(opener.current);
    close.current();
  }

  function onKeyDown(event: React.KeyboardEvent) {
    const entries = menuItems(menu.current);
    const at = entries.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") {
      returnFocus(opener.current);
      close.current();
    } else if (event.key === "Tab") {
      close.current();
      return; // focus moves on as Tab would
    } else if (event.key === "ArrowDown") entries[(at + 1) % entries.length]?.focus();
    else if (event.key === "ArrowUp") entries[(at - 1 + entries.length) % entries.length]?.focus();
    else if (event.key === "Home") entries[0]?.focus();
    else if (event.key === "End") entries[entries.length - 1]?.focus();
    else return;
    // Not stopped: the page's own shortcuts still see the key, as they did before the shared menu (the
    // explorer's Escape also clears the selection; it has no arrow, Home or End shortcuts).
    event.preventDefault();
  }

  return (
    <ul ref={menu} id={id} role="menu" aria-label={label} onKeyDown={onKeyDown} style={style} className={`w-52 rounded-md border border-gray-200 bg-white py-1 text-sm shadow-lg ${className}`}>
      {heading && (
        <li role="presentation" className="truncate px-3 py-1 text-xs font-semibold text-gray-600">
          {heading}
        </li>
      )}
      {items.map((item) => (
        <li key={item.label} role="presentation">
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => choose(item)}
            className="block w-full px-3 py-1.5 text-left hover:bg-gray-100 focus:bg-gray-100 focus:outline-none"
          >
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  );
}

function menuItems(menu: HTMLElement | null): HTMLButtonElement[] {
  return [...(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
}

interface MenuButtonProps {
  /** The button's text. */
  children: ReactNode;
  /** Names the menu ("Export as"). */
  menuLabel: string;
  items: readonly MenuItem[];
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  /** Which side of the button the menu lines up with. */
  align?: "left" | "right";
}

/**
 * A button that opens a menu (the WAI-ARIA menu button): aria-haspopup="menu" and aria-expanded on the
 * button; Enter, Space or a click opens it with focus on the first item, ArrowDown opens it on the first
 * and ArrowUp on the last; the menu gives focus back to the button when it closes by Escape or a choice.
 */
export function MenuButton({ children, menuLabel, items, variant = "secondary", size = "md", className, align = "right" }: MenuButtonProps) {
  const [open, setOpen] = useState<false | "first" | "last">(false);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(open ? false : "first")}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(event.key === "ArrowDown" ? "first" : "last");
          }
        }}
        className={buttonClass({ variant, size, className })}
      >
        {children}
      </button>
      {open && (
        <MenuList
          id={menuId}
          label={menuLabel}
          items={items}
          focusFirst={open}
          anchor={button}
          onClose={() => setOpen(false)}
          className={`absolute z-30 mt-1 ${align === "right" ? "right-0" : "left-0"}`}
        />
      )}
    </div>
  );
}
