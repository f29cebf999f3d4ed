/**
 * Signal strength as a phone draws it: five bars of rising height, the filled ones in colour,
 * with "−73 dBm" beside them. The picture is one image named "Signal 4 of 5" for screen readers.
 */
import { useTranslation } from 'react-i18next';

export const MAX_BARS = 5;

/** "−73 dBm" with a real minus sign (U+2212), as printed signal readings use. */
export function formatDbm(dBm: number): string {
  return `${dBm < 0 ? '\u2212' : ''}${Math.abs(Math.round(dBm))} dBm`;
}

export function SignalBars({ bars, dBm }: { bars: number | null; dBm: number | null }) {
  const { t } = useTranslation('gateways');
  if (bars === null) return <span className="signal signal--unknown">{t('signal.unknown')}</span>;
  const level = Math.max(0, Math.min(MAX_BARS, Math.round(bars)));
  return (
    <span className="signal">
      <span role="img" aria-label={t('signal.label', { bars: level, max: MAX_BARS })} className="signal-bars" style={{ display: 'inline-flex', alignItems: 'flex-end', gap: 2, height: 16 }}>
        {Array.from({ length: MAX_BARS }, (_, i) => (
          <span
            key={i}
            aria-hidden="true"
            className={i < level ? 'signal-bar signal-bar--on' : 'signal-bar'}
            style={{ display: 'inline-block', width: 4, height: `${((i + 1) / MAX_BARS) * 100}%`, background: i < level ? 'currentColor' : 'transparent', border: '1px solid currentColor', opacity: i < level ? 1 : 0.4 }}
          />
        ))}
      </span>{' '}
      {dBm !== null ? <span className="signal-dbm">{formatDbm(dBm)}</span> : null}
    </span>
  );
}
