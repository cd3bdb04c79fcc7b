"use client";
import Link from "next/link";
import { canFrom, useMe } from "@/lib/auth/client";
import type { Permission } from "@/lib/auth/roles";
import { AccountMenu } from "./auth/AccountMenu";

export type Section = "explorer" | "workspaces" | "queries" | "snapshots" | "data" | "datasets" | "resolution" | "changes" | "admin" | "account";

interface AppHeaderProps {
  /** Which section the page belongs to, marked for screen readers with aria-current. */
  current: Section;
  children?: React.ReactNode;
}

/** The section a page's address belongs to (a permalink /s/{id} is one of the shared links, /schema goes with the queries). */
export function sectionOf(pathname: string): Section {
  const first = pathname.split("/")[1] ?? "";
  // The schema is what saved queries can name: it belongs with them.
  const sections: Record<string, Section> = { queries: "queries", schema: "queries", workspaces: "workspaces", snapshots: "snapshots", s: "snapshots", data: "data", datasets: "datasets", resolution: "resolution", changes: "changes", admin: "admin", account: "account" };
  return sections[first] ?? "explorer";
}

/** Each section and the permissions that make it useful (any one of them): the others are not listed. */
const SECTIONS: readonly { key: Section; href: string; label: string; needs: readonly Permission[] }[] = [
  { key: "explorer", href: "/", label: "Explorer", needs: ["graph:read"] },
  { key: "workspaces", href: "/workspaces", label: "Workspaces", needs: ["workspaces:own"] },
  { key: "queries", href: "/queries", label: "Saved queries", needs: ["graph:read"] },
  { key: "snapshots", href: "/snapshots", label: "Shared links", needs: ["snapshots:list"] },
  { key: "data", href: "/data", label: "Import and export", needs: ["imports:write", "graph:read"] },
  { key: "datasets", href: "/datasets", label: "Data sets", needs: ["graph:read"] },
  { key: "resolution", href: "/resolution", label: "Duplicates", needs: ["graph:read"] },
  { key: "changes", href: "/changes", label: "Changes", needs: ["changes:read"] },
];

/**
 * The bar on every page (rendered once, by the route group's layout through AppFrame): the name, the
 * sections, whatever the page adds (the explorer's search, through HeaderExtras), the account.
 * Sections the role (or a signed-out visitor) cannot use are left out once the user is known; the page
 * itself still says why if someone opens it by its address.
 */
export function AppHeader({ current, children }: AppHeaderProps) {
  const me = useMe();
  const sections = SECTIONS.filter((section) => me === null || section.key === current || section.needs.some((permission) => canFrom(me, permission).allowed));
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-gray-200 bg-white px-3 py-2">
      <Link href="/" className="text-lg font-bold tracking-tight text-red-800">
        Redstring
      </Link>
      <nav aria-label="Sections">
        <ul className="flex flex-wrap gap-1 text-sm">
          {sections.map((section) => (
            <li key={section.key}>
              <Link
                href={section.href}
                aria-current={section.key === current ? "page" : undefined}
                className={`rounded-md px-2 py-1.5 ${
                  section.key === current ? "bg-red-50 font-medium text-red-900" : "text-gray-700 hover:bg-gray-100"
                }`}
              >
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
      <AccountMenu />
    </header>
  );
}
