import Link from "next/link";
import { AccountMenu } from "./auth/AccountMenu";

interface AppHeaderProps {
  /** Which section the page belongs to, marked for screen readers with aria-current. */
  current: "explorer" | "queries" | "snapshots" | "data" | "admin" | "account";
  children?: React.ReactNode;
}

const SECTIONS = [
  { key: "explorer", href: "/", label: "Explorer" },
  { key: "queries", href: "/queries", label: "Saved queries" },
  { key: "snapshots", href: "/snapshots", label: "Shared links" },
  { key: "data", href: "/data", label: "Import and export" },
] as const;

/** The bar on every page: the name, the sections, whatever the page adds (the explorer's search), the account. */
export function AppHeader({ current, children }: AppHeaderProps) {
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-gray-200 bg-white px-3 py-2">
      <Link href="/" className="text-lg font-bold tracking-tight text-red-800">
        Redstring
      </Link>
      <nav aria-label="Sections">
        <ul className="flex gap-1 text-sm">
          {SECTIONS.map((section) => (
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
