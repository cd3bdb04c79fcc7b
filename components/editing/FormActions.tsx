"use client";

import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";

interface FormActionsProps {
  /** The server's (or the form's) message, shown above the buttons. */
  error: string | null;
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel: () => void;
  /** A button outside a form runs this; inside a form, leave it out and the button submits. */
  onConfirm?: () => void;
  disabled?: boolean;
  /** Deleting looks like it. */
  danger?: boolean;
}

/** The end of every editing form: the message if any, the main action and Cancel. */
export function FormActions({ error, busy, label, busyLabel, onCancel, onConfirm, disabled = false, danger = false }: FormActionsProps) {
  return (
    <>
      {error && (
        <Alert tone="error" plain>
          {error}
        </Alert>
      )}
      <div className="flex gap-2">
        <Button type={onConfirm ? "button" : "submit"} variant={danger ? "danger" : "primary"} onClick={onConfirm} disabled={disabled || busy}>
          {busy ? busyLabel : label}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </>
  );
}
