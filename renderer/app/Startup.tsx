/** What the window shows before the backend answers: connecting, or why it cannot connect. */
import { useSyncExternalStore } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../host/connect.ts';
import { ConnectionWords } from './ConnectionWords.tsx';

export function Startup({ connection, error }: { connection: ConnectionStatus; error: string | null }) {
  const { t } = useTranslation('shell');
  const state = useSyncExternalStore(connection.subscribe, connection.getState);
  return (
    <main className="startup" id="main">
      <h1>{t('appName')}</h1>
      <p className={`connection connection-${state}`} role="status">
        <span className="connection-dot" aria-hidden="true" />
        <ConnectionWords state={state} />
      </p>
      {error && state !== 'unauthorised' && (
        <p className="form-error" role="alert">
          {t('connection.failed', { message: error })}
        </p>
      )}
      {/* The host's own sentence is English (host/connect.ts): the page words it itself. */}
      {error && state === 'unauthorised' && (
        <p className="startup-detail">
          <Trans t={t} i18nKey="connection.unauthorisedDetail" components={{ code: <code /> }} />
        </p>
      )}
    </main>
  );
}
