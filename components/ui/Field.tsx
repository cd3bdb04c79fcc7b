import { useId, type ReactNode } from "react";

/** What the control inside a Field must carry for the label, hint and error to reach assistive technology. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

interface FieldProps {
  label: ReactNode;
  /** Always shown under the control: what to type, a limit. */
  hint?: ReactNode;
  /** Shown when the value is refused; marks the control aria-invalid. */
  error?: string | null;
  /** Extra ids to describe the control with (a note elsewhere on the page). */
  describedBy?: string;
  /** The control, given the props that tie it to the label, hint and error. */
  children: (control: FieldControlProps) => ReactNode;
  /** The layout around label and control; `flex items-center gap-1` puts the label beside a compact control. */
  className?: string;
  /** The label's look; `sr-only` for a toolbar field whose purpose shows without words. */
  labelClassName?: string;
  /** The control's id, when something else refers to it (a test, a focus call); a generated one otherwise. */
  id?: string;
}

/**
 * A label, its control, an optional hint and an optional error, wired together: the label's htmlFor names
 * the control, the hint and the error describe it (aria-describedby), and an error marks it aria-invalid.
 *
 *   <Field label="Title" hint="Up to 120 characters" error={problem}>
 *     {(control) => <input {...control} value={title} onChange={…} />}
 *   </Field>
 */
export function Field({ label, hint, error, describedBy, children, className = "block text-sm", labelClassName = "mb-1 block font-medium", id: givenId }: FieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describers = [hint ? hintId : null, error ? errorId : null, describedBy ?? null].filter(Boolean).join(" ");
  const control: FieldControlProps = {
    id,
    ...(describers ? { "aria-describedby": describers } : {}),
    ...(error ? { "aria-invalid": true as const } : {}),
  };
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children(control)}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-gray-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
