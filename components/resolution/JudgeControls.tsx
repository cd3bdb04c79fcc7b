"use client";

import type { Can } from "@/lib/auth/client";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { Button } from "@/components/ui/Button";
import { QUEUE_KEYS, type QueueAction } from "./queue";

/** A key as printed on screen: the arrow as its symbol. */
const keyText = (key: string) => (key === "ArrowRight" ? "→" : key);

/**
 * The four actions on a pair, each a button with its key shown. Judging needs the editor's permission;
 * without it the judgement buttons are disabled and say why (skip stays: reading the queue is allowed).
 */
export function JudgeControls({ can, busy, onAction }: { can: Can; busy: boolean; onAction: (action: QueueAction) => void }) {
  const reasonId = "judge-needs-permission";
  return (
    <div className="space-y-1">
      <div role="group" aria-label="Judge this pair" className="flex flex-wrap gap-2">
        {QUEUE_KEYS.map((entry) => {
          const judging = entry.action !== "skip";
          const disabled = busy || (judging && !can.allowed);
          return (
            <Button
              key={entry.action}
              variant={entry.action === "same" ? "primary" : "secondary"}
              disabled={disabled}
              aria-keyshortcuts={entry.keys.join(" ")}
              aria-describedby={judging && !can.allowed ? reasonId : undefined}
              onClick={() => onAction(entry.action)}
            >
              {entry.label}{" "}
              {entry.keys.map((key) => (
                <kbd key={key} aria-hidden="true" className="ml-1 rounded border border-current px-1 font-mono text-xs opacity-80">
                  {keyText(key)}
                </kbd>
              ))}
            </Button>
          );
        })}
      </div>
      <p className="text-xs text-gray-600">
        Keys: <kbd>s</kbd> same, <kbd>d</kbd> not the same, <kbd>u</kbd> unsure, <kbd>n</kbd> or <kbd>→</kbd> skip.
      </p>
      <NeedsPermission can={can} id={reasonId} />
    </div>
  );
}
