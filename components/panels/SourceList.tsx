import type { SourceRef } from "@/lib/graph/types";
import { safeHttpUrl } from "@/lib/safe-url";
import { UserText, UserTextList } from "@/components/ui/UserText";

interface SourceListProps {
  sources: SourceRef[];
  quote: string | null;
  onOpenReport?: (id: string) => void;
}

/** The reports behind a relationship, and the quote that supports it. */
export function SourceList({ sources, quote, onOpenReport }: SourceListProps) {
  return (
    <div className="mt-1 space-y-1 text-xs">
      {quote && (
        <blockquote className="border-l-2 border-red-700/60 pl-2 italic text-gray-700">
          “<UserText>{quote}</UserText>”
        </blockquote>
      )}
      <ul aria-label="Sources" className="space-y-0.5">
        {sources.map((source) => {
          const href = safeHttpUrl(source.url);
          const meta = [source.publisher, source.publishedAt].filter((part): part is string => Boolean(part));
          return (
            <li key={source.id} className="text-gray-600">
              <span className="font-medium text-gray-500">Source: </span>
              {onOpenReport ? (
                <button type="button" onClick={() => onOpenReport(source.id)} className="text-left text-red-800 underline decoration-dotted hover:decoration-solid">
                  <UserText>{source.name}</UserText>
                </button>
              ) : (
                <UserText>{source.name}</UserText>
              )}
              {meta.length > 0 && (
                <span>
                  {" "}
                  (<UserTextList items={meta} />)
                </span>
              )}
              {href && (
                <>
                  {" "}
                  <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-red-800 underline">
                    open link
                  </a>
                </>
              )}
            </li>
          );
        })}
        {sources.length === 0 && <li className="text-amber-700">No source recorded.</li>}
      </ul>
    </div>
  );
}
