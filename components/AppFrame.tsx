"use client";

import { usePathname } from "next/navigation";
import { createContext, useContext, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { AppHeader, sectionOf } from "./AppHeader";

/** Where a page's own header controls go; undefined outside an AppFrame. */
const ExtrasSlot = createContext<HTMLElement | null | undefined>(undefined);

/**
 * The frame of every page in the app's route group (app/(app)/layout.tsx): the header, its section taken
 * from the address, over the page. Pages that fill the screen (the explorer, a permalink) mark their root
 * with `data-fills-screen`; the frame is then exactly the screen's height and the page takes what the
 * header leaves. Other pages grow and the window scrolls, as before.
 */
export function AppFrame({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  return (
    <ExtrasSlot.Provider value={slot}>
      <div className="flex min-h-dvh flex-col has-[[data-fills-screen]]:h-dvh">
        <AppHeader current={sectionOf(pathname)}>
          {/* display: contents, so what a page puts here sits in the header's own row */}
          <div ref={setSlot} className="contents" />
        </AppHeader>
        {children}
      </div>
    </ExtrasSlot.Provider>
  );
}

/**
 * A page's additions to the header (the explorer's heading, search and "New entity"), drawn into the
 * header's slot while staying in the page's React tree (its state, its events). Outside an AppFrame (a
 * component test of the page alone) they are drawn in place.
 */
export function HeaderExtras({ children }: { children: ReactNode }) {
  const slot = useContext(ExtrasSlot);
  if (slot === undefined) return <>{children}</>;
  return slot ? createPortal(children, slot) : null;
}
