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

export interface TextFieldProps extends FieldProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> {
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, hideLabel, id, className, ...rest }: TextFieldProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={fieldId} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      <input
        {...rest}
        id={fieldId}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(rest['aria-describedby'], hint !== undefined && hintId, error && errorId)}
      />
      <FieldMessages hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}

export interface TextAreaProps extends FieldProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> {
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextArea({ label, hint, error, hideLabel, id, className, ...rest }: TextAreaProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={fieldId} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      <textarea
        {...rest}
        id={fieldId}
        className="input textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(rest['aria-describedby'], hint !== undefined && hintId, error && errorId)}
      />
      <FieldMessages hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}
