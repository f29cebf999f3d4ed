/**
 * A token in a list (a recipient, a group, a filter). Invalid chips are marked (aria-invalid,
 * a red outline and a "!" so colour is not the only cue) and described by their reason, which
 * is shown under the chip list by the owner via `describedById`.
 * Render inside a <ul>: the chip is an <li>.
 */
import type { ReactNode } from 'react';

export interface ChipProps {
  label: ReactNode;
  /** Extra text after the label, e.g. the address a contact resolves to. */
  detail?: ReactNode;
  invalid?: boolean;
  /** id of the element that says why the chip is invalid. */
  describedById?: string;
  /** Shows a remove button named `removeLabel`. */
  onRemove?: () => void;
  removeLabel?: string;
  title?: string;
}

export function Chip({ label, detail, invalid = false, describedById, onRemove, removeLabel, title }: ChipProps) {
  return (
    <li className={invalid ? 'chip chip-invalid' : 'chip'} aria-invalid={invalid || undefined} aria-describedby={describedById} title={title}>
      {invalid && (
        <span className="chip-mark" aria-hidden="true">
          !
        </span>
      )}
      <span className="chip-label">{label}</span>
      {detail ? <span className="chip-detail">{detail}</span> : null}
      {onRemove && (
        <button type="button" className="chip-remove" aria-label={removeLabel} onClick={onRemove}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </li>
  );
}
