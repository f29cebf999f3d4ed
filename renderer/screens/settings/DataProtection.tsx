/**
 * The "Data protection" section of the Settings screen (issue 13 "Data at rest"): whether the
 * database is encrypted and where its key is kept (security.status), and, once, the recovery
 * code an administrator must write down (security.recoveryCode, then security.recoveryCodeSaved:
 * after that it is kept nowhere). The code is shown only on request, never in a notification.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient, useQuery } from '../../app/hooks.ts';
import { Button, LoadError } from '../../ui/index.ts';

export function DataProtection() {
  const { t } = useTranslation('settings');
  const id = useId();
  const client = useClient();
  const status = useQuery('security.status', {});
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = async () => {
    setError(null);
    const outcome = await callCommand(client, 'security.recoveryCode', {});
    if (outcome.ok) setCode(outcome.result.code);
    else setError(errorWords(outcome.error));
  };
  const writtenDown = async () => {
    setError(null);
    const outcome = await callCommand(client, 'security.recoveryCodeSaved', {});
    if (!outcome.ok) {
      setError(errorWords(outcome.error));
      return;
    }
    setCode(null);
    await status.reload();
  };

  const data = status.data;
  return (
    <section className="data-protection" aria-labelledby={`${id}-title`} aria-busy={status.loading && !data ? true : undefined}>
      <h2 id={`${id}-title`}>{t('protection.title')}</h2>
      {status.error && !data ? <LoadError message={errorWords(status.error)} onRetry={() => void status.reload()} /> : null}
      {data ? <p>{data.encrypted ? t(`protection.encrypted.${data.protection ?? 'key-file'}`) : t('protection.plain')}</p> : null}
      {data?.recoveryCodePending ? (
        <div className="recovery-code" role="region" aria-label={t('protection.codeTitle')}>
          <p>{t('protection.codeWhy')}</p>
          {code === null ? (
            <Button onClick={() => void show()}>{t('protection.show')}</Button>
          ) : (
            <>
              <p className="recovery-code-value" aria-label={t('protection.codeLabel')}>
                <code>{code}</code>
              </p>
              <Button variant="primary" onClick={() => void writtenDown()}>
                {t('protection.writtenDown')}
              </Button>
            </>
          )}
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
