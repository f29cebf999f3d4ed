/**
 * The technician's list of received messages the codec could not read (gateways.unreadable):
 * kept in the database and taken off the SIM so it never fills with them (issue 10 item 1).
 * The raw hex holds the sender's number and the text, so it stays hidden until a person asks,
 * as in the AT traffic view (TrafficLog.tsx).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnreadablePduDto, UnreadablePdusDto } from '../../../src-shared/contract/dto.ts';
import { useClient } from '../../app/hooks.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { Button } from '../../ui/index.ts';
import { formatWhen } from '../../ui/format.ts';

export function UnreadableMessages({ gatewayId }: { gatewayId: string }) {
  const { t, i18n } = useTranslation('gateways');
  const client = useClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reveal, setReveal] = useState(false);
  const [items, setItems] = useState<UnreadablePduDto[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** The first page again (`before` null), or the next older one. */
  const load = async (show: boolean, before: number | null) => {
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.unreadable', { gatewayId, reveal: show, limit: 50, ...(before === null ? {} : { before }) });
    setBusy(false);
    if (!outcome.ok) {
      setError(t('unreadable.loadFailed', { message: errorWords(outcome.error) }));
      return;
    }
    const page: UnreadablePdusDto = outcome.result;
    setItems((old) => (before === null || old === null ? page.items : [...old, ...page.items]));
    setNextBefore(page.nextBefore);
  };

  if (!open) {
    return (
      <div className="button-row">
        <Button
          variant="quiet"
          onClick={() => {
            setOpen(true);
            void load(reveal, null);
          }}
        >
          {t('unreadable.show')}
        </Button>
      </div>
    );
  }

  return (
    <section className="traffic-log" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('unreadable.title')}</h3>
      <p className="traffic-log__note">{t('unreadable.note')}</p>
      <div className="button-row">
        <Button
          aria-pressed={reveal}
          onClick={() => {
            const next = !reveal;
            setReveal(next);
            void load(next, null);
          }}
        >
          {t('unreadable.reveal')}
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          {t('unreadable.hide')}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {items && items.length === 0 ? <p>{t('unreadable.empty')}</p> : null}
      {items && items.length > 0 ? (
        <ul className="unreadable-list" aria-label={t('unreadable.title')}>
          {items.map((p) => (
            <li key={p.id}>
              <dl>
                <div>
                  <dt>{t('unreadable.received')}</dt>
                  <dd>{formatWhen(p.receivedAt, i18n.language)}</dd>
                </div>
                <div>
                  <dt>{t('unreadable.where')}</dt>
                  <dd>
                    {p.storage !== null && p.simIndex !== null
                      ? t('unreadable.whereValue', { storage: p.storage, index: p.simIndex, via: p.via })
                      : t('unreadable.whereDirect', { via: p.via })}
                  </dd>
                </div>
                <div>
                  {/* The decoder's words name a TS 23.040 field, for a technician: not translated. */}
                  <dt>{t('unreadable.reason')}</dt>
                  <dd lang="en">{p.reason}</dd>
                </div>
                <div>
                  <dt>{t('unreadable.raw')}</dt>
                  <dd className="traffic-log__line">{p.hex ?? t('unreadable.rawHidden', { count: p.hexLength })}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      ) : null}
      {nextBefore !== null ? (
        <div className="button-row">
          <Button busy={busy} onClick={() => void load(reveal, nextBefore)}>
            {t('unreadable.more')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
