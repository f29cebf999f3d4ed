/**
 * A labelled text input or textarea with an optional hint and error. The error is shown under
 * the field with role="alert" and wired with aria-invalid + aria-describedby.
 *
 *   <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={err} />
 *   <TextArea label="Message" rows={5} value={text} onChange={...} hint={<Counter />} />
 */
import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';

interface FieldProps {
  label: string;
  /** Shown under the label; read as the field's description. */
  hint?: ReactNode;
  error?: string | null;
  /** Hide the label visually (it stays the accessible name). */
  hideLabel?: boolean;
}

function describedBy(...ids: Array<string | false | undefined | null>): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

export function FieldMessages({ hintId, hint, errorId, error }: { hintId: string; hint?: ReactNode; errorId: string; error?: string | null }) {
  return (
    <>
      {hint !== undefined && hint !== null && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** The label, hint and error around one control, and the ids and ARIA attributes that tie them. */
function Field({
  label,
  hint,
  error,
  hideLabel,
  id,
  className,
  describedByFromCaller,
  control,
}: FieldProps & {
  id: string | undefined;
  className: string | undefined;
  describedByFromCaller: string | undefined;
  control: (aria: { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={fieldId} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      {control({
        id: fieldId,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(describedByFromCaller, hint !== undefined && hintId, error && errorId),
      })}
      <FieldMessages hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}

export interface TextFieldProps extends FieldProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> {
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, hideLabel, id, className, ...rest }: TextFieldProps) {
  return (
    <Field
      {...{ label, hint, error, hideLabel, id, className }}
      describedByFromCaller={rest['aria-describedby']}
      control={(aria) => <input {...rest} {...aria} className="input" />}
    />
  );
}

export interface TextAreaProps extends FieldProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> {
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextArea({ label, hint, error, hideLabel, id, className, ...rest }: TextAreaProps) {
  return (
    <Field
      {...{ label, hint, error, hideLabel, id, className }}
      describedByFromCaller={rest['aria-describedby']}
      control={(aria) => <textarea {...rest} {...aria} className="input textarea" />}
    />
  );
}
