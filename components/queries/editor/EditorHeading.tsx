import Link from "next/link";
import { UserText } from "@/components/ui/UserText";
import type { Loaded } from "@/lib/queries/editor-state";

interface EditorHeadingProps {
  isNew: boolean;
  title: string;
  loaded: Loaded | null;
  dirty: boolean;
  /** Offered on an older version when the role may restore (queries:write). */
  canRestore: boolean;
  busy: boolean;
  onOpenLatest: () => void;
  onRestore: (version: number) => void;
}

/** The breadcrumb, the title, which version is open, and the way back from an older one. */
export function EditorHeading({ isNew, title, loaded, dirty, canRestore, busy, onOpenLatest, onRestore }: EditorHeadingProps) {
  const olderVersion = loaded !== null && loaded.viewing !== loaded.query.version;
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/queries" className="text-red-900 underline">
          Saved queries
        </Link>
      </nav>
      <h1 className="mt-1 text-xl font-semibold">{isNew ? "New query" : <UserText>{title}</UserText>}</h1>
      {loaded && (
        <p className="text-xs text-gray-600">
          Version {loaded.viewing} of {loaded.query.version}
          {dirty && " · unsaved changes"}
          {loaded.query.deletedAt && " · in the bin"}
        </p>
      )}
      {olderVersion && (
        <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          You are looking at version {loaded.viewing}; the latest is version {loaded.query.version}.{" "}
          <button type="button" className="underline" onClick={onOpenLatest}>
            Open the latest
          </button>{" "}
          {canRestore && (
            <button type="button" className="underline" onClick={() => onRestore(loaded.viewing)} disabled={busy}>
              Restore this version
            </button>
          )}
        </p>
      )}
    </>
  );
}
