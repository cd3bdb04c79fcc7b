"use client";

const buttonClass = "rounded-md bg-red-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-900 disabled:opacity-50";
const dangerClass = "rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50";
const secondaryClass = "rounded-md border border-gray-300 px-3 py-1.5 text-sm text-gray-700 hover:bg-gray-100";

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
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type={onConfirm ? "button" : "submit"}
          onClick={onConfirm}
          disabled={disabled || busy}
          className={danger ? dangerClass : buttonClass}
        >
          {busy ? busyLabel : label}
        </button>
        <button type="button" onClick={onCancel} className={secondaryClass}>
          Cancel
        </button>
      </div>
    </>
  );
}
