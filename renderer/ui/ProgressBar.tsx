/**
 * A labelled progress bar (role="progressbar" with aria-valuenow/max) whose label is also
 * visible, e.g. "Sent 120 of 500".
 */
export interface ProgressBarProps {
  value: number;
  max: number;
  /** Visible text and accessible name. */
  label: string;
  tone?: 'normal' | 'warning';
}

export function ProgressBar({ value, max, label, tone = 'normal' }: ProgressBarProps) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div className="progress">
      <div className="progress-label">{label}</div>
      <div className={`progress-track progress-${tone}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
