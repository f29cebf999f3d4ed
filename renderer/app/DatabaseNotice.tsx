/**
 * The notice after a start that set a damaged database aside (app.info's `databaseNotice`;
 * docs/ARCHITECTURE.md "The store": Damaged database): what Ujumbe did and where the damaged
 * file was kept, said once — Dismiss tells the backend, which stops sending it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button.tsx';
import { formatWhen } from '../ui/format.ts';
import { useCommand, useQuery } from './hooks.ts';
import { useCan } from '../state/session.ts';

export function DatabaseNotice() {
  const { t, i18n } = useTranslation('shell');
  const info = useQuery('app.info', {});
  const dismiss = useCommand('app.dismissDatabaseNotice');
  const [dismissed, setDismissed] = useState(false);
  // A viewer may hide it here; only a nurse or an administrator dismisses it for everyone (issue 13).
  const canDismiss = useCan('app.dismissDatabaseNotice');
  const notice = info.data?.databaseNotice;
  if (!notice || dismissed) return null;
  const when = formatWhen(notice.at, i18n.language);
  return (
    <div className="banner banner-warning" role="alert">
      <div>
        <p className="banner-title">{t('databaseNotice.title')}</p>
        <p>
          {notice.code === 'restored'
            ? t('databaseNotice.restored', { when, from: notice.restoredFrom ?? '' })
            : t('databaseNotice.startedEmpty', { when })}
        </p>
        <p>
          {t('databaseNotice.keptIn')} <code>{notice.keptIn}</code>
        </p>
      </div>
      <div className="banner-actions">
        <Button
          variant="quiet"
          onClick={() => {
            setDismissed(true);
            if (canDismiss) void dismiss.run({});
          }}
        >
          {t('common:action.dismiss')}
        </Button>
      </div>
    </div>
  );
}
